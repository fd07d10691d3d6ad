"""`eventwire code --actors ... --agents ... --verbs ...`: the PETRARCH mode from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.cli import main

DICTIONARIES = Path(__file__).parents[1] / "fixtures" / "petrarch"
STORY = "Envoys of Valdoria visited the Tessalian president. The Northern Compact criticized the Red Dawn Front."


def run_cli(capsys, *args: str) -> tuple[int, set[tuple], str]:
    code = main(["code", *args])
    out, err = capsys.readouterr()
    events = {(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in map(json.loads, out.splitlines())}
    return code, events, err


def test_each_flag_takes_several_files_either_way(capsys, tmp_path: Path, coder):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    countries, international, nonstate = (str(DICTIONARIES / n) for n in (
        "countries.actors.txt", "international.actors.txt", "nonstate.actors.txt"))
    common = ["--agents", str(DICTIONARIES / "agents.txt"), "--verbs", str(DICTIONARIES / "verbs.txt"),
              "--published", "2015-01-01", "--format", "jsonl"]
    expected = {("VALGOV", "042", "TESGOV"), ("TESGOV", "043", "VALGOV"), ("IGONCP", "111", "VALREB")}
    code, together, err = run_cli(capsys, str(story), "--actors", countries, international, nonstate, *common)
    assert code == 0, err
    assert together == expected
    code, repeated, err = run_cli(capsys, str(story), "--actors", countries, "--actors", international,
                                  "--actors", nonstate, *common)
    assert code == 0, err
    assert repeated == expected


def test_bad_dictionary_lines_are_named_and_the_rest_is_used(capsys, tmp_path: Path, coder):
    story = tmp_path / "story.txt"
    story.write_text("Kestrian soldiers entered Morvan.", encoding="utf-8")
    code, events, err = run_cli(capsys, str(story), "--actors", str(DICTIONARIES / "countries.actors.txt"),
                                "--agents", str(DICTIONARIES / "agents.txt"), "--verbs",
                                str(DICTIONARIES / "verbs.txt"), "--format", "jsonl")
    assert code == 0, err
    assert events == {("KESMIL", "192", "MOR")}
    assert "countries.actors.txt:31: bad code [VALGOV 2010-2011]" in err
    assert "agents.txt:14: not an agent line" in err
    assert "verbs.txt:59: unclosed (" in err


def test_a_users_verb_patterns_give_the_code_where_the_learned_coder_takes_a_candidate_for_an_event(tmp_path, coder):
    """With --verbs alone the learned coder runs with the user's patterns as its rules: where one fires for the
    parties of an event, its code is the event's, and the rule says so (root:pattern, file and line)."""
    from eventwire.pipeline import Coder
    from eventwire.records import Article

    verbs = tmp_path / "verbs.txt"
    verbs.write_text("####### VERB PATTERNS #######\n\n--- PRAISE [057] ---\nPRAISE\n", encoding="utf-8")
    learned = Coder.from_files(verbs=verbs, nlp=coder.nlp)
    assert learned.event_model is not None
    events = learned.code_article(Article("t", "France praised Germany for its support."))
    praise = [e for e in events if e.source.country == "FRA" and e.target is not None and e.target.country == "DEU"]
    assert praise and all(e.cameo == "057" for e in praise)
    assert all("root:pattern" in e.rule and "verbs.txt:4" in e.rule for e in praise)
