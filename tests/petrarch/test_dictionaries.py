"""Reading PETRARCH actor, agent and discard files (fictional dictionaries written for these tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.petrarch.load import load_dictionaries

DICTIONARIES = Path(__file__).parents[1] / "fixtures" / "petrarch"
ACTOR_FILES = [DICTIONARIES / n for n in ("countries.actors.txt", "international.actors.txt", "nonstate.actors.txt")]


@pytest.fixture(scope="module")
def loaded():
    return load_dictionaries(actors=ACTOR_FILES, agents=[DICTIONARIES / "agents.txt"],
                             verbs=[DICTIONARIES / "verbs.txt"], discards=[DICTIONARIES / "discards.txt"])


def actor(loaded, *words: str):
    forms = [frozenset({w}) for w in words]
    hit = loaded.actors.index.match(forms, 0)
    assert hit is not None and hit[0] == len(words), words
    return loaded.actors.records[hit[1]]


def agent(loaded, *words: str) -> str:
    forms = [frozenset({w}) for w in words]
    hit = loaded.agents.index.match(forms, 0)
    assert hit is not None and hit[0] == len(words), words
    return loaded.agents.codes[hit[1]].written


def test_countries_synonyms_and_adjectives(loaded):
    day = date(2015, 1, 1)
    assert actor(loaded, "VALDORIA").code_at(day) == "VAL"
    assert actor(loaded, "VALDORIAN").code_at(day) == "VAL"  # the adjective is a synonym of the country
    assert actor(loaded, "TESSALIAN").code_at(day) == "TES"
    assert actor(loaded, "COMPACT", "OF", "THE", "NORTH").code_at(day) == "IGONCP"  # second file
    assert actor(loaded, "RED", "DAWN", "FRONT").code_at(day) == "VALREB"  # third file


def test_primary_phrase_without_code_shares_the_next_records_codes(loaded):
    assert actor(loaded, "ORIN", "VALE").code_at(date(2015, 1, 1)) == "OST"


def test_dated_codes_and_default(loaded):
    markov = actor(loaded, "PRESIDENT", "MARKOV")
    assert markov.code_at(date(2005, 6, 1)) == "VALELI"
    assert markov.code_at(date(2010, 1, 1)) == "VALGOV"  # >100101: limits are inclusive
    assert markov.code_at(date(1990, 1, 1)) == "VALELI"  # the undated default
    assert markov.source == "countries.actors.txt:20"


def test_null_and_discard_actors(loaded):
    times = actor(loaded, "VALDORIAN", "TIMES")  # longest phrase wins over VALDORIAN
    assert times.code_at(date(2015, 1, 1)) is None and not times.discard
    assert actor(loaded, "KESTRIAN", "FOOTBALL", "LEAGUE").discard  # [###] is a code, not a comment


def test_agents_plurals_substitutions_and_code_position(loaded):
    assert agent(loaded, "SOLDIER") == "~MIL"
    assert agent(loaded, "SOLDIERS") == "~MIL"  # regular plural generated
    assert agent(loaded, "SPOKESMEN") == "~SPK"  # {plural} given
    assert agent(loaded, "FOREIGN", "MINISTRY") == "~GOVFRM"  # !MINIST! substitution
    assert agent(loaded, "HUMAN", "RIGHTS", "GROUP") == "NGO~"  # code written before the actor's
    assert loaded.agents.index.match([frozenset({"OPPOSITIONS"})], 0) is None  # {}: no plural


def test_bad_lines_are_reported_with_file_and_line_and_the_rest_loads(loaded):
    problems = {(Path(p.path).name, p.line): p.reason for p in loaded.problems}
    assert "not YYMMDD" in problems[("countries.actors.txt", 31)]
    assert ("agents.txt", 14) in problems  # ARMY [~MIL}
    assert "unclosed (" in problems[("verbs.txt", 59)]
    assert "&NOSUCHSET" in problems[("verbs.txt", 60)]
    assert len(problems) == 4
    # the same records keep their other codes, the files their other lines
    assert actor(loaded, "BROKEN", "DATES").code_at(date(2015, 1, 1)) == "VALOPP"
    assert agent(loaded, "PEOPLE") == "~PPL"  # the line before the bad one
    assert "countries.actors.txt:31" in str(loaded.problems[0])


def test_discards(loaded):
    assert loaded.discards.discards_sentence("They played basketball on Sunday.")
    assert not loaded.discards.discards_sentence("They played basketballs.")  # BASKETBALL_: whole word only
    assert loaded.discards.discards_story("At the chess olympiad, Valdoria met Kestria.")
    assert not loaded.discards.discards_sentence("At the chess olympiad, Valdoria met Kestria.")


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        load_dictionaries(actors=[tmp_path / "nope.txt"])
