"""Two processes: readers use the snapshot while a writer holds the main file; kill -9 loses no article."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.store.query import EventFilter, count_events, open_for_reading
from eventwire.store.snapshot import snapshot_path
from eventwire.store.writer import Store, StoreBusyError

HERE = Path(__file__).parent


def writer(db_path: Path, mode: str, n: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, str(HERE / "writer_process.py"), str(db_path), mode, str(n)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)


def test_reader_uses_the_snapshot_while_a_writer_process_holds_the_database(db_path):
    proc = writer(db_path, "hold", 20)
    try:
        assert proc.stdout.readline().strip() == "published"
        with open_for_reading(db_path) as handle:
            assert handle.is_snapshot and handle.path == snapshot_path(db_path)
            assert "snapshot" in handle.describe()
            first = count_events(handle.con, EventFilter())
            n_articles = handle.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
            proc.stdin.write("more\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == "published"
            # the open handle keeps its consistent view; a new one sees the writer's next snapshot
            assert handle.con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == n_articles == 20
        with open_for_reading(db_path) as handle:
            assert handle.con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 40
            assert count_events(handle.con, EventFilter()) >= first > 0
        with pytest.raises(StoreBusyError, match=r"in use by another process \(PID \d+\)"):
            Store(db_path)
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_stores_every_article_exactly_once(tmp_path):
    n = 240
    crashed, clean = tmp_path / "crashed.duckdb", tmp_path / "clean.duckdb"
    proc = writer(crashed, "ingest", n)
    for line in proc.stdout:
        if int(line) >= 80:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    partial = stored_counts(crashed)
    assert 80 <= partial["articles"] < n  # killed mid-way, whole batches only
    rerun = writer(crashed, "ingest", n)
    rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    writer(clean, "ingest", n).communicate(timeout=120)
    assert stored_counts(crashed)["articles"] == n
    with duckdb.connect(str(crashed), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT id) FROM articles").fetchall()[0][0] == n
        mismatched = con.execute("""
            SELECT count(*) FROM articles a LEFT JOIN (SELECT article_id, count(*) n FROM mentions
            GROUP BY article_id) m ON m.article_id = a.id WHERE coalesce(m.n, 0) <> a.n_events""").fetchall()
        assert mismatched[0][0] == 0
    assert tables(crashed) == tables(clean)


def stored_counts(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("articles", "mentions", "events")}


def tables(db_path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        articles = con.execute("SELECT id, content_hash, n_events FROM articles ORDER BY id").fetchall()
        return {"articles": articles,
                "mentions": con.execute("SELECT * FROM mentions ORDER BY id").fetchall(),
                "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
                "actors": con.execute("SELECT * FROM actors ORDER BY code").fetchall()}
