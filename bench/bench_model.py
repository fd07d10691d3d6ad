"""The event model's figures: training time and memory, cross-validated accuracy and its precision/recall curve.

    python bench/bench_model.py [GOLD...] [--folds K] [--learning-curve N,N,...]

GOLD defaults to all the gold the project has: ../shared/data/{train_gold,dev_gold,plover_gsr_dev.jsonl} (when
present) and corpus/wikinews2019; without ../shared, the test fixtures. Prints:
- the time to read and parse the gold, to cross-validate, and to fit the final model, and the peak RSS;
- the CV scores (story and sentence root+countries, mode/date/place accuracy, PLOVER recall, spread across folds);
- precision, recall and F1 when only events at or above each confidence are kept (what --min-confidence buys);
- with --learning-curve, the CV headline F1 when each fold trains on only N articles.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def default_gold() -> list[Path]:
    shared = [SHARED / "train_gold", SHARED / "dev_gold", SHARED / "plover_gsr_dev.jsonl"]
    found = [p for p in shared if p.exists()] + [ROOT / "corpus" / "wikinews2019"]
    return found if len(found) > 1 else [ROOT / "tests" / "fixtures" / "gold"]


def main() -> None:
    from eventwire.model.gold import read_gold
    from eventwire.model.training import (
        DEFAULT_SEED,
        CVResult,
        cross_validate,
        fit_model,
        fold_scores,
        parse_corpus,
        precision_recall_curve,
        score_corpus,
    )
    from eventwire.pipeline import Coder, CoderConfig

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--learning-curve", default="", help="comma-separated training sizes")
    args = ap.parse_args()
    paths = args.gold or default_gold()

    t0 = time.perf_counter()
    coder = Coder(CoderConfig(event_model=None))
    gold = read_gold(paths)
    corpus = parse_corpus(coder, gold)
    t1 = time.perf_counter()
    # One CV run with no story threshold: the default is the curve's row at it (the same held-out predictions)
    cv = cross_validate(coder, corpus, k=args.folds, story_threshold=0.0)
    t2 = time.perf_counter()
    model = fit_model([e for g in gold for e in corpus.examples[g.article.id]])
    t3 = time.perf_counter()
    words = sum(len(g.article.text.split()) for g in gold)
    print(f"gold: {', '.join(map(str, paths))}")
    print(f"{len(gold)} articles and records, {words} words, {sum(len(v) for v in corpus.examples.values())} "
          f"candidates")
    print(f"read and parse {t1 - t0:.1f} s, {args.folds}-fold CV {t2 - t1:.1f} s, final fit {t3 - t2:.1f} s; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"model: {len(model.events.vocabulary)} features, mention threshold {model.threshold}, "
          f"story threshold {model.story_threshold}")
    at = sorted({*(t / 20 for t in range(1, 19)), model.story_threshold})
    for row in precision_recall_curve(gold, cv.predictions, at):
        story, sentence = row["story"] or {}, row["sentence"] or {}
        plover = f"  PLOVER type recall {row['plover_type_recall']:.3f}" if "plover_type_recall" in row else ""
        mark = "  <- default" if abs(row["min_confidence"] - model.story_threshold) < 1e-9 else ""
        print(f"min confidence {row['min_confidence']:.2f}: story P {story.get('p', 0):.3f} R {story.get('r', 0):.3f}"
              f" F1 {story.get('f1', 0):.3f}  sentence F1 {sentence.get('f1', 0):.3f}{plover}{mark}")
    scores, plover = score_corpus(gold, cv.predictions, model.story_threshold)
    spread = CVResult(scores, plover, fold_scores(gold, cv.predictions, args.folds, DEFAULT_SEED,
                                                  model.story_threshold), cv.predictions).spread
    print("CV at the default thresholds:", json.dumps({k: v for k, v in scores.items()
                                                       if k.endswith("root+countries") or k == "attributes"}))
    print("PLOVER:", json.dumps(plover), "\nspread of story F1 across folds:", json.dumps(spread))
    for n in [int(x) for x in args.learning_curve.split(",") if x.strip()]:
        r = cross_validate(coder, corpus, k=args.folds, train_size=n)
        print(f"learning curve: {n} training articles -> story F1 {r.scores['story root+countries']['f1']:.3f}")


if __name__ == "__main__":
    main()
