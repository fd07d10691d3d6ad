"""How the Spark engine spreads the input over the cores without asking Spark to plan the query first."""

from __future__ import annotations

import gzip
import json

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")

from eventwire.batch.inputs import discover_inputs  # noqa: E402
from eventwire.batch.spark import OPEN_COST_BYTES, _read_sources, _splits_into, _spread  # noqa: E402


def _write(path, records, compress=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r) + "\n" for r in records)
    if compress:
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _records(news, size: int) -> list[dict]:
    """At least `size` bytes of articles."""
    records = news("n", 40)
    per_round = sum(len(json.dumps(r)) + 1 for r in records)
    return [{**r, "id": f"{r['id']}-{k}"} for k in range(size // per_round + 1) for r in records]


def test_only_plain_json_lines_large_enough_are_known_to_split(tmp_path, news):
    _write(tmp_path / "big" / "a.jsonl", _records(news, 8 * OPEN_COST_BYTES))
    _write(tmp_path / "small" / "a.jsonl", news("s", 3))
    _write(tmp_path / "gz" / "a.jsonl.gz", _records(news, 8 * OPEN_COST_BYTES), compress=True)

    assert _splits_into(discover_inputs(tmp_path / "big"), 6)
    assert not _splits_into(discover_inputs(tmp_path / "small"), 6)
    assert not _splits_into(discover_inputs(tmp_path / "gz"), 6)  # a gzipped file is read whole
    assert not _splits_into([], 6)


@pytest.mark.slow
def test_the_prediction_holds_for_spark_and_unsplittable_input_is_repartitioned(tmp_path, news):
    from eventwire.batch.spark import spark_session

    _write(tmp_path / "big" / "a.jsonl", _records(news, 8 * OPEN_COST_BYTES))
    _write(tmp_path / "gz" / "a.jsonl.gz", news("g", 20), compress=True)
    session = spark_session("local[2]", use_jvm_archive=False)
    try:
        cores = session.sparkContext.defaultParallelism
        big = discover_inputs(tmp_path / "big")
        articles = _read_sources(session, str(tmp_path / "big"), None, big)
        assert _spread(articles, None, cores, big) is articles  # no repartition, and no need of one:
        assert articles.rdd.getNumPartitions() >= cores

        gz = discover_inputs(tmp_path / "gz")
        read = _read_sources(session, str(tmp_path / "gz"), None, gz)
        assert read.rdd.getNumPartitions() == 1
        assert _spread(read, None, cores, gz).rdd.getNumPartitions() == cores * 3
        assert _spread(read, 5, cores, gz).rdd.getNumPartitions() == 5
    finally:
        session.stop()
