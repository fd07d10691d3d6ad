"""The event store writer: codes articles in batches and stores them in DuckDB, one transaction per batch.

Each batch commits its articles, their mentions and the recomputed events (dedup) together, so a crash
(even kill -9) leaves every article either fully stored or absent; a rerun skips the stored ones. Rows go
in through Arrow tables (`INSERT ... SELECT * FROM arrow_table`), never row by row.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from eventwire.records import Article, Event
from eventwire.store import dedup
from eventwire.store.schema import ALL_DDL, EVENT_COLUMNS, MENTION_COLUMNS, mention_row
from eventwire.store.snapshot import publish_snapshot_from, snapshot_path

ARTICLE_COLUMNS: list[tuple[str, str]] = [
    ("id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"), ("source", "VARCHAR"),
    ("published", "DATE"), ("language", "VARCHAR"), ("text", "VARCHAR"), ("content_hash", "VARCHAR"),
    ("status", "VARCHAR"), ("reason", "VARCHAR"), ("n_events", "INTEGER"), ("ingested_at", "TIMESTAMP"),
]
CONFLICT_COLUMNS: list[tuple[str, str]] = [
    ("article_id", "VARCHAR"), ("content_hash", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
    ("source", "VARCHAR"), ("published", "DATE"), ("text", "VARCHAR"), ("first_seen_at", "TIMESTAMP"),
]
ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "TINYINT": pa.int8(), "DOUBLE": pa.float64(),
    "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
}
# Extra, non-stored fields that dedup needs on each mention row.
ARTICLE_FIELDS_SQL = "a.source AS article_source, a.url AS article_url"
# Events of the seeds' keys, grouped into chains (date spans at most one day apart), and the chains that
# contain or border a seed date; plus the undated events of keys with an undated seed.
CHAINS_TOUCHED_SQL = """
WITH ev AS (
    SELECT id, dedup_key, event_date, coalesce(last_date, event_date) AS last_date FROM events
    WHERE dedup_key IN (SELECT dedup_key FROM seeds)),
marked AS (
    SELECT *, CASE WHEN event_date - 1 <= max(last_date) OVER (
                  PARTITION BY dedup_key ORDER BY event_date, id
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS starts
    FROM ev WHERE event_date IS NOT NULL),
chained AS (
    SELECT *, sum(starts) OVER (PARTITION BY dedup_key ORDER BY event_date, id ROWS UNBOUNDED PRECEDING)
              AS chain
    FROM marked),
spans AS (
    SELECT dedup_key, chain, min(event_date) AS lo, max(last_date) AS hi FROM chained
    GROUP BY dedup_key, chain)
SELECT DISTINCT c.id FROM chained c JOIN spans p ON p.dedup_key = c.dedup_key AND p.chain = c.chain
JOIN seeds s ON s.dedup_key = c.dedup_key AND s.day BETWEEN p.lo - 1 AND p.hi + 1
UNION
SELECT e.id FROM ev e JOIN seeds s ON s.dedup_key = e.dedup_key AND s.day IS NULL AND e.event_date IS NULL
"""
DEFAULT_BATCH_SIZE = 64
DEFAULT_SNAPSHOT_INTERVAL_S = 30.0


class StoreError(RuntimeError):
    """The store cannot be used: not a DuckDB file, or made with an incompatible schema."""


class StoreBusyError(StoreError):
    """The database file is held by another process (DuckDB allows one writer and then no readers)."""


class ArticleCoder(Protocol):
    def code_articles(self, articles: Iterable[Article], batch_size: int = 16
                      ) -> Iterator[tuple[Article, list[Event]]]: ...


@dataclass
class IngestSummary:
    articles_seen: int = 0
    stored: int = 0          # new articles written (coded + skipped)
    coded: int = 0
    unchanged: int = 0       # already stored with the same text
    replaced: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> articles stored but not coded
    events: int = 0          # new deduplicated events in the store
    mentions: int = 0        # event mentions written
    errors: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # table counts at the end

    def lines(self) -> list[str]:
        skipped = ", ".join(f"{reason}: {n}" for reason, n in self.skipped.most_common()) or "none"
        out = [
            f"articles read: {self.articles_seen}",
            f"stored: {self.stored} (coded {self.coded}, skipped {sum(self.skipped.values())}), "
            f"unchanged: {self.unchanged}, replaced: {self.replaced}",
            f"skipped: {skipped}",
            f"mentions: {self.mentions}, new events: {self.events}",
        ]
        if self.totals:
            out.append("store: " + ", ".join(f"{k} {v}" for k, v in self.totals.items()))
        out.append(f"errors: {len(self.errors)}")
        out.extend(f"  {e}" for e in self.errors)
        return out


@dataclass
class Batch:
    """One batch of input sorted into what to do with each article."""

    new: list[Article] = field(default_factory=list)
    replace: list[Article] = field(default_factory=list)
    conflicts: list[Article] = field(default_factory=list)


def open_database(db_path: str | os.PathLike[str], *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Connect to a DuckDB file, turning DuckDB's lock error into a message that names the file."""
    try:
        return duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusyError(
                f"{db_path} is in use by another process ({_holder(str(exc))}); only one eventwire process "
                f"can write it at a time. Readers use the snapshot {snapshot_path(db_path)}.") from exc
        raise StoreError(f"cannot open {db_path} as an event store: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {db_path} as an event store: {exc}") from exc


def check_schema(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Refuse a store whose tables lack columns this version writes (made by an older eventwire)."""
    for table, columns in (("mentions", MENTION_COLUMNS), ("events", EVENT_COLUMNS)):
        have = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
        missing = [name for name, _ in columns if name not in have]
        if missing:
            raise StoreError(f"{db_path}: table {table} lacks columns {', '.join(missing)} (made by an older "
                             "eventwire?); ingest into a new file")


def _holder(message: str) -> str:
    start = message.find("(PID")
    return message[start + 1: message.find(")", start)] if start >= 0 else "another writer"


def arrow_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> pa.Table:
    """Rows (dicts) as an Arrow table with the store's column types."""
    arrays = []
    for name, sql_type in columns:
        values = [row.get(name) for row in rows]
        if sql_type == "DATE":
            values = [dedup.as_date(v) for v in values]
        arrays.append(pa.array(values, type=ARROW_TYPES[sql_type]))
    return pa.Table.from_arrays(arrays, names=[n for n, _ in columns])


def source_name(source: str | None, url: str | None, article_id: str) -> str:
    """What counts as one source for NumSources: the article's source, else its web host, else its id."""
    if source:
        return source
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host:
            return host
    return article_id


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Store:
    """The writer's handle on one DuckDB file. Only one Store (one process) can have a file open."""

    def __init__(self, db_path: str | os.PathLike[str], *, batch_size: int = DEFAULT_BATCH_SIZE,
                 snapshot_interval: float = DEFAULT_SNAPSHOT_INTERVAL_S) -> None:
        self.db_path = Path(db_path)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        self.snapshot_interval = snapshot_interval
        self.con = open_database(self.db_path)
        try:
            for ddl in ALL_DDL:
                self.con.execute(ddl)
            check_schema(self.con, self.db_path)
        except BaseException:
            self.con.close()
            raise
        self._remove_stale_snapshot_files()
        # A store without a snapshot publishes after its first batch, so a reader can start early.
        has_snapshot = snapshot_path(self.db_path).exists()
        self._last_snapshot = time.monotonic() if has_snapshot else 0.0
        self._unpublished = not has_snapshot

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
                for table in ("articles", "mentions", "events", "actors", "conflicts")}

    # -- ingest ----------------------------------------------------------------------------------------------

    def ingest(self, items: Iterable[Article | Any], coder: ArticleCoder, *, replace: bool = False,
               progress: Callable[[int], None] | None = None,
               article_problem: Callable[[Article], str | None] | None = None) -> IngestSummary:
        """Store and code articles. Items that are not Articles (e.g. SourceError) are reported as errors.

        `article_problem` decides which articles are stored as skipped instead of coded (default:
        eventwire.io.validate.article_problem)."""
        if article_problem is None:
            from eventwire.io.validate import article_problem
        summary = IngestSummary()
        events_before = self.counts()["events"]
        for items_batch in chunks(items, self.batch_size):
            articles = []
            for item in items_batch:
                if isinstance(item, Article):
                    articles.append(item)
                else:
                    summary.errors.append(str(item))
            summary.articles_seen += len(articles)
            self._ingest_batch(articles, coder, article_problem, replace, summary)
            self._publish_if_due(force=False)
            if progress:
                progress(len(items_batch))
        self._publish_if_due(force=True)
        summary.totals = self.counts()
        summary.events = summary.totals["events"] - events_before
        return summary

    def publish_snapshot(self) -> Path:
        path = publish_snapshot_from(self.con, self.db_path)
        self._last_snapshot = time.monotonic()
        self._unpublished = False
        return path

    def _publish_if_due(self, *, force: bool) -> None:
        if not self._unpublished:
            return
        if force or time.monotonic() - self._last_snapshot >= self.snapshot_interval:
            self.publish_snapshot()

    def _remove_stale_snapshot_files(self) -> None:
        # Left by a writer killed while publishing; we hold the lock, so no one else is writing them.
        final = snapshot_path(self.db_path)
        for tmp in final.parent.glob(f".{final.name}.*.tmp"):
            tmp.unlink(missing_ok=True)

    def sort_batch(self, articles: list[Article], replace: bool, summary: IngestSummary) -> Batch:
        """Split a batch into new / to replace / conflicting; count and drop unchanged ones."""
        batch = Batch()
        first: dict[str, Article] = {}
        for article in articles:
            if article.id in first:
                if first[article.id].content_hash() == article.content_hash():
                    summary.unchanged += 1
                else:
                    summary.errors.append(f"duplicate id {article.id!r} in the input with different text; "
                                          "kept the first one (the other is saved in the conflicts table)")
                    batch.conflicts.append(article)
                continue
            first[article.id] = article
        stored = self._stored_hashes(list(first))
        for article_id, article in first.items():
            if article_id not in stored:
                batch.new.append(article)
            elif stored[article_id] == article.content_hash():
                summary.unchanged += 1
            elif replace:
                batch.replace.append(article)
            else:
                summary.errors.append(f"duplicate id {article_id!r} with different text; kept the stored "
                                      "version (the new one is saved in the conflicts table; --replace "
                                      "replaces it)")
                batch.conflicts.append(article)
        return batch

    def _stored_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        self._view("wanted", pa.table({"id": pa.array(ids, type=pa.string())}))
        rows = self.con.execute(
            "SELECT a.id, a.content_hash FROM articles a JOIN wanted USING (id)").fetchall()
        return dict(rows)

    def _ingest_batch(self, articles: list[Article], coder: ArticleCoder,
                      article_problem: Callable[[Article], str | None], replace: bool,
                      summary: IngestSummary) -> None:
        batch = self.sort_batch(articles, replace, summary)
        to_store = batch.new + batch.replace
        problems = {a.id: article_problem(a) for a in to_store}
        to_code = [a for a in to_store if problems[a.id] is None]
        coded, failed = code_batch(to_code, coder)
        summary.errors.extend(failed.values())
        now = datetime.now(UTC).replace(tzinfo=None)
        article_rows, mention_rows = [], []
        for article in to_store:
            if article.id in failed:
                continue
            events = coded.get(article.id, [])
            article_rows.append(article_row(article, problems[article.id], len(events), now))
            mention_rows.extend(mention_rows_of(article, events))
        mention_rows = unique_mentions(mention_rows)
        replaced_ids = [a.id for a in batch.replace if a.id not in failed]
        self._write(article_rows, mention_rows, replaced_ids, batch.conflicts, now)
        summary.stored += len(article_rows) - len(replaced_ids)
        summary.replaced += len(replaced_ids)
        summary.coded += sum(1 for r in article_rows if r["status"] == "coded")
        summary.skipped.update(r["reason"] for r in article_rows if r["status"] == "skipped")
        summary.mentions += len(mention_rows)

    def _write(self, article_rows: list[dict[str, Any]], mention_rows: list[dict[str, Any]],
               replaced_ids: list[str], conflicts: list[Article], now: datetime) -> None:
        if not (article_rows or conflicts):
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            removed = self._delete_articles(replaced_ids)
            self._view("new_articles", arrow_table(article_rows, ARTICLE_COLUMNS))
            con.execute("INSERT INTO articles SELECT * FROM new_articles")
            self._record_conflicts(conflicts, now)
            self._write_mentions_and_events(mention_rows, removed)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._unpublished = True

    def _delete_articles(self, ids: list[str]) -> list[dict[str, Any]]:
        """Delete replaced articles and their mentions; returns the removed mentions (for re-dedup)."""
        if not ids:
            return []
        self._view("gone", pa.table({"id": pa.array(ids, type=pa.string())}))
        removed = self._fetch_dicts("SELECT m.* FROM mentions m JOIN gone g ON m.article_id = g.id")
        self.con.execute("DELETE FROM mentions WHERE article_id IN (SELECT id FROM gone)")
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM gone)")
        return removed

    def _record_conflicts(self, conflicts: list[Article], now: datetime) -> None:
        if not conflicts:
            return
        rows = [{"article_id": a.id, "content_hash": a.content_hash(), "url": a.url, "title": a.title,
                 "source": a.source, "published": a.published, "text": a.text, "first_seen_at": now}
                for a in conflicts]
        self._view("new_conflicts", arrow_table(rows, CONFLICT_COLUMNS))
        self.con.execute("INSERT OR IGNORE INTO conflicts SELECT * FROM new_conflicts")

    def _write_mentions_and_events(self, mention_rows: list[dict[str, Any]],
                                   removed: list[dict[str, Any]]) -> None:
        """Insert new mentions and recompute the events they (or removed mentions) touch."""
        if not (mention_rows or removed):
            return
        con = self.con
        event_ids = self._events_to_recompute(mention_rows + removed)
        self._view("stale", pa.table({"id": pa.array(sorted(event_ids), type=pa.string())}))
        existing = self._fetch_dicts(
            f"SELECT m.*, {ARTICLE_FIELDS_SQL} FROM mentions m JOIN stale s ON m.event_id = s.id "
            "LEFT JOIN articles a ON a.id = m.article_id")
        for row in existing:
            row["article_source"] = source_name(row["article_source"], row["article_url"], row["article_id"])
        events, assignment = dedup.build_events(existing + mention_rows)
        con.execute("DELETE FROM events WHERE id IN (SELECT id FROM stale)")
        self._view("new_events", arrow_table(events, EVENT_COLUMNS))
        con.execute("INSERT INTO events SELECT * FROM new_events")
        moved = [(r["id"], assignment[r["id"]]) for r in existing if r["event_id"] != assignment[r["id"]]]
        if moved:
            self._view("moves", pa.table({"id": pa.array([m[0] for m in moved], type=pa.string()),
                                          "event_id": pa.array([m[1] for m in moved], type=pa.string())}))
            con.execute("UPDATE mentions SET event_id = moves.event_id FROM moves "
                        "WHERE mentions.id = moves.id")
        for row in mention_rows:
            row["event_id"] = assignment[row["id"]]
        self._view("new_mentions", arrow_table(mention_rows, MENTION_COLUMNS))
        con.execute("INSERT INTO mentions SELECT * FROM new_mentions")
        self._update_actor_counts(mention_rows, removed)

    def _events_to_recompute(self, rows: list[dict[str, Any]]) -> list[str]:
        """Ids of the stored events that share a dedup unit with `rows`.

        A unit is everything whose grouping can change when a mention is added or removed: for day dates, a
        chain of the key's events whose date spans are at most a day apart (dedup's greedy windows restart
        only after a longer gap); for a month, year or no date, the key's events of that period (their
        event_date is the period's first day, so the same chain search finds them)."""
        seeds = sorted({(dedup.dedup_key(r), dedup.date_group_label(r)[1]) for r in rows},
                       key=lambda s: (s[0], s[1] or date.min))
        self._view("seeds", pa.table({"dedup_key": pa.array([k for k, _ in seeds], type=pa.string()),
                                      "day": pa.array([d for _, d in seeds], type=pa.date32())}))
        return [row[0] for row in self.con.execute(CHAINS_TOUCHED_SQL).fetchall()]

    def _update_actor_counts(self, added: list[dict[str, Any]], removed: list[dict[str, Any]]) -> None:
        delta: Counter[str] = Counter()
        info: dict[str, tuple[Any, Any, Any]] = {}
        for rows, sign in ((added, 1), (removed, -1)):
            for r in rows:
                for role in ("source", "target"):
                    code = r.get(f"{role}_code")
                    if code:
                        delta[code] += sign
                        info.setdefault(code, (r.get(f"{role}_name"), r.get(f"{role}_country"),
                                               r.get(f"{role}_sector")))
        if not delta:
            return
        codes = sorted(delta)
        self._view("actor_delta", pa.table({
            "code": pa.array(codes, type=pa.string()),
            "name": pa.array([info[c][0] for c in codes], type=pa.string()),
            "country": pa.array([info[c][1] for c in codes], type=pa.string()),
            "sector": pa.array([info[c][2] for c in codes], type=pa.string()),
            "num_mentions": pa.array([delta[c] for c in codes], type=pa.int32())}))
        self.con.execute("""
            INSERT INTO actors SELECT * FROM actor_delta ON CONFLICT (code) DO UPDATE SET
                num_mentions = actors.num_mentions + excluded.num_mentions,
                name = coalesce(actors.name, excluded.name)""")
        self.con.execute("DELETE FROM actors WHERE num_mentions <= 0")

    def _view(self, name: str, table: pa.Table) -> None:
        """Make an Arrow table queryable by name on the writer's connection (replaced on the next call)."""
        self.con.register(name, table)

    def _fetch_dicts(self, sql: str) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def code_batch(articles: list[Article], coder: ArticleCoder
               ) -> tuple[dict[str, list[Event]], dict[str, str]]:
    """Code a batch; if the coder fails on it, code one by one so one bad article fails alone.

    Returns ({article id: events}, {article id: error message})."""
    if not articles:
        return {}, {}
    try:
        return {a.id: events for a, events in coder.code_articles(articles)}, {}
    except Exception:  # noqa: BLE001 - isolate the failing article below
        pass
    coded, failed = {}, {}
    for article in articles:
        try:
            coded.update({a.id: events for a, events in coder.code_articles([article])})
        except Exception as exc:  # noqa: BLE001 - reported, not stored, retried on the next run
            failed[article.id] = f"article {article.id!r}: coder failed: {type(exc).__name__}: {exc}"
    return coded, failed


def article_row(article: Article, problem: str | None, n_events: int, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id, "url": article.url, "title": article.title, "source": article.source,
        "published": article.published, "language": article.language, "text": article.text,
        "content_hash": article.content_hash(), "status": "skipped" if problem else "coded",
        "reason": problem, "n_events": n_events, "ingested_at": now,
    }


def mention_rows_of(article: Article, events: list[Event]) -> list[dict[str, Any]]:
    rows = []
    for event in events:
        row = mention_row(event, article)
        row["article_source"] = source_name(article.source, article.url, article.id)
        row["article_url"] = article.url
        rows.append(row)
    return rows


def unique_mentions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per mention id (the coder can emit the same mention twice); the more confident one wins."""
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        current = best.get(row["id"])
        if current is None or (row.get("confidence") or 0) > (current.get("confidence") or 0):
            best[row["id"]] = row
    return list(best.values())
