"""Batch coding of large corpora: all cores of one machine (`batch.local`) or a Spark cluster (`batch.spark`).

Both engines read the same inputs (`batch.inputs`), code them with the same `Coder`, and write the same
Parquet layout: the flat mention rows of `eventwire.store.schema.MENTION_COLUMNS`, with the explicit Arrow
schema below, partitioned Hive-style by event month (`OUTPUT/event_month=2019-01/part-....parquet`). As in
Spark's own output the partition column lives in the directory name, not in the files; `read_output` puts it
back.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import pyarrow as pa

from eventwire.records import Article, Event
from eventwire.store.schema import MENTION_COLUMNS, mention_row

if TYPE_CHECKING:
    from eventwire.pipeline import Coder

PARTITION_COLUMN = "event_month"
# Spark's name for the partition of rows whose key is null; the local engine uses it too.
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
# Articles handed to the coder at a time; a failing chunk is retried one article at a time.
CODING_CHUNK = 64
MAX_REPORTED_PROBLEMS = 100

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "INTEGER": pa.int32(),
    "TINYINT": pa.int8(),
    "DOUBLE": pa.float64(),
}

MENTION_SCHEMA = pa.schema([pa.field(name, _ARROW_TYPES[sql]) for name, sql in MENTION_COLUMNS])
# What the part files hold: every column but the partition key.
PART_SCHEMA = pa.schema([f for f in MENTION_SCHEMA if f.name != PARTITION_COLUMN])


class CoderLike(Protocol):
    def code_article(self, article: Article) -> list[Event]: ...

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16
                      ) -> Iterator[tuple[Article, list[Event]]]: ...


@dataclass
class CodingStats:
    """Counts of one unit of work (an input file or a Spark partition) and the first problems seen."""

    articles: int = 0  # readable articles (bad records are counted in `bad` only)
    skipped: int = 0  # refused by article_problem (empty, binary, too large, not English)
    bad: int = 0  # unreadable records (bad JSON, no text) and articles the coder failed on
    events: int = 0
    problems: list[str] = field(default_factory=list)

    def report(self, where: str, reason: str) -> None:
        self.bad += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(f"{where}: {reason}")

    def add(self, other: CodingStats) -> None:
        self.articles += other.articles
        self.skipped += other.skipped
        self.bad += other.bad
        self.events += other.events
        room = MAX_REPORTED_PROBLEMS - len(self.problems)
        self.problems.extend(other.problems[:max(room, 0)])

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "skipped": self.skipped, "bad": self.bad, "events": self.events,
                "problems": list(self.problems)}


def single_threaded_env() -> dict[str, str]:
    """Thread limits for worker processes: one BLAS/OpenMP thread each, or N workers fight over N cores."""
    return {name: "1" for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                   "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")}


def limit_threads() -> None:
    """Apply single_threaded_env to this process (for libraries that read it at import time)."""
    for name, value in single_threaded_env().items():
        os.environ.setdefault(name, value)


def worker_coder() -> Coder:
    """The coder of this worker process, built once per process (Coder.default() caches it per process).

    Once built, everything the process holds is moved out of the cycle collector's reach (`gc.freeze()`):
    the coder's 420,000 long-lived objects would otherwise be walked by every full collection (~0.2 s each),
    and PySpark's worker runs one after every task. Only a worker process does this, never a host
    application: building leaves a few dozen objects in cycles (measured: 60), which stay.
    """
    from eventwire.pipeline import Coder

    first = Coder.default.cache_info().currsize == 0
    coder = Coder.default()
    if first:
        gc.freeze()
    return coder


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _admissible(numbered: Iterable[tuple[str, Article]], stats: CodingStats
                ) -> Iterator[tuple[str, Article]]:
    from eventwire.io.validate import article_problem

    for where, article in numbered:
        stats.articles += 1
        if article_problem(article) is not None:
            stats.skipped += 1
            continue
        yield where, article


def _code_chunk(coder: CoderLike, chunk: list[tuple[str, Article]], batch_size: int, stats: CodingStats
                ) -> list[tuple[Article, list[Event]]]:
    try:
        return list(coder.code_articles((a for _, a in chunk), batch_size=batch_size))
    except Exception:  # noqa: BLE001 - isolate the article that broke the batch, keep its neighbours
        coded = []
        for where, article in chunk:
            try:
                coded.append((article, coder.code_article(article)))
            except Exception as exc:  # noqa: BLE001
                stats.report(where, f"coder failed on article {article.id!r}: {type(exc).__name__}: {exc}")
        return coded


def code_numbered(coder: CoderLike, numbered: Iterable[tuple[str, Article]], stats: CodingStats,
                  batch_size: int = 16) -> Iterator[tuple[Article, list[Event]]]:
    """Code (position, article) pairs in input order, skipping inadmissible articles and isolating failures.

    `position` (e.g. "news.jsonl:12") names the input in problem reports.
    """
    for chunk in _chunks(_admissible(numbered, stats), CODING_CHUNK):
        for article, events in _code_chunk(coder, chunk, batch_size, stats):
            stats.events += len(events)
            yield article, events


def rows_table(rows: list[dict[str, Any]], schema: pa.Schema = MENTION_SCHEMA) -> pa.Table:
    """Rows from mention_row() as an Arrow table with the batch output schema."""
    return pa.Table.from_pylist(rows, schema=schema)


def event_rows(article: Article, events: Iterable[Event]) -> list[dict[str, Any]]:
    """The mention rows of one article's events."""
    return [mention_row(event, article) for event in events]


def partition_value(month: str | None) -> str:
    return month if month else NULL_PARTITION


def read_output(path: str | os.PathLike[str]) -> pa.Table:
    """Read batch output (either engine) back as one table in MENTION_COLUMNS order."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    partitioning = ds.partitioning(pa.schema([pa.field(PARTITION_COLUMN, pa.string())]), flavor="hive")
    dataset = ds.dataset(os.fspath(path), format="parquet", partitioning=partitioning,
                         schema=MENTION_SCHEMA, exclude_invalid_files=False,
                         ignore_prefixes=[".", "_"])
    table = dataset.to_table()
    months = table.column(PARTITION_COLUMN)
    months = pc.if_else(pc.equal(months, NULL_PARTITION), pa.scalar(None, pa.string()), months)
    return table.set_column(table.schema.get_field_index(PARTITION_COLUMN), PARTITION_COLUMN, months)


__all__ = [
    "MENTION_SCHEMA", "NULL_PARTITION", "PARTITION_COLUMN", "PART_SCHEMA", "CoderLike", "CodingStats",
    "code_numbered", "event_rows", "limit_threads", "partition_value", "read_output", "rows_table",
    "single_threaded_env", "worker_coder",
]

