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
