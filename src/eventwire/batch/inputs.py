"""Batch inputs: JSONL (optionally gzipped) or Parquet files of articles, named by a folder, a glob or a file.

Each input file is one unit of work. A record needs `text`; `id`, `published` (or `date`), `title`, `url`,
`source` and `language` are optional. An article without an id gets its url, else `text-<sha256 of text>`:
the same article gets the same id in every engine, whatever file or line it sits on. Unreadable records are
reported as `file:line` (JSONL) or `file:row N` (Parquet) and skipped; the rest of the file is still read.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventwire.records import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_BATCH_ROWS = 256
ARTICLE_FIELDS = ("id", "text", "published", "date", "title", "url", "source", "language")

ProblemSink = Callable[[str, str], None]  # (where, reason)


class InputError(ValueError):
    """The INPUT argument names nothing readable."""


@dataclass(frozen=True)
class InputFile:
    path: str
    format: str  # jsonl | parquet
    name: str  # unique among the inputs of one run; names the output part files and the done-marker

    @property
    def display(self) -> str:
        return os.path.basename(self.path)


def input_format(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def _strip_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in sorted(JSONL_SUFFIXES + PARQUET_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _safe_name(relative: str) -> str:
    stem = _strip_suffix(relative).replace(os.sep, "__").replace("/", "__")
    return re.sub(r"[^A-Za-z0-9._=-]+", "_", stem).strip("._") or "input"


def _matching_paths(spec: str) -> tuple[list[str], str]:
    """Candidate files and the root their names are taken relative to."""
    if os.path.isdir(spec):
        root = spec
        found = [str(p) for p in Path(spec).rglob("*") if p.is_file()]
    elif glob.has_magic(spec):
        found = [p for p in glob.glob(spec, recursive=True) if os.path.isfile(p)]
        root = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in found]) if found else ""
    elif os.path.isfile(spec):
        return [spec], os.path.dirname(spec)
    else:
        raise InputError(f"input {spec!r}: no such file, folder or glob match")
    hidden = re.compile(r"(^|/)[._]")
    found = [p for p in found if not hidden.search(os.path.relpath(p, root or "."))]
    return found, root


def discover_inputs(spec: str | os.PathLike[str]) -> list[InputFile]:
    """The article files named by `spec` (folder, glob or file), sorted by path.

    Hidden files and files starting with `_` are ignored, as Spark and Hadoop do.
    """
    spec = os.fspath(spec)
    paths, root = _matching_paths(spec)
    typed = sorted((p, fmt) for p in paths if (fmt := input_format(p)))
    if not typed:
        raise InputError(f"input {spec!r}: no JSONL ({', '.join(JSONL_SUFFIXES)}) or Parquet "
                         f"({', '.join(PARQUET_SUFFIXES)}) files found")
    names = [_safe_name(os.path.relpath(p, root or ".")) for p, _ in typed]
    duplicated = {n for n in names if names.count(n) > 1}
    return [
        InputFile(path=p, format=fmt,
                  name=f"{n}-{hashlib.sha1(p.encode()).hexdigest()[:8]}" if n in duplicated else n)
        for (p, fmt), n in zip(typed, names, strict=True)
    ]


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            try:
                return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            except ValueError:
                raise ValueError(f"published date {value!r} is not ISO 8601 (YYYY-MM-DD)") from None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    raise ValueError(f"published date {value!r} is not a date")


def _optional_str(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    return str(value)


def article_id_for(record: Mapping[str, Any], text: str) -> str:
    """The record's id, else its url, else a hash of its text: stable across files, lines and engines."""
    for key in ("id", "url"):
        value = _optional_str(record, key)
        if value:
            return value
    return "text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_from_record(record: Mapping[str, Any]) -> Article:
    """An Article from one input record; ValueError with the reason when the record can't be one."""
    if not isinstance(record, Mapping):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        kind = type(text).__name__
        raise ValueError("no 'text' field" if text is None else f"'text' is {kind}, not a string")
    published = record.get("published")
    if published is None or (isinstance(published, float) and published != published):
        published = record.get("date")
    return Article(
        id=article_id_for(record, text),
        text=text,
        published=_as_date(published),
        title=_optional_str(record, "title"),
        url=_optional_str(record, "url"),
        source=_optional_str(record, "source"),
        language=_optional_str(record, "language"),
    )


def _open_binary(path: str) -> io.BufferedIOBase:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")  # noqa: SIM115 - closed by the caller's with


def _parse_line(raw: bytes) -> Article | None:
    """The article on one JSONL line; None for a blank line; ValueError naming what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start + 1})") from None
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"bad JSON at column {exc.colno}: {exc.msg}") from None
    return article_from_record(record)


def _iter_jsonl(path: str, on_problem: ProblemSink) -> Iterator[tuple[str, Article]]:
    name = os.path.basename(path)
    with _open_binary(path) as handle:
        for line_no, raw in enumerate(handle, start=1):
            try:
                article = _parse_line(raw)
            except ValueError as exc:
                on_problem(f"{name}:{line_no}", str(exc))
                continue
            if article is not None:
                yield f"{name}:{line_no}", article


def _iter_parquet(path: str, on_problem: ProblemSink) -> Iterator[tuple[str, Article]]:
    import pyarrow.parquet as pq

    name = os.path.basename(path)
    with pq.ParquetFile(path) as parquet:
        columns = [c for c in ARTICLE_FIELDS if c in parquet.schema_arrow.names]
        if "text" not in columns:
            on_problem(name, "no 'text' column; file skipped")
            return
        row = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                try:
                    article = article_from_record(record)
                except ValueError as exc:
                    on_problem(f"{name}:row {row}", str(exc))
                    continue
                yield f"{name}:row {row}", article


def iter_articles(source: InputFile, on_problem: ProblemSink) -> Iterator[tuple[str, Article]]:
    """(position, Article) for every readable record of one input file, in file order."""
    if source.format == "parquet":
        return _iter_parquet(source.path, on_problem)
    return _iter_jsonl(source.path, on_problem)
