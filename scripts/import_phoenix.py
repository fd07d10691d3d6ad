"""Build eventwire's historical actor files from the Phoenix/PETRARCH dictionaries (MIT, roles to 2014).

    python scripts/import_phoenix.py PHOENIX_DIR

writes src/eventwire/data/actors/people_phoenix.tsv (people of Phoenix.Countries.actors.txt with their dated
roles) and organizations_phoenix.tsv (the non-state armed groups of Phoenix.MilNonState.actors.txt). The curated
files (people.tsv, organizations.tsv) load first and win where a phrase is in both; these files add the long
tail: ministers, governors and armed groups of 1980-2014 that older news and the PLOVER records name.

Only facts are taken (names, codes, dates); the rows are re-written in eventwire's TSV formats. A build tool for
maintainers: eventwire itself never reads the Phoenix files at run time.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from eventwire.actors import petrarch as pa
from eventwire.actors.dictionary import SECTORS, Entry

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "actors"

PEOPLE_HEADER = "name\tnames\tcountry\tsector\trole\tstart\tend"
ORG_HEADER = "code\tname\tnames\tcountry\tsector\tkind"
# Phoenix groups people under a phrase that can be a bare surname ("+ASSAD"): keep aliases of two or more
# words, or one capitalised word of six letters or more, so common words never become people.
MIN_SURNAME = 6


# Single-word names of armed groups in Phoenix that are ordinary words: "the Imus Ranch Foundation" is no
# American rebel group, "the Liberation Tigers" are not Swaziland's.
COMMON_WORD_NAMES = frozenset({"tigers", "paradise", "cornerstone", "foundation", "mavericks", "avengers", "falcon",
                               "boogeymen", "emetic"})


def usable_alias(phrase: str) -> bool:
    """Aliases of two or more words, or one capitalised word of six letters or more that is no ordinary word
    (surnames are added separately, see add_unique_surnames)."""
    if phrase[:1].isdigit():
        return False  # "21 June", "1ST Mechanical ..."
    if phrase.lower().removeprefix("the ") in COMMON_WORD_NAMES:
        return False
    words = phrase.split()
    if len(words) >= 2:
        return True
    return len(phrase) >= MIN_SURNAME and phrase[:1].isupper() and not phrase.isupper()


def org_phrases(phrase: str) -> list[str]:
    """'Liberation Tigers of Tamil Eelam (LTTE)' -> the name and its acronym, as news writes them."""
    m = re.fullmatch(r"(.+?)\s*\(([A-Z][A-Za-z/-]{1,9})\)", phrase)
    out = [m.group(1), m.group(2)] if m else [phrase]
    return [p for p in out if usable_alias(p) or (p.isupper() and len(p) >= 3)]


def is_initialism(alias: str, name: str) -> bool:
    """'SPLA' for "Sudan People's Liberation Army": an acronym made of the name's capitalised words."""
    initials = "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())
    return len(alias) >= 3 and alias.isalpha() and alias.isupper() and alias == initials


def people_rows(entries: dict[str, list[str]], people: dict[str, Entry]) -> list[str]:
    rows = []
    for name in sorted(people):
        entry = people[name]
        aliases = [a for a in entries[name]
                   if a != name and (usable_alias(a) or a == name.split()[-1] or is_initialism(a, name))]
        names = "|".join(dict.fromkeys(aliases))
        for role in entry.roles:  # aliases once, on the person's first row
            country = OLD_COUNTRY_CODES.get(role.country or "", role.country or "")
            if country and (len(country) != 3 or not country.isalpha() or country in NOT_COUNTRIES):
                continue
            sector = role.sector if role.sector in SECTORS else ""
            rows.append("\t".join([name, names, country, sector, role.title, role.start or "",
                                   role.end or ""]))
            names = ""
    return rows


def import_people(path: Path) -> list[str]:
    dictionary = pa.read_actor_dictionary(path)
    people: dict[str, Entry] = {}
    aliases: dict[str, list[str]] = {}
    for phrase, found in dictionary.names.items():
        for entry in found:
            if entry.kind != "person" or not entry.roles:
                continue
            people.setdefault(entry.name, entry)
            aliases.setdefault(entry.name, []).append(phrase)
    add_unique_surnames(aliases, people, taken=curated_phrases())
    return people_rows(aliases, people)


def curated_phrases() -> set[str]:
    """Every phrase of the curated files: a surname that is also a country, group or curated name is not
    added (it would shadow them or be ambiguous)."""
    from eventwire.actors.dictionary import ActorDictionary

    curated = ActorDictionary()
    for name, load in (("countries.tsv", curated.load_countries), ("organizations.tsv", curated.load_organizations),
                       ("people.tsv", curated.load_people)):
        load(OUT / name)
    return set(curated.names) | {p.split()[-1] for p in curated.names if " " in p}


def add_unique_surnames(aliases: dict[str, list[str]], people: dict[str, Entry], taken: set[str]) -> None:
    """"President Mwanawasa": the last word of a politician's name as an alias, when no other person in the
    files ends the same way and it is no other phrase. The matcher accepts these one-word aliases only where
    spaCy tags a person (so "Major" in "Major General" is not John Major)."""
    counts: dict[str, int] = {}
    for name in people:
        last = name.split()[-1]
        counts[last] = counts.get(last, 0) + 1
    for name, entry in people.items():
        words = name.split()
        last = words[-1]
        if len(words) < 2 or counts[last] != 1 or last in taken or len(last) < 4 or not last[0].isupper() \
                or not last.isalpha() or last.isupper():
            continue
        if any(r.sector in ("GOV", "MIL", "OPP", "REB", "LEG", "JUD") for r in entry.roles):
            aliases[name].append(last)


# Phoenix codes some groups and people by an old or mistyped country code.
OLD_COUNTRY_CODES = {"ANG": "AGO", "TMP": "TLS", "KSV": "XKX"}
# ... and some rows by codes that are no country: "Islamic State" as a person of IMG (the group is in
# organizations.tsv), and KNT, the fictional Kinakuta of the dictionaries' test entries.
NOT_COUNTRIES = frozenset({"IMG", "KNT"})


def country_in_name(name: str, country_names: dict[str, str]) -> str | None:
    """'National Patriotic Front of Liberia' -> LBR, 'Eritrean Islamic Jihad' -> ERI: the one country a
    group's name names (its name, short name or adjective), else None."""
    words = re.findall(r"[\w'-]+", re.sub(r"Latin Americ\w*", "", name))  # Latin America is no country
    found = {country_names[" ".join(words[i:i + n])] for n in (1, 2, 3) for i in range(len(words) - n + 1)
             if " ".join(words[i:i + n]) in country_names}
    return found.pop() if len(found) == 1 else None


def curated_country_names() -> dict[str, str]:
    from eventwire.actors.dictionary import ActorDictionary

    curated = ActorDictionary()
    curated.load_countries(OUT / "countries.tsv")
    return {phrase: entries[0].country for phrase, entries in curated.names.items()
            if entries and entries[0].kind == "country" and entries[0].country and not entries[0].sector}


def armed_group_code(code: str, name: str, countries: frozenset[str], country_names: dict[str, str]) -> str | None:
    """A country-sector code for a group: its own where Phoenix gives a country; where Phoenix gives a region
    (MEAREB, SASREB), the country its name names, with the same sector."""
    country = OLD_COUNTRY_CODES.get(code[:3], code[:3])
    if country not in countries:
        country = country_in_name(name, country_names) or ""
    sector = code[3:6]
    if not country or sector not in SECTORS:
        return None  # IMG/INT codes and names without a country: the scorer and users need a country
    return country + code[3:]


def import_armed_groups(path: Path, countries: frozenset[str]) -> list[str]:
    dictionary = pa.read_actor_dictionary(path, countries)
    country_names = curated_country_names()
    groups: dict[tuple[str, str], list[str]] = {}
    for phrase, found in dictionary.names.items():
        for entry in found:
            if entry.kind != "organization" or not entry.code:
                continue
            names = org_phrases(entry.name)
            code = armed_group_code(entry.code, entry.name, countries, country_names)
            if code is None or not names:
                continue
            groups.setdefault((names[0], code), []).extend([*names[1:], *org_phrases(phrase)])
    rows = []
    for (name, code), phrases in sorted(groups.items()):
        # "People's Revolutionary Army (Argentina)": a bracketed country is not the group's acronym
        names = "|".join(dict.fromkeys(p for p in phrases if p != name and p not in country_names))
        rows.append("\t".join([code, name, names, code[:3], code[3:6], "armed group"]))
    return rows


def write(path: Path, header: str, rows: list[str], source: str) -> None:
    note = (f"# Generated by scripts/import_phoenix.py from {source} (Phoenix/PETRARCH dictionaries, "
            "(c) 2014 Open Event Data Alliance, MIT). Edit the curated files instead; this one is rebuilt.")
    path.write_text("\n".join([header, note, *rows]) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(rows)} rows")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    countries = pa.default_country_codes()
    write(OUT / "people_phoenix.tsv", PEOPLE_HEADER,
          import_people(folder / "Phoenix.Countries.actors.txt"), "Phoenix.Countries.actors.txt")
    write(OUT / "organizations_phoenix.tsv", ORG_HEADER,
          import_armed_groups(folder / "Phoenix.MilNonState.actors.txt", countries), "Phoenix.MilNonState.actors.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
