"""The event store's schema: one place that names every table and column.

Tables
- articles: one row per ingested article (coded or skipped, with the reason).
- mentions: one row per coded event mention (one sentence of one article), with its evidence.
- events:   deduplicated events; each groups one or more mentions (mentions.event_id), with GDELT-style
            counts (rules in store/dedup.py and docs/store.md).
- actors:   every actor code seen, with its canonical name, country, sector and number of mentions.
- conflicts: input articles whose id was already stored with different text (kept aside, never coded).

The flat mention row is also the layout of `eventwire batch` Parquet output and of the event exports, so that
every path out of eventwire gives the same columns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventwire.records import Article, Event

ARTICLES_DDL = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    title VARCHAR,
    source VARCHAR,
    published DATE,
    language VARCHAR,
    text VARCHAR,
    content_hash VARCHAR,
    status VARCHAR,          -- coded | skipped
    reason VARCHAR,          -- why an article was skipped (non-English, empty, ...)
    n_events INTEGER,
    ingested_at TIMESTAMP
)"""

# (name, DuckDB type) of a flat mention row, in order.
MENTION_COLUMNS: list[tuple[str, str]] = [
    ("id", "VARCHAR"),
    ("event_id", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("published", "DATE"),
    ("sentence", "VARCHAR"),
    ("sentence_start", "INTEGER"),
    ("sentence_end", "INTEGER"),
    ("trigger", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("source_text", "VARCHAR"),
    ("source_code", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("source_sector", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("target_text", "VARCHAR"),
    ("target_code", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("target_sector", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("cameo_name", "VARCHAR"),
    ("plover", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("quad_class", "TINYINT"),
    ("goldstein", "DOUBLE"),
    ("mode", "VARCHAR"),
    ("attributed_to", "VARCHAR"),
    ("date", "VARCHAR"),            # YYYY-MM-DD, YYYY-MM or YYYY as resolved
    ("date_resolution", "VARCHAR"),  # day | month | year | published
    ("event_date", "DATE"),          # first day of the resolved period, for range queries
    ("event_month", "VARCHAR"),      # YYYY-MM, the partition key of Parquet output
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("latitude", "DOUBLE"),
    ("longitude", "DOUBLE"),
    ("confidence", "DOUBLE"),
    ("rule", "VARCHAR"),
    ("quote", "VARCHAR"),
]

MENTIONS_DDL = "CREATE TABLE IF NOT EXISTS mentions (\n    " + ",\n    ".join(
    f"{n} {t}{' PRIMARY KEY' if n == 'id' else ''}" for n, t in MENTION_COLUMNS) + "\n)"

# (name, DuckDB type) of a deduplicated event row, in order. The last five columns were added for the store's
# incremental deduplication and for exports (see docs/store.md).
EVENT_COLUMNS: list[tuple[str, str]] = [
    ("id", "VARCHAR"),
    ("source_code", "VARCHAR"), ("source_country", "VARCHAR"), ("source_sector", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("target_code", "VARCHAR"), ("target_country", "VARCHAR"), ("target_sector", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("cameo", "VARCHAR"), ("cameo_root", "VARCHAR"), ("cameo_name", "VARCHAR"), ("plover", "VARCHAR"),
    ("quad_class", "TINYINT"), ("goldstein", "DOUBLE"),
    ("mode", "VARCHAR"), ("date", "VARCHAR"), ("event_date", "DATE"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
    ("latitude", "DOUBLE"), ("longitude", "DOUBLE"),
    ("num_mentions", "INTEGER"), ("num_sources", "INTEGER"), ("num_articles", "INTEGER"),
    ("first_seen", "DATE"), ("last_seen", "DATE"), ("sentence", "VARCHAR"),
    ("dedup_key", "VARCHAR"),    # source|target|CAMEO root|mode class: events are recomputed per key
    ("last_date", "DATE"),       # latest event_date among the event's mentions
    ("mention_id", "VARCHAR"),   # the representative (highest-confidence) mention
    ("article_id", "VARCHAR"),   # ... its article
    ("source_url", "VARCHAR"),   # ... and that article's URL
    ("plover_mode", "VARCHAR"),
]

EVENTS_DDL = "CREATE TABLE IF NOT EXISTS events (\n    " + ",\n    ".join(
    f"{n} {t}{' PRIMARY KEY' if n == 'id' else ''}" for n, t in EVENT_COLUMNS) + "\n)"

ACTORS_DDL = """
CREATE TABLE IF NOT EXISTS actors (
    code VARCHAR PRIMARY KEY,
    name VARCHAR, country VARCHAR, sector VARCHAR,
    num_mentions INTEGER
)"""

# An input article whose id was already stored with different text: the stored version is kept and the other
# one is recorded here, so nothing read is lost.
CONFLICTS_DDL = """
CREATE TABLE IF NOT EXISTS conflicts (
    article_id VARCHAR,
    content_hash VARCHAR,
    url VARCHAR,
    title VARCHAR,
    source VARCHAR,
    published DATE,
    text VARCHAR,
    first_seen_at TIMESTAMP,
    PRIMARY KEY (article_id, content_hash)
)"""

ALL_DDL = (ARTICLES_DDL, MENTIONS_DDL, EVENTS_DDL, ACTORS_DDL, CONFLICTS_DDL)


def _period_start(value: str | None) -> date | None:
    """The first day of a resolved date of any precision ("2019-01" -> 2019-01-01)."""
    if not value:
        return None
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("01")
    try:
        return date.fromisoformat("-".join(parts[:3]))
    except ValueError:
        return None


def mention_row(event: Event, article: Article | None = None, event_id: str | None = None) -> dict[str, Any]:
    """The flat row of one event mention, in MENTION_COLUMNS order."""
    src, tgt, loc = event.source, event.target, event.location
    event_date = _period_start(event.date)
    published = article.published if article else None
    month = (event_date or published).isoformat()[:7] if (event_date or published) else None
    return {
        "id": event.id,
        "event_id": event_id,
        "article_id": event.article_id,
        "published": published,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "source_text": src.text,
        "source_code": src.code,
        "source_country": src.country,
        "source_sector": src.sector,
        "source_name": src.name,
        "target_text": tgt.text if tgt else None,
        "target_code": tgt.code if tgt else None,
        "target_country": tgt.country if tgt else None,
        "target_sector": tgt.sector if tgt else None,
        "target_name": tgt.name if tgt else None,
        "cameo": event.cameo,
        "cameo_root": event.root,
        "cameo_name": event.cameo_name,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "mode": event.mode,
        "attributed_to": event.attributed_to,
        "date": event.date,
        "date_resolution": event.date_resolution,
        "event_date": event_date,
        "event_month": month,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "confidence": event.confidence,
        "rule": event.rule,
        "quote": event.quote,
    }
