"""`eventwire train`, `eventwire model info`, `eventwire eval --cv` and `eventwire code --model` on the gold
articles written for the tests (tests/fixtures/gold)."""

from __future__ import annotations

import json

import pytest

from eventwire.cli import main


@pytest.fixture(scope="module")
def trained(tmp_path_factory, fixtures):
    out = tmp_path_factory.mktemp("model") / "tiny.npz"
    code = main(["train", str(fixtures / "gold"), str(fixtures / "gold" / "plover.jsonl"), "--out", str(out),
                 "--cv", "3", "--seed", "7", "--threshold", "0.3"])
    assert code == 0
    return out


def test_train_writes_a_model_with_its_provenance(trained, capsys):
    assert trained.exists() and trained.stat().st_size < 50_000_000
    assert main(["model", "info", str(trained), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["articles"] == 6 and info["plover_records"] == 2
    assert info["seed"] == 7 and info["threshold"] == 0.3
    assert info["cv"]["folds"] == 3
    assert 0.0 <= info["cv"]["story root+countries"]["f1"] <= 1.0
    assert info["training_seconds"] > 0 and info["trained"]


def test_model_info_names_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.npz"
    bad.write_text("nope", encoding="utf-8")
    assert main(["model", "info", str(bad)]) == 2
    assert "bad.npz" in capsys.readouterr().err


def test_code_with_another_model_and_a_confidence_floor(trained, tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Egypt accused Ethiopia of filling the dam without an agreement.", encoding="utf-8")
    assert main(["code", str(story), "--model", str(trained), "--format", "jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(e["source"]["country"] == "EGY" and e["cameo"].startswith("11") for e in events)
    assert all(e["rule"].startswith("model:") for e in events)
    assert main(["code", str(story), "--model", str(trained), "--format", "jsonl", "--min-confidence", "1"]) == 0
    assert capsys.readouterr().out == ""


def test_code_refuses_a_missing_model_by_name(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Egypt accused Ethiopia.", encoding="utf-8")
    assert main(["code", str(story), "--model", str(tmp_path / "none.npz")]) == 2
    assert "none.npz: no such file" in capsys.readouterr().err


def test_min_confidence_must_be_a_probability(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Egypt accused Ethiopia.", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["code", str(story), "--min-confidence", "2"])
    assert "not a probability" in capsys.readouterr().err


def test_eval_cross_validates_several_gold_sets(fixtures, capsys):
    code = main(["eval", str(fixtures / "gold"), str(fixtures / "gold" / "plover.jsonl"), "--cv", "3",
                 "--learning-curve", "2", "--threshold", "0.3", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert {"p", "r", "f1"} <= set(report["story root+countries"])
    assert set(report["story f1 across folds"]) == {"mean", "sd", "min", "max"}
    assert report["plover"]["sentences"] == 2
    curve = report["learning curve (story root+countries F1 by training articles)"]
    assert "2" in curve and len(curve) == 2


def test_eval_of_one_gold_folder_with_the_rules_alone(fixtures, capsys):
    assert main(["eval", str(fixtures / "gold"), "--rules-only", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["gold"] == 21


def test_eval_without_cv_takes_one_gold_set(fixtures, capsys):
    assert main(["eval", str(fixtures / "gold"), str(fixtures / "gold"), "--json"]) == 2
    assert "only with --cv" in capsys.readouterr().err
