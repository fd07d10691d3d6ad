"""`eventwire eval GOLD`: code the gold articles and print precision, recall and F1 at every level."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from eventwire.eval import score


def register(subparsers) -> None:
    p = subparsers.add_parser("eval", help="score the coder against a gold standard",
                              description="Code the texts of a gold standard and score the events. GOLD is a "
                              "folder of ID.json gold files (articles beside it in ../articles or --articles), or "
                              "a JSONL of PLOVER or UD-PETRARCH gold records.")
    p.add_argument("gold", type=Path, metavar="GOLD")
    p.add_argument("--articles", type=Path, help="folder of ID.txt articles (default: GOLD/../articles)")
    p.add_argument("--kind", choices=("articles", "plover", "petr"), help="gold kind (default: detected)")
    p.add_argument("--pred", type=Path, help="score these predictions (JSONL) instead of coding")
    p.add_argument("--save-pred", type=Path, help="write the predictions made here to this JSONL file")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=run)


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


def code_inputs(records: list[dict], pred_path: Path) -> None:
    from datetime import date

    from eventwire.pipeline import Coder
    from eventwire.records import Article

    coder = Coder.default()
    articles = [Article(id=r["id"], text=r["text"],
                        published=date.fromisoformat(r["published"]) if r.get("published") else None)
                for r in records]
    with open(pred_path, "w", encoding="utf-8") as out:
        for _, events in coder.code_articles(articles):
            for e in events:
                out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")


def run(args: argparse.Namespace) -> int:
    if not args.gold.exists():
        print(f"eventwire eval: {args.gold}: no such file or folder", file=sys.stderr)
        return 2
    kind = args.kind or detect_kind(args.gold)
    articles = args.articles or args.gold.parent / "articles"
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred
        if pred is None:
            pred = args.save_pred or Path(tmp) / "pred.jsonl"
            code_inputs(gold_inputs(kind, args.gold, articles), pred)
        if kind == "articles":
            result = score.score_articles(str(args.gold), str(articles), str(pred))
        elif kind == "plover":
            result = score.score_plover(str(args.gold), str(pred))
        else:
            result = score.score_petr(str(args.gold), str(pred))
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
