"""The trigger pattern dictionary (data/events/triggers.tsv): verb and noun lemmas -> CAMEO codes.

Columns: trigger, pos, cameo, object, target_preps, flags, note. See data/events/README.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eventwire.actors.dictionary import DictionaryError, read_tsv, split

FLAGS = frozenset({"symmetric", "speech", "intent", "negative", "object-event", "no-event",
                   "military-source", "intransitive", "not-naming", "no-complement", "with-argument"})


@dataclass(frozen=True)
class TriggerPattern:
    lemma: str  # head lemma
    pos: str  # VERB | NOUN
    cameo: str | None  # None for pure speech verbs ("say")
    extra: tuple[str, ...] = ()  # VERB: particles/prepositions on the verb; NOUN: modifiers before the head
    objects: frozenset[str] = frozenset()  # required direct-object lemmas
    target_preps: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    source: str = ""  # "file:line", the evidence of which pattern fired

    @property
    def root(self) -> str:
        """The CAMEO root ("19" for 190 and 1951); "" for a pure speech verb."""
        return (self.cameo or "")[:2]

    @property
    def specificity(self) -> int:
        return 2 * len(self.extra) + (3 if self.objects else 0)

    @property
    def name(self) -> str:
        words = " ".join((self.lemma, *self.extra)) if self.pos == "VERB" else " ".join((*self.extra, self.lemma))
        obj = f" +{'|'.join(sorted(self.objects))}" if self.objects else ""
        return f"{self.pos.lower()}:{words}{obj}"


@dataclass
class TriggerDictionary:
    by_lemma: dict[tuple[str, str], list[TriggerPattern]] = field(default_factory=dict)

    def add(self, pattern: TriggerPattern) -> None:
        bucket = self.by_lemma.setdefault((pattern.pos, pattern.lemma), [])
        bucket.append(pattern)
        bucket.sort(key=lambda p: -p.specificity)

    def candidates(self, pos: str, lemma: str) -> list[TriggerPattern]:
        return self.by_lemma.get((pos, lemma), [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_lemma.values())

    def patterns(self) -> Iterable[TriggerPattern]:
        for bucket in self.by_lemma.values():
            yield from bucket

    @classmethod
    def load_default(cls) -> TriggerDictionary:
        return cls.load(Path(str(resources.files("eventwire") / "data" / "events" / "triggers.tsv")))

    @classmethod
    def load(cls, path: Path) -> TriggerDictionary:
        d = cls()
        for line_no, row in read_tsv(path):
            d.add(parse_row(row, f"{path.name}:{line_no}", path, line_no))
        return d


def parse_row(row: dict[str, str], where: str, path: Path, line_no: int) -> TriggerPattern:
    words = row["trigger"].strip().lower().split()
    pos = row["pos"].strip().upper()
    if not words or pos not in ("VERB", "NOUN", "ADJ"):
        raise DictionaryError(path, line_no, f"bad trigger/pos: {row.get('trigger')!r} {row.get('pos')!r}")
    if pos in ("VERB", "ADJ"):
        lemma, extra = words[0], tuple(words[1:])
    else:
        lemma, extra = words[-1], tuple(words[:-1])
    flags = frozenset(f.lower() for f in split(row.get("flags")))
    unknown = flags - FLAGS
    if unknown:
        raise DictionaryError(path, line_no, f"unknown flags {sorted(unknown)}")
    cameo = (row.get("cameo") or "").strip() or None
    if cameo is None and not flags & {"speech", "no-event"}:
        raise DictionaryError(path, line_no, "a pattern needs a CAMEO code unless it is a speech verb or no-event")
    return TriggerPattern(
        lemma=lemma, pos=pos, cameo=cameo, extra=extra,
        objects=frozenset(o.lower() for o in split(row.get("object"))),
        target_preps=tuple(p.lower() for p in split(row.get("target_preps"))),
        flags=flags, source=where,
    )
