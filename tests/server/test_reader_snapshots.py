"""serve reads the writer's snapshot: fresh data without a restart, no lock errors while a writer holds the
store, a clear message when the store is locked and no snapshot appears."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

from eventwire.server.app import create_app
from eventwire.server.reader import SnapshotReader, StoreUnavailable, ensure_snapshot
from eventwire.store.snapshot import snapshot_path

NEW_STORY = (
    "a4",
    date(2024, 5, 6),
    "wire-three",
    "Russia condemned Germany over the aid.",
    [
        (
            "ev-new",
            "Russia condemned Germany over the aid.",
            "condemned",
            "RUS",
            "DEU",
            "111",
            "Criticize or denounce",
            3,
            -2.0,
        )
    ],
)

# A writer in another process (DuckDB's file lock is per process): it holds the main store open for writing,
# and publishes `batches` snapshots, each with one more event, `pause` seconds apart.
WRITER = textwrap.dedent("""
    import sys, time, duckdb
    from eventwire.store.schema import ALL_DDL
    from eventwire.store.snapshot import publish_snapshot_from
    db, batches, pause, hold = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    con = duckdb.connect(db)
    for ddl in ALL_DDL:
        con.execute(ddl)
    print("locked", flush=True)
    for i in range(batches):
        time.sleep(pause)
        con.execute("INSERT INTO events (id, source_code, target_code, quad_class, goldstein, event_date) "
                    "VALUES (?, 'AAA', 'BBB', 1, 1.0, DATE '2024-01-01')", [f"w{i}"])
        publish_snapshot_from(con, db)
    time.sleep(hold)
    con.close()
""")


def _start_writer(db: Path, batches: int, pause: float, hold: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(batches), str(pause), str(hold)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_new_snapshots_show_up_without_a_restart(store_path: Path, add_stories, fake_coder) -> None:
    app = create_app(store_path, coder_factory=lambda: fake_coder, check_interval=0)
    with TestClient(app) as c:
        assert c.get("/events").json()["total"] == 4
        add_stories(store_path, [NEW_STORY])  # the server holds only the snapshot, so the writer can open
        assert c.get("/events").json()["total"] == 5
        assert c.get("/events/ev-new").json()["target"]["code"] == "DEU"


def test_reader_checks_for_new_snapshots_at_most_once_per_interval(store_path: Path, add_stories) -> None:
    reader = SnapshotReader(store_path, check_interval=60).open()
    first = reader.generation_id()
    add_stories(store_path, [NEW_STORY])
    assert reader.generation_id() == first
    reader.check_interval = 0
    assert reader.generation_id() != first
    assert reader.cursor().execute("SELECT count(*) FROM events").fetchone()[0] == 5
    reader.close()


def test_a_cursor_of_an_old_generation_keeps_its_view(store_path: Path, add_stories) -> None:
    reader = SnapshotReader(store_path, check_interval=0).open()
    old = reader.cursor()
    add_stories(store_path, [NEW_STORY])
    new = reader.cursor()
    assert old.execute("SELECT count(*) FROM events").fetchone()[0] == 4
    assert new.execute("SELECT count(*) FROM events").fetchone()[0] == 5
    reader.close()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="no event store at .*nothing.duckdb"):
        ensure_snapshot(tmp_path / "nothing.duckdb")


def test_a_store_without_tables_is_served_empty(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    with TestClient(create_app(db)) as c:
        assert c.get("/events").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
        assert c.get("/network").json()["edges"] == []


def test_locked_store_without_snapshot_waits_for_the_writers_first_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    writer = _start_writer(db, batches=1, pause=1.0, hold=3.0)
    try:
        started = time.monotonic()
        with TestClient(create_app(db, snapshot_wait_s=20)) as c:
            assert time.monotonic() - started >= 0.5  # it did wait for the writer
            assert c.get("/events").json()["total"] == 1
    finally:
        writer.wait(timeout=20)


def test_locked_store_without_snapshot_reports_the_lock_clearly(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    writer = _start_writer(db, batches=0, pause=0, hold=5.0)
    try:
        with pytest.raises(StoreUnavailable, match="locked by a writer"):
            create_app(db, snapshot_wait_s=0.5)
    finally:
        writer.kill()
        writer.wait(timeout=10)


@pytest.mark.slow
def test_serve_reads_while_a_writer_publishes_with_no_errors(tmp_path: Path, live_server) -> None:
    db = tmp_path / "live.duckdb"
    duckdb.connect(str(db)).close()
    ensure_snapshot(db)  # no writer yet: the server's start-up publishes the first (empty) snapshot
    base = live_server(db, check_interval=0.0)
    writer = _start_writer(db, batches=15, pause=0.1, hold=0.5)
    seen: list[int] = []
    with httpx.Client(base_url=base, timeout=10) as http:
        while writer.poll() is None:
            response = http.get("/events", params={"limit": 1})
            assert response.status_code == 200, response.text
            seen.append(response.json()["total"])
            assert http.get("/network").status_code == 200
        assert writer.returncode == 0
        final = http.get("/events").json()["total"]
    assert final == 15
    assert seen == sorted(seen) and len(set(seen)) > 2  # fresh data appeared while the writer ran
    assert snapshot_path(db).exists()
