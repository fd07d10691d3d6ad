"""The pipeline's loading and the sentence helpers of eventwire.nlp, on the real model."""

from __future__ import annotations

from eventwire.nlp import sentence_entities, sentence_of, token_table


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


TABLE_TEXT = ("Iranian President Masoud Pezeshkian accused Israel of attacking the U.S. Embassy in London.\n\n"
              "The Florida Highway Patrol said it was not investigating; police did not arrest anyone. "
              "Russia and Iran are expected to sign an agreement in 2019.")


def test_the_token_table_holds_each_tokens_attributes(nlp):
    doc = nlp(TABLE_TEXT)
    table = token_table(doc)
    assert token_table(doc) is table  # (kept with the Doc)
    for tok in doc:
        i = tok.i
        assert (table.pos[i], table.dep[i], table.tag[i], table.lemma[i], table.lower[i], table.text[i]) == \
            (tok.pos_, tok.dep_, tok.tag_, tok.lemma_.lower(), tok.lower_, tok.text)
        assert (table.ent_type[i], table.ent_iob[i], table.is_stop[i], table.head[i]) == \
            (tok.ent_type_, tok.ent_iob, tok.is_stop, tok.head.i)


def test_a_tokens_sentence_is_spacys(nlp):
    doc = nlp(TABLE_TEXT)
    assert len(list(doc.sents)) > 2
    for tok in doc:
        assert (sentence_of(tok).start, sentence_of(tok).end) == (tok.sent.start, tok.sent.end)
