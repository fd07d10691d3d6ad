"""PETRARCH2-format verb dictionaries (fixture written for these tests), and coding with them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.matcher import NameFinder
from eventwire.actors.petrarch import read_actor_dictionary, read_agent_dictionary
from eventwire.actors.resolver import ActorResolver, ArticleContext
from eventwire.events.extractor import EventExtractor
from eventwire.events.petrarch_verbs import parse_verb_file, read_verb_dictionary

FIXTURES = Path(__file__).parent / "fixtures"
ACTOR_FIXTURES = Path(__file__).parents[1] / "actors" / "fixtures"


@pytest.fixture(scope="module")
def verbs():
    return parse_verb_file(FIXTURES / "verbs.txt")


def patterns(result, lemma):
    return {(p.extra, tuple(sorted(p.objects)), p.target_preps, p.cameo, tuple(sorted(p.flags)))
            for p in result.dictionary.candidates("VERB", lemma)}


def test_block_code_gives_bare_verbs_unless_null(verbs):
    assert ((), (), (), "070", ()) in patterns(verbs, "provide")
    assert ((), (), (), "070", ()) in patterns(verbs, "give")  # irregular forms {...} are ignored
    assert ((), (), (), "070", ()) not in patterns(verbs, "supply")  # its own [---] code
    assert not any(p[:2] == ((), ()) for p in patterns(verbs, "meet"))  # MEET's block is [---]: no bare verb


def test_synset_objects_and_target_preposition(verbs):
    got = patterns(verbs, "give")
    # &MONEY_WORDS: one-word members with their singulars; "HARD CURRENCY" is not a one-word lemma
    assert ((), ("dollar", "loan"), (), "071", ()) in got
    assert ((), ("missile", "missiles", "rifle"), ("to",), "072", ()) in got
    # the same pattern applies to every verb of the block, and says where it came from
    supply = verbs.dictionary.candidates("VERB", "supply")
    assert {p.source for p in supply} == {"verbs.txt:18", "verbs.txt:19"}


def test_prepositions_particles_and_double_codes(verbs):
    got = patterns(verbs, "meet")
    assert (("with",), (), ("with",), "036", ("symmetric",)) in got  # [036:036]
    assert ((), ("sanction", "sanctions"), ("against",), "163", ()) in got  # [163:112]: reverse dropped
    assert (("out",), ("view", "views"), (), "010", ()) in got
    assert verbs.counts["patterns whose reverse code was dropped"] == 1


def test_multi_word_verb_gets_its_particle(verbs):
    got = patterns(verbs, "sit")
    assert (("down", "with"), (), ("with",), "036", ("symmetric",)) in got
    assert (("down", "out"), ("view", "views"), (), "010", ()) in got


def test_unsupported_lines_are_reported_with_line_and_reason(verbs):
    reasons = {s.line: s.reason for s in verbs.skipped}
    assert "noun phrase" in reasons[20]
    assert "prepositional phrase with a required noun" in reasons[21]
    assert "reverse-only" in reasons[28]
    assert "before the verb" in reasons[29]
    assert "null code" in reasons[30]
    assert "not a CAMEO code" in reasons[31]
    assert "pre-compounded" in reasons[36]
    assert "undefined synset" in reasons[37]
    assert "transformation" in reasons[39]
    assert len(verbs.skipped) == 9
    assert str(verbs.skipped[0]).startswith("verbs.txt:20: noun phrase")
    assert ((), (), (), "111", ()) in patterns(verbs, "condemn")
    assert not verbs.dictionary.candidates("VERB", "tap")


def test_read_verb_dictionary_returns_the_triggers(verbs):
    assert len(read_verb_dictionary(FIXTURES / "verbs.txt")) == len(verbs.dictionary)


@pytest.fixture(scope="module")
def extract(coder):
    actors = read_actor_dictionary(ACTOR_FIXTURES / "actors.txt", country_codes={"FRD", "SYL"})
    actors.merge(read_agent_dictionary(ACTOR_FIXTURES / "agents.txt"))
    resolver = ActorResolver(actors)
    names = NameFinder(actors, coder.nlp)
    extractor = EventExtractor(read_verb_dictionary(FIXTURES / "verbs.txt"), resolver)

    def run(text: str, day: date = date(2005, 3, 1)):
        doc = coder.nlp(text)
        ctx = ArticleContext(published=day, names=names.find(doc))
        return [(f.source.code, f.pattern.cameo, f.target.code if f.target else None, f.pattern.source)
                for sent in doc.sents for f in extractor.extract(sent, ctx).frames]

    return run


@pytest.mark.slow
def test_coding_with_petrarch_dictionaries(extract):
    assert ("FRD", "111", "SYL", "verbs.txt:35") in extract("Freedonia condemned Sylvania on Monday.")
    loan = extract("President Firefly gave a loan to Sylvania.")
    assert ("FRDGOV", "071", "SYL", "verbs.txt:18") in loan
    between_terms = extract("Firefly gave a loan to Sylvania.", day=date(2010, 1, 1))
    assert ("FRDELI", "071") in [e[:2] for e in between_terms]  # the undated default role
    met = extract("The Freedonian Army met with Sylvania.")
    assert ("FRDMIL", "036", "SYL", "verbs.txt:26") in met
