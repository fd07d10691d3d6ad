from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.dictionary import ActorDictionary, DictionaryError, Role
from eventwire.records import Article


def entry(d: ActorDictionary, phrase: str, kind: str):
    return next(e for e in d.names[phrase] if e.kind == kind)


@pytest.fixture(scope="module")
def shipped() -> ActorDictionary:
    return ActorDictionary.load_default()


def test_putin_is_government_in_2024(shipped):
    putin = entry(shipped, "Putin", "person")
    country, sector, _ = putin.at(date(2024, 10, 11))
    assert (country, sector) == ("RUS", "GOV")


def test_biden_is_government_only_2021_to_2025(shipped):
    biden = entry(shipped, "Biden", "person")
    assert biden.at(date(2022, 6, 1))[:2] == ("USA", "GOV")
    country, sector, _ = biden.at(date(2025, 6, 1))
    assert country == "USA" and sector != "GOV"


@pytest.mark.parametrize("phrase,iso", [("Russia", "RUS"), ("Iranian", "IRN"), ("Tehran", "IRN"),
                                        ("U.S.", "USA"), ("Britain", "GBR"), ("Kyiv", "UKR"),
                                        ("Kampuchean", "KHM")])
def test_country_names_adjectives_capitals(shipped, phrase, iso):
    assert entry(shipped, phrase, "country").country == iso


@pytest.mark.parametrize("phrase,sector", [("the Kremlin", "GOV"), ("Kremlin", "GOV"), ("White House", "GOV")])
def test_seats_of_government(shipped, phrase, sector):
    e = entry(shipped, phrase, "country")
    assert e.sector == sector


@pytest.mark.parametrize("phrase,name", [("NATO", "NATO"), ("United Nations", "UN"), ("BRICS", "BRICS"),
                                         ("Shanghai Cooperation Organisation", "SCO")])
def test_igos(shipped, phrase, name):
    assert entry(shipped, phrase, "organization").name == name


@pytest.mark.parametrize("lemma,sector", [("president", "GOV"), ("troop", "MIL"), ("police", "COP"),
                                          ("parliament", "LEG"), ("court", "JUD"), ("rebel", "REB"),
                                          ("protester", "PRO")])
def test_agents(shipped, lemma, sector):
    assert shipped.agents[lemma] == sector


def test_role_dates_of_any_precision():
    role = Role("USA", "GOV", "President", "2021-01-20", "2025-01")
    assert role.covers(date(2025, 1, 10))
    assert not role.covers(date(2025, 2, 1))
    assert not role.covers(date(2020, 12, 31))
    assert Role("FRA", "GOV", "President", "2017", None).covers(date(2026, 1, 1))


def test_bad_country_row_names_file_and_line(tmp_path: Path):
    path = tmp_path / "countries.tsv"
    path.write_text("iso3\tname\tnames\tadjectives\tcapitals\tseats\nRUSSIA\tRussia\t\t\t\t\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"countries.tsv:2"):
        ActorDictionary().load_countries(path)


def test_a_surname_inside_another_persons_name_is_not_that_person(coder):
    doc = coder.nlp("Robert Gabriel Mugabe resigned. Gabriel criticized Russia.")
    names = {m.text: m.entries[0].name for m in coder.names.find(doc).values()}
    assert "Gabriel" in names and names["Gabriel"] == "Sigmar Gabriel"
    first = coder.names.find(doc)
    # the middle name of Mugabe: part of his own full name, never Sigmar Gabriel
    assert 1 not in first or first[1].text == "Robert Gabriel Mugabe"


def test_a_surname_inside_a_place_name_is_not_that_person(coder):
    doc = coder.nlp("Hundreds of fighters escaped following Turkish airstrikes from a camp at Ain Issa.")
    assert "Issa" not in {m.text for m in coder.names.find(doc).values()}


def test_historical_roles_from_the_phoenix_files_resolve_older_news(coder):
    text = "George W. Bush met Levy Mwanawasa. The Tupamaros attacked Uruguayan troops."
    events = coder.code_article(Article("old", text, date(2006, 5, 1)))
    codes = {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events}
    assert ("USAGOV", "040", "ZMBGOV") in codes
    names = coder.names.find(coder.nlp(text))
    sources = {m.text: m.entries[0].source for m in names.values()}
    assert sources["Levy Mwanawasa"] == "people_phoenix.tsv"
    assert sources["Tupamaros"] == "organizations_phoenix.tsv"
    assert any(e.source.code == "URYREB" for e in events)


def test_curated_entries_come_before_generated_ones():
    d = ActorDictionary.load_default()
    trump = d.names["Donald Trump"]
    assert trump[0].source == "people.tsv"


def test_a_generated_surname_counts_only_where_spacy_sees_a_person(coder):
    names = coder.names.find(coder.nlp("Opposition groups demand that President Mugabe resign."))
    assert any(m.entries[0].name == "Robert Mugabe" for m in names.values())
    # a longer personal name ending in a known surname is somebody else
    other = coder.names.find(coder.nlp("Kino Gabriel said the statement was a surprise."))
    assert not any(m.text == "Gabriel" for m in other.values())


def test_a_single_typo_in_a_country_name_is_still_the_country(coder):
    finder = coder.names
    assert finder.misspelt_country("Ethopia") == "Ethiopia"
    assert finder.misspelt_country("Phillippines") == "Philippines"
    assert finder.misspelt_country("Germnay") == "Germany"  # two letters swapped
    assert finder.misspelt_country("Israell") is None  # Israel or Israeli: ambiguous
    assert finder.misspelt_country("Jordan") is None  # an exact name is no typo
    doc = coder.nlp("Ethopia has agreed to re-open its borders. Ships entered the Persian Gulf. Berman spoke.")
    found = {m.text: m.entries[0].country for m in finder.find(doc).values()}
    assert found.get("Ethopia") == "ETH"
    assert "Persian" not in found and "Berman" not in found  # a longer name; a person


def test_the_tamil_tigers_are_sri_lankan_and_a_foundation_is_no_armed_group(coder):
    text = ("The Liberation Tigers attacked the Sri Lankan army. "
            "The Imus Ranch Foundation provides support for families in Texas.")
    events = coder.code_article(Article("t", text, date(2019, 12, 1)))
    assert ("LKAREB", "LKAMIL") in {(e.source.code, e.target.code if e.target else None) for e in events}
    assert not any(e.source.code == "USAREB" for e in events)


def test_a_family_name_or_a_title_is_no_alias_of_one_office_holder(coder):
    doc = coder.nlp("Qatar's emir, Sheikh Hamad bin Khalifa al-Thani, met the Libyan envoy.")
    countries = {e.country for m in coder.names.find(doc).values() for e in m.entries if e.kind == "person"}
    assert countries == {"QAT"}


def test_a_one_word_alias_read_as_a_language_needs_a_person_tag(coder):
    doc = coder.nlp('She told a guard, in French and English, "they raped me". Putin said Russia would help.')
    people = {m.entries[0].name for m in coder.names.find(doc).values() if m.entries[0].kind == "person"}
    assert "Bill English" not in people and "Vladimir Putin" in people


def test_the_shipped_dictionary_and_phrase_index_from_the_table_cache_are_the_ones_built(coder, tmp_path):
    from eventwire.actors.matcher import NameFinder, build_phrase_index, phrase_index
    from eventwire.tables import TableCache

    cache = TableCache(tmp_path)
    built = ActorDictionary.load_default()
    assert ActorDictionary.load_default(cache) == built
    assert ActorDictionary.load_default(cache) == built  # loaded from the file
    index = build_phrase_index(built, coder.nlp)
    assert phrase_index(built, coder.nlp, cache) == index
    loaded = phrase_index(built, coder.nlp, cache)
    assert loaded == index
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["actors", "phrases"]
    doc = coder.nlp("Vladimir Putin met Iran's President Masoud Pezeshkian in Ashgabat.")
    found = NameFinder(built, coder.nlp, index=loaded).find(doc)
    assert {m.text for m in found.values()} == {m.text for m in coder.names.find(doc).values()}
    assert {"Vladimir Putin", "Iran"} <= {m.text for m in found.values()}
