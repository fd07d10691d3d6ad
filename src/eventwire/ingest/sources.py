"""Where articles come from: files (.txt .jsonl .csv .html .xml/.rss/.atom), folders of them, stdin, and
http(s) URLs of pages or feeds. `iter_articles` yields Articles and, in between, SourceErrors for the inputs
it could not read; a bad input never stops the rest."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from eventwire.ingest.feeds import MalformedFeed, looks_like_feed, parse_feed
from eventwire.ingest.html import NoArticleText, extract_page, parse_date
from eventwire.ingest.http import FetchError, HttpClient
from eventwire.io.language import guess_language
from eventwire.records import Article

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
KNOWN_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
MAX_FILE_BYTES = 50_000_000  # one document (text, page, feed); JSONL and CSV are read line by line
TXT_HEADER_KEYS = ("TITLE", "PUBLISHED", "URL", "SOURCE")


@dataclass(frozen=True)
class SourceError:
    """One problem with one input; the caller prints it and goes on."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CsvColumns:
    id: str | None = "id"
    text: str = "text"
    title: str | None = "title"
    published: str | None = "date"
    url: str | None = "url"


Item = Article | SourceError


def iter_articles(
    source: str,
    *,
    allow_private: bool = False,
    csv_columns: CsvColumns | None = None,
    client: HttpClient | None = None,
    fetch_pages: bool = True,
) -> Iterator[Item]:
    """Articles from one source: a file, a folder (recursively, sorted), an http(s) URL, or "-" for stdin.

    Ids are stable (URL when known, else a content hash); a second article with an id already seen is reported
    and dropped (the first one wins). `fetch_pages`: fetch the page of each feed entry that has a link."""
    own_client = client is None
    http = client if client is not None else HttpClient(allow_private=allow_private)
    reader = _Reader(http=http, csv_columns=csv_columns or CsvColumns(), fetch_pages=fetch_pages)
    try:
        yield from drop_duplicate_ids(reader.read(source))
    finally:
        if own_client:
            http.close()


def drop_duplicate_ids(items: Iterator[Item]) -> Iterator[Item]:
    seen: dict[str, tuple[str, str]] = {}  # id -> (content hash, where it was first seen)
    for item in items:
        if isinstance(item, SourceError):
            yield item
            continue
        digest = item.content_hash()
        first = seen.get(item.id)
        if first is None:
            seen[item.id] = (digest, item.source or "")
            yield item
        elif first[0] != digest:
            yield SourceError(
                item.source or item.id,
                None,
                f"duplicate id {item.id!r} with different text (first seen in {first[1]}); keeping the first",
            )
        # An exact repeat (same id, same text) loses nothing and is not an input error: it is dropped quietly.


@dataclass(frozen=True)
class _Reader:
    http: HttpClient
    csv_columns: CsvColumns
    fetch_pages: bool

    def read(self, source: str) -> Iterator[Item]:
        if source == "-":
            yield from read_stdin_text(sys.stdin.read())
        elif is_url(source):
            yield from self.read_url(source)
        else:
            path = Path(source)
            if path.is_dir():
                yield from self.read_folder(path)
            elif path.is_file():
                yield from self.read_file(path)
            else:
                yield SourceError(source, None, "no such file or folder")

    def read_folder(self, folder: Path) -> Iterator[Item]:
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.is_file()
            and p.suffix.lower() in KNOWN_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        for path in files:
            yield from self.read_file(path)

    def read_file(self, path: Path) -> Iterator[Item]:
        name, suffix = str(path), path.suffix.lower()
        if suffix not in KNOWN_SUFFIXES:
            yield SourceError(
                name,
                None,
                f"unknown file type {suffix or '(none)'!r}; expected one of " + " ".join(KNOWN_SUFFIXES),
            )
            return
        try:
            if suffix in JSONL_SUFFIXES:
                with path.open(encoding="utf-8", errors="replace", newline="") as stream:
                    yield from read_jsonl(stream, name)
                return
            if suffix in CSV_SUFFIXES:
                with path.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
                    yield from read_csv(stream, name, self.csv_columns)
                return
            if path.stat().st_size > MAX_FILE_BYTES:
                yield SourceError(
                    name, None, f"file too large ({path.stat().st_size} bytes, limit {MAX_FILE_BYTES})"
                )
                return
            data = path.read_bytes()
        except OSError as exc:
            yield SourceError(name, None, f"cannot read: {exc.strerror or exc}")
            return
        if suffix in TEXT_SUFFIXES:
            yield from read_txt(decode(data), name, path.stem)
        elif suffix in HTML_SUFFIXES:
            yield from read_html(data, name, url=None)
        else:
            yield from self.read_feed(data, name)

    def read_url(self, url: str) -> Iterator[Item]:
        try:
            page = self.http.get(url)
        except FetchError as exc:
            yield SourceError(url, None, exc.message)
            return
        if looks_like_feed(page.body, page.content_type):
            yield from self.read_feed(page.body, url)
        else:
            yield from read_html(page.body, url, url=page.url)

    def read_feed(self, data: bytes, name: str) -> Iterator[Item]:
        try:
            feed = parse_feed(data)
        except MalformedFeed as exc:
            yield SourceError(name, exc.line, str(exc))
            return
        if feed.problem:
            yield SourceError(name, feed.problem_line, feed.problem + " (entries read up to the fault)")
        if not feed.entries:
            yield SourceError(name, None, "feed has no entries")
        for entry in feed.entries:
            text, problem = entry.summary, None
            if entry.link and self.fetch_pages:
                text, problem = self.entry_page_text(entry.link, entry.summary)
            if problem:
                yield SourceError(name, entry.index, problem)
            if not text.strip():
                yield SourceError(name, entry.index, "feed entry has no text")
                continue
            yield make_article(
                text,
                source=name,
                url=entry.link,
                title=entry.title,
                published=entry.published,
                source_name=feed.title or name,
            )

    def entry_page_text(self, link: str, summary: str) -> tuple[str, str | None]:
        """The main text of an entry's page, else its summary with the reason the page was not used."""
        try:
            page = self.http.get(link)
            return extract_page(page.body, url=page.url).text, None
        except (FetchError, NoArticleText) as exc:
            reason = exc.message if isinstance(exc, FetchError) else str(exc)
            fallback = "using the feed summary" if summary.strip() else "no summary to fall back on"
            return summary, f"entry page {link}: {reason}; {fallback}"


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def make_article(
    text: str,
    *,
    source: str,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    source_name: str | None = None,
) -> Article:
    return Article(
        id=id or article_id_for(url, text),
        text=text,
        published=published,
        title=title,
        url=url,
        source=source_name or source,
        language=guess_language(text),
    )


def read_txt(raw: str, name: str, stem: str) -> Iterator[Item]:
    """A plain-text article; optional header lines TITLE:/PUBLISHED:/URL: then a blank line."""
    meta, body = split_txt_header(raw)
    published = None
    if meta.get("PUBLISHED"):
        published = parse_date(meta["PUBLISHED"])
        if published is None:
            yield SourceError(
                name,
                1 + list(meta).index("PUBLISHED"),
                f"unreadable PUBLISHED date {meta['PUBLISHED']!r}; article kept without a date",
            )
    yield make_article(
        body,
        source=name,
        id=stem,
        url=meta.get("URL") or None,
        title=meta.get("TITLE") or None,
        published=published,
    )


def split_txt_header(raw: str) -> tuple[dict[str, str], str]:
    head, sep, body = raw.partition("\n\n")
    lines = head.splitlines()
    meta: dict[str, str] = {}
    for line in lines:
        key, colon, value = line.partition(":")
        if not colon or key.strip().upper() not in TXT_HEADER_KEYS:
            return {}, raw
        meta[key.strip().upper()] = value.strip()
    return (meta, body) if sep and meta else ({}, raw)


def read_html(data: bytes, name: str, url: str | None) -> Iterator[Item]:
    try:
        page = extract_page(data, url=url)
    except NoArticleText as exc:
        yield SourceError(name, None, str(exc))
        return
    yield make_article(
        page.text,
        source=name,
        url=url,
        title=page.title,
        published=page.published,
        source_name=page.site or name,
    )


def read_stdin_text(raw: str) -> Iterator[Item]:
    """stdin: JSON lines when its first non-blank line is a JSON object, else one text."""
    first = next((line for line in raw.splitlines() if line.strip()), "")
    if first.lstrip().startswith("{"):
        yield from read_jsonl(io.StringIO(raw), "<stdin>")
    elif raw.strip():
        yield make_article(raw, source="<stdin>")
    else:
        yield SourceError("<stdin>", None, "no input")


def read_jsonl(stream: io.TextIOBase, name: str) -> Iterator[Item]:
    """{"id","text","published"[,"title","url"]} per line; a bad line is reported and skipped."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        line = line.rstrip("\r\n")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            at_end = exc.pos >= len(line.rstrip()) - 1 or "Unterminated" in exc.msg
            truncated = " (truncated line?)" if at_end else ""
            yield SourceError(name, number, f"invalid JSON{truncated}: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield SourceError(name, number, f"expected a JSON object, got {type(record).__name__}")
            continue
        yield from record_to_article(record, name, number, CsvColumns(published="published"))


def read_csv(stream: io.TextIOBase, name: str, columns: CsvColumns) -> Iterator[Item]:
    reader = csv.DictReader(stream)
    header = reader.fieldnames or []
    if columns.text not in header:
        yield SourceError(
            name,
            1,
            f"no text column {columns.text!r} in the header (columns: "
            f"{', '.join(header) or 'none'}); use the column mapping options",
        )
        return
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                yield SourceError(name, line, "more fields than the header has; row skipped")
                continue
            yield from record_to_article(row, name, line, columns)
    except csv.Error as exc:
        yield SourceError(name, reader.line_num, f"malformed CSV: {exc}; rest of the file skipped")


def record_to_article(record: dict, name: str, line: int, columns: CsvColumns) -> Iterator[Item]:
    def field(key: str | None) -> str | None:
        value = record.get(key) if key else None
        return str(value).strip() or None if value is not None else None

    text = record.get(columns.text)
    if not isinstance(text, str):
        yield SourceError(
            name,
            line,
            f"no {columns.text!r} text field" if text is None else f"{columns.text!r} is not a string",
        )
        return
    published = None
    raw_date = field(columns.published)
    if raw_date:
        published = parse_date(raw_date)
        if published is None:
            yield SourceError(name, line, f"unreadable date {raw_date!r}; article kept without a date")
    url = field(columns.url)
    yield make_article(
        text,
        source=name,
        id=field(columns.id) or None,
        url=url,
        title=field(columns.title),
        published=published,
    )


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no trailing slash on the path."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


def article_id_for(url: str | None, text: str) -> str:
    """Stable id: the normalised URL when known, else "sha1:" + the hash of the text."""
    if url and url.strip():
        return normalise_url(url)
    return "sha1:" + hashlib.sha1(text.strip().encode("utf-8")).hexdigest()
