"""Which verb entry and pattern of a PETRARCH verb dictionary a verb of a parsed sentence matches.

A verb's clause is split at the verb: the words before it (its subject and what precedes it in its own
subtree) and after it (its objects, particles and prepositional phrases; clauses of their own, which are
coded on their own verbs, are left out). A pattern's elements are looked for in that order, other words may
come between them: words and synonym set phrases as consecutive words (matching a word as written or its
lemma), `(PREP ...)` as that preposition with the rest inside its phrase, `{...}` as words of one noun phrase,
`+` and `$` as the next noun (its phrase is the target or source). The most specific match wins: the one
requiring most words (a multi-word verb's words count), then the pattern that comes first in the file; the
bare verb's own code is used only when no pattern of its block matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.events.syntax import phrase_head
from eventwire.petrarch.verbs import EventCodes, NounGroup, Prep, Slot, VerbDictionary, VerbEntry, VerbPattern, Words

CLAUSAL_DEPS = frozenset({"ccomp", "advcl", "conj", "parataxis", "csubj", "xcomp", "relcl", "cc"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
Bindings = dict[str, Token]


@dataclass(frozen=True)
class VerbMatch:
    entry: VerbEntry
    pattern: VerbPattern | None
    codes: EventCodes
    weight: int
    bindings: dict[str, Token] = field(default_factory=dict)
    particle_tokens: tuple[Token, ...] = ()

    @property
    def source(self) -> str:
        return self.pattern.source if self.pattern else self.entry.source

    @property
    def text(self) -> str:
        if self.pattern:
            return f"{self.pattern.text} [{self.codes}]"
        words = " ".join((*self.entry.before, f"+{self.entry.word}" if self.entry.before or self.entry.after
                          else self.entry.word, *self.entry.after))
        return f"{words} [{self.codes}]"


def token_forms(tok: Token) -> frozenset[str]:
    return frozenset({tok.text.upper(), tok.lemma_.upper()})


def clause_regions(verb: Token) -> tuple[list[Token], list[Token]]:
    """The words of the verb's clause before and after it (punctuation and clauses of their own left out)."""
    skip: set[int] = set()
    for child in verb.children:
        if child.dep_ in CLAUSAL_DEPS:
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
    words = [t for t in verb.subtree if t.i not in skip and not t.is_punct and t.i != verb.i]
    return [t for t in words if t.i < verb.i], [t for t in words if t.i > verb.i]


def best_match(verb: Token, verbs: VerbDictionary) -> VerbMatch | None:
    """The most specific match of the verb's entries and their blocks' patterns; None when the verb is not in
    the dictionary or nothing of it matches."""
    entries = verbs.lookup(token_forms(verb))
    if not entries:
        return None
    pre, post = clause_regions(verb)
    best: tuple[tuple, VerbMatch] | None = None
    for entry in entries:
        if not _before_matches(verb, entry):
            continue
        start, particles = _after_matches(entry, post)
        if start is None:
            continue
        extra = len(entry.before) + len(entry.after)
        bare = VerbMatch(entry, None, entry.codes, extra, {}, particles)
        candidates = [((extra - (1 if entry.codes.null else 0), 0, 0), bare)]
        for pattern in entry.block.patterns:
            bindings = _match_pattern(pattern, pre, post[start:])
            if bindings is not None:
                match = VerbMatch(entry, pattern, pattern.codes, pattern.weight + extra, bindings, particles)
                candidates.append(((match.weight, 1, -pattern.order), match))
        for key, match in candidates:
            if best is None or key > best[0]:
                best = (key, match)
    return best[1] if best else None


def _before_matches(verb: Token, entry: VerbEntry) -> bool:
    n = len(entry.before)
    if n == 0:
        return True
    if verb.i - n < verb.sent.start:
        return False
    return all(w in token_forms(t) for w, t in zip(entry.before, verb.doc[verb.i - n: verb.i], strict=True))


def _after_matches(entry: VerbEntry, post: list[Token]) -> tuple[int | None, tuple[Token, ...]]:
    """Where the patterns start after a multi-word verb's following words (None: they are not there)."""
    if not entry.after:
        return 0, ()
    for end, _ in _words_at(Words((entry.after,), ""), post, 0, gap=True):
        return end, tuple(post[end - len(entry.after): end])
    return None, ()


def _match_pattern(pattern: VerbPattern, pre: list[Token], post: list[Token]) -> Bindings | None:
    found_pre = next(_sequence(pattern.pre, pre, 0, {}), None)
    if found_pre is None:
        return None
    found_post = next(_sequence(pattern.post, post, 0, dict(found_pre[1])), None)
    return found_post[1] if found_post is not None else None


def _sequence(elements: tuple, tokens: list[Token], k: int, bindings: Bindings) -> Iterator[tuple[int, Bindings]]:
    """Every way the elements match in order from tokens[k], gaps allowed: (position after, bindings)."""
    if not elements:
        yield k, bindings
        return
    first, rest = elements[0], elements[1:]
    for end, found in _element(first, tokens, k):
        yield from _sequence(rest, tokens, end, {**bindings, **found})


def _element(element, tokens: list[Token], k: int) -> Iterator[tuple[int, Bindings]]:
    if isinstance(element, Words):
        for end, _ in _words_at(element, tokens, k, gap=True):
            yield end, {}
    elif isinstance(element, Slot):
        if element.role == "skip":
            yield k, {}
            return
        for j in range(k, len(tokens)):
            if tokens[j].pos_ in NOMINAL_POS or tokens[j].ent_type_:
                yield j + 1, {element.role: phrase_head(tokens[j])}
    elif isinstance(element, Prep):
        yield from _prep(element, tokens, k)
    elif isinstance(element, NounGroup):
        yield from _noun_group(element, tokens, k)


def _words_at(element: Words, tokens: list[Token], k: int, gap: bool) -> Iterator[tuple[int, int]]:
    """(end, start) of each place from k (or exactly at k without gap) where one of the phrases stands."""
    last = len(tokens) if gap else min(k + 1, len(tokens))
    for j in range(k, last):
        for phrase in element.alternatives:
            n = len(phrase)
            if j + n <= len(tokens) and all(w in token_forms(tokens[j + m]) for m, w in enumerate(phrase)):
                yield j + n, j


def _prep(element: Prep, tokens: list[Token], k: int) -> Iterator[tuple[int, Bindings]]:
    for j in range(k, len(tokens)):
        prep = tokens[j]
        if prep.text.upper() != element.prep:
            continue
        inside = [t for t in tokens[j + 1:] if prep.left_edge.i <= t.i <= prep.right_edge.i]
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        for end, found in _sequence(element.inner, inside, 0, {}):
            if objects and "target" not in found:
                found = {"prep_object": objects[0], **found}
            after = tokens.index(inside[end - 1]) + 1 if end > 0 else j + 1
            yield after, found


def _noun_group(element: NounGroup, tokens: list[Token], k: int) -> Iterator[tuple[int, Bindings]]:
    for end, _ in _group_words(element.inner, tokens, k, []):
        yield end, {}


def _group_words(words: tuple[Words, ...], tokens: list[Token], k: int,
                 taken: list[Token]) -> Iterator[tuple[int, list[Token]]]:
    if not words:
        head = taken[-1]
        if all(head.left_edge.i <= t.i <= head.right_edge.i for t in taken):
            yield k, taken
        return
    for end, start in _words_at(words[0], tokens, k, gap=True):
        yield from _group_words(words[1:], tokens, end, taken + tokens[start:end])
