"""Reading the store: event queries shared by `eventwire events`, `export` and the API.

Readers never block the writer: `open_for_reading` opens the main file read-only when no writer holds it,
and otherwise the read snapshot that the writer publishes (see store/snapshot.py and docs/store.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store.snapshot import snapshot_path
from eventwire.store.writer import StoreBusyError, open_database


class NoDatabaseError(FileNotFoundError):
    """There is no event store at the given path yet."""


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Actor filters match a code prefix or a country (RUS: RUS, RUSGOV, RUSMIL)."""

    source: str | None = None
    target: str | None = None
    cameo: str | None = None  # a code or a prefix of one: "19" (root) matches 190, 193, ...
    since: date | None = None
    until: date | None = None
    mode: str | None = None
    limit: int | None = None
    min_confidence: float | None = None  # events whose representative mention the coder is at least this sure of


@dataclass
class ReadHandle:
    con: duckdb.DuckDBPyConnection
    path: Path
    is_snapshot: bool

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> ReadHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> str:
        if not self.is_snapshot:
            return str(self.path)
        taken = datetime.fromtimestamp(self.path.stat().st_mtime).isoformat(timespec="seconds")
        return f"{self.path} (the writer's snapshot of {taken})"


def open_for_reading(db_path: str | os.PathLike[str]) -> ReadHandle:
    """Open the store read-only: the main file if no writer holds it, else the writer's read snapshot."""
    path = Path(db_path)
    snapshot = snapshot_path(path)
    if not path.exists():
        if snapshot.exists():
            return ReadHandle(duckdb.connect(str(snapshot), read_only=True), snapshot, True)
        raise NoDatabaseError(f"no event store at {path}; run `eventwire ingest SOURCE --db {path}` first")
    try:
        return ReadHandle(open_database(path, read_only=True), path, False)
    except StoreBusyError:
        if not snapshot.exists():
            raise
        return ReadHandle(duckdb.connect(str(snapshot), read_only=True), snapshot, True)


def actor_condition(role: str, value: str) -> tuple[str, list[Any]]:
    return (f"(starts_with({role}_code, ?) OR {role}_country = ?)", [value.upper(), value.upper()])


def confidence_condition(prefix: str = "") -> str:
    """An event's confidence is its representative mention's (the most confident one, see dedup.py)."""
    return f"(SELECT m.confidence FROM mentions m WHERE m.id = {prefix}mention_id) >= ?"


def where_clause(f: EventFilter, table: str = "") -> tuple[str, list[Any]]:
    """SQL WHERE (with a leading ' WHERE ', or '') and its parameters for a filter on the events table."""
    prefix = f"{table}." if table else ""
    conditions: list[str] = []
    params: list[Any] = []
    if f.source:
        sql, p = actor_condition(prefix + "source", f.source)
        conditions.append(sql)
        params += p
    if f.target:
        sql, p = actor_condition(prefix + "target", f.target)
        conditions.append(sql)
        params += p
    if f.cameo:
        conditions.append(f"starts_with({prefix}cameo, ?)")
        params.append(f.cameo)
    if f.since:
        conditions.append(f"{prefix}event_date >= ?")
        params.append(f.since)
    if f.until:
        conditions.append(f"{prefix}event_date <= ?")
        params.append(f.until)
    if f.mode:
        conditions.append(f"{prefix}mode = ?")
        params.append(f.mode)
    if f.min_confidence:
        conditions.append(confidence_condition(prefix))
        params.append(f.min_confidence)
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


ORDER_NEWEST_FIRST = " ORDER BY event_date DESC NULLS LAST, num_mentions DESC, id"


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
                ) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def query_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> list[dict[str, Any]]:
    """Events matching the filter, newest first (then most mentioned)."""
    where, params = where_clause(f)
    sql = "SELECT * FROM events" + where + ORDER_NEWEST_FIRST
    if f.limit is not None:
        sql += " LIMIT ?"
        params.append(f.limit)
    return fetch_dicts(con, sql, params)


def count_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> int:
    where, params = where_clause(f)
    return con.execute("SELECT count(*) FROM events" + where, params).fetchall()[0][0]


def event_mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """The evidence of one event: its mentions with their articles' URL and title, most confident first."""
    return fetch_dicts(con, """
        SELECT m.*, a.url AS article_url, a.title AS article_title FROM mentions m
        LEFT JOIN articles a ON a.id = m.article_id
        WHERE m.event_id = ? ORDER BY m.confidence DESC, m.article_id, m.sentence_start""", [event_id])


def events_of_articles_since(con: duckdb.DuckDBPyConnection, ingested_since: datetime, limit: int
                             ) -> list[dict[str, Any]]:
    """The most mentioned events that include a mention from an article ingested at or after a time."""
    return fetch_dicts(con, """
        SELECT * FROM events WHERE id IN (
            SELECT m.event_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.ingested_at >= ?)
        ORDER BY num_mentions DESC, event_date DESC NULLS LAST, id LIMIT ?""", [ingested_since, limit])


def top_events(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    return fetch_dicts(con, "SELECT * FROM events ORDER BY num_mentions DESC, event_date DESC NULLS LAST, id "
                            "LIMIT ?", [limit])
