"""The founding story, end to end: each event the issue names, with its evidence."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.records import Article


@pytest.fixture(scope="module")
def events(coder, fixtures):
    text = (fixtures / "ashgabat.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    return coder.code_article(Article(id="ashgabat", text=text, published=date(2024, 10, 11)))


def find(events, source, cameo_root, target):
    hits = [e for e in events if (e.source.code or "").startswith(source) and e.cameo.startswith(cameo_root)
            and (e.target.code if e.target else None) is not None and e.target.code.startswith(target)]
    assert hits, f"no {source} {cameo_root} {target} in " + str(
        [(e.source.code, e.cameo, e.target.code if e.target else None) for e in events])
    return hits[0]


def test_putin_meets_pezeshkian_in_ashgabat(events):
    e = find(events, "RUSGOV", "04", "IRNGOV")
    assert e.cameo == "040"
    assert e.mode == "asserted"
    assert e.date == "2024-10-11"
    assert e.location is not None and e.location.name == "Ashgabat" and e.location.country == "TKM"
    assert e.trigger == "met"
    assert e.sentence.startswith("Russian President Vladimir Putin met")
    assert e.sentence_end - e.sentence_start == len(e.sentence)
    assert e.quad_class == 1 and e.plover == "CONSULT" and e.goldstein is not None
    assert e.rule  # the pattern that fired is kept as evidence
    find(events, "IRNGOV", "04", "RUSGOV")  # reciprocal


def test_expected_partnership_is_future(events):
    e = find(events, "RUS", "05", "IRN")
    assert e.cameo == "057"
    assert e.mode == "future"


def test_troops_into_lebanon(events):
    e = find(events, "ISRMIL", "19", "LBN")
    assert e.cameo.startswith("19")


def test_accusation_and_its_claimed_content(events):
    accuse = find(events, "USA", "11", "IRN")
    assert accuse.cameo.startswith("112")
    assert accuse.mode == "asserted"
    content = find(events, "IRN", "07", "RUS")
    assert content.mode == "claimed"
    assert content.attributed_to == "USA"


def test_denial_points_back_at_the_accuser(events):
    e = find(events, "IRN", "01", "USA")
    assert e.cameo == "016"
    assert "accuser" in e.rule


def test_offsets_point_into_the_text(events, fixtures):
    text = (fixtures / "ashgabat.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    for e in events:
        assert text[e.sentence_start:e.sentence_end] == e.sentence
        assert e.sentence_start <= e.trigger_start < e.trigger_end <= e.sentence_end
