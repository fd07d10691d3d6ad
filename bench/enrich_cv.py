"""Event dates and places, measured by article-level cross-validation on the gold articles.

    python bench/enrich_cv.py [--gold DIR ...] [--folds 5] [--no-coder]

DIR holds `articles/` and `gold/` (the layout of the development kit's data/train_gold and data/dev_gold, read
from ../shared/data, and of corpus/wikinews2019: the three are the defaults, 171 articles). The articles are
split into folds by article; for each fold the date and place rankers (enrich/ranking.py) are fitted on the
other folds' gold events and measured on this fold's. Two measurements, each for the rules' order alone
("rules": a ranker without weights) and for the cross-validated rankers ("learned"):

  gold events   every gold event with a date or a place, with the gold's trigger and actors: is the date the
                resolver picks the gold's (gold a prefix of it), is the place in the gold's country
  coded events  the coder run on the fold's articles, scored as tools/score.py scores them: date_acc and
                loc_country_acc on the events matched at "sentence root+countries"

Prints one JSON object. The shipped rankers are fitted on all the articles by scripts/train_enrich.py.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.enrich.ranking import Ranker  # noqa: E402
from eventwire.enrich.training import GoldArticle, accuracy, examples, fit, read_gold  # noqa: E402
from eventwire.eval.score import LEVELS, match  # noqa: E402
from eventwire.pipeline import Coder  # noqa: E402
from eventwire.records import Article  # noqa: E402

DEFAULT_GOLD = [ROOT.parent / "shared" / "data" / "train_gold", ROOT.parent / "shared" / "data" / "dev_gold",
                ROOT / "corpus" / "wikinews2019"]


def coded_scores(coder: Coder, articles: list[GoldArticle], rankers: dict[str, tuple[Ranker, Ranker]],
                 fold_of: dict[str, int]) -> dict[str, float | int]:
    """date_acc and loc_country_acc of the coder's events matched to the gold, each article coded with its
    fold's rankers (as tools/score.py counts them)."""
    tally: collections.Counter[str] = collections.Counter()
    for article in articles:
        coder.dates.ranker, coder.locations.ranker = rankers[str(fold_of[article.article_id])]
        doc = coder.nlp(article.text)
        events = coder.code_doc(doc, Article(article.article_id, article.text, article.published))
        _, pairs = match(article.events, [e.to_dict() for e in events], LEVELS["sentence root+countries"])
        for gold, pred in pairs:
            tally["matched"] += 1
            gold_date, pred_date = str(gold.get("date") or ""), str(pred.get("date") or "")
            if gold_date:
                tally["date_gold"] += 1
                tally["date"] += gold_date == pred_date[:len(gold_date)]
            gold_place, pred_place = gold.get("location"), pred.get("location")
            if gold_place:
                tally["loc_gold"] += 1
                tally["loc_country"] += bool(pred_place) and (pred_place.get("country") or "").upper() == (
                    gold_place.get("country") or "").upper()
    return {"date_acc": round(tally["date"] / (tally["date_gold"] or 1), 3), "dated": tally["date_gold"],
            "loc_country_acc": round(tally["loc_country"] / (tally["loc_gold"] or 1), 3),
            "placed": tally["loc_gold"], "matched": tally["matched"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, action="append", help="gold folder (repeat); default: dev kit's")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-coder", action="store_true", help="only the gold-event measurement")
    args = parser.parse_args(argv)
    folders = args.gold or DEFAULT_GOLD
    started = time.perf_counter()
    coder = Coder()
    articles = read_gold(folders)
    for article in articles:
        article.doc = coder.nlp(article.text)
    fold_of = {a.article_id: i % args.folds for i, a in enumerate(sorted(articles, key=lambda a: a.article_id))}
    found = examples(coder, articles)
    report: dict[str, object] = {"articles": len(articles), "folds": args.folds,
                                 "gold_events_dated": sum(e.dates is not None for e in found),
                                 "gold_events_placed": sum(e.places is not None for e in found)}
    rules = Ranker()
    learned: dict[str, tuple[Ranker, Ranker]] = {}
    tallies = {name: collections.Counter() for name in ("rules", "learned")}
    for fold in range(args.folds):
        train = [e for e in found if fold_of[e.article_id] != fold]
        test = [e for e in found if fold_of[e.article_id] == fold]
        date_ranker, place_ranker = fit(train)
        learned[str(fold)] = (date_ranker, place_ranker)
        for name, (dates, places) in (("rules", (rules, rules)), ("learned", (date_ranker, place_ranker))):
            for kind, ranker, groups in (("date", dates, [e.dates for e in test]),
                                         ("place", places, [e.places for e in test])):
                right, total = accuracy(ranker, groups, places=kind == "place")
                tallies[name][kind] += right
                tallies[name][kind + "_n"] += total
    report["gold_events"] = {
        name: {"date_acc": round(t["date"] / (t["date_n"] or 1), 3),
               "place_country_acc": round(t["place"] / (t["place_n"] or 1), 3)}
        for name, t in tallies.items()}
    if not args.no_coder:
        shipped = (coder.dates.ranker, coder.locations.ranker)
        by_rules = {str(f): (rules, rules) for f in range(args.folds)}
        report["coded_events"] = {"rules": coded_scores(coder, articles, by_rules, fold_of),
                                  "learned": coded_scores(coder, articles, learned, fold_of)}
        coder.dates.ranker, coder.locations.ranker = shipped
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
