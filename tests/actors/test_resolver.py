"""Actors from noun phrases in real parses."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from eventwire.actors.resolver import ArticleContext
from eventwire.records import Actor, Article


@pytest.fixture(scope="module")
def subject_of(coder):
    def run(text: str, published: date = date(2019, 10, 1)):
        doc = coder.nlp(text)
        ctx = ArticleContext(published=published, names=coder.names.find(doc))
        subj = next(t for t in doc if t.dep_ == "nsubj")
        return coder.resolver.resolve(subj, ctx)

    return run


def test_apposition_says_who_an_unknown_person_is(subject_of):
    actor = subject_of("Bruno Parrilla, the foreign affairs minister of Cuba, criticized the United States.")
    assert (actor.country, actor.sector) == ("CUB", "GOV")


def test_relative_clause_description(subject_of):
    actor = subject_of("Brett McGurk, who was Trump's special envoy, criticized Turkey.")
    assert actor.country == "USA"


def test_dated_role_and_former_office(subject_of):
    assert subject_of("Putin criticized Turkey.", date(2024, 10, 11)).code == "RUSGOV"
    obama = subject_of("Former US President Barack Obama criticized Turkey.", date(2019, 1, 1))
    assert obama.country == "USA" and obama.sector == "GOV"


def test_possessive_and_agent(subject_of):
    assert subject_of("Iran's foreign minister criticized Turkey.").code == "IRNGOV"
    assert subject_of("Russian troops attacked Kharkiv.").code == "RUSMIL"
    assert subject_of("Protesters attacked the embassy.").code == "---PRO"


def test_seat_of_government(subject_of):
    assert subject_of("The Kremlin criticized Turkey.").code == "RUSGOV"


def test_a_leaders_possessive_does_not_make_his_organisation_a_person(subject_of):
    actor = subject_of("Osama bin Laden's al-Qaeda network threatened the United States.")
    assert actor.code == "IMGINSALQ"


def test_a_counted_group_is_the_actors_counted(subject_of):
    assert subject_of("A group of Moroccan diplomats met Obama.", date(2015, 1, 1)).country == "MAR"
    assert subject_of("Thousands of Nigerians protested.").country == "NGA"


def test_a_named_modifier_before_the_head_beats_a_place_after_it(subject_of):
    assert subject_of("The US Embassy in London declined the request.").country == "USA"


def test_the_definite_head_word_refers_back_to_the_named_actor(coder):
    doc = coder.nlp("The US Embassy in London received a letter. The embassy declined the request.")
    ctx = ArticleContext(published=date(2019, 10, 1), names=coder.names.find(doc))
    sents = list(doc.sents)
    first = coder.resolver.resolve(next(t for t in sents[0] if t.dep_ == "nsubj"), ctx)
    ctx.remember(first)
    second = coder.resolver.resolve(next(t for t in sents[1] if t.dep_ == "nsubj"), ctx)
    assert second.country == "USA"


def test_an_unknown_name_of_a_country_belongs_to_it(subject_of):
    actor = subject_of("Patrice Talon of Benin signed the agreement.")
    assert actor.country == "BEN"
    gulf = subject_of("The Gulf of Oman was quiet.")
    assert gulf is None or gulf.country != "OMN"


def test_two_people_folded_into_one_phrase_are_two_actors(coder):
    text = "On October 6, US President Donald Trump and Turkish President Recep Tayyip Erdoğan spoke on the phone."
    events = coder.code_article(Article("call", text, date(2019, 10, 7)))
    pairs = {(e.source.code, e.target.code) for e in events if e.cameo.startswith("04")}
    assert pairs == {("USAGOV", "TURGOV"), ("TURGOV", "USAGOV")}


def test_an_unknown_titled_person_named_first_takes_the_country_the_story_names_most(coder):
    text = "President Abdelaziz Bouteflicka threatened to institute a curfew in Algiers after riots in Algiers."
    events = coder.code_article(Article("dza", text, date(1998, 5, 1)))
    assert {e.source.code for e in events if e.source.name == "Abdelaziz Bouteflicka"} == {"DZAGOV"}


def test_story_country_counts_countries_places_and_national_groups(coder):
    from eventwire.actors.resolver import story_country

    doc = coder.nlp("Rebels of UNITA attacked Luanda. Angola's army and Namibia's met. Angola protested.")
    assert story_country(coder.names.find(doc)) == "AGO"
    assert story_country({}) is None


def test_a_group_named_after_a_person_is_of_the_persons_country(subject_of):
    actor = subject_of("About 200 supporters of former President Ahmed Ben Bella blocked roads in Algiers.",
                       date(1999, 1, 1))
    assert (actor.code, actor.kind) == ("DZAPRO", "agent")
    assert subject_of("The spokesman of Vladimir Putin denied the report.", date(2019, 1, 1)).code == "RUSGOV"


def test_historical_armed_groups_and_their_acronyms_resolve(subject_of):
    assert subject_of("UNITA attacked the town.", date(1995, 1, 1)).code == "AGOREB"
    assert subject_of("The SPLA attacked the town.", date(1995, 1, 1)).code == "SDNREB"
    assert subject_of("The Kosovo Liberation Army attacked the town.", date(1998, 1, 1)).country == "XKX"


def test_a_city_the_dictionaries_do_not_list_stands_for_its_country(coder):
    events = coder.code_article(Article("city", "Russian forces shelled Kharkiv.", date(2022, 3, 1)))
    assert {(e.source.code, e.target.code, e.target.text) for e in events} == {("RUSMIL", "UKR", "Kharkiv")}


def test_the_place_lookup_for_actors_takes_exact_names_only(coder):
    assert coder.locations.named_place("Kharkiv").country == "UKR"
    assert coder.locations.named_place("north of Kharkiv") is None


def test_an_international_official_named_with_the_body_acts_for_it(subject_of):
    actor = subject_of("U.N. Secretary-General Kofi Annan criticized Iraq.", date(1998, 10, 14))
    assert (actor.code, actor.sector, actor.name) == ("IGOUNO", "IGO", "Kofi Annan")
    # undated: the title is not read as an army general
    assert subject_of("U.N. Secretary-General Kofi Annan criticized Iraq.", None).sector == "IGO"


def test_a_pronoun_refers_to_a_person_named_earlier_in_its_own_sentence_first(coder):
    text = ("Emmanuel Macron spoke on Friday. Bolsonaro has said the rainforest should be opened up to agriculture, "
            "and his critics blame him for the fires.")
    events = coder.code_article(Article("amazon", text, date(2019, 8, 23)))
    blame = [e for e in events if e.trigger == "blame"]
    assert [e.target.country for e in blame] == ["BRA"]


def test_they_refers_first_to_a_body_named_earlier_in_its_own_sentence(coder):
    doc = coder.nlp('The EU met. Erdogan cited Article 5 of the NATO treaty and said, "They need to stand by us".')
    ctx = ArticleContext(published=date(2019, 10, 14), names=coder.names.find(doc))
    first = list(doc.sents)[0]
    ctx.remember(coder.resolver.resolve(next(t for t in first if t.text == "EU"), ctx))
    they = next(t for t in doc if t.text == "They")
    assert coder.resolver.resolve(they, ctx).code == "IGOWSTNAT"


def test_a_quotation_speaker_named_in_short_and_the_president_he_means(coder):
    text = ("Turkish President Recep Tayyip Erdogan met US President Donald Trump. Senator Lindsey Graham spoke on "
            "Fox News on Monday. \"The caliphate would not have been destroyed without the Kurds, and I applaud "
            "the president for getting the Kurds to do the fighting\", Graham continued.")
    events = coder.code_article(Article("graham", text, date(2019, 10, 14)))
    applaud = [e for e in events if e.trigger == "applaud"]
    # "I" is Graham (named in full earlier, "Graham" after the quotation); "the president" is his own country's;
    # the negation of the first clause is not his
    assert [(e.source.code, e.target.code, e.mode) for e in applaud] == [("USALEG", "USAGOV", "asserted")]


def test_it_and_they_do_not_reach_back_more_than_two_sentences(coder):
    from datetime import date

    from eventwire.records import Article

    near = "Amnesty International criticised the police. It also urged Russia to act."
    far = ("Amnesty International criticised the police. The tanker sailed on. The crew was safe. "
           "Authorities are waiting for updates. It also urged Russia to act.")
    def sources(text):
        return {e.source.code for e in coder.code_article(Article("t", text, date(2019, 10, 1))) if e.cameo == "020"}
    assert sources(near) == {"NGOHRIAMN"}
    assert sources(far) == set()


def test_he_in_a_clause_reported_by_a_coordinated_verb_is_its_subject(coder):
    from datetime import date

    from eventwire.records import Article

    text = ("Imran Khan accepted responsibility for the arrest of the British journalist John Smith, but denied "
            "he ordered the attack on Britain.")
    events = coder.code_article(Article("t", text, date(2020, 1, 1)))
    assert {e.source.code for e in events if e.trigger == "attack"} == {"PAKGOV"}


def test_a_resolved_phrase_is_kept_until_the_context_changes(coder):
    doc = coder.nlp("The US Embassy in London received a letter. The embassy declined the request.")
    ctx = ArticleContext(published=date(2019, 10, 1), names=coder.names.find(doc))
    first, second = (next(t for t in s if t.dep_ == "nsubj") for s in doc.sents)
    before = coder.resolver.resolve(second, ctx)
    assert coder.resolver.resolve(second, ctx) is before  # (kept: the same answer, not worked out again)
    assert before is None or before.country != "USA"
    ctx.remember(coder.resolver.resolve(first, ctx))  # a new actor to refer back to: "the embassy" is the US's
    assert coder.resolver.resolve(second, ctx).country == "USA"


def test_recording_an_act_or_the_quotations_forgets_what_was_resolved(coder):
    doc = coder.nlp("Iran denied the report.")
    ctx = ArticleContext(published=date(2019, 10, 1), names=coder.names.find(doc))
    iran, report = doc[0], doc[3]
    actor = coder.resolver.resolve(iran, ctx)
    assert coder.resolver.resolve(report, ctx) is None  # (no act reported yet)
    assert ctx.resolved == {report.i: None}
    ctx.record_act("report", (actor, None))
    assert ctx.resolved == {}
    assert coder.resolver.resolve(report, ctx).code == "IRN"
    ctx.set_quotes([(0, 5, actor)])
    assert ctx.resolved == {} and ctx.quotes == [(0, 5, actor)]
    ctx.record_act("report", (actor, actor), replace=False)  # (kept the first: nothing changed)
    assert ctx.acts["report"] == (actor, None)
    # a name reads nothing of the story: its actor is kept through all of it
    assert ctx.settled == {iran.i: actor} and coder.resolver.resolve(iran, ctx) is actor


def test_answers_kept_for_the_whole_article_are_those_worked_out_afresh(coder):
    """The actors kept across changes of the story (ctx.settled) are those that resolving with nothing kept
    finds, sentence by sentence of real articles (pronouns, aliases, "the embassy", quotations)."""
    text = ("Iranian Foreign Minister Mohammad Javad Zarif met Russian President Vladimir Putin in Moscow on Monday. "
            "Zarif said the two countries would sign a trade deal. \"We will not accept sanctions,\" he said. "
            "The US Embassy in Moscow declined to comment. The embassy later issued a statement. "
            "The statement criticized Iran. Putin told reporters that the country supports Tehran, and he accused "
            "the United States of bullying. They denied it.")
    doc = coder.nlp(text)
    ctx = ArticleContext(published=date(2019, 10, 1), names=coder.names.find(doc))
    compared = 0
    for sent in doc.sents:
        coder.extractor.extract(sent, ctx)  # (remembers the sentence's actors and acts: the story changes)
        for tok in sent:
            if tok.pos_ in ("PROPN", "NOUN", "PRON"):
                afresh = dataclasses.replace(ctx, resolved={}, settled={})
                assert coder.resolver.resolve(tok, ctx) == coder.resolver.resolve(tok, afresh), tok.text
                compared += 1
    assert compared > 30 and len(ctx.settled) > 10


def test_a_statement_refers_back_to_the_act_recorded_after_the_first_try(coder):
    doc = coder.nlp('"We will respond," the statement read.')
    ctx = ArticleContext(published=date(2019, 10, 1), names=coder.names.find(doc))
    statement = next(t for t in doc if t.text == "statement")
    assert coder.resolver.resolve(statement, ctx) is None
    iran = Actor("Iran", "IRN", "IRN", None, "Iran", "country", 0, 4)
    ctx.record_act("statement", (iran, None))  # ("Iran released a statement" in an earlier sentence)
    assert coder.resolver.resolve(statement, ctx).country == "IRN"


def test_the_nouns_told_apart_as_no_actor_are_none_when_resolved_in_full(coder, monkeypatch):
    """ActorResolver._cannot_be_actor answers for most common nouns without walking their phrases: resolving
    them in full finds no actor either."""
    text = ("Iranian Foreign Minister Mohammad Javad Zarif met Russian President Vladimir Putin in Moscow on Monday "
            "for talks on weapons, trade and the nuclear deal. A group of Iranian diplomats and the heads of Central "
            "Asian nations - Kazakhstan and Uzbekistan - attended. The country's government said the statement was "
            "false. Protesters in Tehran burned flags of the United States; police arrested dozens of students. "
            "The company said the attack on its tankers in the Gulf of Oman was an act of war.")
    doc = coder.nlp(text)
    nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM")]
    ctx = ArticleContext(published=date(2019, 10, 1), names=coder.names.find(doc))
    told = [t for t in nouns if coder.resolver._cannot_be_actor(t, ctx)]
    assert len(told) > 5
    monkeypatch.setattr(coder.resolver, "_cannot_be_actor", lambda head, ctx: False)
    full = ArticleContext(published=date(2019, 10, 1), names=ctx.names)
    for tok in nouns:
        full.remember(Actor("Iran", "IRN", "IRN", None, "Iran", "country", 0, 4))  # (a story to refer back to)
        actor = coder.resolver.resolve(tok, full)
        assert tok not in told or actor is None, tok.text
