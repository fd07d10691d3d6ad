"""The sentences of the project's seed story (Putin meets Pezeshkian in Ashgabat, 2024-10-11), coded by the
default coder (the shipped trained model deciding on the rules' candidates), in a short text that first names
the two presidents as the story does."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.records import Article

TEXT = (
    "Russian President Vladimir Putin met his Iranian counterpart Masoud Pezeshkian on Friday on the sidelines of a "
    "conference in Ashgabat, Turkmenistan. "
    "They met before their two countries are expected to sign a strategic partnership agreement. "
    'Pezeshkian also spoke about Israel\'s "savage attacks" in Lebanon, adding that Israel should "stop killing '
    'innocent people" in the region and accused the United States and Europe of backing its actions. '
    "Other regional leaders, including Pakistani President Asif Ali Zardari and the heads of Central Asian nations "
    "– Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan – attended Friday's conference."
)


@pytest.fixture(scope="module")
def events(model_coder):
    assert model_coder.event_model is not None, "the package ships a trained event model"
    return model_coder.code_article(Article("seed", TEXT, published=date(2024, 10, 11)))


def in_sentence(events, start: str):
    return [e for e in events if e.sentence.startswith(start)]


def key(e):
    return (e.source.country, e.cameo[:2], e.target.country if e.target else None, e.mode)


def test_the_expected_partnership_is_a_future_agreement_both_ways(events):
    found = {key(e) for e in in_sentence(events, "They met before")}
    assert ("RUS", "05", "IRN", "future") in found
    assert ("IRN", "05", "RUS", "future") in found
    codes = {e.cameo for e in in_sentence(events, "They met before") if e.cameo[:2] == "05"}
    assert codes == {"057"}


def test_pezeshkian_accuses_the_united_states_and_europe(events):
    found = {(e.source.country, e.cameo[:2], e.target.name if e.target else None, e.mode)
             for e in in_sentence(events, "Pezeshkian also spoke")}
    assert ("IRN", "11", "United States", "asserted") in {(s, r, "United States" if t in ("United States", "USA")
                                                           else t, m) for s, r, t, m in found}
    europe = [e for e in in_sentence(events, "Pezeshkian also spoke")
              if e.source.country == "IRN" and e.cameo[:2] == "11" and e.target is not None
              and (e.target.name or "").lower() == "europe"]
    assert europe and all(e.mode == "asserted" for e in europe)


@pytest.mark.xfail(strict=True, reason="the model takes Israel, the subject of the quoted clause, for an "
                   "accuser of Europe (mention P 0.88, story P 0.20): the issue's 'no Israeli accusation' is not met "
                   "yet (see docs/model.md)")
def test_israel_accuses_nobody(events):
    assert not [e for e in in_sentence(events, "Pezeshkian also spoke")
                if e.source.country == "ISR" and e.cameo[:2] == "11"]


def test_each_regional_leader_attends_the_conference(events):
    attending = {e.source.country for e in in_sentence(events, "Other regional leaders") if e.cameo[:2] == "04"}
    assert {"PAK", "KAZ", "KGZ", "TJK", "UZB"} <= attending


def test_every_event_carries_its_evidence(events):
    for e in events:
        assert TEXT[e.sentence_start:e.sentence_end] == e.sentence
        assert TEXT[e.trigger_start:e.trigger_end] in e.sentence
        assert 0.0 < e.confidence <= 1.0
        assert e.rule.startswith("model:") and "construction:" in e.rule
