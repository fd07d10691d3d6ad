"""PETRARCH mode: coding with the fictional test dictionaries and the real spaCy model."""

from __future__ import annotations

from datetime import date

from eventwire.records import Article


def test_agents_attach_to_countries_named_by_adjective(code):
    assert code("The Valdorian government denounced a raid by Kestrian soldiers.") == {("VALGOV", "111", "KESMIL")}


def test_codes_compose_country_and_agents(code):
    assert code("The Valdorian foreign minister criticized Kestria.") == {("VALGOVFRM", "111", "KES")}
    assert code("A Valdorian opposition spokesman criticized the Kestrian government.") == \
        {("VALOPPSPK", "111", "KESGOV")}
    assert code("A Valdorian human rights group criticized Kestria.") == {("NGOVAL", "111", "KES")}  # NGO~


def test_compound_and_plural_actors_expand(code):
    got = code("Envoys of Valdoria, Kestria and Morvan visited the Tessalian president.")
    assert {e for e in got if e[1] == "042"} == {("VALGOV", "042", "TESGOV"), ("KESGOV", "042", "TESGOV"),
                                                 ("MORGOV", "042", "TESGOV")}
    assert code("Valdorian and Kestrian soldiers attacked Morvan.") == {("VALMIL", "190", "MOR"),
                                                                       ("KESMIL", "190", "MOR")}


def test_paired_codes_code_both_ways(code):
    got = code("Envoys of Valdoria, Kestria and Morvan visited the Tessalian president.")
    assert {e for e in got if e[1] == "043"} == {("TESGOV", "043", "VALGOV"), ("TESGOV", "043", "KESGOV"),
                                                 ("TESGOV", "043", "MORGOV")}
    assert code("Valdoria signed a protocol with Kestria.") == {("VAL", "057", "KES"), ("KES", "057", "VAL")}


def test_most_specific_pattern_wins(code):
    assert code("Valdoria signed a protocol with Kestria.") >= {("VAL", "057", "KES")}  # not the bare 030
    assert code("Valdoria signed an agreement with Kestria.") == {("VAL", "036", "KES")}  # (WITH +)
    assert code("Valdoria signed a letter to Kestria.") == {("VAL", "030", "KES")}  # the bare verb
    assert code("Valdoria called off talks with Kestria.") == {("VAL", "164", "KES")}  # multi-word verb
    assert code("Valdoria called Kestria.") == {("VAL", "020", "KES")}


def test_synonym_sets_and_prepositional_slots(code):
    assert code("Kestria gave rifles to Morvan.") == {("KES", "072", "MOR")}
    assert code("Kestria gave artillery shells to Morvan.") == {("KES", "072", "MOR")}
    assert code("Kestria gave money to Morvan.") == {("KES", "070", "MOR")}


def test_words_before_the_verb(code):
    assert code("Kestrian soldiers entered Morvan.") == {("KESMIL", "192", "MOR")}
    assert code("The Kestrian president entered Morvan.") == set()  # ENTER's own code is null


def test_null_codes(code):
    assert code("Kestria lent rifles to Morvan.") == {("KES", "072", "MOR")}  # the pattern beats the null verb
    assert code("Kestria lent a hand to Morvan.") == set()  # LEND [---]
    assert code("Valdoria praised the weather in Kestria.") == set()  # the null pattern beats the bare verb
    assert code("Valdoria praised Kestria.") == {("VAL", "051", "KES")}
    assert code("The Valdorian Times criticized Kestria.") == set()  # the null actor


def test_discards(code):
    assert code("The Kestrian Football League praised Valdoria.") == set()  # [###] actor
    assert code("The Tessalian president hosted a football match with Valdoria.") == set()  # [###] pattern
    assert code("Valdoria criticized Kestria over a basketball game.") == set()  # discard file
    assert code("Valdoria praised Kestria at the Chess Olympiad. Valdoria praised Morvan.") == set()  # + story


def test_dated_actors_and_codeless_primary(code):
    assert code("President Markov visited Kestria.", day=date(2015, 1, 1)) >= {("VALGOV", "042", "KES")}
    assert code("President Markov visited Kestria.", day=date(2005, 1, 1)) >= {("VALELI", "042", "KES")}
    assert code("Orin Vale praised Valdoria.") == {("OST", "051", "VAL")}


def test_passive_and_negation(code):
    assert code("Valdoria was attacked by Kestrian soldiers.") == {("KESMIL", "190", "VAL")}
    assert code("Valdoria did not criticize Kestria.") == set()  # PETRARCH does not code negated verbs


def test_events_carry_the_dictionary_line(petrarch_coder):
    (event,) = petrarch_coder.code_article(Article("t", "Kestria gave rifles to Morvan.", published=date(2015, 1, 1)))
    assert event.rule == "petrarch verbs.txt:24 - * &ARMS (TO +) [072]"
    assert (event.source.country, event.source.name) == ("KES", "Kestria")
    assert event.cameo_name and event.goldstein is not None  # from the CAMEO table
    assert event.trigger == "gave" and event.mode == "asserted" and event.date == "2015-01-01"
