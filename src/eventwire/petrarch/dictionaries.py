"""PETRARCH2/TABARI actor, agent and discard files, read as PETRARCH reads them.

Actor files: records of a primary phrase, `+` synonyms and codes, inline (`VALDORIA_ [VAL]`) or on indented
lines (`\\t[VALGOV >20100101]`); `<date`, `>date` and `date-date` restrictions (YYMMDD or YYYYMMDD, limits
inclusive), an undated code is the default when no restriction holds. A primary phrase with no code shares the
codes of the next record that has some (PETRARCH keeps its code slot open until codes arrive). `[---]` is the
null actor: its words are matched (so that no shorter phrase inside them matches) but it gives no code;
`[###]` marks a phrase whose sentences are discarded (TABARI's discard code).

Agent files: `PHRASE {PLURALS} [~CODE]` (the agent code goes after the actor's code) or `[CODE~]` (before it),
`!NAME! = A, B` substitution sets used as `FOREIGN_!MINIST!`. Regular plurals are generated (S; Y -> IES;
SS -> SSES) unless `{...}` gives the plural forms or `{}` none.

Discard files: one phrase a line; `+PHRASE` discards the whole story, else the sentence; a trailing `_` means
the phrase must end at a word boundary, else it is a stem. Matching ignores case.

Phrases are upper-case word tuples (underscores and blanks both separate words; see docs/petrarch.md for
why the blank/underscore distinction is not kept). Every line that cannot be read is reported in
`LoadReport.problems` with its file and line, and the rest of the file is still read.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.actors.petrarch import Skipped, strip_comment, tabari_date
from eventwire.actors.petrarch import numbered_lines as petrarch_lines

NULL_CODE = "---"
DISCARD_CODE = "###"
DISCARD_BRACKET = f"[{DISCARD_CODE}]"
CODE_RE = re.compile(r"\[([^\]]*)\]")
CODE_TEXT_RE = re.compile(r"[A-Z0-9]+|---|###")
SUBSTITUTION_RE = re.compile(r"!([A-Za-z0-9_]+)!")
AGENT_LINE_RE = re.compile(r"(?P<phrase>[^{\[\]}]+?)\s*(\{(?P<plural>[^}\[]*)\})?\s*\[(?P<code>[^\]]*)\]\s*")

Phrase = tuple[str, ...]


@dataclass
class LoadReport:
    """What loading dictionary files found: unreadable lines (file, line, reason) and counts of what was read."""

    problems: list[Skipped] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def problem(self, path: Path, line: int, reason: str, raw: str) -> None:
        self.problems.append(Skipped(str(path), line, reason, raw))

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def phrase_words(text: str) -> Phrase:
    """A dictionary phrase as upper-case words: "VALDORIAN_ARMED_FORCES_" -> ("VALDORIAN", "ARMED", "FORCES")."""
    return tuple(sys.intern(w) for w in re.split(r"[\s_]+", text.strip().upper()) if w)


def regular_plural(word: str) -> str:
    """PETRARCH's regular plural of a noun: S; Y -> IES; SS -> SSES."""
    if word.endswith("Y"):
        return word[:-1] + "IES"
    if word.endswith("SS"):
        return word + "ES"
    return word + "S"


def numbered_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, line without comments, raw line) for the lines of a dictionary file that hold something
    (see actors.petrarch.numbered_lines). The discard code `[###]` is not a comment."""
    return petrarch_lines(path, strip_keeping_discards)


def strip_keeping_discards(raw: str) -> str:
    return strip_comment(raw.replace(DISCARD_BRACKET, "[DISCARD]")).replace("[DISCARD]", DISCARD_BRACKET)


# -- phrase index --------------------------------------------------------------------------------------------


class PhraseIndex:
    """Phrases -> an integer value, keyed on the first word; the longest phrase that matches wins."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[Phrase, int]]] = {}

    def add(self, words: Phrase, value: int) -> None:
        if words:
            self._by_first.setdefault(words[0], []).append((words[1:], value))

    def finish(self) -> None:
        for entries in self._by_first.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def match(self, forms: Sequence[frozenset[str]], start: int) -> tuple[int, int] | None:
        """(number of words, value) of the longest phrase starting at `forms[start]`; each position holds the
        forms a text word may take (as written, its lemma), upper case."""
        best: tuple[int, int] | None = None
        for first in forms[start]:
            for rest, value in self._by_first.get(first, ()):
                n = len(rest) + 1
                if best is not None and n <= best[0]:
                    break
                if start + n <= len(forms) and all(w in forms[start + 1 + k] for k, w in enumerate(rest)):
                    best = (n, value)
                    break
        return best


# -- actors --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedCode:
    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ActorRecord:
    codes: tuple[DatedCode, ...]
    root: str  # the record's primary phrase, as written
    source: str  # file:line

    def code_at(self, day: date) -> str | None:
        """The code in force on `day`: a date restriction that holds, else the undated default; None for the
        null actor (and when no restriction holds and there is no default)."""
        for code in self.codes:
            if code.dated and code.holds(day):
                return None if code.code == NULL_CODE else code.code
        for code in self.codes:
            if not code.dated:
                return None if code.code == NULL_CODE else code.code
        return None

    @property
    def discard(self) -> bool:
        return any(c.code == DISCARD_CODE for c in self.codes)


@dataclass
class PetrarchActors:
    index: PhraseIndex = field(default_factory=PhraseIndex)
    records: list[ActorRecord] = field(default_factory=list)

    def add_file(self, path: Path, report: LoadReport) -> None:
        path = Path(path)
        group: list[tuple[Phrase, int, str]] = []  # phrases waiting for their record's codes
        codes: list[DatedCode] = []
        for line_no, text, raw in numbered_lines(path):
            stripped = text.strip()
            if stripped.startswith("["):
                if not group:
                    report.problem(path, line_no, "code line before any actor phrase", raw)
                    continue
                codes += _codes(stripped, path, line_no, raw, report)
                continue
            synonym = stripped.startswith("+")
            if synonym and not group:
                report.problem(path, line_no, "synonym (+) before any actor phrase", raw)
                continue
            if not synonym and codes:
                self._store(group, codes, path, report)
                group, codes = [], []
            body = stripped[1:] if synonym else stripped
            cut = body.find("[")
            words = phrase_words(body if cut < 0 else body[:cut])
            if not words:
                report.problem(path, line_no, "no phrase before the code", raw)
                continue
            group.append((words, line_no, body if cut < 0 else body[:cut]))
            if cut >= 0:
                codes += _codes(body[cut:], path, line_no, raw, report)
        self._store(group, codes, path, report)

    def _store(self, group: list[tuple[Phrase, int, str]], codes: list[DatedCode], path: Path,
               report: LoadReport) -> None:
        if not group:
            return
        _, line, root = group[0]
        self.records.append(ActorRecord(tuple(codes), root.strip(), f"{path.name}:{line}"))
        value = len(self.records) - 1
        for words, _, _ in group:
            self.index.add(words, value)
        report.count("actor records")
        report.count("actor phrases", len(group))


def _codes(text: str, path: Path, line_no: int, raw: str, report: LoadReport) -> list[DatedCode]:
    """The `[...]` codes of a line; a bad one is reported and left out, the others kept."""
    if text.count("[") != text.count("]"):
        report.problem(path, line_no, "unbalanced [ ]", raw)
    out = []
    for inner in CODE_RE.findall(text):
        try:
            out.append(parse_dated_code(inner))
        except ValueError as exc:
            report.problem(path, line_no, f"bad code [{inner.strip()}]: {exc}", raw)
    return out


def parse_dated_code(inner: str) -> DatedCode:
    """"VALGOV 790327-791227", "VALGOV <991231", "VALGOV >010120", "VALELI", "---"."""
    parts = inner.split(None, 1)
    if not parts:
        raise ValueError("empty code")
    code = parts[0].strip().upper()
    if not CODE_TEXT_RE.fullmatch(code):
        raise ValueError(f"code {code!r} is not letters and digits")
    rest = "".join(parts[1].split()) if len(parts) > 1 else ""
    if not rest:
        return DatedCode(code)
    if rest[0] in "<>":
        day = date.fromisoformat(tabari_date(rest[1:]))
        return DatedCode(code, end=day) if rest[0] == "<" else DatedCode(code, start=day)
    first, dash, second = rest.partition("-")
    if not dash:
        raise ValueError(f"date restriction {rest!r} is not <date, >date or date-date")
    start, end = date.fromisoformat(tabari_date(first)), date.fromisoformat(tabari_date(second))
    if end < start:
        raise ValueError("the end date is before the start date")
    return DatedCode(code, start, end)


# -- agents --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentCode:
    code: str  # without the ~
    before: bool  # "NGO~": written before the actor's code; "~GOV": after it
    source: str

    @property
    def written(self) -> str:
        return f"{self.code}~" if self.before else f"~{self.code}"


@dataclass
class PetrarchAgents:
    index: PhraseIndex = field(default_factory=PhraseIndex)
    codes: list[AgentCode] = field(default_factory=list)

    def add_file(self, path: Path, report: LoadReport) -> None:
        path = Path(path)
        substitutions: dict[str, list[str]] = {}
        for line_no, text, raw in numbered_lines(path):
            stripped = text.strip()
            sub = re.fullmatch(r"!([A-Za-z0-9_]+)!\s*=\s*(.*)", stripped)
            if sub:
                items = [w.strip() for w in sub.group(2).split(",") if w.strip()]
                if not items:
                    report.problem(path, line_no, "substitution set with no members", raw)
                    continue
                substitutions[sub.group(1).upper()] = items
                continue
            try:
                phrases, code = _agent_line(stripped, substitutions)
            except ValueError as exc:
                report.problem(path, line_no, str(exc), raw)
                continue
            self.codes.append(AgentCode(code.strip("~"), code.endswith("~"), f"{path.name}:{line_no}"))
            for words in phrases:
                self.index.add(words, len(self.codes) - 1)
            report.count("agent lines")


def _agent_line(text: str, substitutions: dict[str, list[str]]) -> tuple[list[Phrase], str]:
    match = AGENT_LINE_RE.fullmatch(text)
    if not match:
        raise ValueError("not an agent line: PHRASE {PLURALS} [~CODE]")
    code = match.group("code").strip().upper()
    if not re.fullmatch(r"~[A-Z0-9]+|[A-Z0-9]+~", code):
        raise ValueError(f"agent code [{match.group('code')}] is not ~CODE or CODE~")
    phrase, plural = match.group("phrase"), match.group("plural")
    if SUBSTITUTION_RE.search(phrase):  # every member substituted, no plurals formed
        return [phrase_words(p) for p in _substitute(phrase, substitutions)], code
    words = phrase_words(phrase)
    if not words:
        raise ValueError("agent line without a phrase")
    if plural is None:
        plurals = [(*words[:-1], regular_plural(words[-1]))]
    else:
        plurals = [phrase_words(p) for p in plural.split()]
    return [words, *(p for p in plurals if p)], code


def _substitute(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    marker = SUBSTITUTION_RE.search(phrase)
    if marker is None:
        return [phrase]
    name = marker.group(1).upper()
    if name not in substitutions:
        raise ValueError(f"substitution set !{name}! is not defined before this line")
    out: list[str] = []
    for item in substitutions[name]:
        out += _substitute(phrase[: marker.start()] + item + phrase[marker.end():], substitutions)
    return out


# -- discards ------------------------------------------------------------------------------------------------


@dataclass
class Discards:
    """Phrases whose sentences (or, with `+`, whole stories) are not coded."""

    sentence_phrases: list[str] = field(default_factory=list)
    story_phrases: list[str] = field(default_factory=list)
    _compiled: dict[str, re.Pattern | None] = field(default_factory=dict, repr=False)

    def add_file(self, path: Path, report: LoadReport) -> None:
        path = Path(path)
        for line_no, text, raw in numbered_lines(path):
            stripped = text.strip()
            story = stripped.startswith("+")
            body = stripped[1:].strip() if story else stripped
            if not re.search(r"[A-Za-z0-9]", body) or "[" in body:
                report.problem(path, line_no, "not a discard phrase", raw)
                continue
            (self.story_phrases if story else self.sentence_phrases).append(_discard_regex(body))
            report.count("discard phrases")
        self._compiled.clear()

    def add_phrases(self, words: Iterable[Phrase]) -> None:
        """Phrases coded [###] in an actor or verb file: their sentences are discarded."""
        self.sentence_phrases += [_discard_regex("_".join(w) + "_") for w in words]
        self._compiled.clear()

    def discards_sentence(self, text: str) -> bool:
        return self._search("sentence", self.sentence_phrases, text)

    def discards_story(self, text: str) -> bool:
        return self._search("story", self.story_phrases, text)

    def _search(self, kind: str, phrases: list[str], text: str) -> bool:
        if kind not in self._compiled:
            self._compiled[kind] = re.compile("|".join(phrases), re.IGNORECASE) if phrases else None
        pattern = self._compiled[kind]
        return bool(pattern and pattern.search(text))


def _discard_regex(phrase: str) -> str:
    whole = phrase.rstrip().endswith("_")
    words = [re.escape(w) for w in re.split(r"[\s_]+", phrase.strip()) if w]
    return r"(?<![A-Za-z0-9])" + r"\s+".join(words) + (r"(?![A-Za-z0-9])" if whole else "")
