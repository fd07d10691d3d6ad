from __future__ import annotations

import re

import pytest

from eventwire.batch import read_output
from eventwire.cli import main


def test_missing_input_is_reported_with_exit_status_2(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "none"), str(tmp_path / "out")]) == 2
    assert "no such file, folder or glob match" in capsys.readouterr().err


def test_foreign_output_folder_is_refused(tmp_path, capsys, jsonl_writer, news):
    jsonl_writer(tmp_path / "in" / "a.jsonl", news("a"))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    assert main(["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--quiet"]) == 2
    assert "not eventwire batch output" in capsys.readouterr().err
    assert (tmp_path / "out" / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("bad", ["0", "-2", "two"])
def test_workers_must_be_a_positive_number(tmp_path, capsys, bad):
    with pytest.raises(SystemExit):
        main(["batch", str(tmp_path), str(tmp_path / "out"), "--workers", bad])
    assert "not a positive whole number" in capsys.readouterr().err


@pytest.mark.slow
def test_batch_command_codes_then_resumes(tmp_path, capsys, jsonl_writer, news):
    jsonl_writer(tmp_path / "in" / "a.jsonl", news("a", 2))
    jsonl_writer(tmp_path / "in" / "b.jsonl", [*news("b", 2), "not json"])
    args = ["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "2", "--quiet"]

    assert main(args) == 0
    first = capsys.readouterr().err
    assert "2 input files (2 coded, 0 done before, 0 failed) with 2 workers" in first
    assert "skipped b.jsonl:3: bad JSON" in first
    events = read_output(tmp_path / "out").num_rows
    assert events > 0

    assert main(args) == 0
    assert "(0 coded, 2 done before, 0 failed)" in capsys.readouterr().err
    assert read_output(tmp_path / "out").num_rows == events


@pytest.mark.slow
def test_batch_command_on_spark_and_its_existing_output_error(tmp_path, capsys, jsonl_writer, news):
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")
    jsonl_writer(tmp_path / "in" / "a.jsonl", news("a", 3))
    args = ["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--engine", "spark", "--workers", "2",
            "--no-jvm-archive"]
    try:
        assert main(args) == 0
        assert re.search(r"spark: \d+ partitions in .*: 3 articles, \d+ events", capsys.readouterr().err)
        assert read_output(tmp_path / "out").num_rows > 0

        assert main(args) == 2
        assert "pass --overwrite" in capsys.readouterr().err
        assert main([*args, "--overwrite"]) == 0
    finally:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()
