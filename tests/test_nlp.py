"""The pipeline's loading and the sentence helpers of eventwire.nlp, on the real model."""

from __future__ import annotations

from eventwire.nlp import sentence_entities


def test_sentence_entities_are_spacys_entities_of_the_sentence(nlp):
    doc = nlp("Putin met Pezeshkian in Ashgabat on Friday.\n\nThe Florida Highway Patrol said the US Embassy in "
              "London closed. Nothing happened.")
    for sent in doc.sents:
        got = [(e.start, e.end, e.label_) for e in sentence_entities(sent)]
        assert got == [(e.start, e.end, e.label_) for e in sent.ents]
    assert any(sentence_entities(s) for s in doc.sents)


def test_a_paragraph_break_ends_a_sentence(nlp):
    doc = nlp("Wednesday, January 23, 2019\nGermany on Monday banned Iranian airline Mahan Air.")
    assert len(list(doc.sents)) == 2
