"""Read PETRARCH/TABARI-format actor and agent dictionaries into an `ActorDictionary`.

Actor files (e.g. Phoenix.Countries.actors.txt) are records of a primary phrase, `+` synonym lines and code
lines, the codes either on the phrase line or on following indented lines::

    HAMID_KARZAI_  # a comment
    +PRESIDENT_KARZAI_
        [AFGELI 750101-000101]
        [AFGGOV >011222]
        [AFGELI]

Date restrictions are `<date` (until), `>date` (from) and `date-date`, dates YYMMDD (YY <= 30 is 20YY) or
YYYYMMDD, limits inclusive; an undated code is the default for the other times and `[---]` is the null code.

Mapping:
- a record with a bare country code and no other dated code, or with a dated bare country code, is a
  country; when its code changed over time (UKRAINE_ [USRUKR <910824] [UKR >911221]) the one in force now (no
  end date) is used;
- otherwise a record with at least one dated code is a person: every non-null code becomes a `Role` (first
  three letters the country field, the next three the sector, so the resolver rebuilds e.g. AFGGOV or
  IGOUNO), dated roles first so that they win over the undated default while they hold;
- otherwise its first non-null undated code decides: exactly three letters that are a known country code -> a
  country (also added to `.countries`); anything else -> an organization with `code` = the full code,
  `country` = the first three letters when they are a country code (sector = the next three), else `sector` =
  the first three letters (IGO, NGO, MNC, ... as in organizations.tsv);
- records with no usable code are skipped and reported.

Phrases: PETRARCH files are upper case but our name matcher is case-sensitive, so each phrase is written the
way news text writes it (`display_phrase`): underscores become spaces and words are capitalised
("VLADIMIR_PUTIN_" -> "Vladimir Putin"), except small joining words inside a name ("of", "the", "al", ...),
one- and two-letter words (UN, EU, US), words with digits or dots (U.N.) and parenthesised acronyms, which
keep their capitals. A single-word phrase of at most five letters is also added as written (NATO, UNHCR,
IAEA). Multi-word acronyms inside longer names ("NATO SUMMIT" -> "Nato Summit") are therefore missed: write
those in a TSV dictionary. TABARI's trailing `_` (no stemming) and the blank/underscore distinction are
ignored: phrases match as consecutive words.

Agent files: `PHRASE {PLURALS} [~CODE]` or `[CODE~]` lines and `!NAME! = A, B` substitution sets used as
`FOREIGN_!MINIST!`. The resolver looks agents up by spaCy lemmas, so the singular phrase is stored lower-cased
(regular plurals are not generated: lemmatisation covers them); explicit `{...}` plurals and every
substitution are added as well, since lemmatisers miss some irregular ones. The sector is the first three
letters of the code (~GOVFRM -> GOV). The "code before the actor" (`NGO~`) distinction is not kept.

Use `read_actor_dictionary` / `read_agent_dictionary` for the dictionary alone, or `parse_actor_file` /
`parse_agent_file` to also get the lines that could not be used (`.skipped`, each with file, line and reason).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from eventwire.actors.dictionary import ActorDictionary, Entry, Role, read_tsv

NULL_CODE = "---"
# Words kept lower case inside a name (not as its first word).
SMALL_WORDS = frozenset({
    "of", "the", "and", "for", "on", "in", "at", "to", "de", "del", "der", "des", "la", "le", "les",
    "du", "da", "di", "dos", "das", "al", "el", "ul", "bin", "ibn", "van", "von", "y", "e",
})
SHORT_UPPER_SINGLE = 5  # single-word phrases up to this many letters are also added as written (acronyms)
CODE_RE = re.compile(r"\[([^\]]*)\]")
SUBSTITUTION_RE = re.compile(r"!([A-Z0-9_]+)!")


@dataclass(frozen=True)
class Skipped:
    """One dictionary line that was not used, with why."""

    path: str
    line: int
    reason: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}: {self.text.strip()}"


@dataclass
class ReadResult:
    """A dictionary read from a PETRARCH file, with what was skipped and counts of what was read."""

    dictionary: ActorDictionary
    skipped: list[Skipped] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


# -- shared line handling ------------------------------------------------------------------------------------


def strip_comment(line: str) -> str:
    """The line without a `#` comment, a legacy TABARI `;` comment or a one-line `<!-- -->` comment."""
    line = re.sub(r"<!--.*?-->", "", line)
    for mark in ("#", ";"):
        cut = line.find(mark)
        if cut >= 0:
            line = line[:cut]
    return line.rstrip()


def numbered_lines(path: Path, strip: Callable[[str], str] = strip_comment) -> Iterator[tuple[int, str, str]]:
    """(line number, line without comment, raw line) for the non-blank, non-comment lines of `path`: `#` and
    `;` comments (`strip`), `<!-- -->` comments (also over several lines); `---STOP---` ends the file."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        in_xml_comment = False
        for line_no, raw in enumerate(fh, start=1):
            raw = raw.rstrip("\r\n")
            if in_xml_comment:
                in_xml_comment = "-->" not in raw
                continue
            if raw.lstrip().startswith("<!--") and "-->" not in raw:
                in_xml_comment = True
                continue
            if "---STOP---" in raw:
                return
            text = strip(raw)
            if text.strip():
                yield line_no, text, raw


# -- phrases -------------------------------------------------------------------------------------------------


def display_phrase(raw: str) -> str:
    """A PETRARCH phrase ("VLADIMIR_PUTIN_") as news text writes it ("Vladimir Putin")."""
    words = raw.replace("_", " ").split()
    return " ".join(_case_word(w, i == 0) for i, w in enumerate(words))


def _case_word(word: str, first: bool) -> str:
    if any(c.islower() for c in word):  # the dictionary already wrote it in mixed case
        return word
    letters = sum(c.isalpha() for c in word)
    if any(c.isdigit() for c in word) or re.fullmatch(r"([A-Z]\.)+", word):
        return word
    if word.startswith("(") and word.endswith(")") and letters <= SHORT_UPPER_SINGLE:
        return word
    low = word.lower()
    if low in SMALL_WORDS:
        return low if not first or low == "the" else _capitalise(word)
    if letters <= 2:
        return word
    return "-".join(_capitalise(part) for part in word.split("-"))


def _capitalise(part: str) -> str:
    lead = next((i for i, c in enumerate(part) if c.isalpha()), 0)
    out = part[: lead + 1].upper() + part[lead + 1:].lower()
    if len(out) > lead + 2 and out[lead + 1] == "'":  # O'Brien, D'Alema
        out = out[: lead + 2] + out[lead + 2].upper() + out[lead + 3:]
    return out


def surface_forms(raw: str) -> list[str]:
    """The phrases to match for one dictionary phrase: the display form ("Ban Ki-Moon"), its variant with
    lower case after hyphens ("Ban Ki-moon"), and short single-word acronyms as written ("NATO")."""
    display = display_phrase(raw)
    forms = [display] if display else []
    hyphen_lower = re.sub(r"-([A-Z])", lambda m: "-" + m.group(1).lower(), display)
    if hyphen_lower != display:
        forms.append(hyphen_lower)
    written = " ".join(raw.replace("_", " ").split())
    if is_short_acronym(written) and written != display:
        forms.append(written)
    return forms


def is_short_acronym(written: str) -> bool:
    return bool(written) and " " not in written and sum(c.isalpha() for c in written) <= SHORT_UPPER_SINGLE


def entry_name(raw: str, acronym: bool = False) -> str:
    """The entry's display name; with `acronym`, a short single word keeps its capitals (NATO, not Nato)."""
    written = " ".join(raw.replace("_", " ").split())
    if acronym and is_short_acronym(written):
        return written
    name = display_phrase(raw)
    return name[4:] if name.startswith("the ") else name


# -- dates and codes -----------------------------------------------------------------------------------------


def tabari_date(text: str) -> str:
    """A TABARI date (YYMMDD, YY <= 30 meaning 20YY, or YYYYMMDD) as an ISO date string; ValueError if bad."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    return date(year, month, day).isoformat()


@dataclass(frozen=True)
class CodeRestriction:
    code: str
    start: str | None
    end: str | None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


def parse_restriction(inner: str) -> CodeRestriction:
    """The inside of one `[...]`: "AFGGOV 790327-791227", "RUSGOV <991231", "USAGOV >010120", "AFGELI"."""
    parts = inner.split(None, 1)
    if not parts:
        raise ValueError("empty code")
    code = parts[0].strip().upper()
    rest = "".join(parts[1].split()) if len(parts) > 1 else ""
    if not re.fullmatch(r"[A-Z0-9]{3,}|---", code):
        raise ValueError(f"code {code!r} is not letters and digits")
    if not rest:
        return CodeRestriction(code, None, None)
    if rest.startswith("<"):
        return CodeRestriction(code, None, tabari_date(rest[1:]))
    if rest.startswith(">"):
        return CodeRestriction(code, tabari_date(rest[1:]), None)
    start, dash, end = rest.partition("-")
    if not dash:
        raise ValueError(f"date restriction {rest!r} is not <date, >date or date-date")
    return CodeRestriction(code, tabari_date(start), tabari_date(end))


def default_country_codes() -> frozenset[str]:
    """ISO3 codes of eventwire's country table, used to tell country prefixes from IGO/NGO/MNC ones."""
    path = Path(str(resources.files("eventwire") / "data" / "actors" / "countries.tsv"))
    return frozenset(row["iso3"].strip().upper() for _, row in read_tsv(path))


def role_of(restriction: CodeRestriction) -> Role:
    code = restriction.code
    if len(code) == 3:
        country, sector = code, None
    else:
        country, sector = code[:3], code[3:6]
    return Role(country=country, sector=sector, title="", start=restriction.start, end=restriction.end)


def role_for_code(code: str, countries: frozenset[str], restriction: CodeRestriction) -> Role:
    """Role for a person's code: a bare sector code ([ELI]) has no country."""
    if len(code) == 3 and code not in countries:
        return Role(country=None, sector=code, title="", start=restriction.start, end=restriction.end)
    return role_of(restriction)


# -- actor files ---------------------------------------------------------------------------------------------


@dataclass
class ActorRecord:
    line: int
    phrase: str
    raw: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeRestriction] = field(default_factory=list)


def parse_actor_file(path: Path, country_codes: Iterable[str] | None = None) -> ReadResult:
    """Read a PETRARCH/TABARI actor dictionary; see the module docstring for the mapping."""
    path = Path(path)
    countries = frozenset(country_codes) if country_codes is not None else default_country_codes()
    result = ReadResult(ActorDictionary())
    for record in _actor_records(path, result):
        _add_actor_record(record, path, countries, result)
    return result


def read_actor_dictionary(path: Path, country_codes: Iterable[str] | None = None) -> ActorDictionary:
    return parse_actor_file(path, country_codes).dictionary


def _actor_records(path: Path, result: ReadResult) -> Iterator[ActorRecord]:
    current: ActorRecord | None = None
    for line_no, text, raw in numbered_lines(path):
        stripped = text.strip()
        if stripped.startswith("+"):
            if current is None:
                result.skipped.append(Skipped(path.name, line_no, "synonym before any primary phrase", raw))
                continue
            phrase, _ = _split_codes(stripped[1:], path, line_no, raw, result)
            if phrase:
                current.synonyms.append(phrase)
        elif stripped.startswith("["):
            if current is None:
                result.skipped.append(Skipped(path.name, line_no, "code before any primary phrase", raw))
                continue
            _, codes = _split_codes(stripped, path, line_no, raw, result)
            current.codes.extend(codes)
        else:
            if current is not None:
                yield current
            phrase, codes = _split_codes(stripped, path, line_no, raw, result)
            current = ActorRecord(line_no, phrase, raw, codes=codes) if phrase else None
    if current is not None:
        yield current


def _split_codes(text: str, path: Path, line_no: int, raw: str,
                 result: ReadResult) -> tuple[str, list[CodeRestriction]]:
    """The phrase before the first `[` and the parsed `[...]` codes; bad codes are reported and left out."""
    cut = text.find("[")
    phrase = (text if cut < 0 else text[:cut]).strip()
    codes = []
    for inner in CODE_RE.findall(text[cut:] if cut >= 0 else ""):
        try:
            codes.append(parse_restriction(inner))
        except ValueError as exc:
            result.skipped.append(Skipped(path.name, line_no, f"bad code [{inner}]: {exc}", raw))
    return phrase, codes


def _add_actor_record(record: ActorRecord, path: Path, countries: frozenset[str], result: ReadResult) -> None:
    d = result.dictionary
    source = f"{path.name}:{record.line}"
    usable = [c for c in record.codes if c.code != NULL_CODE]
    if not usable:
        result.skipped.append(Skipped(path.name, record.line, "no code (null actor)", record.raw))
        return
    phrases = [form for raw in (record.phrase, *record.synonyms) for form in surface_forms(raw)]
    name = entry_name(record.phrase)
    country_codes = [c for c in usable if len(c.code) == 3 and c.code in countries]
    if country_codes and (any(c.dated for c in country_codes) or not any(c.dated for c in usable)):
        # A country, possibly one whose code changed (USRUKR until 1991, then UKR): the code in force now.
        usable = [next((c for c in country_codes if c.end is None), country_codes[-1])]
    elif any(c.dated for c in usable):
        roles = [role_for_code(c.code, countries, c) for c in usable if c.dated]
        roles += [role_for_code(c.code, countries, c) for c in usable if not c.dated]
        d.add_person(name, phrases, roles, source)
        result.count("people")
        return
    code = usable[0].code
    if not (len(code) == 3 and code in countries):
        name = entry_name(record.phrase, acronym=True)
    if len(code) == 3 and code in countries:
        d.countries.setdefault(code, name)
        entry = Entry("country", name, country=code, source=source)
        result.count("countries")
    elif code[:3] in countries:
        entry = Entry("organization", name, code=code, country=code[:3], sector=code[3:6] or None,
                      source=source)
        result.count("organizations")
    else:
        entry = Entry("organization", name, code=code, sector=code[:3], source=source)
        result.count("organizations")
    for phrase in phrases:
        if not any(e.kind == entry.kind and e.code == entry.code and e.country == entry.country
                   for e in d.names.get(phrase, ())):
            d.add_name(phrase, entry)


# -- agent files ---------------------------------------------------------------------------------------------


def parse_agent_file(path: Path) -> ReadResult:
    """Read a PETRARCH agents dictionary into `.agents` (lower-case lemma phrase -> sector)."""
    path = Path(path)
    result = ReadResult(ActorDictionary())
    substitutions: dict[str, list[str]] = {}
    for line_no, text, raw in numbered_lines(path):
        stripped = text.strip()
        sub = re.fullmatch(r"!([A-Z0-9_]+)!\s*=\s*(.+)", stripped, flags=re.IGNORECASE)
        if sub:
            substitutions[sub.group(1).upper()] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        try:
            phrases, sector = _agent_line(stripped, substitutions)
        except ValueError as exc:
            result.skipped.append(Skipped(path.name, line_no, str(exc), raw))
            continue
        for phrase in phrases:
            result.dictionary.add_agent(phrase, sector)
        result.count("agent lines")
    result.counts["agents"] = len(result.dictionary.agents)
    return result


def read_agent_dictionary(path: Path) -> ActorDictionary:
    return parse_agent_file(path).dictionary


def _agent_line(text: str, substitutions: dict[str, list[str]]) -> tuple[list[str], str]:
    match = re.fullmatch(r"(?P<phrase>[^{\[]+?)\s*(\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]\s*", text)
    if not match:
        raise ValueError("not an agent line: PHRASE {PLURALS} [~CODE]")
    code = match.group("code").strip().strip("~").upper()
    if not re.fullmatch(r"[A-Z0-9]{3,}", code):
        raise ValueError(f"agent code [{match.group('code')}] is not ~CODE or CODE~")
    phrases = [match.group("phrase"), *(match.group("plural") or "").split()]
    out: list[str] = []
    for phrase in phrases:
        out.extend(_expand_substitutions(phrase, substitutions))
    return [" ".join(p.replace("_", " ").lower().split()) for p in out], code[:3]


def _expand_substitutions(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    marker = SUBSTITUTION_RE.search(phrase)
    if marker is None:
        return [phrase]
    name = marker.group(1).upper()
    if name not in substitutions:
        raise ValueError(f"substitution !{name}! is not defined before use")
    out = []
    for item in substitutions[name]:
        expanded = phrase[: marker.start()] + item + phrase[marker.end():]
        out.extend(_expand_substitutions(expanded, substitutions))
    return out
