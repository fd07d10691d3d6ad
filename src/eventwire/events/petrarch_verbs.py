"""Read a PETRARCH2-format verb dictionary (e.g. CAMEO.2.0.txt) into a `TriggerDictionary`.

The file has synonym sets (`&NAME` then `+WORD` lines) and verb blocks::

    --- ARRANGE [---] ---          block header; its code is the default for the verbs below
    ARRANGE                        a verb lemma (irregular forms in {...} are ignored: we match lemmas)
    PUT {PUTS PUTTING} [014]       a verb with its own code
    +SET_UP {+SETS_UP}             a multi-word verb; '+' marks the verb word
    - * UP BARRICADE [144]         pattern: '*' is the verb, then what follows it

Every pattern applies to every verb of its block. What we map, for a pattern `- PRE * POST [CODE]`:
- PRE must be empty or the source marker `$` (pre-verb nouns and adverbs constrain the subject, which our
  TriggerPattern cannot express);
- particles and prepositions right after `*` (UP, OFF, `(AGAINST)`, `(TO +)`), and particles after the object
  (`* MINISTER OUT`) -> `extra` (they must hang on the verb); a preposition directly before the target `+`
  (`(WITH +)`, `TOWARD +`) -> `target_preps`, as does a prepositional phrase whose object the pattern leaves
  open (`(AGAINST)`, `* SANCTIONS AGAINST`);
- one object noun after `*`: a word (SANCTIONS) or a synset (`&CURRENCY`, its one-word members) -> `objects`
  (lower case, with the singular added, since we match lemmas);
- codes: `[X]` -> cameo X; `[X:X]` (the same event both ways) -> cameo X with flag `symmetric`; `[X:Y]` ->
  cameo X only (the reverse event Y is dropped and counted). Skipped and reported
  (`parse_verb_file(...).skipped`): null codes `[---]`, reverse-only codes `[:X]`, codes that are not CAMEO,
  `{...}` noun phrases (their modifiers cannot be required), prepositional phrases with a required noun `(TO
  BORDER)` (we cannot require a prepositional object), pre-verb words, `$` after the verb, a second object
  noun, `%`, undefined synsets, transformation (`~`) lines, pre-compounded multi-word verbs (`WIRE_+TAP`). A
  bare verb gets a pattern with its own or its block's code unless that is the null code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.actors.petrarch import Skipped, numbered_lines
from eventwire.events.triggers import TriggerDictionary, TriggerPattern

NULL_CODE = "---"
# Words that stand after a verb as a particle or preposition (phrasal verbs and verb-attached prepositions).
PARTICLES = frozenset({
    "up", "down", "out", "off", "in", "on", "over", "back", "away", "forward", "aside", "about",
    "across", "along", "around", "through", "into", "onto", "to", "toward", "towards", "with",
    "against", "at", "for", "from", "by", "of", "upon", "under", "behind", "before", "after", "between",
    "among", "within", "without", "together", "apart", "ahead",
})
# Particles that stay on the verb even after its object ("force the minister out").
VERB_PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "aside", "forward"})
CAMEO_CODE_RE = re.compile(r"\d{3,4}")


class PatternError(ValueError):
    """A pattern line that cannot be expressed as a TriggerPattern; the message is the reason."""


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    extra: tuple[str, ...]
    objects: frozenset[str]
    code: str  # the verb's own code, else its block's
    line: int


@dataclass(frozen=True)
class PatternSpec:
    extra: tuple[str, ...]
    objects: frozenset[str]
    target_preps: tuple[str, ...]
    cameo: str
    flags: frozenset[str]
    line: int
    reverse_dropped: bool = False  # [X:Y]: the reverse event Y could not be kept


@dataclass
class Block:
    code: str
    verbs: list[VerbForm] = field(default_factory=list)
    patterns: list[PatternSpec] = field(default_factory=list)


@dataclass
class VerbReadResult:
    dictionary: TriggerDictionary
    skipped: list[Skipped] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def read_verb_dictionary(path: Path) -> TriggerDictionary:
    return parse_verb_file(path).dictionary


def parse_verb_file(path: Path) -> VerbReadResult:
    """Read a PETRARCH2 verb dictionary; see the module docstring for what is mapped and what is skipped."""
    path = Path(path)
    result = VerbReadResult(TriggerDictionary())
    for block in _blocks(path, result):
        _emit_block(block, path, result)
    return result


# -- reading -------------------------------------------------------------------------------------------------


def _blocks(path: Path, result: VerbReadResult) -> Iterator[Block]:
    synsets: dict[str, frozenset[str]] = {}
    synset: tuple[str, set[str]] | None = None
    block: Block | None = None

    def skip(line_no: int, reason: str, raw: str) -> None:
        result.skipped.append(Skipped(path.name, line_no, reason, raw))

    for line_no, text, raw in numbered_lines(path):
        line = text.strip()
        if synset is not None and line.startswith("+"):
            synset[1].update(_synset_member(line[1:]))
            continue
        if synset is not None:
            synsets[synset[0]] = frozenset(synset[1])
            synset = None
        if line.startswith("&"):
            synset = (line.split()[0].rstrip("_").upper(), set())
        elif line.startswith("---"):
            if block is not None:
                yield block
            code = _bracket(line)
            block = Block(code if code else NULL_CODE)
        elif line.startswith("~"):
            skip(line_no, "transformation rule (verb-verb combinations are not supported)", raw)
        elif line.startswith("-"):
            if block is None:
                skip(line_no, "pattern outside a verb block", raw)
                continue
            try:
                block.patterns.append(_pattern(line[1:], synsets, line_no))
            except PatternError as exc:
                skip(line_no, str(exc), raw)
        elif block is None:
            skip(line_no, "verb outside a verb block", raw)
        else:
            try:
                block.verbs.append(_verb(line, block.code, line_no))
            except PatternError as exc:
                skip(line_no, str(exc), raw)
    if block is not None:
        yield block


def _bracket(line: str) -> str:
    m = re.search(r"\[([^\]]*)\]", line)
    return m.group(1).strip() if m else ""


def _synset_member(text: str) -> set[str]:
    """One-word members (lower case, with their singular); multi-word members cannot be an object lemma."""
    words = text.strip().rstrip("_").replace("_", " ").lower().split()
    if len(words) != 1:
        return set()
    return {words[0], singular(words[0])}


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _verb(line: str, block_code: str, line_no: int) -> VerbForm:
    code = _bracket(line) or block_code
    head = re.split(r"[{\[]", line, maxsplit=1)[0].strip()
    words = head.split("_") if "_" in head else head.split()
    if not words or not words[0]:
        raise PatternError("empty verb line")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if marked and marked[0] != 0:
        raise PatternError("pre-compounded multi-word verb (the verb is not the first word)")
    words = [w.lstrip("+").lower() for w in words]
    rest = words[1:]
    extra = tuple(w for w in rest if w in PARTICLES)
    nouns = [w for w in rest if w not in PARTICLES]
    if len(nouns) > 1:
        raise PatternError("multi-word verb with more than one non-particle word")
    objects = frozenset({nouns[0], singular(nouns[0])}) if nouns else frozenset()
    return VerbForm(words[0], extra, objects, code, line_no)


def _code(text: str) -> tuple[str, frozenset[str]]:
    code = text.strip()
    if not code or code == NULL_CODE or code.startswith(NULL_CODE + ":"):
        raise PatternError(f"null code [{code}]")
    primary, colon, secondary = code.partition(":")
    if not primary:
        raise PatternError(f"reverse-only code [{code}] (the target acts on the source)")
    if not _is_cameo(primary):
        raise PatternError(f"not a CAMEO code [{code}]")
    flags = frozenset({"symmetric"}) if colon and secondary == primary else frozenset()
    return primary, flags


def _is_cameo(code: str) -> bool:
    return bool(CAMEO_CODE_RE.fullmatch(code)) and 1 <= int(code[:2]) <= 20


def _pattern(body: str, synsets: dict[str, frozenset[str]], line_no: int) -> PatternSpec:
    code_match = re.search(r"\[([^\]]*)\]", body)
    if code_match is None:
        raise PatternError("pattern without a [code]")
    cameo, flags = _code(code_match.group(1))
    tokens = _tokens(body[: code_match.start()])
    if "*" not in tokens:
        raise PatternError("pattern without the verb marker *")
    star = tokens.index("*")
    pre, post = tokens[:star], tokens[star + 1:]
    if any(t != "$" for t in pre):
        raise PatternError("words before the verb (subject or adverb constraints are not supported)")
    extra: list[str] = []
    target_preps: list[str] = []
    objects: frozenset[str] | None = None
    for i, tok in enumerate(post):
        following = post[i + 1] if i + 1 < len(post) else None
        if isinstance(tok, tuple):
            prep, inner = tok
            if any(t not in ("+", "^") for t in inner):
                raise PatternError("prepositional phrase with a required noun")
            if objects is None:
                extra.append(prep)
            target_preps.append(prep)
        elif tok in ("+", "^"):
            continue
        elif tok == "$":
            raise PatternError("source marker $ after the verb")
        elif tok.startswith("{"):
            raise PatternError("noun phrase {...} (modifiers cannot be required)")
        elif tok.startswith("%"):
            raise PatternError(f"unsupported token {tok}")
        elif tok.startswith("&") and tok.upper().rstrip("_") not in synsets:
            raise PatternError(f"undefined synset {tok}")
        elif tok.lower() in PARTICLES and not tok.startswith("&"):
            word = tok.lower()
            if objects is None or word in VERB_PARTICLES:
                extra.append(word)
            elif following not in (None, "+"):
                raise PatternError(f"preposition {tok} followed by a required word")
            if following in (None, "+") and word not in VERB_PARTICLES:
                target_preps.append(word)
        elif objects is not None:
            raise PatternError("more than one object noun")
        elif tok.startswith("&"):
            objects = synsets[tok.upper().rstrip("_")]
            if not objects:
                raise PatternError(f"synset {tok} has no one-word members")
        else:
            word = tok.lower().replace("_", " ")
            if " " in word:
                raise PatternError("multi-word object")
            objects = frozenset({word, singular(word)})
    _, _, secondary = code_match.group(1).strip().partition(":")
    return PatternSpec(tuple(dict.fromkeys(extra)), objects or frozenset(),
                       tuple(dict.fromkeys(target_preps)), cameo, flags, line_no,
                       reverse_dropped=bool(secondary) and secondary != cameo)


def _tokens(text: str) -> list:
    """Pattern tokens: words, '*', '$', '+', '^', '{...}' groups (kept as text) and '(PREP ...)' groups as
    (prep, inner tokens)."""
    out: list = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "(":
            end = text.find(")", i)
            if end < 0:
                raise PatternError("unclosed (")
            inner = _tokens(text[i + 1: end])
            if not inner or not isinstance(inner[0], str) or inner[0].lower() not in PARTICLES:
                raise PatternError(f"prepositional phrase without a known preposition: {text[i:end + 1]}")
            out.append((inner[0].lower(), inner[1:]))
            i = end + 1
        elif c == "{":
            end = text.find("}", i)
            if end < 0:
                raise PatternError("unclosed {")
            out.append(text[i: end + 1])
            i = end + 1
        elif c in ")}":
            raise PatternError(f"unmatched {c}")
        else:
            m = re.match(r"[^\s(){}]+", text[i:])
            out.append(m.group(0))
            i += m.end()
    return out


# -- output --------------------------------------------------------------------------------------------------


def _emit_block(block: Block, path: Path, result: VerbReadResult) -> None:
    d = result.dictionary
    for verb in block.verbs:
        result.count("verbs")
        if verb.code and verb.code != NULL_CODE:
            try:
                cameo, flags = _code(verb.code)
            except PatternError as exc:
                result.skipped.append(Skipped(path.name, verb.line, str(exc), verb.lemma))
            else:
                d.add(TriggerPattern(verb.lemma, "VERB", cameo, verb.extra, verb.objects, (), flags,
                                     f"{path.name}:{verb.line}"))
                result.count("verb codes")
    for spec in block.patterns:
        result.count("patterns")
        if spec.reverse_dropped:
            result.count("patterns whose reverse code was dropped")
        for verb in block.verbs:
            if verb.objects and spec.objects:
                result.count("verb x pattern with two objects (dropped)")
                continue
            d.add(TriggerPattern(
                lemma=verb.lemma, pos="VERB", cameo=spec.cameo,
                extra=tuple(dict.fromkeys((*verb.extra, *spec.extra))),
                objects=verb.objects or spec.objects, target_preps=spec.target_preps, flags=spec.flags,
                source=f"{path.name}:{spec.line}",
            ))
