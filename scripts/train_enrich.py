"""Fits the shipped place ranker (src/eventwire/data/enrich/place_ranker.json) on all the gold articles.

The date ranker is fitted and measured by bench/enrich_cv.py too, but its cross-validated accuracy does not beat
the rules' order (0.808 against 0.872 on 843 dated gold events of 171 articles), so no date weights ship and
dates keep the rules' order; `--dates` writes them anyway (date_ranker.json).

    python scripts/train_enrich.py [--gold DIR ...]

DIR holds `articles/` and `gold/` (default: the development kit's ../shared/data/train_gold and dev_gold).
bench/enrich_cv.py measures the same fitting by article-level cross-validation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.enrich.ranking import Ranker  # noqa: E402
from eventwire.enrich.training import examples, fit, read_gold  # noqa: E402
from eventwire.pipeline import Coder  # noqa: E402

DEFAULT_GOLD = [ROOT.parent / "shared" / "data" / "train_gold", ROOT.parent / "shared" / "data" / "dev_gold"]
OUT = ROOT / "src" / "eventwire" / "data" / "enrich"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, action="append")
    parser.add_argument("--dates", action="store_true", help="also write the date ranker")
    args = parser.parse_args(argv)
    # the candidates are found with the rules' order: the rankers being replaced play no part
    coder = Coder()
    coder.dates.ranker = coder.locations.ranker = Ranker()
    found = examples(coder, read_gold(args.gold or DEFAULT_GOLD))
    date_ranker, place_ranker = fit(found)
    if args.dates:
        date_ranker.save(OUT / "date_ranker.json")
    place_ranker.save(OUT / "place_ranker.json")
    print(f"{len(found)} gold events; {len(date_ranker.weights)} date and {len(place_ranker.weights)} place weights"
          f" written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
