"""The maintainers' build tool that turns the Phoenix dictionaries into eventwire's historical actor files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from eventwire.actors import petrarch as pa

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_phoenix.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("import_phoenix", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_acronym_alias_must_spell_the_names_initials(tool):
    assert tool.is_initialism("SPLA", "Sudan People's Liberation Army")
    assert not tool.is_initialism("SPLA", "Sudan People's Army")
    assert not tool.is_initialism("Sp", "Sudan People")


def test_a_group_coded_to_a_region_takes_the_one_country_its_name_names(tool):
    countries = pa.default_country_codes()
    names = tool.curated_country_names()
    assert tool.armed_group_code("AFRREB", "National Patriotic Front of Liberia", countries, names) == "LBRREB"
    assert tool.armed_group_code("EAFREB", "Eritrean Islamic Jihad Movement", countries, names) == "ERIREB"
    assert tool.armed_group_code("ANGREB", "UNITA", countries, names) == "AGOREB"  # Phoenix's old code
    # Latin America is no country, and a name naming two countries or none gives no code
    assert tool.armed_group_code("LAMREB", "Latin American Patriotic Army", countries, names) is None
    assert tool.armed_group_code("MEAREB", "Army of Iraq and Syria", countries, names) is None
    assert tool.armed_group_code("INTREB", "Islamic Salvation Front", countries, names) is None


def test_armed_groups_are_written_with_their_codes_and_no_country_name_as_an_alias(tool, tmp_path):
    src = tmp_path / "groups.txt"
    src.write_text("UNITA_ [ANGREB] # note\n+NATIONAL_UNION_FOR_THE_TOTAL_INDEPENDENCE_OF_ANGOLA_\n\n"
                   "PEOPLE'S_REVOLUTIONARY_ARMY_(COLOMBIA) [COLREB]\n", encoding="utf-8")
    rows = [r.split("\t") for r in tool.import_armed_groups(src, pa.default_country_codes())]
    by_name = {r[1]: r for r in rows}
    assert by_name["UNITA"][0] == "AGOREB"
    assert "National Union for the Total Independence of Angola" in by_name["UNITA"][2]
    assert by_name["People's Revolutionary Army"][0] == "COLREB"
    assert "Colombia" not in by_name["People's Revolutionary Army"][2].split("|")


def test_people_rows_take_current_country_codes_and_drop_codes_that_are_no_country(tool):
    from eventwire.actors.dictionary import Entry, Role

    people = {
        "Xanana Gusmao": Entry("person", "Xanana Gusmao", roles=(Role("TMP", "GOV", "", "2002", "2007"),)),
        "Islamic State": Entry("person", "Islamic State", roles=(Role("IMG", None, "", "2013", None),)),
        "Kybe Tamosa": Entry("person", "Kybe Tamosa", roles=(Role("KNT", "GOV", "", "1985", "1985"),)),
    }
    aliases = {name: [name] for name in people}
    rows = [row.split("\t") for row in tool.people_rows(aliases, people)]
    assert [(r[0], r[2]) for r in rows] == [("Xanana Gusmao", "TLS")]
    # and the generated file no longer makes the Islamic State a person
    generated = (SCRIPT.parents[1] / "src" / "eventwire" / "data" / "actors" / "people_phoenix.tsv").read_text()
    assert "\nIslamic State\t" not in generated


def test_ordinary_words_are_no_group_names(tool):
    assert not tool.usable_alias("Tigers") and not tool.usable_alias("the Foundation")
    assert tool.usable_alias("Extraditables") and tool.usable_alias("Liberation Tigers")
