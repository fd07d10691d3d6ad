"""Exports (store/export.py): every layout in every format, read back and checked."""

from __future__ import annotations

import csv
import json
from datetime import date

import pyarrow.parquet as pq
import pytest
from store_helpers import news

from eventwire.store.export import FORMATS, LAYOUTS, export
from eventwire.store.query import EventFilter, open_for_reading
from eventwire.store.schema import MENTION_COLUMNS
from eventwire.store.writer import Store

GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1CountryCode", "Actor2Code", "EventCode",
                 "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
                 "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
                 "SOURCEURL"]


@pytest.fixture
def store_path(db_path, stub_coder):
    with Store(db_path) as store:
        store.ingest([news("a1", "RUSMIL attacked UKR in UKR.", published=date(2024, 3, 1)),
                      news("a2", "RUSMIL attacked UKR.", published=date(2024, 3, 2), source="wire-two"),
                      news("a3", "USA met CHN.", published=date(2024, 5, 1))], stub_coder)
    return db_path


def read_back(path, fmt):
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text().splitlines()]
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_and_format_round_trips(store_path, tmp_path, layout, fmt):
    out = tmp_path / f"out.{fmt}"
    with open_for_reading(store_path) as handle:
        written = export(handle.con, out, fmt, layout)
    records = read_back(out, fmt)
    assert written == len(records) == (3 if layout == "mentions" else 2)
    if layout == "gdelt":
        assert [c for c in GDELT_COLUMNS if c not in records[0]] == []
        attack = next(r for r in records if str(r["EventCode"]) == "190")
        assert int(attack["SQLDATE"]) == 20240301 and int(attack["NumMentions"]) == 2
        assert int(attack["NumSources"]) == 2 and attack["ActionGeo_CountryCode"] == "UKR"
        assert attack["SOURCEURL"] == "https://wire-one/a1"
    elif layout == "mentions":
        assert list(records[0]) == [name for name, _ in MENTION_COLUMNS]
    else:
        attack = next(r for r in records if r["event_type"] == "ASSAULT")
        assert attack["text"] == "RUSMIL attacked UKR."
        if fmt == "csv":
            assert attack["source_code"] == "RUSMIL" and attack["source_sector"] == "MIL"
        else:
            assert attack["source"] == {"code": "RUSMIL", "country": "RUS", "sector": "MIL", "name": "RUSMIL"}
            assert attack["location"]["country"] == "UKR"
            assert [e["article_id"] for e in attack["evidence"]] == ["a1", "a2"]
            assert attack["num_mentions"] == 2 and attack["num_articles"] == 2


def test_export_filters_and_leaves_no_temporary_files(store_path, tmp_path):
    out = tmp_path / "usa.jsonl"
    with open_for_reading(store_path) as handle:
        assert export(handle.con, out, "jsonl", "plover", EventFilter(source="USA")) == 1
        assert export(handle.con, tmp_path / "m.csv", "csv", "mentions", EventFilter(cameo="19")) == 2
    assert read_back(out, "jsonl")[0]["target"]["code"] == "CHN"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_unknown_layout_or_format_is_rejected(store_path, tmp_path):
    with open_for_reading(store_path) as handle:
        with pytest.raises(ValueError, match="unknown layout 'cameo'"):
            export(handle.con, tmp_path / "x.csv", "csv", "cameo")
        with pytest.raises(ValueError, match="unknown format 'xml'"):
            export(handle.con, tmp_path / "x.xml", "xml", "plover")
