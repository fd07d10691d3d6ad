"""PETRARCH2 verb pattern files (CAMEO.2.0.txt and the like), read into verbs, synonym sets and patterns.

    &CURRENCY                      a synonym set: `+` member phrases (plurals generated unless `_` ends the
    +DOLLAR                        label or the member)
    --- SIGN [---] ---             a verb block; its code is the default of the verbs below ([---]: none)
    SIGN                           a verb (its regular forms are matched through the parser's lemmas)
    INK {INKS INKED INKING} [051]  a verb with irregular forms and its own code
    +PUT_UP                        a multi-word verb; `+` marks the verb word, the others must stand around it
    - * PROTOCOL WITH + [057:057]  a pattern of the block, for every verb of it

Pattern tokens: `*` the verb; words and `&SYNSET`s (consecutive words joined by `_`); `+` the target, `$` the
source, `^` any words; `(PREP ...)` a prepositional phrase, `{...}` a noun phrase. Words before `*` are
looked for before the verb (its subject), the others after it, in order, other words may come between.
Codes: `[X]`; `[X:Y]` X from source to target and Y from target to source (a visit: 042 by the visitor, 043 by
the host); `[:Y]` only the reverse; `[---]` the null code (the pattern matches, and nothing is coded: more
specific than the bare verb, it stops the verb's own code); `[###]` discard the sentence.

Lines that cannot be read are reported (file, line, reason) in `LoadReport.problems`; valid constructions
that are not supported (`%`, `~` transformations) are reported in `.unsupported`. See docs/petrarch.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.actors.petrarch import Skipped
from eventwire.petrarch.dictionaries import (
    DISCARD_CODE,
    NULL_CODE,
    LoadReport,
    Phrase,
    numbered_lines,
    phrase_words,
    regular_plural,
)

CODE_RE = re.compile(r"\[([^\]]*)\]")
EVENT_CODE_RE = re.compile(r"[A-Za-z0-9]+")
TOKEN_RE = re.compile(r"[(){}]|[^\s(){}]+")


@dataclass(frozen=True)
class Words:
    """Consecutive words, or one of a synonym set's phrases."""

    alternatives: tuple[Phrase, ...]
    label: str


@dataclass(frozen=True)
class Slot:
    role: str  # target | source | skip


@dataclass(frozen=True)
class Prep:
    prep: str
    inner: tuple  # of Words | Slot | NounGroup


@dataclass(frozen=True)
class NounGroup:
    inner: tuple[Words, ...]


Element = Words | Slot | Prep | NounGroup


@dataclass(frozen=True)
class EventCodes:
    forward: str | None  # source -> target
    reverse: str | None  # target -> source
    discard: bool = False

    @property
    def null(self) -> bool:
        return not (self.forward or self.reverse or self.discard)

    def __str__(self) -> str:
        if self.discard:
            return DISCARD_CODE
        if self.reverse:
            return f"{self.forward or ''}:{self.reverse}"
        return self.forward or NULL_CODE


NULL_CODES = EventCodes(None, None)


@dataclass(frozen=True)
class VerbPattern:
    pre: tuple  # of Element, before the verb
    post: tuple  # of Element, after the verb
    codes: EventCodes
    text: str
    source: str  # file:line
    order: int

    @property
    def weight(self) -> int:
        """How specific the pattern is: the words it requires."""
        return _weight(self.pre) + _weight(self.post)


def _weight(elements) -> int:
    total = 0
    for e in elements:
        if isinstance(e, Words):
            total += min(len(a) for a in e.alternatives)
        elif isinstance(e, Prep):
            total += 1 + _weight(e.inner)
        elif isinstance(e, NounGroup):
            total += _weight(e.inner)
    return total


@dataclass(eq=False)
class VerbBlock:
    name: str
    codes: EventCodes
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class VerbEntry:
    word: str  # the verb word, upper case
    before: Phrase  # words that must come right before it (WIRE_+TAP)
    after: Phrase  # words that must follow it (+SET_UP)
    codes: EventCodes  # its own code, else its block's
    block: VerbBlock
    source: str


@dataclass
class VerbDictionary:
    entries: dict[str, list[VerbEntry]] = field(default_factory=dict)
    synsets: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    unsupported: list[Skipped] = field(default_factory=list)
    _order: int = 0

    def lookup(self, forms: frozenset[str]) -> list[VerbEntry]:
        seen: dict[int, VerbEntry] = {}
        for form in forms:
            for entry in self.entries.get(form, ()):
                seen.setdefault(id(entry), entry)
        return list(seen.values())

    def add_file(self, path: Path, report: LoadReport) -> None:
        path = Path(path)
        block: VerbBlock | None = None
        synset: tuple[str, bool, list[Phrase]] | None = None
        for line_no, text, raw in numbered_lines(path):
            line = text.strip()
            if synset is not None and line.startswith("+"):
                synset[2].extend(_synset_member(line[1:], synset[1]))
                continue
            if synset is not None:
                self.synsets[synset[0]] = tuple(dict.fromkeys(synset[2]))
                synset = None
            try:
                if line.startswith("&"):
                    label = line.split()[0][1:]
                    synset = (label.rstrip("_").upper(), label.endswith("_"), [])
                elif line.startswith("---"):
                    block = VerbBlock(line.strip("- ").split("[")[0].strip(), _block_codes(line))
                    report.count("verb blocks")
                elif line.startswith("~"):
                    self.unsupported.append(Skipped(str(path), line_no, "transformation (~) rule", raw))
                elif block is None:
                    raise ValueError("verb or pattern before any verb block (--- NAME [CODE] ---)")
                elif line.startswith("-"):
                    self._add_pattern(block, line[1:], path, line_no, raw, report)
                else:
                    self._add_verb(block, line, f"{path.name}:{line_no}")
                    report.count("verbs")
            except ValueError as exc:
                report.problem(path, line_no, str(exc), raw)
        if synset is not None:
            self.synsets[synset[0]] = tuple(dict.fromkeys(synset[2]))

    def _add_verb(self, block: VerbBlock, line: str, source: str) -> None:
        cut = min([i for i in (line.find("{"), line.find("[")) if i >= 0], default=len(line))
        raw_words = [w for w in re.split(r"[\s_]+", line[:cut].strip()) if w]
        if not raw_words:
            raise ValueError("verb line without a verb")
        marked = [i for i, w in enumerate(raw_words) if w.startswith("+")]
        if len(marked) > 1:
            raise ValueError("more than one + in a multi-word verb")
        at = marked[0] if marked else 0
        words = tuple(w.lstrip("+").upper() for w in raw_words)
        codes = _bracket_codes(line[cut:]) or block.codes
        entry = VerbEntry(words[at], words[:at], words[at + 1:], codes, block, source)
        forms = {words[at]}
        braces = re.search(r"\{([^}]*)\}", line)
        if "{" in line and braces is None:
            raise ValueError("unclosed { in the verb's forms")
        for form in (braces.group(1).split() if braces else ()):
            parts = [w for w in re.split(r"_+", form) if w]
            verb_part = next((w for w in parts if w.startswith("+")), parts[0] if parts else "")
            if verb_part.strip("+"):
                forms.add(verb_part.strip("+").upper())
        for form in forms:
            self.entries.setdefault(form, []).append(entry)

    def _add_pattern(self, block: VerbBlock, body: str, path: Path, line_no: int, raw: str,
                     report: LoadReport) -> None:
        code_match = CODE_RE.search(body)
        if code_match is None:
            raise ValueError("pattern without a [code]")
        codes = parse_event_codes(code_match.group(1))
        text = body[: code_match.start()]
        if "%" in text.split():
            self.unsupported.append(Skipped(str(path), line_no, "% (compound actor) pattern", raw))
            return
        elements = self._elements(text)
        stars = [i for i, e in enumerate(elements) if e == "*"]
        if len(stars) != 1:
            raise ValueError("a pattern needs exactly one verb marker *")
        pre, post = tuple(elements[: stars[0]]), tuple(elements[stars[0] + 1:])
        self._order += 1
        block.patterns.append(VerbPattern(pre, post, codes, f"- {' '.join(text.split())}",
                                          f"{path.name}:{line_no}", self._order))
        report.count("patterns")

    def _elements(self, text: str) -> list:
        tokens = TOKEN_RE.findall(text)
        elements, end = self._sequence(tokens, 0, None)
        if end != len(tokens):
            raise ValueError(f"unmatched {tokens[end]}")
        return elements

    def _sequence(self, tokens: list[str], i: int, closing: str | None) -> tuple[list, int]:
        out: list = []
        while i < len(tokens):
            tok = tokens[i]
            if tok == closing:
                return out, i + 1
            if tok in ")}":
                raise ValueError(f"unmatched {tok}")
            if tok == "(":
                inner, i = self._sequence(tokens, i + 1, ")")
                out.append(_prep(inner))
                continue
            if tok == "{":
                inner, i = self._sequence(tokens, i + 1, "}")
                if not inner or not all(isinstance(e, Words) for e in inner):
                    raise ValueError("a noun phrase {...} holds words and synonym sets only")
                out.append(NounGroup(tuple(inner)))
                continue
            out.append(self._token(tok))
            i += 1
        if closing is not None:
            raise ValueError(f"unclosed {'(' if closing == ')' else '{'}")
        return out, i

    def _token(self, tok: str):
        if tok in ("*", "**"):
            return "*"
        if tok in ("+", "$", "^"):
            return Slot({"+": "target", "$": "source", "^": "skip"}[tok])
        if tok.startswith("&"):
            name = tok[1:].rstrip("_").upper()
            if name not in self.synsets:
                raise ValueError(f"synonym set {tok} is not defined before this pattern")
            return Words(self.synsets[name], tok.upper())
        words = phrase_words(tok)
        if not words or any(c in tok for c in "%&$+"):
            raise ValueError(f"unsupported token {tok!r}")
        return Words((words,), tok.upper())


def _prep(inner: list) -> Prep:
    if not inner or not isinstance(inner[0], Words) or len(inner[0].alternatives) != 1 \
            or len(inner[0].alternatives[0]) != 1:
        raise ValueError("a prepositional phrase (...) must begin with its preposition")
    if any(e == "*" for e in inner):
        raise ValueError("the verb marker * inside a prepositional phrase")
    return Prep(inner[0].alternatives[0][0], tuple(inner[1:]))


def _synset_member(text: str, label_stops_plurals: bool) -> list[Phrase]:
    words = phrase_words(text)
    if not words:
        return []
    if label_stops_plurals or text.strip().endswith("_"):
        return [words]
    return [words, (*words[:-1], regular_plural(words[-1]))]


def _block_codes(line: str) -> EventCodes:
    return _bracket_codes(line) or NULL_CODES


def _bracket_codes(text: str) -> EventCodes | None:
    match = CODE_RE.search(text)
    return parse_event_codes(match.group(1)) if match else None


def parse_event_codes(text: str) -> EventCodes:
    """"057" -> 057 forward; "042:043" -> 042 forward, 043 reverse; ":173" -> reverse only; "---" -> null;
    "###" -> discard."""
    code = text.strip()
    if code == DISCARD_CODE:
        return EventCodes(None, None, discard=True)
    forward, colon, reverse = (c.strip() for c in code.partition(":"))
    if not forward and not colon:
        raise ValueError("empty code []")
    for part in (forward, reverse):
        if part and part != NULL_CODE and not EVENT_CODE_RE.fullmatch(part):
            raise ValueError(f"bad event code [{code}]")
    return EventCodes(None if forward in ("", NULL_CODE) else forward,
                      None if reverse in ("", NULL_CODE) else reverse)
