"""`eventwire eval` on a small gold standard of our own, checked against hand-computed figures."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.cli import main

ARTICLE = """TITLE: Test
PUBLISHED: 2024-03-01
URL: https://example.org/t

Russia attacked Ukraine on Monday. The United States criticized Russia.
"""


def write_gold(root: Path) -> Path:
    (root / "articles").mkdir()
    (root / "gold").mkdir()
    (root / "articles" / "t1.txt").write_text(ARTICLE, encoding="utf-8")
    gold = {"article_id": "t1", "published": "2024-03-01", "events": [
        {"sentence": "Russia attacked Ukraine on Monday.", "trigger": "attacked",
         "source": {"text": "Russia", "country": "RUS", "sector": None, "name": "Russia"},
         "target": {"text": "Ukraine", "country": "UKR", "sector": None, "name": "Ukraine"},
         "cameo": "190", "mode": "asserted", "date": "2024-02-26"},
        {"sentence": "The United States criticized Russia.", "trigger": "criticized",
         "source": {"text": "The United States", "country": "USA", "sector": None, "name": "United States"},
         "target": {"text": "Russia", "country": "RUS", "sector": None, "name": "Russia"},
         "cameo": "111", "mode": "asserted", "date": None},
        {"sentence": "The United States criticized Russia.", "trigger": "criticized",
         "source": {"text": "The United States", "country": "USA", "sector": None, "name": "United States"},
         "target": {"text": "Russia", "country": "RUS", "sector": None, "name": "Russia"},
         "cameo": "173", "mode": "asserted", "date": None},
    ]}
    (root / "gold" / "t1.json").write_text(json.dumps(gold), encoding="utf-8")
    return root / "gold"


def test_scores_given_predictions(tmp_path: Path, capsys):
    gold = write_gold(tmp_path)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"article_id": "t1", "sentence": "Russia attacked Ukraine on Monday.",
                                "source": {"code": "RUS"}, "target": {"code": "UKR"}, "cameo": "193",
                                "mode": "asserted", "date": "2024-02-26"}) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), "--pred", str(pred), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # one of the three gold triples found, one prediction: P 1.0, R 1/3
    assert result["story root+countries"] == {"p": 1.0, "r": 0.333, "f1": 0.5}
    assert result["story code+actors(strict)"]["r"] == 0.0
    assert result["attributes"]["date_acc"] == 1.0


def test_codes_and_scores(tmp_path: Path, capsys, coder):
    gold = write_gold(tmp_path)
    assert main(["eval", str(gold), "--save-pred", str(tmp_path / "p.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "story root+countries" in out
    preds = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert any(p["cameo"].startswith("19") and p["source"]["country"] == "RUS" for p in preds)
