"""The server's view of the event store: the writer's read snapshot, reopened when the writer publishes anew.

`serve` never opens the main database while it runs (see eventwire.store.snapshot). It attaches
`<db>.read.duckdb` read-only and, at most once per `check_interval` seconds, compares the snapshot's inode and
mtime with those of the file it holds; when they differ it attaches the new file, so fresh data shows up
without a restart. Requests already running keep the generation they started with.

The snapshot is ATTACHed to a fresh in-memory database instead of opened with `duckdb.connect(path)`: DuckDB
caches database instances by path within a process, so connecting to the same path again while any cursor of
the old generation is alive silently returns the old, stale instance.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eventwire.store.schema import ALL_DDL
from eventwire.store.snapshot import publish_snapshot, snapshot_path

SNAPSHOT_ALIAS = "snap"
log = logging.getLogger("eventwire.server")


class StoreUnavailable(RuntimeError):
    """The event store cannot be read (no snapshot and the main database cannot be opened)."""


@dataclass(frozen=True)
class _Generation:
    connection: duckdb.DuckDBPyConnection
    inode: int
    mtime_ns: int


def _file_identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text


def _publish_initial_snapshot(db_path: Path) -> None:
    """Publish a first snapshot from the main database (adding the schema's tables if it has none)."""
    con = duckdb.connect(str(db_path))
    try:
        for ddl in ALL_DDL:
            con.execute(ddl)
    finally:
        con.close()
    publish_snapshot(db_path)


def ensure_snapshot(db_path: str | os.PathLike[str], wait_s: float = 30.0, poll_s: float = 0.2) -> Path:
    """Return the snapshot path, publishing a first snapshot when none exists.

    If a writer holds the main database, its lock stops us from opening it; then we wait up to `wait_s` for
    the writer's first snapshot and raise StoreUnavailable with a clear message if none appears.
    """
    db = Path(db_path)
    snap = snapshot_path(db)
    if snap.exists():
        return snap
    if not db.exists():
        raise StoreUnavailable(
            f"no event store at {db}: create it with `eventwire ingest` or `eventwire watch`, or pass --db"
        )
    try:
        _publish_initial_snapshot(db)
        return snap
    except duckdb.Error as exc:
        if not _is_lock_error(exc):
            raise StoreUnavailable(f"cannot open the event store {db}: {exc}") from exc
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if snap.exists():
            return snap
        time.sleep(poll_s)
    raise StoreUnavailable(
        f"the event store {db} is locked by a writer (eventwire ingest/watch) and it has not published a "
        f"read snapshot ({snap}) within {wait_s:.0f} s; snapshots appear after the writer's first "
        "committed batch"
    )


class SnapshotReader:
    """Hands out DuckDB cursors on the newest published snapshot of one event store."""

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        check_interval: float = 1.0,
        threads: int | None = None,
        prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    ):
        """`prepare` runs once on each new generation's connection before requests see it (e.g. to build
        in-memory aggregates); if it fails, the generation is served without them."""
        self.db_path = Path(db_path)
        self.snapshot = snapshot_path(self.db_path)
        self.check_interval = check_interval
        self.threads = threads
        self.prepare = prepare
        self._lock = threading.Lock()
        self._generation: _Generation | None = None
        self._checked_at = 0.0

    def open(self, wait_s: float = 30.0) -> SnapshotReader:
        ensure_snapshot(self.db_path, wait_s=wait_s)
        with self._lock:
            self._generation = self._attach()
            self._checked_at = time.monotonic()
        return self

    def _attach(self) -> _Generation:
        # Identity first: if the writer swaps the file in between, we just reopen on the next check.
        inode, mtime_ns = _file_identity(self.snapshot)
        con = duckdb.connect(":memory:")
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        path = str(self.snapshot).replace("'", "''")
        con.execute(f"ATTACH '{path}' AS {SNAPSHOT_ALIAS} (READ_ONLY)")
        con.execute(f"USE {SNAPSHOT_ALIAS}")
        if self.prepare is not None:
            try:
                self.prepare(con)
            except duckdb.Error as exc:
                log.warning("serving %s without precomputed aggregates: %s", self.snapshot, exc)
        return _Generation(con, inode, mtime_ns)

    def _refresh_if_changed(self) -> _Generation:
        now = time.monotonic()
        gen = self._generation
        if gen is not None and now - self._checked_at < self.check_interval:
            return gen
        with self._lock:
            gen = self._generation
            if gen is not None and now - self._checked_at < self.check_interval:
                return gen
            self._checked_at = now
            try:
                identity = _file_identity(self.snapshot)
            except FileNotFoundError:
                if gen is None:
                    raise StoreUnavailable(f"no read snapshot at {self.snapshot}") from None
                return gen  # the writer is between unlink and rename (not on POSIX, but be lenient)
            if gen is None or identity != (gen.inode, gen.mtime_ns):
                # The old connection is dropped, not closed: cursors of running requests still use it.
                self._generation = gen = self._attach()
            return gen

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one request, on the newest snapshot."""
        cur = self._refresh_if_changed().connection.cursor()
        cur.execute(f"USE {SNAPSHOT_ALIAS}")
        return cur

    def generation_id(self) -> tuple[int, int]:
        gen = self._refresh_if_changed()
        return gen.inode, gen.mtime_ns

    def close(self) -> None:
        with self._lock:
            if self._generation is not None:
                self._generation.connection.close()
                self._generation = None
