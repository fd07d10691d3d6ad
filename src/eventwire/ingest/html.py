"""Main text and metadata of a news web page, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import trafilatura

MIN_TEXT_CHARS = 40  # below this the "article" is a menu, a cookie notice or an error page


class NoArticleText(ValueError):
    """The page has no main text that could be an article."""


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None
    published: date | None
    site: str | None


def extract_page(html: str | bytes, url: str | None = None) -> PageText:
    """The main text, title, date and site name of an HTML page; raises NoArticleText when there is none."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html.strip():
        raise NoArticleText("empty HTML page")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise NoArticleText(f"cannot parse HTML: {exc}") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise NoArticleText("HTML page has no article text")
    title = (getattr(doc, "title", None) or "").strip() or None
    text = drop_leading_title(text, title)
    return PageText(
        text=text,
        title=title,
        published=parse_date(getattr(doc, "date", None)),
        site=(getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None),
    )


def drop_leading_title(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1> as the first line; the title is metadata, not body text."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            return rest.strip()
    return text


def parse_date(value: object) -> date | None:
    """A date from metadata: date/datetime, ISO 8601 ("2019-01-23", "2019-01-23T10:00:00Z"), RFC 2822."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = str(value).strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        return None
