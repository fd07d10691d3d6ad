"""`eventwire export`: formats from the extension, layouts, filters, and clear errors."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from test_events_command import build_store

from eventwire.cli import main


@pytest.fixture
def store_path(tmp_path):
    return build_store(tmp_path / "events.duckdb")


def test_parquet_gdelt_export(store_path, tmp_path, capsys):
    out = tmp_path / "events.parquet"
    args = ["export", "--format", "parquet", "--layout", "gdelt", "--db", str(store_path), str(out)]
    assert main(args) == 0
    assert "wrote 3 events (gdelt, parquet)" in capsys.readouterr().out
    rows = pq.read_table(out).to_pylist()
    shelling = next(r for r in rows if r["EventCode"] == "190")
    assert (shelling["Actor1Code"], shelling["Actor2CountryCode"], shelling["SQLDATE"]) == ("RUSMIL", "UKR",
                                                                                          20240210)
    assert (shelling["NumMentions"], shelling["NumSources"], shelling["NumArticles"]) == (2, 2, 2)
    assert shelling["ActionGeo_CountryCode"] == "UKR" and shelling["SOURCEURL"].startswith("https://")


def test_format_follows_the_extension_and_filters_apply(store_path, tmp_path, capsys):
    jsonl, mentions = tmp_path / "rus.jsonl", tmp_path / "mentions.csv"
    assert main(["export", "--db", str(store_path), "--source", "RUS", str(jsonl)]) == 0
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert sorted(r["source"]["code"] for r in records) == ["RUS", "RUSMIL"]
    assert all(r["evidence"] and r["event_type"] for r in records)
    assert main(["export", "--db", str(store_path), "--layout", "mentions", str(mentions)]) == 0
    assert len(list(csv.DictReader(mentions.open()))) == 4
    capsys.readouterr()


def test_unknown_extension_missing_folder_and_missing_store(store_path, tmp_path, capsys):
    assert main(["export", "--db", str(store_path), str(tmp_path / "out.xlsx")]) == 2
    assert "cannot tell the format of" in capsys.readouterr().err
    assert main(["export", "--db", str(store_path), str(tmp_path / "no" / "out.csv")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "none.duckdb"), str(tmp_path / "o.csv")]) == 2
    assert "no event store at" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()
