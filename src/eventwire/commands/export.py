"""`eventwire export --format csv|jsonl|parquet [--layout plover|gdelt|mentions] [--db PATH] OUT`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventwire.commands.events import add_filter_arguments, event_filter
from eventwire.store.export import FORMATS, LAYOUTS
from eventwire.store.paths import DB_HELP, resolve_db_path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="export the event store to CSV, JSONL or Parquet",
        description="Write the store's events (PLOVER-style records or a GDELT-style event table) or its raw "
                    "mentions to OUT. The filters of `eventwire events` select which events.")
    p.add_argument("out", metavar="OUT", type=Path)
    p.add_argument("--format", choices=FORMATS, help="default: from OUT's extension")
    p.add_argument("--layout", choices=LAYOUTS, default="plover")
    p.add_argument("--db", help=DB_HELP)
    add_filter_arguments(p)
    p.set_defaults(func=run)


def format_of(out: Path, explicit: str | None) -> str | None:
    if explicit:
        return explicit
    suffix = out.suffix.lower().lstrip(".")
    aliases = {"ndjson": "jsonl", "json": "jsonl", "pq": "parquet"}
    return aliases.get(suffix, suffix if suffix in FORMATS else None)


def run(args: argparse.Namespace) -> int:
    from eventwire.store.export import export
    from eventwire.store.query import NoDatabaseError, open_for_reading
    from eventwire.store.writer import StoreError

    fmt = format_of(args.out, args.format)
    if fmt is None:
        print(f"eventwire export: cannot tell the format of {args.out}; pass --format "
              f"{'|'.join(FORMATS)}", file=sys.stderr)
        return 2
    if not args.out.parent.is_dir():
        print(f"eventwire export: no such folder: {args.out.parent}", file=sys.stderr)
        return 2
    try:
        handle = open_for_reading(resolve_db_path(args.db))
    except (NoDatabaseError, StoreError) as exc:
        print(f"eventwire export: {exc}", file=sys.stderr)
        return 2
    with handle:
        if handle.is_snapshot:
            print(f"reading {handle.describe()}", file=sys.stderr)
        count = export(handle.con, args.out, fmt, args.layout, event_filter(args))
    print(f"wrote {count} {'mentions' if args.layout == 'mentions' else 'events'} ({args.layout}, {fmt}) "
          f"to {args.out}")
    return 0
