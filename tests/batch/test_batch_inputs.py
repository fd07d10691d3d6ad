from __future__ import annotations

import gzip
import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.batch.inputs import (
    InputError,
    article_from_record,
    discover_inputs,
    iter_articles,
)


def _collect(source):
    problems: list[str] = []
    articles = list(iter_articles(source, lambda where, reason: problems.append(f"{where}: {reason}")))
    return articles, problems


def test_folder_inputs_are_sorted_recursive_and_skip_hidden_and_other_files(tmp_path, jsonl_writer, news):
    jsonl_writer(tmp_path / "b.jsonl", news("b"))
    jsonl_writer(tmp_path / "a.jsonl", news("a"))
    jsonl_writer(tmp_path / "sub" / "c.ndjson", news("c"))
    pq.write_table(pa.Table.from_pylist(news("d")), tmp_path / "d.parquet")
    jsonl_writer(tmp_path / ".hidden.jsonl", news("h"))
    jsonl_writer(tmp_path / "_tmp.jsonl", news("t"))
    (tmp_path / "notes.txt").write_text("not an input")

    found = discover_inputs(tmp_path)

    assert [(s.name, s.format) for s in found] == [
        ("a", "jsonl"), ("b", "jsonl"), ("d", "parquet"), ("sub__c", "jsonl")]


def test_glob_input_and_name_clashes_get_distinct_names(tmp_path, jsonl_writer, news):
    jsonl_writer(tmp_path / "x" / "day.jsonl", news("x"))
    jsonl_writer(tmp_path / "y" / "day.jsonl", news("y"))
    pq.write_table(pa.Table.from_pylist(news("z")), tmp_path / "y" / "day.parquet")

    found = discover_inputs(str(tmp_path / "*" / "day.*"))

    assert len(found) == 3
    assert len({s.name for s in found}) == 3
    assert [s.name.split("-")[0] for s in found] == ["x__day", "y__day", "y__day"]
    assert [s.path for s in found] == sorted(s.path for s in found)


def test_missing_or_empty_input_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        discover_inputs(tmp_path / "nope")
    (tmp_path / "readme.txt").write_text("x")
    with pytest.raises(InputError, match="no JSONL"):
        discover_inputs(tmp_path)


def test_bad_jsonl_lines_are_reported_with_file_and_line_and_skipped(tmp_path, jsonl_writer, news):
    good = news("g", 2)
    path = jsonl_writer(tmp_path / "mixed.jsonl", [
        good[0], "{not json", "", '["a list"]', {"id": "no-text"}, {"text": 42}, good[1],
        {"text": "dated badly", "published": "last tuesday"}])
    (source,) = discover_inputs(path)

    articles, problems = _collect(source)

    assert [where for where, _ in articles] == ["mixed.jsonl:1", "mixed.jsonl:7"]
    assert [a.id for _, a in articles] == ["g-0", "g-1"]
    assert problems[0].startswith("mixed.jsonl:2: bad JSON")
    assert problems[1] == "mixed.jsonl:4: expected a JSON object, got list"
    assert problems[2] == "mixed.jsonl:5: no 'text' field"
    assert problems[3] == "mixed.jsonl:6: 'text' is int, not a string"
    assert problems[4].startswith("mixed.jsonl:8: published date 'last tuesday'")


def test_gzipped_jsonl_and_undecodable_bytes(tmp_path, news):
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as out:
        for record in news("z", 3):
            out.write(json.dumps(record) + "\n")
    (tmp_path / "b.jsonl").write_bytes(json.dumps(news("b", 1)[0]).encode() + b"\n\xff\xfe garbage\n")

    gz, raw = discover_inputs(tmp_path)
    assert gz.name == "a"
    assert len(_collect(gz)[0]) == 3
    articles, problems = _collect(raw)
    assert [a.id for _, a in articles] == ["b-0"]
    assert problems == ["b.jsonl:2: not UTF-8 text (byte 1)"]


def test_parquet_rows_with_dates_and_missing_text(tmp_path, news):
    rows = news("p", 2)
    table = pa.table({"id": [r["id"] for r in rows] + ["p-none"],
                      "text": [r["text"] for r in rows] + [None],
                      "published": [date(2019, 1, 4), date(2019, 1, 20), None]})
    pq.write_table(table, tmp_path / "p.parquet")
    (source,) = discover_inputs(tmp_path)

    articles, problems = _collect(source)

    assert [(w, a.id, a.published) for w, a in articles] == [
        ("p.parquet:row 1", "p-0", date(2019, 1, 4)), ("p.parquet:row 2", "p-1", date(2019, 1, 20))]
    assert problems == ["p.parquet:row 3: no 'text' field"]


def test_parquet_without_text_column_is_reported(tmp_path):
    pq.write_table(pa.table({"id": ["a"]}), tmp_path / "p.parquet")
    (source,) = discover_inputs(tmp_path)
    articles, problems = _collect(source)
    assert articles == [] and problems == ["p.parquet: no 'text' column; file skipped"]


def test_article_ids_are_stable_without_an_id():
    by_url = article_from_record({"text": "t", "url": "https://example.org/a",
                                  "date": "2019-05-01T10:00:00Z"})
    assert by_url.id == "https://example.org/a"
    assert by_url.published == date(2019, 5, 1)
    by_text = article_from_record({"text": "Some text."})
    assert by_text.id.startswith("text-")
    assert by_text.id == article_from_record({"text": "Some text.", "id": None}).id
    assert article_from_record({"text": "x", "id": 17}).id == "17"
