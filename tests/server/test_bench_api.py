"""The API benchmark runs end to end on a small store (the 1M-event run: `python bench/bench_api.py`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_api.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_api", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_store_has_the_schema_and_the_rows(tmp_path: Path) -> None:
    bench = _load_bench()
    db = tmp_path / "bench.duckdb"
    bench.build_store(db, 2000)
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM mentions), "
            "(SELECT count(DISTINCT event_id) FROM mentions), (SELECT count(*) FROM actors)"
        ).fetchone()
        assert counts[:3] == (2000, 2000, 2000) and counts[3] > 10
        assert con.execute("SELECT count(*) FROM events WHERE source_code = target_code").fetchone()[0] == 0
    finally:
        con.close()


def test_benchmark_prints_p50_and_p95(capsys) -> None:
    assert _load_bench().main(["--events", "3000", "--requests", "6", "--check"]) == 0
    out = capsys.readouterr().out
    for name in ("network", "timeline"):
        assert any(line.startswith(name) and "p50" in line and "p95" in line for line in out.splitlines())
