"""Find dictionary names (countries, capitals, organisations, people) in a parsed document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.actors.dictionary import ActorDictionary, Entry

FUNCTION_POS = frozenset({"PRON", "DET", "AUX", "ADP", "CCONJ", "SCONJ", "PART", "VERB", "ADV"})


NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


@dataclass(frozen=True)
class NameMatch:
    start: int  # token indices [start, end)
    end: int
    text: str
    entries: tuple[Entry, ...]


class NameFinder:
    """PhraseMatcher over the dictionary's phrases, matched on the exact text (names are case-sensitive)."""

    def __init__(self, dictionary: ActorDictionary, nlp):
        self.dictionary = dictionary
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[int, str] = {}
        # the tokenizer alone, in bulk: thirty thousand phrases load in well under a second
        self.matcher.add("ACTOR", list(nlp.tokenizer.pipe(dictionary.names)))

    def find(self, doc: Doc) -> dict[int, NameMatch]:
        """Longest non-overlapping matches, indexed by every token they cover."""
        spans = [Span(doc, s, e) for _, s, e in self.matcher(doc)]
        by_token: dict[int, NameMatch] = {}
        for span in filter_spans(spans):
            if len(span) == 1 and (span[0].pos_ in FUNCTION_POS or span[0].ent_type_ in NOT_NAMES):
                continue  # "He" is a pronoun here, not He Weidong; "Friday" a day, not Godwin Friday
            entries = self.dictionary.names.get(span.text)
            if not entries or _inside_other_name(span):
                continue
            match = NameMatch(span.start, span.end, span.text, tuple(entries))
            for i in range(span.start, span.end):
                by_token[i] = match
        return by_token


def _inside_other_name(span: Span) -> bool:
    """A one-word name that is not the last word of a longer personal name is not that person: "Gabriel" in
    "Robert Gabriel Mugabe" is not Sigmar Gabriel. A surname at the end ("Manny Macron") still counts."""
    tok = span[0]
    doc = tok.doc
    return (len(span) == 1 and tok.ent_type_ == "PERSON" and tok.i + 1 < len(doc)
            and doc[tok.i + 1].ent_iob_ == "I")
