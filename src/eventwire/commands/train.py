"""`eventwire train GOLD... --out MODEL`: train the event model on annotated news (and cross-validate it)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("train", help="train the event model on gold articles",
                              description="Train the event model that decides which candidates are events, their "
                              "CAMEO codes and modes. GOLD is a folder of gold articles (gold/ID.json with "
                              "articles/ID.txt, or a gold folder with ../articles) or a JSONL of PLOVER records. "
                              "The same data and seed give the same model.")
    p.add_argument("gold", nargs="+", type=Path, metavar="GOLD")
    p.add_argument("--out", type=Path, required=True, metavar="MODEL", help="where to write the model (.npz)")
    add_training_arguments(p)
    p.add_argument("--cv", type=int, default=10, metavar="K",
                   help="cross-validate on K article-level folds first and record the scores in the model "
                   "(default 10; 0: none)")
    p.set_defaults(func=run)


def add_training_arguments(p: argparse.ArgumentParser) -> None:
    from eventwire.model.training import DEFAULT_C, DEFAULT_SEED, DEFAULT_STORY_THRESHOLD, DEFAULT_THRESHOLD

    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--C", type=float, default=DEFAULT_C, dest="C",
                   help=f"inverse regularisation strength of the event classifier (default {DEFAULT_C})")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"the probability from which a candidate is an event (default {DEFAULT_THRESHOLD})")
    p.add_argument("--story-threshold", type=float, default=DEFAULT_STORY_THRESHOLD,
                   help="the probability from which the story stage takes an event for one the article reports "
                   f"(default {DEFAULT_STORY_THRESHOLD})")


def load_corpus(paths: list[Path], prog: str):
    """The coder (rules, no model) and the gold articles parsed and turned into labelled candidates."""
    from eventwire.model.gold import GoldError, read_gold
    from eventwire.model.training import parse_corpus
    from eventwire.pipeline import Coder, CoderConfig

    try:
        gold = read_gold(paths)
    except GoldError as exc:
        print(f"eventwire {prog}: {exc}", file=sys.stderr)
        return None, None
    if not gold:
        print(f"eventwire {prog}: no gold articles in {', '.join(map(str, paths))}", file=sys.stderr)
        return None, None
    coder = Coder(CoderConfig(event_model=None))
    print(f"reading {len(gold)} gold articles ...", file=sys.stderr)
    return coder, parse_corpus(coder, gold)


def run(args: argparse.Namespace) -> int:
    from eventwire.model.training import cross_validate, fit_model, provenance

    start = time.perf_counter()
    coder, corpus = load_corpus(args.gold, "train")
    if corpus is None:
        return 2
    cv = None
    if args.cv:
        if args.cv < 2 or args.cv > len(corpus.gold):
            print(f"eventwire train: --cv needs 2 to {len(corpus.gold)} folds", file=sys.stderr)
            return 2
        print(f"cross-validating on {args.cv} folds ...", file=sys.stderr)
        cv = cross_validate(coder, corpus, k=args.cv, seed=args.seed, C=args.C, threshold=args.threshold,
                            story_threshold=args.story_threshold)
    examples = [e for g in corpus.gold for e in corpus.examples[g.article.id]]
    model = fit_model(examples, C=args.C, threshold=args.threshold, seed=args.seed,
                      story_threshold=args.story_threshold)
    seconds = time.perf_counter() - start
    model.provenance = provenance(corpus.gold, [str(p) for p in args.gold], cv, args.seed, args.C, args.threshold,
                                  seconds, args.story_threshold)
    model.provenance["candidates"] = len(examples)
    model.save(args.out)
    print(json.dumps(model.provenance, indent=1))
    print(f"trained in {seconds:.1f} s on {len(corpus.gold)} articles, {len(examples)} candidates; "
          f"model written to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0
