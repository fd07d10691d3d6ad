"""Find dictionary names (countries, capitals, organisations, people) in a parsed document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.actors.dictionary import ActorDictionary, Entry
from eventwire.nlp import token_table
from eventwire.tables import NO_CACHE, TableCache

FUNCTION_POS = frozenset({"PRON", "DET", "AUX", "ADP", "CCONJ", "SCONJ", "PART", "VERB", "ADV"})


GENERATED_FILES = frozenset({"people_phoenix.tsv"})
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


@dataclass(frozen=True)
class NameMatch:
    start: int  # token indices [start, end)
    end: int
    text: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class PhraseIndex:
    """A dictionary's phrases as the pipeline's tokenizer splits them, indexed by their first token, and the
    one-deletion index of the country names that may be misspelt."""

    phrases: dict[tuple[str, ...], str]
    lengths: dict[str, tuple[int, ...]]  # first token -> phrase lengths, longest first
    misspelt: dict[str, set[str]]


def build_phrase_index(dictionary: ActorDictionary, nlp) -> PhraseIndex:
    phrases: dict[tuple[str, ...], str] = {}
    lengths: dict[str, set[int]] = {}
    special = {case for case in nlp.tokenizer.rules if case.isalpha()}  # "Cannot" -> "Can", "not"
    for phrase in dictionary.names:
        key = _token_texts(phrase, nlp, special)
        if key:
            phrases.setdefault(key, phrase)
            lengths.setdefault(key[0], set()).add(len(key))
    misspelt = _one_deletion_index(
        phrase for phrase, entries in dictionary.names.items()
        if " " not in phrase and len(phrase) >= MIN_FUZZY_LENGTH - 1 and phrase[:1].isupper()
        and all(e.kind == "country" and not e.sector and e.name[:4] == phrase[:4] for e in entries))
    # (the country's own names and adjectives only: not capitals, whose near-namesakes are common words)
    return PhraseIndex(phrases=phrases,
                       lengths={first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()},
                       misspelt=misspelt)


def phrase_index(dictionary: ActorDictionary, nlp, tables: TableCache = NO_CACHE) -> PhraseIndex:
    """The dictionary's phrase index, from the table cache when given one, keyed by the model's tokenizer (its
    files, name and version): only for a dictionary and a pipeline whose content that key names."""
    model_path = Path(nlp.path) if getattr(nlp, "path", None) else None
    sources = [model_path / "tokenizer", model_path / "config.cfg"] if model_path else []
    params = (nlp.meta.get("name"), nlp.meta.get("version"), spacy.__version__)
    return tables.load_or_build("phrases", lambda: build_phrase_index(dictionary, nlp), sources=sources,
                                params=params)


class NameFinder:
    """Dictionary phrases matched on the exact token texts (names are case-sensitive), longest first.

    The phrases are tokenized once with the pipeline's tokenizer and kept as tuples of token texts, indexed
    by their first token: thirty thousand names take a few MB this way, where spaCy's PhraseMatcher keeps a
    Doc per phrase (~180 MB for the same names). `index` is that index when the caller has it already (built
    by build_phrase_index for the same dictionary and tokenizer, e.g. from the table cache).
    """

    def __init__(self, dictionary: ActorDictionary, nlp, index: PhraseIndex | None = None):
        self.dictionary = dictionary
        index = index or build_phrase_index(dictionary, nlp)
        self._phrases = index.phrases
        self._lengths = index.lengths
        self._misspelt = index.misspelt

    def _candidates(self, doc: Doc) -> list[tuple[int, int, str]]:
        table = token_table(doc)
        words = table.text  # (read only)
        found = []
        for i, word in enumerate(words):
            hits = 0
            for n in self._lengths.get(word, ()):
                phrase = self._phrases.get(tuple(words[i: i + n])) if i + n <= len(words) else None
                if phrase is not None:
                    found.append((i, i + n, phrase))
                    hits += 1
            if not hits and self._may_be_misspelt(doc, i):
                phrase = self.misspelt_country(word)
                if phrase is not None:
                    found.append((i, i + 1, phrase))
        return found

    @staticmethod
    def _may_be_misspelt(doc: Doc, i: int) -> bool:
        """A proper noun standing alone as a place or nationality, or outside any entity: not part of a longer
        name ("Persian Gulf", "British Columbia") nor a person or organisation ("Berman", "the Greens")."""
        table = token_table(doc)
        return (table.pos[i] == "PROPN" and len(table.text[i]) >= MIN_FUZZY_LENGTH
                and table.ent_type[i] in ("GPE", "NORP", "") and table.ent_iob[i] != 1
                and not (i + 1 < len(doc) and table.ent_iob[i + 1] == 1))

    def misspelt_country(self, word: str) -> str | None:
        """The one country name or adjective `word` is a single typo of ("Ethopia", "Quatar", "Phillippines":
        one letter left out, added, changed or two swapped), if exactly one is."""
        found = {name for key in _deletions(word) | {word} for name in self._misspelt.get(key, ())
                 if name != word and _one_edit(word, name)}
        return found.pop() if len(found) == 1 else None

    def find(self, doc: Doc) -> dict[int, NameMatch]:
        """Longest non-overlapping matches, indexed by every token they cover."""
        candidates = self._candidates(doc)
        phrases = {(s, e): phrase for s, e, phrase in candidates}
        by_token: dict[int, NameMatch] = {}
        for span in filter_spans([Span(doc, s, e) for s, e, _ in candidates]):
            if len(span) == 1 and (span[0].pos_ in FUNCTION_POS or span[0].ent_type_ in NOT_NAMES):
                continue  # "He" is a pronoun here, not He Weidong; "Friday" a day, not Godwin Friday
            phrase = phrases[(span.start, span.end)]
            entries = self.dictionary.names.get(phrase)
            if not entries or _inside_other_name(span, self.dictionary) or _opposed(doc, span.start) \
                    or _after_new(span):
                continue
            if len(span) == 1 and span[0].ent_type_ != "PERSON" and not span[0].text.isupper() and all(
                    e.kind == "person" and (e.source in GENERATED_FILES or span[0].ent_type_ in ("LANGUAGE", "NORP"))
                    for e in entries):
                # a generated one-word alias counts only where spaCy sees a person; an acronym ("SPLA", of a
                # movement with dated roles) is no surname
                continue
            match = NameMatch(span.start, span.end, span.text, tuple(entries))
            for i in range(span.start, span.end):
                by_token[i] = match
        return by_token


# A misspelt word has 6 letters or more (the name 5 or more: "Quatar"): shorter names are too close to each
# other and to common words ("Iran", "Iraq", "Oman").
MIN_FUZZY_LENGTH = 6


def _opposed(doc: Doc, start: int) -> bool:
    """"an anti-Houthi coalition", "counter-ISIS operations": a name after anti- is who it is against."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("anti", "counter")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_deletion_index(names) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for name in names:
        for key in _deletions(name) | {name}:
            index.setdefault(key, set()).add(name)
    return index


def _one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of exactly one (a deletion, insertion, substitution or transposition)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long_)


PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _token_texts(phrase: str, nlp, special: set[str]) -> tuple[str, ...]:
    """The phrase as the pipeline's tokenizer splits it. Most names are plain words that it splits on spaces
    only; splitting those directly is what keeps loading 40,000 names under a tenth of a second."""
    if PLAIN_WORDS.fullmatch(phrase):
        words = phrase.split()
        if special.isdisjoint(words):
            return tuple(words)
    return tuple(t.text for t in nlp.tokenizer(phrase))


def _after_new(span: Span) -> bool:
    """"New Mexico", "New Jersey", "New England", "New South Wales": a place named after a country is not it
    (where "New X" were a name of its own, the longer match would have won)."""
    return span.start > 0 and span.doc[span.start - 1].text == "New"


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
