"""`eventwire events [--source X] [--target Y] [--cameo CODE] [--since D] [--until D] [--mode M] [--limit N]`:
list deduplicated events from the store, newest first, as a table, JSONL or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from typing import Any, TextIO

from eventwire.records import MODES
from eventwire.store.paths import DB_HELP, resolve_db_path

TABLE_COLUMNS = ("date", "source", "target", "cameo", "name", "mode", "mentions", "sources", "evidence")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "events", help="query deduplicated events in the store",
        description="List events, newest first. --source/--target match an actor code prefix or a country "
                    "(RUS matches RUS, RUSGOV and RUSMIL); --cameo matches a code or its prefix (19, 190).")
    add_filter_arguments(p)
    p.add_argument("--limit", type=int, default=50, help="at most N events (default 50; 0 = all)")
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    p.add_argument("--db", help=DB_HELP)
    p.set_defaults(func=run)


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", help="source actor: code prefix or country (e.g. RUS, USAGOV)")
    p.add_argument("--target", help="target actor: code prefix or country")
    p.add_argument("--cameo", help="CAMEO code or root (e.g. 190 or 19)")
    p.add_argument("--since", type=iso_date, help="events on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=iso_date, help="events on or before this date (YYYY-MM-DD)")
    p.add_argument("--mode", choices=MODES, help="only events in this mode (asserted, negated, ...)")
    p.add_argument("--min-confidence", type=float, metavar="P",
                   help="only events the coder is at least this sure of (0-1)")


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def event_filter(args: argparse.Namespace, limit: int | None = None):
    from eventwire.store.query import EventFilter

    return EventFilter(source=args.source, target=args.target, cameo=args.cameo, since=args.since,
                       until=args.until, mode=args.mode, limit=limit,
                       min_confidence=getattr(args, "min_confidence", None))


def run(args: argparse.Namespace) -> int:
    from eventwire.store.query import NoDatabaseError, open_for_reading, query_events
    from eventwire.store.writer import StoreError

    try:
        handle = open_for_reading(resolve_db_path(args.db))
    except (NoDatabaseError, StoreError) as exc:
        print(f"eventwire events: {exc}", file=sys.stderr)
        return 2
    with handle:
        if handle.is_snapshot:
            print(f"reading {handle.describe()}", file=sys.stderr)
        events = query_events(handle.con, event_filter(args, args.limit or None))
    write_events(events, args.format, sys.stdout)
    return 0


def write_events(events: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event, default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(events[0]) if events else ["id"])
        writer.writeheader()
        writer.writerows(events)
    else:
        write_table(events, out)


def table_row(event: dict[str, Any]) -> tuple[str, ...]:
    sentence = " ".join((event.get("sentence") or "").split())
    return (
        event.get("date") or "",
        event.get("source_code") or event.get("source_name") or "",
        event.get("target_code") or event.get("target_name") or "",
        event.get("cameo") or "",
        (event.get("cameo_name") or "")[:28],
        event.get("mode") or "",
        str(event.get("num_mentions") or 0),
        str(event.get("num_sources") or 0),
        sentence if len(sentence) <= 80 else sentence[:77] + "...",
    )


def write_table(events: list[dict[str, Any]], out: TextIO) -> None:
    if not events:
        out.write("no events match\n")
        return
    rows = [TABLE_COLUMNS] + [table_row(e) for e in events]
    widths = [max(len(r[i]) for r in rows) for i in range(len(TABLE_COLUMNS) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join(cells) + "  " + row[-1] + "\n")
