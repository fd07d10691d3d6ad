"""`eventwire code INPUT... [--published YYYY-MM-DD] [--format jsonl|csv|table]`: code articles, print events."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

from eventwire.model.event_model import ModelFileError
from eventwire.records import Article, Event


def register(subparsers) -> None:
    p = subparsers.add_parser("code", help="code articles into events and print them",
                              description="Code news articles into CAMEO/PLOVER events with evidence. INPUT is a "
                              ".txt article (id = file stem), a .jsonl file of articles "
                              '({"id","text","published"[,"title","url"]} a line), any other source `ingest` '
                              "reads (csv, html, feeds, folders), or - for stdin.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--published", type=_iso_date, help="publication date (YYYY-MM-DD) for articles without one")
    p.add_argument("--format", choices=("jsonl", "csv", "table"), default="table")
    # Dictionary flags take one file or several, and may be repeated (--actors A.txt B.txt, --actors A --actors B);
    # with --actors and --verbs the coder runs in PETRARCH mode (docs/petrarch.md).
    many = {"type": Path, "nargs": "+", "action": "extend", "metavar": "FILE"}
    p.add_argument("--actors", **many, help="PETRARCH/TABARI-format actor dictionaries (replace the default)")
    p.add_argument("--agents", **many, help="PETRARCH/TABARI-format agent dictionaries (replace the default)")
    p.add_argument("--verbs", **many, help="PETRARCH-format verb pattern dictionaries (replace the default)")
    p.add_argument("--discards", **many, help="PETRARCH-format discard lists (PETRARCH mode only)")
    p.add_argument("--keep-unresolved", action="store_true",
                   help="also print events whose source or target is not in any dictionary")
    add_model_arguments(p)
    p.set_defaults(func=run)


def add_model_arguments(p: argparse.ArgumentParser) -> None:
    """--model, --rules-only, --min-confidence: which event model decides (see eventwire.model)."""
    which = p.add_mutually_exclusive_group()
    which.add_argument("--model", type=Path, metavar="PATH",
                       help="an event model trained with `eventwire train` (default: the one that ships)")
    which.add_argument("--rules-only", action="store_true",
                       help="code with the pattern rules alone, no trained model")
    p.add_argument("--min-confidence", type=_probability, default=0.0, metavar="P",
                   help="leave out events the model is less sure of than P (0-1): precision for recall")


def _probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        p = -1.0
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError(f"not a probability between 0 and 1: {value!r}")
    return p


def coder_config(args: argparse.Namespace):
    """The CoderConfig the model flags ask for, or None for the defaults."""
    from eventwire.pipeline import CoderConfig

    model = None if getattr(args, "rules_only", False) else (getattr(args, "model", None) or "default")
    keep = getattr(args, "keep_unresolved", False)
    min_confidence = getattr(args, "min_confidence", 0.0)
    if model == "default" and not keep and not min_confidence:
        return None
    return CoderConfig(event_model=model, min_confidence=min_confidence, keep_unresolved=keep)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def build_coder(args: argparse.Namespace):
    from eventwire.pipeline import Coder

    if args.actors or args.agents or args.verbs or args.discards:
        coder = Coder.from_files(actors=args.actors, agents=args.agents, verbs=args.verbs, discards=args.discards)
        for problem in getattr(coder, "problems", ()):  # bad dictionary lines (the rest of each file is read)
            print(f"eventwire code: dictionary error: {problem}", file=sys.stderr)
        coder.config.keep_unresolved = args.keep_unresolved
        return coder
    config = coder_config(args)
    return Coder.default() if config is None else Coder(config)


def articles_from(inputs: list[str], published: date | None, problems: list[str]) -> Iterator[Article]:
    """Readable, codable articles from every input; problems are collected with the input and line named."""
    from eventwire.ingest.sources import SourceError, iter_articles
    from eventwire.io.validate import article_problem

    for source in inputs:
        for item in iter_articles(source):
            if isinstance(item, SourceError):
                problems.append(str(item))
                continue
            if published and item.published is None:
                item = dataclasses.replace(item, published=published)
            reason = article_problem(item)
            if reason:
                problems.append(f"{source}: article {item.id}: not coded: {reason}")
                continue
            yield item


def run(args: argparse.Namespace) -> int:
    problems: list[str] = []
    for path in args.inputs:
        if path != "-" and not path.startswith(("http://", "https://")) and not Path(path).exists():
            problems.append(f"{path}: no such file or folder")
    inputs = [p for p in args.inputs if p == "-" or p.startswith(("http://", "https://")) or Path(p).exists()]
    try:
        coder = build_coder(args)
    except ModelFileError as exc:
        print(f"eventwire code: cannot load the event model: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"eventwire code: cannot load dictionaries: {exc}", file=sys.stderr)
        return 2
    writer = make_writer(args.format, sys.stdout)
    n_articles = n_events = 0
    for _article, events in coder.code_articles(articles_from(inputs, args.published, problems)):
        n_articles += 1
        n_events += len(events)
        for event in events:
            writer(event)
    sys.stdout.flush()
    for problem in problems:
        print(f"eventwire code: {problem}", file=sys.stderr)
    if args.format == "table":
        print(f"{n_articles} articles, {n_events} events, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def make_writer(fmt: str, out: TextIO):
    if fmt == "jsonl":
        return lambda e: out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    if fmt == "csv":
        from eventwire.store.schema import MENTION_COLUMNS, mention_row

        w = csv.DictWriter(out, fieldnames=[c for c, _ in MENTION_COLUMNS], extrasaction="ignore")
        w.writeheader()
        return lambda e: w.writerow(mention_row(e))
    return lambda e: out.write(format_table_row(e) + "\n")


def format_table_row(e: Event) -> str:
    target = e.target.code if e.target else "-"
    where = e.location.name if e.location else ""
    return (f"{e.article_id}\t{e.source.code}\t{e.cameo}\t{target}\t{e.date or ''}\t{where}\t{e.mode}"
            f"\t{e.trigger}\t{' '.join(e.sentence.split())[:120]}")
