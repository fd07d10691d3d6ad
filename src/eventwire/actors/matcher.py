"""Find dictionary names (countries, capitals, organisations, people) in a parsed document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.actors.dictionary import ActorDictionary, Entry

FUNCTION_POS = frozenset({"PRON", "DET", "AUX", "ADP", "CCONJ", "SCONJ", "PART", "VERB", "ADV"})


GENERATED_FILES = frozenset({"people_phoenix.tsv"})
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


@dataclass(frozen=True)
class NameMatch:
    start: int  # token indices [start, end)
    end: int
    text: str
    entries: tuple[Entry, ...]


class NameFinder:
    """Dictionary phrases matched on the exact token texts (names are case-sensitive), longest first.

    The phrases are tokenized once with the pipeline's tokenizer and kept as tuples of token texts, indexed
    by their first token: thirty thousand names take a few MB this way, where spaCy's PhraseMatcher keeps a
    Doc per phrase (~180 MB for the same names).
    """

    def __init__(self, dictionary: ActorDictionary, nlp):
        self.dictionary = dictionary
        self._phrases: dict[tuple[str, ...], str] = {}
        lengths: dict[str, set[int]] = {}
        special = {case for case in nlp.tokenizer.rules if case.isalpha()}  # "Cannot" -> "Can", "not"
        for phrase in dictionary.names:
            key = _token_texts(phrase, nlp, special)
            if key:
                self._phrases.setdefault(key, phrase)
                lengths.setdefault(key[0], set()).add(len(key))
        self._lengths: dict[str, tuple[int, ...]] = {first: tuple(sorted(n, reverse=True))
                                                     for first, n in lengths.items()}

    def _candidates(self, doc: Doc) -> list[tuple[int, int, str]]:
        words = [t.text for t in doc]
        found = []
        for i, word in enumerate(words):
            for n in self._lengths.get(word, ()):
                phrase = self._phrases.get(tuple(words[i: i + n])) if i + n <= len(words) else None
                if phrase is not None:
                    found.append((i, i + n, phrase))
        return found

    def find(self, doc: Doc) -> dict[int, NameMatch]:
        """Longest non-overlapping matches, indexed by every token they cover."""
        spans = [Span(doc, s, e) for s, e, _ in self._candidates(doc)]
        by_token: dict[int, NameMatch] = {}
        for span in filter_spans(spans):
            if len(span) == 1 and (span[0].pos_ in FUNCTION_POS or span[0].ent_type_ in NOT_NAMES):
                continue  # "He" is a pronoun here, not He Weidong; "Friday" a day, not Godwin Friday
            phrase = self._phrases[tuple(t.text for t in span)]
            entries = self.dictionary.names.get(phrase)
            if not entries or _inside_other_name(span, self.dictionary):
                continue
            if len(span) == 1 and span[0].ent_type_ != "PERSON" and not span[0].text.isupper() and all(
                    e.kind == "person" and e.source in GENERATED_FILES for e in entries):
                # a generated one-word alias counts only where spaCy sees a person; an acronym ("SPLA", of a
                # movement with dated roles) is no surname
                continue
            match = NameMatch(span.start, span.end, span.text, tuple(entries))
            for i in range(span.start, span.end):
                by_token[i] = match
        return by_token


PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _token_texts(phrase: str, nlp, special: set[str]) -> tuple[str, ...]:
    """The phrase as the pipeline's tokenizer splits it. Most names are plain words that it splits on spaces
    only; splitting those directly is what keeps loading 40,000 names under a tenth of a second."""
    if PLAIN_WORDS.fullmatch(phrase) and not any(word in special for word in phrase.split()):
        return tuple(phrase.split())
    return tuple(t.text for t in nlp.tokenizer(phrase))


def _inside_other_name(span: Span, dictionary: ActorDictionary) -> bool:
    """A one-word name inside a longer personal name is not that person unless the longer name is the same
    person's: "Gabriel" in "Robert Gabriel Mugabe" or in "Kino Gabriel" is not Sigmar Gabriel, while "Tayyip
    Erdoğan" (a given name of the known Recep Tayyip Erdoğan) still is Erdoğan."""
    tok = span[0]
    doc = tok.doc
    people_only = all(e.kind == "person" for e in dictionary.names.get(tok.text, []))
    # a surname inside a longer name of any kind is not that person either ("Issa" in "Ain Issa", a town)
    if len(span) != 1 or not (tok.ent_type_ == "PERSON" or people_only and tok.ent_type_):
        return False
    if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I":
        return True  # a first or middle name
    if tok.ent_iob_ != "I":
        return False  # the name stands alone
    before = doc[tok.i - 1]
    entries = dictionary.names.get(tok.text, [])
    # "Kino Gabriel": a given name that no known person of that surname has ("Tayyip Erdoğan" is fine)
    given = {w for e in entries for w in e.name.split()[:-1]}
    return (bool(given) and before.text not in given and before.pos_ == "PROPN"
            and before.lower_ not in dictionary.agents)  # "President Mugabe": a title, not a given name
