"""Deduplication: mentions of the same event become one event row with GDELT-style counts.

Pure functions over flat mention rows (the `schema.mention_row` layout plus two article fields,
`article_source` and `article_url`). The rules, documented in docs/store.md:

1. Key: mentions share an event only if they have the same source actor, target actor, CAMEO root and mode
   class. An actor is its code, else its country, else its lower-cased text.
2. Date: within a key, day-dated mentions (resolution day or published; undated mentions use the article's
   published date) are sorted by date and grouped greedily: an event starts at the earliest remaining date D
   and takes every mention dated D or D+1. Month- and year-dated mentions group by their month / year, apart
   from day-dated ones. Mentions with no date and no published date form one group per key.
3. Location: inside a date group, mentions with a location country split by country; mentions without one join
   the largest country group (ties: the alphabetically first country).

Counts: num_mentions is the number of distinct sentences (two events the coder found in one sentence are one
report), num_articles the distinct articles, num_sources the distinct article sources (feed or site name,
else the URL's host, else the article id). Every mention row is kept and points to its event.

The result depends only on the set of mentions, never on the order they arrived in, so re-ingesting or
ingesting in another order gives the same events and ids.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from eventwire.store.schema import EVENT_COLUMNS

Row = Mapping[str, Any]

MODE_CLASS = {
    "asserted": "asserted",
    "claimed": "asserted",
    "historical": "asserted",
    "negated": "negated",
    "future": "irrealis",
    "hypothetical": "irrealis",
}
DAY_WINDOW = timedelta(days=1)
DAY_RESOLUTIONS = frozenset({"day", "published", None})


def as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parts = str(value)[:10].split("-")
    while len(parts) < 3:
        parts.append("01")
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def actor_key(code: str | None, country: str | None, text: str | None) -> str:
    if code:
        return code
    if country:
        return country
    return "~" + (text or "").strip().lower()


def mode_class(mode: str | None) -> str:
    return MODE_CLASS.get(mode or "asserted", mode or "asserted")


def dedup_key(row: Row) -> str:
    """The key that mentions of one event share: source|target|CAMEO root|mode class."""
    target = "" if not (row.get("target_code") or row.get("target_country") or row.get("target_text")) else \
        actor_key(row.get("target_code"), row.get("target_country"), row.get("target_text"))
    return "|".join([
        actor_key(row.get("source_code"), row.get("source_country"), row.get("source_text")),
        target,
        row.get("cameo_root") or (row.get("cameo") or "")[:2],
        mode_class(row.get("mode")),
    ])


def date_group_label(row: Row) -> tuple[str, date | None]:
    """('day', date) for day-dated mentions, ('month'|'year', period start) otherwise, ('undated', None)."""
    resolution = row.get("date_resolution")
    event_date = as_date(row.get("event_date")) or as_date(row.get("date"))
    if event_date is not None and resolution in ("month", "year"):
        return resolution, event_date
    if event_date is not None and resolution in DAY_RESOLUTIONS:
        return "day", event_date
    published = as_date(row.get("published"))
    if published is not None:
        return "day", published
    return "undated", None


def group_by_date(rows: Iterable[Row]) -> list[list[Row]]:
    """Split one key's mentions into date groups (rule 2)."""
    day_rows: list[tuple[date, str, Row]] = []
    periods: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        kind, when = date_group_label(row)
        if kind == "day" and when is not None:
            day_rows.append((when, str(row["id"]), row))
        else:
            label = "" if when is None else when.isoformat()[: 7 if kind == "month" else 4]
            periods[(kind, label)].append(row)
    groups: list[list[Row]] = []
    start: date | None = None
    for when, _, row in sorted(day_rows, key=lambda t: (t[0], t[1])):
        if start is None or when > start + DAY_WINDOW:
            start = when
            groups.append([])
        groups[-1].append(row)
    groups.extend(sorted(periods[k], key=lambda r: str(r["id"])) for k in sorted(periods))
    return groups


def split_by_location(rows: list[Row]) -> list[tuple[str | None, list[Row]]]:
    """Split one date group by location country (rule 3). Returns (country, mentions) pairs."""
    by_country: dict[str, list[Row]] = defaultdict(list)
    unplaced: list[Row] = []
    for row in rows:
        country = row.get("location_country")
        (by_country[country] if country else unplaced).append(row)
    if not by_country:
        return [(None, rows)]
    largest = min(by_country, key=lambda c: (-len(by_country[c]), c))
    by_country[largest].extend(unplaced)
    return [(c, by_country[c]) for c in sorted(by_country)]


def cluster_mentions(rows: Iterable[Row]) -> list[tuple[str, str | None, list[Row]]]:
    """All events of a set of mentions: (dedup key, location country, mentions) per event."""
    by_key: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_key[dedup_key(row)].append(row)
    clusters = []
    for key in sorted(by_key):
        for group in group_by_date(by_key[key]):
            clusters.extend((key, country, members) for country, members in split_by_location(group))
    return clusters


def representative(rows: list[Row]) -> Row:
    """The highest-confidence mention; ties go to the earliest date, then the smallest id."""
    return min(rows, key=lambda r: (-(r.get("confidence") or 0.0), sort_date(r), str(r["id"])))


def sort_date(row: Row) -> date:
    return date_group_label(row)[1] or date.max


def event_id(key: str, first: date | None, kind: str, country: str | None) -> str:
    anchor = first.isoformat() if first else "undated"
    text = "|".join([key, kind, anchor, country or ""])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def event_row(key: str, country: str | None, rows: list[Row]) -> dict[str, Any]:
    """The events-table row (schema.EVENT_COLUMNS) of one cluster of mentions."""
    rep = representative(rows)
    earliest = min(rows, key=lambda r: (sort_date(r), str(r["id"])))
    kind, first = date_group_label(earliest)
    last = max(sort_date(r) for r in rows)
    placed = [r for r in rows if r.get("location_country") == country and r.get("location_name")]
    place = rep if rep in placed or not placed else representative(placed)
    published = [d for d in (as_date(r.get("published")) for r in rows) if d]
    row = {
        "id": event_id(key, first, kind, country),
        "source_code": rep.get("source_code"), "source_country": rep.get("source_country"),
        "source_sector": rep.get("source_sector"), "source_name": rep.get("source_name"),
        "target_code": rep.get("target_code"), "target_country": rep.get("target_country"),
        "target_sector": rep.get("target_sector"), "target_name": rep.get("target_name"),
        "cameo": rep.get("cameo"), "cameo_root": rep.get("cameo_root"), "cameo_name": rep.get("cameo_name"),
        "plover": rep.get("plover"), "quad_class": rep.get("quad_class"), "goldstein": rep.get("goldstein"),
        "mode": rep.get("mode"),
        "date": earliest.get("date") or (first.isoformat() if first else None),
        "event_date": first,
        "location_name": place.get("location_name"), "location_country": place.get("location_country"),
        "latitude": place.get("latitude"), "longitude": place.get("longitude"),
        "num_mentions": len({(r.get("article_id"), r.get("sentence_start")) for r in rows}),
        "num_sources": len({r.get("article_source") or r.get("article_id") for r in rows}),
        "num_articles": len({r.get("article_id") for r in rows}),
        "first_seen": min(published) if published else None,
        "last_seen": max(published) if published else None,
        "sentence": rep.get("sentence"),
        "dedup_key": key,
        "last_date": None if last == date.max else last,
        "mention_id": rep.get("id"), "article_id": rep.get("article_id"),
        "source_url": rep.get("article_url"),
        "plover_mode": rep.get("plover_mode"),
    }
    return {name: row[name] for name, _ in EVENT_COLUMNS}


def build_events(rows: Iterable[Row]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Deduplicate mentions: (event rows, {mention id: event id})."""
    events: list[dict[str, Any]] = []
    assignment: dict[str, str] = {}
    for key, country, members in cluster_mentions(rows):
        event = event_row(key, country, members)
        events.append(event)
        assignment.update((str(m["id"]), event["id"]) for m in members)
    return events, assignment
