"""`eventwire ingest` with the real coder: summary, idempotency, bad input beside good, busy store, kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.cli import main
from eventwire.store.snapshot import snapshot_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src" / "eventwire" / "data" / "sample" / "news.jsonl"
COUNTRIES = ["Russia", "Iran", "France", "Germany", "China", "Japan", "Turkey", "Egypt", "Brazil", "India"]
TEMPLATES = [
    "{a} accused {b} of violating the ceasefire on Monday.",
    "The president of {a} met the foreign minister of {b} in the capital on Tuesday.",
    "{a} condemned the missile test carried out by {b}.",
    "Officials said {a} would send humanitarian aid to {b} next week.",
]


def article_line(i: int) -> str:
    a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
    if a == b:
        b = COUNTRIES[(i + 5) % 10]
    text = " ".join(t.format(a=a, b=b) for t in TEMPLATES[i % 4:] + TEMPLATES[:i % 4][:1])
    return json.dumps({"id": f"gen-{i:04d}", "text": text, "published": f"2024-03-{1 + i % 28:02d}",
                       "url": f"https://wire{i % 3}.example/{i}"})


def counts(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("articles", "mentions", "events", "actors", "conflicts")}


def test_ingest_twice_gives_identical_counts_and_a_summary(tmp_path, capsys):
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(article_line(i) for i in range(4)) + "\n")
    db_path = tmp_path / "store" / "events.duckdb"
    assert main(["ingest", str(source), "--db", str(db_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "articles read: 4" in out and "stored: 4 (coded 4, skipped 0)" in out and "errors: 0" in out
    first = counts(db_path)
    assert first["articles"] == 4 and first["mentions"] > 0 and first["events"] > 0
    assert snapshot_path(db_path).exists()
    assert main(["ingest", str(source), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "unchanged: 4" in out and "new events: 0" in out
    assert "events (most mentioned first):" in out  # still shows what the store holds
    assert counts(db_path) == first


def test_bad_input_beside_good_is_reported_and_the_good_stored(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join([
        article_line(0),
        '{"id": "broken", "text": ',
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "german", "text": "Der russische Präsident traf sich am Freitag mit dem iranischen "
                                            "Präsidenten in der Hauptstadt von Turkmenistan."}),
        article_line(1),
    ]) + "\n")
    clash = tmp_path / "clash.jsonl"
    clash.write_text(json.dumps({"id": "gen-0000", "text": "A different text about France and Japan.",
                                 "published": "2024-03-01"}) + "\n")
    db_path = tmp_path / "events.duckdb"
    status = main(["ingest", str(good), str(clash), str(tmp_path / "missing.jsonl"), "--db", str(db_path),
                   "--quiet"])
    out = capsys.readouterr().out
    assert status == 1
    assert f"{good}:2" in out  # the broken line, named with its file and line
    assert "duplicate id 'gen-0000' in the input with different text; kept the first one" in out
    assert "missing.jsonl" in out
    assert "empty text: 1" in out and "not English" in out
    with duckdb.connect(str(db_path), read_only=True) as con:
        stored = dict(con.execute("SELECT id, status FROM articles").fetchall())
        kept = con.execute("SELECT text FROM articles WHERE id = 'gen-0000'").fetchall()[0][0]
        conflicts = con.execute("SELECT count(*) FROM conflicts").fetchall()[0][0]
    assert stored == {"gen-0000": "coded", "gen-0001": "coded", "empty": "skipped", "german": "skipped"}
    assert kept.startswith("Russia accused") and conflicts == 1


def test_a_store_held_by_another_process_is_a_clear_error(tmp_path, capsys):
    db_path = tmp_path / "events.duckdb"
    duckdb.connect(str(db_path)).close()
    hold = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        source = tmp_path / "news.jsonl"
        source.write_text(article_line(0) + "\n")
        assert main(["ingest", str(source), "--db", str(db_path), "--quiet"]) == 2
        err = capsys.readouterr().err
        assert f"{db_path} is in use by another process (PID {holder.pid})" in err
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_bundled_sample_ingests_and_reingests_to_identical_counts(tmp_path, capsys):
    db_path = tmp_path / "sample.duckdb"
    assert main(["ingest", "--sample", "--db", str(db_path)]) == 0  # the README's demo command
    out = capsys.readouterr().out
    first = counts(db_path)
    assert first["articles"] == len(SAMPLE.read_text().splitlines()) and first["events"] > 0
    assert "events (most mentioned first):" in out and "wikinews.org" in out  # evidence with its URL
    assert main(["ingest", str(SAMPLE), "--db", str(db_path), "--quiet"]) == 0
    assert counts(db_path) == first
    capsys.readouterr()


def test_no_source_is_a_usage_error(tmp_path, capsys):
    assert main(["ingest", "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "give at least one SOURCE" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.slow
def test_kill_9_during_cli_ingest_then_rerun_stores_every_article_once(tmp_path):
    n = 300
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(article_line(i) for i in range(n)) + "\n")
    crashed, clean = tmp_path / "crashed.duckdb", tmp_path / "clean.duckdb"
    command = [sys.executable, "-m", "eventwire", "ingest", str(big), "--quiet", "--batch-size", "16", "--db"]
    proc = subprocess.Popen(command + [str(crashed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not snapshot_path(crashed).exists():  # published after the first committed batch
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.3)  # into the next batches, well before the end
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    partial = counts(crashed)["articles"]
    assert 16 <= partial < n and partial % 16 == 0  # whole batches only
    assert subprocess.run(command + [str(crashed)], timeout=300).returncode == 0
    assert subprocess.run(command + [str(clean)], timeout=300).returncode == 0
    with duckdb.connect(str(crashed), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchall() == [(n, n)]
        mismatched = con.execute("""
            SELECT count(*) FROM articles a LEFT JOIN (SELECT article_id, count(*) AS n FROM mentions
            GROUP BY article_id) m ON m.article_id = a.id WHERE coalesce(m.n, 0) <> a.n_events""").fetchall()
        assert mismatched == [(0,)]
    assert counts(crashed) == counts(clean)
    tables = "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id", "SELECT * FROM events ORDER BY id"
    with duckdb.connect(str(crashed), read_only=True) as a, duckdb.connect(str(clean), read_only=True) as b:
        for sql in tables:
            assert a.execute(sql).fetchall() == b.execute(sql).fetchall()
