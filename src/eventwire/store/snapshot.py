"""Read snapshots: how `serve` reads while `watch`/`ingest` write.

DuckDB lets one process open a database file for writing, and while it is open no other process can open the
file at all. So readers never open the writer's file. After every committed batch the writer copies the
database into a new file beside it and renames that file over `<db>.read.duckdb` (an atomic replace on POSIX).
Readers open the snapshot read-only and reopen it when its inode changes; a reader that still holds the old
file keeps a consistent view until it reopens. The writer is the only process that ever opens the main file.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb


def snapshot_path(db_path: str | os.PathLike[str]) -> Path:
    p = Path(db_path)
    return p.with_name(p.stem + ".read" + (p.suffix or ".duckdb"))


def publish_snapshot_from(con: duckdb.DuckDBPyConnection, db_path: str | os.PathLike[str]) -> Path:
    """Copy the database open on `con` (the writer's connection) into a fresh snapshot file and swap it in."""
    final = snapshot_path(db_path)
    tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    alias = "snap_" + uuid.uuid4().hex[:8]
    con.execute("CHECKPOINT")
    con.execute(f"ATTACH '{tmp}' AS {alias}")
    try:
        current = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"COPY FROM DATABASE {current} TO {alias}")
    finally:
        con.execute(f"DETACH {alias}")
    os.replace(tmp, final)
    return final


def publish_snapshot(db_path: str | os.PathLike[str]) -> Path:
    """Open the main database (must not be open by a writer), publish a snapshot of it and close it."""
    con = duckdb.connect(str(db_path))
    try:
        return publish_snapshot_from(con, db_path)
    finally:
        con.close()
