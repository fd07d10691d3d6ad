"""PETRARCH/TABARI-format actor and agent dictionaries (fixtures written for these tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.petrarch import (
    display_phrase,
    parse_actor_file,
    parse_agent_file,
    read_actor_dictionary,
    read_agent_dictionary,
    tabari_date,
)

FIXTURES = Path(__file__).parent / "fixtures"
COUNTRIES = {"FRD", "SYL"}


@pytest.fixture(scope="module")
def actors():
    return parse_actor_file(FIXTURES / "actors.txt", country_codes=COUNTRIES)


def entries(result, phrase, kind):
    return [e for e in result.dictionary.names.get(phrase, []) if e.kind == kind]


def test_country_record_with_synonyms(actors):
    (freedonia,) = entries(actors, "Freedonia", "country")
    assert (freedonia.country, freedonia.name) == ("FRD", "Freedonia")
    assert entries(actors, "Freedonian", "country") == [freedonia]
    assert entries(actors, "Freedonia City", "country") == [freedonia]  # "# the capital" is a comment
    assert actors.dictionary.countries == {"FRD": "Freedonia", "SYL": "Sylvania"}


def test_organization_with_code_on_following_line(actors):
    (army,) = entries(actors, "Freedonian Army", "organization")
    assert (army.code, army.country, army.sector) == ("FRDMIL", "FRD", "MIL")
    assert army.name == "Freedonian Armed Forces"
    assert army.source == "actors.txt:9"


def test_igo_and_ngo_codes_keep_the_full_code(actors):
    (ufd,) = entries(actors, "United Federation", "organization")  # "the ..." also matches without "the"
    assert (ufd.code, ufd.country, ufd.sector, ufd.name) == ("IGOUFD", None, "IGO", "United Federation")
    assert entries(actors, "the United Federation", "organization") == [ufd]
    assert entries(actors, "UFD", "organization") == [ufd]  # short acronym kept as written
    assert entries(actors, "Organization of the United Federation", "organization") == [ufd]
    (fund,) = entries(actors, "Marx Relief Fund", "organization")
    assert (fund.code, fund.country, fund.sector) == ("NGO", None, "NGO")


def test_person_roles_follow_dates(actors):
    (firefly,) = entries(actors, "Firefly", "person")
    assert firefly.name == "Rufus T. Firefly"
    assert entries(actors, "President Firefly", "person") == [firefly]
    assert firefly.at(date(1990, 5, 1))[:2] == ("FRD", "ELI")
    assert firefly.at(date(2005, 5, 1))[:2] == ("FRD", "GOV")  # YYYYMMDD end date 20080507
    assert firefly.at(date(2010, 1, 1))[:2] == ("FRD", "ELI")  # the undated default between terms
    assert firefly.at(date(2015, 1, 1))[:2] == ("FRD", "GOV")  # >120508: 2012-05-08 onwards
    starts = [(r.sector, r.start, r.end) for r in firefly.roles]
    assert starts[:3] == [("ELI", "1985-01-01", "1999-06-30"), ("GOV", "1999-07-01", "2008-05-07"),
                          ("GOV", "2012-05-08", None)]
    assert starts[-1] == ("ELI", None, None)  # undated default comes after the dated roles


def test_inline_dated_codes_make_a_person(actors):
    (trentino,) = entries(actors, "Trentino", "person")
    assert trentino.at(date(1995, 1, 1))[:2] == ("SYL", "GOV")  # <991231
    assert trentino.at(date(2003, 1, 1))[:2] == ("SYL", "OPP")


def test_bad_date_skips_only_that_code(actors):
    (anna,) = entries(actors, "Anna Ki-Moon", "person")
    assert entries(actors, "Anna Ki-moon", "person") == [anna]  # news style after a hyphen
    assert [(r.country, r.sector, r.start) for r in anna.roles] == [("IGO", "UNO", "2007-01-01")]
    bad = [s for s in actors.skipped if s.line == 25]
    assert len(bad) == 1 and "9901" in bad[0].reason and str(bad[0]).startswith("actors.txt:25:")


def test_records_without_code_are_reported_not_added(actors):
    reasons = {s.line: s.reason for s in actors.skipped}
    assert "no code" in reasons[33]  # NOBODY_IN_PARTICULAR_
    assert "no code" in reasons[36]  # [---] null code
    assert "Nobody in Particular" not in actors.dictionary.names
    assert actors.counts == {"countries": 3, "organizations": 3, "people": 3}


def test_country_with_dated_codes_is_a_country_with_the_current_code(actors):
    (fenwick,) = actors.dictionary.names["Grand Fenwick"]
    assert (fenwick.kind, fenwick.country, fenwick.roles) == ("country", "FRD", ())


def test_read_actor_dictionary_uses_the_shipped_country_codes(tmp_path):
    path = tmp_path / "a.actors"
    path.write_text("AFGHANISTAN_ [AFG]\n+KABUL_\nAFGHAN_NATIONAL_ARMY [AFGMIL]\n", encoding="utf-8")
    d = read_actor_dictionary(path)
    assert d.names["Kabul"][0].kind == "country" and d.countries == {"AFG": "Afghanistan"}
    assert d.names["Afghan National Army"][0].country == "AFG"


def test_tabari_dates():
    assert tabari_date("991231") == "1999-12-31"
    assert tabari_date("300101") == "2030-01-01"  # YY <= 30 is 20YY, as in PETRARCH
    assert tabari_date("19270101") == "1927-01-01"
    for bad in ("9008223", "20100931", "12ab56"):
        with pytest.raises(ValueError):
            tabari_date(bad)


@pytest.mark.parametrize(("raw", "shown"), [
    ("VLADIMIR_PUTIN_", "Vladimir Putin"),
    ("ISLAMIC_REPUBLIC_OF_AFGHANISTAN", "Islamic Republic of Afghanistan"),
    ("UN_SECURITY_COUNCIL", "UN Security Council"),
    ("U.N._SECRETARY_GENERAL", "U.N. Secretary General"),
    ("AL_JAZEERA", "Al Jazeera"),
    ("THE_KREMLIN_", "the Kremlin"),
    ("UNITED_NATIONS_CHILDREN'S_FUND_", "United Nations Children's Fund"),
    ("ISLAMIC_ARMY_OF_ADEN_(IAA)_", "Islamic Army of Aden (IAA)"),
    ("BRENDAN_O'CONNOR", "Brendan O'Connor"),
    ("UN_Secy_Gen", "UN Secy Gen"),
])
def test_display_phrase(raw, shown):
    assert display_phrase(raw) == shown


@pytest.fixture(scope="module")
def agents():
    return parse_agent_file(FIXTURES / "agents.txt")


def test_agents(agents):
    a = agents.dictionary.agents
    assert a["president"] == "GOV"
    assert a["foreign minister"] == "GOV" and a["foreign ministry"] == "GOV"  # !MINIST! expanded, ~GOVFRM
    assert a["policeman"] == "COP" and a["policewomen"] == "COP"
    assert a["attorney general"] == "GOV" and a["attorneys general"] == "GOV"  # explicit plural kept
    assert a["air force"] == "MIL"
    assert a["human rights group"] == "NGO"  # CODE~ form
    assert not agents.dictionary.names


def test_agent_errors_are_reported_with_line(agents):
    reasons = {s.line: s.reason for s in agents.skipped}
    assert set(reasons) == {11, 12, 13}  # [~MIL}, no code, undefined !NOBODY!
    assert "!NOBODY!" in reasons[13]
    assert "army" not in agents.dictionary.agents
    assert read_agent_dictionary(FIXTURES / "agents.txt").agents == agents.dictionary.agents
