"""`eventwire eval GOLD`: code the gold articles and print precision, recall and F1 at every level."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from eventwire.commands.code import add_model_arguments, coder_config
from eventwire.commands.train import add_training_arguments
from eventwire.eval import score
from eventwire.model.event_model import ModelFileError


def register(subparsers) -> None:
    p = subparsers.add_parser("eval", help="score the coder against a gold standard",
                              description="Code the texts of a gold standard and score the events. GOLD is a "
                              "folder of ID.json gold files (articles beside it in ../articles or --articles), or "
                              "a JSONL of PLOVER or UD-PETRARCH gold records.")
    p.add_argument("gold", type=Path, nargs="+", metavar="GOLD")
    p.add_argument("--articles", type=Path, help="folder of ID.txt articles (default: GOLD/../articles)")
    p.add_argument("--kind", choices=("articles", "plover", "petr"), help="gold kind (default: detected)")
    p.add_argument("--pred", type=Path, help="score these predictions (JSONL) instead of coding")
    p.add_argument("--save-pred", type=Path, help="write the predictions made here to this JSONL file")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument("--cv", type=int, metavar="K",
                   help="article-level cross-validation: train on K-1 folds of all the GOLD given, code the "
                   "held-out fold, score the pooled predictions (and the spread of story F1 across folds)")
    p.add_argument("--learning-curve", type=_sizes, metavar="N,N,...",
                   help="with --cv: also the CV headline F1 when each fold trains on only N articles")
    add_training_arguments(p)
    add_model_arguments(p)
    p.set_defaults(func=run)


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"not a list of article counts: {value!r}")
    return sizes


def detect_kind(gold: Path) -> str:
    if gold.is_dir():
        return "articles"
    with open(gold, encoding="utf-8") as fh:
        first = json.loads(next(line for line in fh if line.strip()))
    return "petr" if "codings" in first else "plover"


def gold_inputs(kind: str, gold: Path, articles: Path | None) -> list[dict]:
    """The texts to code, as {"id","text","published"} records."""
    if kind == "articles":
        folder = articles or gold.parent / "articles"
        out = []
        for g, published, body in score.gold_articles(str(gold), str(folder)):
            out.append({"id": g["article_id"], "text": body, "published": published})
        return out
    out = []
    with open(gold, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    for line in lines:
        r = json.loads(line)
        if not r.get("text"):
            continue
        d = r.get("date") or ""
        published = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 else None
        out.append({"id": str(r["id"]), "text": r["text"], "published": published})
    return out


def code_inputs(records: list[dict], pred_path: Path, config=None) -> None:
    from datetime import date

    from eventwire.pipeline import Coder
    from eventwire.records import Article

    coder = Coder.default() if config is None else Coder(config)
    articles = [Article(id=r["id"], text=r["text"],
                        published=date.fromisoformat(r["published"]) if r.get("published") else None)
                for r in records]
    with open(pred_path, "w", encoding="utf-8") as out:
        for _, events in coder.code_articles(articles):
            for e in events:
                out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")


def run(args: argparse.Namespace) -> int:
    missing = [g for g in args.gold if not g.exists()]
    if missing:
        print(f"eventwire eval: {missing[0]}: no such file or folder", file=sys.stderr)
        return 2
    if args.cv is not None:
        return run_cv(args)
    if args.learning_curve:
        print("eventwire eval: --learning-curve needs --cv", file=sys.stderr)
        return 2
    if len(args.gold) > 1:
        print("eventwire eval: several GOLD sets are scored together only with --cv", file=sys.stderr)
        return 2
    gold = args.gold[0]
    kind = args.kind or detect_kind(gold)
    articles = args.articles or gold.parent / "articles"
    if kind == "articles" and (gold / "gold").is_dir():
        gold, articles = gold / "gold", args.articles or gold / "articles"
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred
        if pred is None:
            pred = args.save_pred or Path(tmp) / "pred.jsonl"
            try:
                code_inputs(gold_inputs(kind, gold, articles), pred, coder_config(args))
            except ModelFileError as exc:
                print(f"eventwire eval: cannot load the event model: {exc}", file=sys.stderr)
                return 2
        if kind == "articles":
            result = score.score_articles(str(gold), str(articles), str(pred))
        elif kind == "plover":
            result = score.score_plover(str(gold), str(pred))
        else:
            result = score.score_petr(str(gold), str(pred))
    if args.json:
        print(json.dumps(result))
    else:
        print_table(result)
    return 0


def print_table(result: dict) -> None:
    for level, figures in result.items():
        if isinstance(figures, dict) and {"p", "r", "f1"} <= set(figures):
            print(f"{level:32s} P {figures['p']:.3f}  R {figures['r']:.3f}  F1 {figures['f1']:.3f}")
        elif isinstance(figures, dict):
            print(f"{level:32s} " + "  ".join(f"{k} {v}" for k, v in figures.items()))
        else:
            print(f"{level:32s} {figures}")


def run_cv(args: argparse.Namespace) -> int:
    """Cross-validated scores of the trained coder on all the GOLD given (one pool of articles)."""
    from eventwire.commands.train import load_corpus
    from eventwire.model.training import cross_validate

    coder, corpus = load_corpus(args.gold, "eval")
    if corpus is None:
        return 2
    if not 2 <= args.cv <= len(corpus.gold):
        print(f"eventwire eval: --cv needs 2 to {len(corpus.gold)} folds", file=sys.stderr)
        return 2
    settings = {"k": args.cv, "seed": args.seed, "C": args.C, "threshold": args.threshold,
                "story_threshold": args.story_threshold}
    result = cross_validate(coder, corpus, **settings)
    report = {**result.scores, "plover": result.plover, "story f1 across folds": result.spread,
              "folds": args.cv}
    if args.learning_curve:
        curve = {}
        for n in args.learning_curve:
            r = cross_validate(coder, corpus, train_size=n, **settings)
            curve[str(min(n, min(r.n_train)))] = r.scores.get("story root+countries", {}).get("f1")
        curve[f"all ({min(result.n_train)}-{max(result.n_train)})"] = result.scores.get(
            "story root+countries", {}).get("f1")
        report["learning curve (story root+countries F1 by training articles)"] = curve
    if args.json:
        print(json.dumps(report))
    else:
        print_table({k: v for k, v in report.items() if v is not None})
    return 0
