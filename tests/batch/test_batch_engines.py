"""End to end: both engines on real articles with the real coder give exactly the events of
Coder.code_articles on the same input, in the same columns."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.batch import MENTION_SCHEMA, PART_SCHEMA, local_fs, read_output
from eventwire.batch.inputs import discover_inputs, iter_articles
from eventwire.batch.local import STATE_DIR, run_local
from eventwire.io.validate import article_problem

KEY = ("article_id", "sentence_start", "trigger_start", "cameo", "source_code", "target_code")
SAMPLE_ARTICLES = 9


def _keys(table) -> set[tuple]:
    return {tuple(row.values()) for row in table.select(list(KEY)).to_pylist()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The first articles of the bundled sample in three JSONL files, one of them with a bad line."""
    sample = resources.files("eventwire") / "data" / "sample" / "news.jsonl"
    lines = [line for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(3):
        chunk = lines[i * 3:(i + 1) * 3][: SAMPLE_ARTICLES // 3]
        if i == 1:
            chunk.insert(1, '{"id": "broken", "text": ')
        (folder / f"day-{i}.jsonl").write_text("\n".join(chunk) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def expected(corpus, model_coder) -> set[tuple]:
    articles = [a for s in discover_inputs(corpus) for _, a in iter_articles(s, lambda *_: None)]
    assert len(articles) == SAMPLE_ARTICLES
    keys = set()
    for _, events in model_coder.code_articles([a for a in articles if article_problem(a) is None]):
        keys.update((e.article_id, e.sentence_start, e.trigger_start, e.cameo, e.source.code,
                     e.target.code if e.target else None) for e in events)
    assert keys, "the sample should give events"
    return keys


@pytest.fixture(scope="module")
def local_output(corpus, tmp_path_factory):
    output = tmp_path_factory.mktemp("local") / "out"
    handed_out: list[str] = []
    report = run_local(corpus, output, workers=2, on_result=lambda r: handed_out.append(Path(r.source.path).name))
    return output, report, handed_out


@pytest.mark.slow
def test_local_engine_gives_the_events_of_code_articles(local_output, expected):
    output, report, handed_out = local_output
    assert report.ok and report.workers == 2
    assert [r.status for r in report.results] == ["coded"] * 3
    # files go to the workers largest first; the report keeps the input order
    sizes = {p.name: p.stat().st_size for p in Path(report.results[0].source.path).parent.iterdir()}
    assert handed_out == sorted(sorted(sizes), key=lambda name: -sizes[name])
    assert [Path(r.source.path).name for r in report.results] == sorted(sizes)
    assert len(report.peak_rss_mb()) == 2 and all(0 < mb < 600 for mb in report.peak_rss_mb().values())
    totals = report.totals
    assert totals.articles == SAMPLE_ARTICLES and totals.bad == 1
    assert totals.problems[0].startswith("day-1.jsonl:2: bad JSON")
    table = read_output(output)
    assert table.schema == MENTION_SCHEMA
    assert _keys(table) == expected and table.num_rows == totals.events
    assert (output / "_SUCCESS").exists()


@pytest.mark.slow
def test_local_rerun_skips_finished_files_and_redoes_an_interrupted_one(corpus, local_output, expected,
                                                                         tmp_path):
    finished, _, _ = local_output
    output = tmp_path / "out"
    shutil.copytree(finished, output)
    # Simulate a crash while day-1 was being written: its marker never got there, a temp file did.
    (output / STATE_DIR / "done" / "day-1.json").unlink()
    (output / "_SUCCESS").unlink()
    month = next(output.glob("event_month=*"))
    (month / ".part-day-1.parquet.12345.tmp").write_bytes(b"partial")

    report = run_local(corpus, output, workers=2)

    assert [r.status for r in report.results] == ["done", "coded", "done"]
    assert not list(output.rglob("*.tmp"))
    assert _keys(read_output(output)) == expected


@pytest.mark.slow
def test_spark_engine_gives_the_same_events_and_columns(corpus, expected, local_output, tmp_path):
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")
    from eventwire.batch.spark import _jvm_cache, run_spark, spark_session

    session = spark_session("local[2]", use_jvm_archive=False)
    try:
        file_system = session.conf.get("spark.hadoop.fs.file.impl", None)
        report = run_spark(str(corpus), str(tmp_path / "spark"), spark=session)
    finally:
        session.stop()

    assert report.jvm_archive is None
    if local_fs.helper_jar(*_jvm_cache(None)) is not None:  # with a JDK, as in CI: written through the helper
        assert file_system == local_fs.FILE_SYSTEM_CLASS
    assert report.stats.bad == 1 and "day-1.jsonl" in report.stats.problems[0]
    assert report.stats.articles == SAMPLE_ARTICLES
    assert len(report.peak_rss_mb) >= 1 and all(0 < mb < 600 for mb in report.peak_rss_mb.values())
    table = read_output(tmp_path / "spark")
    assert table.schema == MENTION_SCHEMA
    assert _keys(table) == expected and report.stats.events == table.num_rows
    local = read_output(local_output[0])
    by_id = lambda rows: sorted(rows, key=lambda r: r["id"])  # noqa: E731
    assert by_id(table.to_pylist()) == by_id(local.to_pylist())
    for part in (tmp_path / "spark").rglob("part-*.parquet"):
        assert pq.read_schema(part).remove_metadata() == PART_SCHEMA
