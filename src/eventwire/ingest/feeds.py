"""RSS and Atom feeds (feedparser): entries with their link, title, date and summary or content."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

import feedparser

from eventwire.ingest.html import parse_date

FEED_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
FEED_ROOTS = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"[ \t\r\f\v]+")


class MalformedFeed(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FeedEntry:
    index: int  # 1-based position in the feed
    title: str | None
    link: str | None
    published: date | None
    summary: str  # plain text of the summary, or of the entry's content when that is longer


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    problem: str | None  # a recoverable fault (the feed was parsed despite it)
    problem_line: int | None


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if kind in FEED_CONTENT_TYPES and kind not in ("application/xml", "text/xml"):
        return True
    return bool(FEED_ROOTS.match(body[:2048]))


def parse_feed(data: bytes) -> ParsedFeed:
    """Entries of an RSS/Atom document; raises MalformedFeed when nothing usable is in it."""
    parsed = feedparser.parse(data)
    problem, line = None, None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        line = _exception_line(exc)
        problem = f"malformed feed: {exc}"
    if not parsed.get("version") and not parsed.entries:
        raise MalformedFeed(problem or "not an RSS or Atom feed", line)
    entries = [entry_of(i, raw) for i, raw in enumerate(parsed.entries, start=1)]
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(title=title or None, entries=entries, problem=problem, problem_line=line)


def entry_of(index: int, raw: feedparser.FeedParserDict) -> FeedEntry:
    summary = html_to_text(raw.get("summary") or "")
    for content in raw.get("content") or []:
        text = html_to_text(content.get("value") or "")
        if len(text) > len(summary):
            summary = text
    published = None
    for key in ("published_parsed", "updated_parsed"):
        if raw.get(key):
            published = date(*raw[key][:3])
            break
    if published is None:
        published = parse_date(raw.get("published") or raw.get("updated"))
    return FeedEntry(
        index=index,
        title=(raw.get("title") or "").strip() or None,
        link=(raw.get("link") or "").strip() or None,
        published=published,
        summary=summary,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed summary): tags out, entities decoded, paragraphs kept."""
    fragment = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>", "\n", fragment)
    text = html.unescape(TAG.sub("", fragment))
    lines = (SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _exception_line(exc: object) -> int | None:
    get_line = getattr(exc, "getLineNumber", None)
    if callable(get_line):
        try:
            return int(get_line())
        except (TypeError, ValueError):
            return None
    return None
