"""`eventwire watch FEED... --every 15m [--db PATH] [--once] [--max-polls N]`: poll feeds, code new articles.

Every poll reads each feed (with the HTTP client's timeouts and size limits), stores and codes the articles
not stored yet, and publishes the read snapshot so `serve` sees them. A feed that is down is reported and
tried again on the next poll. The watcher holds the store open between polls (it is the single writer).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from eventwire.commands.ingest import LazyCoder, add_source_arguments, add_store_arguments, read_sources
from eventwire.store.paths import resolve_db_path

DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "watch", help="poll RSS/Atom feeds and code new articles into the event store",
        description="Poll feeds (URLs or files) every interval; articles already stored are not coded again.")
    p.add_argument("feeds", nargs="+", metavar="FEED")
    p.add_argument("--every", type=duration, default=duration("15m"), metavar="DURATION",
                   help="time between polls: 30s, 15m, 1h, 1h30m (default 15m)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--max-polls", type=int, metavar="N", help="exit after N polls")
    add_store_arguments(p)
    add_source_arguments(p)
    p.set_defaults(func=run)


def duration(text: str) -> float:
    """Seconds in a duration such as 30s, 15m, 1h or 1h30m (a bare number is seconds)."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    if not value or DURATION_PART.sub("", value):
        raise argparse.ArgumentTypeError(f"not a duration (like 30s, 15m, 1h): {text!r}")
    return sum(float(n) * UNIT_SECONDS[unit] for n, unit in DURATION_PART.findall(value))


@dataclass
class PollReport:
    number: int
    articles: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    feeds_down: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        stamp = datetime.now().isoformat(timespec="seconds")
        down = f", feeds down: {', '.join(self.feeds_down)}" if self.feeds_down else ""
        return (f"[{stamp}] poll {self.number}: {self.articles} articles, {self.stored} new, "
                f"{self.unchanged} already stored, {self.events} new events, {len(self.errors)} errors{down}")


def poll_feeds(store, feeds: list[str], coder, args: argparse.Namespace, number: int) -> PollReport:
    """One poll: every feed in turn, each stored in its own ingest so one feed's failure spares the others."""
    report = PollReport(number)
    for feed in feeds:
        try:
            summary = store.ingest(read_sources([feed], args), coder)
        except Exception as exc:  # a feed must never stop the watcher; it is retried next poll
            report.feeds_down.append(feed)
            report.errors.append(f"{feed}: {type(exc).__name__}: {exc}")
            continue
        if summary.errors and summary.articles_seen == 0:
            report.feeds_down.append(feed)
        report.articles += summary.articles_seen
        report.stored += summary.stored
        report.unchanged += summary.unchanged
        report.events += summary.events
        report.errors.extend(summary.errors)
    return report


def watch(store, feeds: list[str], coder, args: argparse.Namespace,
          sleep: Callable[[float], None] = time.sleep) -> list[PollReport]:
    reports: list[PollReport] = []
    max_polls = 1 if args.once else args.max_polls
    number = 0
    while max_polls is None or number < max_polls:
        number += 1
        if number > 1:
            sleep(args.every)
        report = poll_feeds(store, feeds, coder, args, number)
        reports.append(report)
        print(report.line(), flush=True)
        for error in report.errors:
            print(f"  {error}", file=sys.stderr, flush=True)
    return reports


def run(args: argparse.Namespace) -> int:
    from eventwire.store.writer import Store, StoreError

    if args.max_polls is not None and args.max_polls < 1:
        print("eventwire watch: --max-polls must be at least 1", file=sys.stderr)
        return 2
    db_path = resolve_db_path(args.db)
    coder = LazyCoder()
    try:
        store = Store(db_path, batch_size=args.batch_size)
    except StoreError as exc:
        print(f"eventwire watch: {exc}", file=sys.stderr)
        return 2
    with store:
        print(f"watching {len(args.feeds)} feed(s) every {args.every:g}s into {db_path}", flush=True)
        reports = watch(store, args.feeds, coder, args)
    return 1 if any(r.errors for r in reports) else 0
