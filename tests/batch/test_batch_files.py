"""The local engine's per-file work (parts, markers, leftovers) with a stand-in coder: no spaCy needed."""

from __future__ import annotations

import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from eventwire.batch import MENTION_SCHEMA, NULL_PARTITION, PART_SCHEMA, read_output
from eventwire.batch import local as batch_local
from eventwire.batch.inputs import discover_inputs
from eventwire.batch.local import FileTask, OutputError, code_file, is_done, prepare_output


def _task(tmp_path, source, out="out"):
    output = str(tmp_path / out)
    prepare_output(output)
    return FileTask(source=source, output=output)


def test_one_file_becomes_month_parts_and_a_marker(tmp_path, jsonl_writer, news, fake_coder):
    (source,) = discover_inputs(jsonl_writer(tmp_path / "in" / "jan.jsonl", news("n")))
    task = _task(tmp_path, source)

    result = code_file(task, fake_coder)

    assert result.status == "coded"
    assert result.parts == ["event_month=2019-01/part-jan.parquet", "event_month=2019-02/part-jan.parquet",
                            "event_month=2019-03/part-jan.parquet"]
    assert result.stats.articles == 4 and result.stats.events == 8 and result.stats.bad == 0
    assert result.max_rss_mb > 0 and result.pid == os.getpid()
    part = pq.read_table(tmp_path / "out" / result.parts[0])
    assert part.schema == PART_SCHEMA  # the partition key lives in the folder name, as in Spark output
    table = read_output(tmp_path / "out")
    assert table.schema == MENTION_SCHEMA
    assert table.num_rows == 8
    assert sorted(set(table.column("event_month").to_pylist())) == ["2019-01", "2019-02", "2019-03"]
    assert is_done(task.output, source)
    assert not [p for p in (tmp_path / "out").rglob("*.tmp")]


def test_events_without_any_date_go_to_the_null_partition(tmp_path, jsonl_writer, news, fake_coder):
    record = {**news("u", 1)[0], "published": None}
    (source,) = discover_inputs(jsonl_writer(tmp_path / "in" / "u.jsonl", [record]))

    result = code_file(_task(tmp_path, source), fake_coder)

    assert result.parts == [f"event_month={NULL_PARTITION}/part-u.parquet"]
    assert read_output(tmp_path / "out").column("event_month").to_pylist() == [None, None]


def test_bad_lines_and_coder_failures_are_reported_and_neighbours_kept(tmp_path, jsonl_writer, news,
                                                                        fake_coder):
    good = news("g", 3)
    boom = {**good[1], "id": "boom", "text": good[1]["text"] + " BOOM."}
    spanish = {"id": "es", "text": "El presidente de la república dijo hoy que el gobierno no negociará "
                                   "nunca con los rebeldes del sur del país."}
    (source,) = discover_inputs(jsonl_writer(tmp_path / "in" / "m.jsonl",
                                             [good[0], "{oops", boom, spanish, good[2]]))

    result = code_file(_task(tmp_path, source), fake_coder)

    stats = result.stats
    assert (stats.articles, stats.skipped, stats.bad) == (4, 1, 2)
    assert stats.problems[0].startswith("m.jsonl:2: bad JSON")
    assert stats.problems[1] == "m.jsonl:3: coder failed on article 'boom': RuntimeError: the coder broke"
    assert set(read_output(tmp_path / "out").column("article_id").to_pylist()) == {"g-0", "g-2"}


def test_rerun_replaces_leftovers_of_an_interrupted_run(tmp_path, jsonl_writer, news, fake_coder):
    (source,) = discover_inputs(jsonl_writer(tmp_path / "in" / "jan.jsonl", news("n")))
    task = _task(tmp_path, source)
    stale_dir = tmp_path / "out" / "event_month=2018-12"
    stale_dir.mkdir(parents=True)
    (stale_dir / ".part-jan.parquet.999.tmp").write_bytes(b"half a file")
    (stale_dir / "part-jan.parquet").write_bytes(b"renamed before the crash, no marker")

    assert not is_done(task.output, source)
    code_file(task, fake_coder)

    assert list(stale_dir.iterdir()) == []
    assert read_output(tmp_path / "out").num_rows == 8


def test_done_marker_is_invalid_when_the_input_changes_or_a_part_is_gone(tmp_path, jsonl_writer, news,
                                                                         fake_coder):
    path = jsonl_writer(tmp_path / "in" / "jan.jsonl", news("n"))
    (source,) = discover_inputs(path)
    task = _task(tmp_path, source)
    result = code_file(task, fake_coder)
    assert is_done(task.output, source)

    (tmp_path / "out" / result.parts[-1]).unlink()
    assert not is_done(task.output, source)
    code_file(task, fake_coder)
    assert is_done(task.output, source)

    with open(path, "a", encoding="utf-8") as more:
        more.write("\n")
    assert not is_done(task.output, source)


def test_large_files_are_written_in_row_groups(tmp_path, jsonl_writer, news, fake_coder, monkeypatch):
    monkeypatch.setattr(batch_local, "FLUSH_ROWS", 3)
    (source,) = discover_inputs(jsonl_writer(tmp_path / "in" / "big.jsonl", news("b", 12)))

    result = code_file(_task(tmp_path, source), fake_coder)

    jan = pq.ParquetFile(tmp_path / "out" / result.parts[0])
    assert jan.metadata.num_rows == 12 and jan.metadata.num_row_groups > 1
    assert read_output(tmp_path / "out").num_rows == 24


def test_a_failing_file_leaves_no_partial_parts(tmp_path, jsonl_writer, news, fake_coder, monkeypatch):
    monkeypatch.setattr(batch_local, "FLUSH_ROWS", 1)
    (source,) = discover_inputs(jsonl_writer(tmp_path / "in" / "f.jsonl", news("f")))
    task = _task(tmp_path, source)

    original = batch_local.event_rows

    def broken_rows(article, events):
        if article.id == "f-2":
            raise OSError("disk full")
        return original(article, events)

    monkeypatch.setattr(batch_local, "event_rows", broken_rows)
    with pytest.raises(OSError, match="disk full"):
        code_file(task, fake_coder)

    assert [p for p in (tmp_path / "out").rglob("*.parquet*")] == []
    assert not is_done(task.output, source)


def test_output_folder_checks(tmp_path):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    with pytest.raises(OutputError, match="not eventwire batch output"):
        prepare_output(str(foreign), overwrite=True)
    assert (foreign / "thesis.docx").exists()

    ours = tmp_path / "ours"
    prepare_output(str(ours))
    (ours / "_eventwire").mkdir()
    (ours / "event_month=2019-01").mkdir()
    prepare_output(str(ours), overwrite=True)
    assert list(ours.iterdir()) == []

    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        prepare_output(str(tmp_path / "file"))


def _run_python(script: str) -> str:
    """Run a script in a fresh Python process, as a worker is; its stdout."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow
def test_a_worker_ends_without_pythons_teardown():
    # _init_worker loads the real coder, then registers the quick exit: what was registered before it (here a
    # print standing for Python's own shutdown work) must not run, and the status must still be 0.
    out = _run_python("import atexit\n"
                      "atexit.register(print, 'teardown ran')\n"
                      "from eventwire.batch.local import _init_worker\n"
                      "_init_worker()\n"
                      "print('coded', flush=True)\n")
    assert out.split() == ["coded"]


@pytest.mark.slow
def test_a_workers_coder_is_built_once_and_frozen_out_of_the_collectors_reach():
    # In a fresh process, as in a worker: after the first worker_coder() the objects it built are in the
    # permanent generation (gc.get_freeze_count); the second call returns the same coder and freezes nothing
    # more (what a later task allocates stays collectable).
    out = _run_python("import gc\n"
                      "from eventwire.batch import worker_coder\n"
                      "first = worker_coder()\n"
                      "frozen = gc.get_freeze_count()\n"
                      "garbage = [[] for _ in range(1000)]\n"
                      "again = worker_coder()\n"
                      "print(frozen, gc.get_freeze_count(), again is first)\n")
    frozen, frozen_after, same = out.split()
    assert int(frozen) > 100_000  # the model's and the tables' objects
    assert frozen_after == frozen and same == "True"
