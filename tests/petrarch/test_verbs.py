"""Reading PETRARCH2 verb pattern files: blocks, synonym sets, patterns and codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.petrarch.dictionaries import LoadReport
from eventwire.petrarch.verbs import EventCodes, NounGroup, Prep, Slot, VerbDictionary, Words, parse_event_codes

DICTIONARIES = Path(__file__).parents[1] / "fixtures" / "petrarch"


@pytest.fixture(scope="module")
def verbs() -> VerbDictionary:
    d = VerbDictionary()
    d.add_file(DICTIONARIES / "verbs.txt", LoadReport())
    return d


def entry(verbs: VerbDictionary, form: str, after: tuple[str, ...] = ()):
    (found,) = [e for e in verbs.entries[form] if e.after == after]
    return found


def test_codes():
    assert parse_event_codes("057") == EventCodes("057", None)
    assert parse_event_codes("042:043") == EventCodes("042", "043")
    assert parse_event_codes(":173") == EventCodes(None, "173")
    assert parse_event_codes("---").null
    assert parse_event_codes("###").discard
    with pytest.raises(ValueError):
        parse_event_codes("08!")


def test_blocks_verbs_and_irregular_forms(verbs):
    give = entry(verbs, "GIVE")
    assert give.codes == EventCodes("070", None) and give.block.name == "SUPPLY"
    assert entry(verbs, "GAVE") is give  # irregular forms index the same verb
    assert entry(verbs, "LEND").codes.null  # its own [---]
    assert entry(verbs, "VISIT").codes == EventCodes("042", "043")
    call_off = entry(verbs, "CALL", ("OFF",))
    assert call_off.codes.null and call_off.block is entry(verbs, "CALL").block


def test_patterns_with_synsets_prepositions_and_noun_phrases(verbs):
    supply = entry(verbs, "GIVE").block.patterns
    (arms,) = supply
    assert isinstance(arms.post[0], Words) and ("ARTILLERY", "SHELL") in arms.post[0].alternatives
    assert ("MISSILES",) in arms.post[0].alternatives  # plurals of synonym set members
    assert arms.post[1] == Prep("TO", (Slot("target"),))
    assert arms.source == "verbs.txt:24" and arms.weight == 2
    sign = entry(verbs, "SIGN").block.patterns
    assert sign[0].weight > sign[1].weight  # PROTOCOL WITH + is more specific than (WITH +)
    troops = entry(verbs, "ENTER").block.patterns[0]
    assert troops.pre and not troops.post  # a word before the verb
    assert ("SOLDIERS",) in troops.pre[0].alternatives and ("SOLDIERSS",) not in troops.pre[0].alternatives
    host = entry(verbs, "HOST").block.patterns
    assert isinstance(host[1].post[0], NounGroup) and host[1].codes.discard


def test_unsupported_constructions_are_listed_not_errors(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("--- MOCK [---] ---\nMOCK\n- % + *  [062:062]\n~ a (a b ATTACK) SAY = a b 015\n",
                    encoding="utf-8")
    d, report = VerbDictionary(), LoadReport()
    d.add_file(path, report)
    assert not report.problems
    assert [u.line for u in d.unsupported] == [3, 4]
