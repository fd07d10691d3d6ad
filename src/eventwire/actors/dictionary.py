"""Actor dictionaries: countries, organisations, people with dated roles, and agent words.

The dictionaries are TSV data files (src/eventwire/data/actors/) that users can read and extend; see the README
there for the formats. PETRARCH/TABARI-format dictionaries load into the same structures (actors/petrarch.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from eventwire.tables import NO_CACHE, TableCache

SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "REB", "INS", "UAF", "CVL", "PRO", "MED", "BUS",
    "NGO", "REF", "ELI", "IGO", "EDU", "HLH", "LAB", "AGR", "ENV", "CRM", "MNC", "REL"
})


@dataclass(frozen=True)
class Role:
    """One stint of a person in a role. Dates are ISO strings of any precision ('2019', '2019-05', '2019-05-07')."""

    country: str | None
    sector: str | None
    title: str
    start: str | None
    end: str | None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        iso = day.isoformat()
        starts = self.start is None or self.start[: len(iso)] <= iso
        ends = self.end is None or iso[: len(self.end)] <= self.end
        return starts and ends


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase denotes."""

    kind: str  # country | organization | person | agent
    name: str
    code: str | None = None  # explicit code (organisations); countries and people derive theirs
    country: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()
    source: str = ""  # file the entry came from, kept as evidence

    def at(self, day: date | None) -> tuple[str | None, str | None, str | None]:
        """(country, sector, role title) on `day`: the role held then, else the latest role before it."""
        if not self.roles:
            return self.country, self.sector, None
        held = [r for r in self.roles if r.covers(day)]
        if held:
            best = min(held, key=_role_rank)
            return best.country, best.sector, best.title
        iso = day.isoformat() if day else "9999"
        before = [r for r in self.roles if (r.start or "") <= iso]
        latest = max(before or self.roles, key=lambda r: r.end or "9999")
        return latest.country, None, None


def _role_rank(role: Role) -> int:
    order = ("President", "Prime Minister", "Chancellor", "King", "Supreme Leader")
    return order.index(role.title) if role.title in order else len(order)


@dataclass
class ActorDictionary:
    """Phrases (as written, case-sensitive) -> entries; agent lemma phrases -> sector."""

    names: dict[str, list[Entry]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical name

    def add_name(self, phrase: str, entry: Entry) -> None:
        phrase = " ".join(phrase.split())
        if not phrase:
            return
        bucket = self.names.setdefault(phrase, [])
        if entry not in bucket:
            bucket.append(entry)
        # Most dictionaries write "the Kremlin"; the bare form is matched too.
        if phrase.lower().startswith("the ") and len(phrase) > 4:
            self.add_name(phrase[4:], entry)

    def add_agent(self, phrase: str, sector: str) -> None:
        key = " ".join(phrase.lower().split())
        if key and key not in self.agents:
            self.agents[key] = sector

    def merge(self, other: ActorDictionary) -> None:
        for phrase, entries in other.names.items():
            for entry in entries:
                self.add_name(phrase, entry)
        for phrase, sector in other.agents.items():
            self.add_agent(phrase, sector)
        for iso, name in other.countries.items():
            self.countries.setdefault(iso, name)

    @classmethod
    def load_default(cls, tables: TableCache = NO_CACHE) -> ActorDictionary:
        """The shipped dictionary (from the table cache when given one: its files are part of the package,
        which names the cached tables)."""
        folder = Path(str(resources.files("eventwire") / "data" / "actors"))
        return tables.load_or_build("actors", lambda: cls.load_folder(folder), params=str(folder))

    @classmethod
    def load_folder(cls, folder: Path) -> ActorDictionary:
        d = cls()
        loaders = {
            "countries.tsv": d.load_countries,
            "organizations.tsv": d.load_organizations,
            "people.tsv": d.load_people,
            "agents.tsv": d.load_agents,
            # Generated from the Phoenix dictionaries (roles to 2014); loaded after the curated files so that a
            # phrase in both resolves to the curated entry first.
            "organizations_phoenix.tsv": d.load_organizations,
            "people_phoenix.tsv": d.load_people,
        }
        for name, load in loaders.items():
            if (folder / name).exists():
                load(folder / name)
        return d

    def load_countries(self, path: Path) -> None:
        for line_no, row in read_tsv(path):
            iso = row["iso3"].strip().upper()
            name = row["name"].strip()
            if len(iso) != 3:
                raise DictionaryError(path, line_no, f"iso3 must be 3 letters, got {iso!r}")
            self.countries[iso] = name
            entry = Entry("country", name, country=iso, source=path.name)
            for phrase in [name, *split(row.get("names")), *split(row.get("adjectives"))]:
                self.add_name(phrase, entry)
            for phrase in split(row.get("capitals")):
                self.add_name(phrase, Entry("country", name, country=iso, source=path.name + ":capital"))
            for item in split(row.get("seats")):
                phrase, _, sector = item.partition("=")
                self.add_name(phrase, Entry("country", name, country=iso, sector=sector.strip().upper() or "GOV",
                                            source=path.name + ":seat"))

    def load_organizations(self, path: Path) -> None:
        for _, row in read_tsv(path):
            code = row["code"].strip() or None
            name = row["name"].strip()
            entry = Entry("organization", name, code=code, country=row.get("country", "").strip().upper() or None,
                          sector=row.get("sector", "").strip().upper() or None, source=path.name)
            for phrase in [name, *split(row.get("names"))]:
                self.add_name(phrase, entry)

    def load_people(self, path: Path) -> None:
        people: dict[str, tuple[list[str], list[Role]]] = {}
        for _, row in read_tsv(path):
            name = row["name"].strip()
            aliases, roles = people.setdefault(name, ([], []))
            aliases.extend(split(row.get("names")))
            roles.append(Role(
                country=row.get("country", "").strip().upper() or None,
                sector=row.get("sector", "").strip().upper() or None,
                title=row.get("role", "").strip(),
                start=row.get("start", "").strip() or None,
                end=row.get("end", "").strip() or None,
            ))
        for name, (aliases, roles) in people.items():
            self.add_person(name, aliases, roles, path.name)

    def add_person(self, name: str, aliases: Iterable[str], roles: Iterable[Role], source: str) -> None:
        roles = tuple(roles)
        country = next((r.country for r in roles if r.country), None)
        entry = Entry("person", name, country=country, roles=roles, source=source)
        for phrase in dict.fromkeys([name, *aliases]):
            self.add_name(phrase, entry)

    def load_agents(self, path: Path) -> None:
        for _, row in read_tsv(path):
            self.add_agent(row["phrase"], row["sector"].strip().upper())


class DictionaryError(ValueError):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")


def split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV with a header line; '#' lines are comments. Yields (line number, row)."""
    with open(path, encoding="utf-8", newline="") as fh:
        header: list[str] | None = None
        for line_no, line in enumerate(fh, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            cells += [""] * (len(header) - len(cells))
            yield line_no, dict(zip(header, cells, strict=False))
