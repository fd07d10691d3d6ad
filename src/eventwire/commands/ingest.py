"""`eventwire ingest SOURCE... [--sample] [--db PATH] [--replace] [--quiet]`: code news into the event store.

Prints a summary (articles, stored, unchanged, skipped with reasons, events, errors) and the most mentioned
new events with their evidence. Exit status 1 if any input had an error, 2 if the store could not be opened.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.store.paths import DB_HELP, resolve_db_path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest", help="code articles into the event store (DuckDB)",
        description="Read articles from files, folders, URLs, feeds or - (stdin), code them and store "
                    "articles, event mentions and deduplicated events. Re-ingesting an article changes "
                    "nothing.")
    p.add_argument("sources", nargs="*", metavar="SOURCE")
    p.add_argument("--sample", action="store_true",
                   help="also ingest the bundled sample news (Wikinews, CC BY 2.5)")
    add_store_arguments(p)
    add_source_arguments(p)
    p.add_argument("--replace", action="store_true",
                   help="replace stored articles whose id comes again with different text (default: keep the "
                        "stored one and report the conflict)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no event listing")
    p.add_argument("--show", type=int, default=5, metavar="N", help="list N events with evidence at the end")
    p.set_defaults(func=run)


def add_store_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--batch-size", type=positive_int, default=64, help="articles per transaction")


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-private", action="store_true",
                   help="allow URLs that resolve to private or loopback addresses")
    p.add_argument("--csv-id", default="id", help="CSV column with the article id (default: id)")
    p.add_argument("--csv-text", default="text", help="CSV column with the article text (default: text)")
    p.add_argument("--csv-title", default="title", help="CSV column with the title (default: title)")
    p.add_argument("--csv-date", default="date", help="CSV column with the published date (default: date)")
    p.add_argument("--csv-url", default="url", help="CSV column with the URL (default: url)")


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from exc
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def csv_columns(args: argparse.Namespace):
    from eventwire.ingest.sources import CsvColumns

    return CsvColumns(id=args.csv_id, text=args.csv_text, title=args.csv_title, published=args.csv_date,
                      url=args.csv_url)


def read_sources(sources: list[str], args: argparse.Namespace, client: Any = None) -> Iterator[Any]:
    """Articles and SourceErrors from every source, in order."""
    from eventwire.ingest.sources import iter_articles

    columns = csv_columns(args)
    for source in sources:
        yield from iter_articles(source, allow_private=args.allow_private, csv_columns=columns, client=client)


def load_coder():
    from eventwire.pipeline import Coder

    return Coder.default()


class LazyCoder:
    """Loads the coder (spaCy, ~2 s) on first use, so a run with nothing new to code does not wait for it."""

    def __init__(self, load: Callable[[], Any] = load_coder) -> None:
        self._load = load
        self._coder: Any = None

    def code_articles(self, articles, batch_size: int = 16):
        if self._coder is None:
            self._coder = self._load()
        return self._coder.code_articles(articles, batch_size=batch_size)


def progress_bar(quiet: bool, desc: str):
    from tqdm import tqdm

    return tqdm(desc=desc, unit=" articles", file=sys.stderr, disable=quiet, mininterval=0.5)


def sample_path() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "sample" / "news.jsonl"))


def run(args: argparse.Namespace) -> int:
    from eventwire.store.writer import Store, StoreError

    sources = list(args.sources) + ([str(sample_path())] if args.sample else [])
    if not sources:
        print("eventwire ingest: give at least one SOURCE (file, folder, URL, feed or -), or --sample",
              file=sys.stderr)
        return 2
    db_path = resolve_db_path(args.db)
    started = datetime.now(UTC).replace(tzinfo=None)
    coder = LazyCoder()
    try:
        store = Store(db_path, batch_size=args.batch_size)
    except StoreError as exc:
        print(f"eventwire ingest: {exc}", file=sys.stderr)
        return 2
    with store, progress_bar(args.quiet, "ingest") as bar:
        summary = store.ingest(read_sources(sources, args), coder, replace=args.replace,
                               progress=bar.update)
        events = recent_or_top_events(store, started, 0 if args.quiet else args.show)
    print(f"store: {db_path}")
    print("\n".join(summary.lines()))
    print_events(events)
    return 1 if summary.errors else 0


def recent_or_top_events(store, since: datetime, limit: int) -> list[tuple[dict, list[dict]]]:
    """Up to `limit` events from this run's articles (or the store's top events if none), with evidence."""
    from eventwire.store.query import event_mentions, events_of_articles_since, top_events

    if limit <= 0:
        return []
    events = events_of_articles_since(store.con, since, limit) or top_events(store.con, limit)
    return [(e, distinct_sentences(event_mentions(store.con, e["id"]))[:2]) for e in events]


def distinct_sentences(mentions: list[dict]) -> list[dict]:
    seen: set[tuple[str, int]] = set()
    out = []
    for mention in mentions:
        where = (mention["article_id"], mention["sentence_start"])
        if where not in seen:
            seen.add(where)
            out.append(mention)
    return out


def print_events(events: list[tuple[dict, list[dict]]]) -> None:
    if not events:
        return
    print("\nevents (most mentioned first):")
    for event, mentions in events:
        target = event["target_code"] or event["target_name"] or "-"
        print(f"  {event['date'] or '?':10}  {event['source_code'] or event['source_name']} -> {target}  "
              f"{event['cameo']} {event['cameo_name'] or ''}  [{event['mode']}; {event['num_mentions']} "
              f"mentions, {event['num_sources']} sources]")
        for mention in mentions:
            where = mention.get("article_url") or mention["article_id"]
            print(f"      \"{mention['sentence'].strip()}\"  ({where})")
