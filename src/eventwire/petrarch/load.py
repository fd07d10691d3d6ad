"""Loading a set of PETRARCH dictionary files (several of each kind, as PETRARCH's configuration lists them)."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.actors.petrarch import Skipped
from eventwire.petrarch.dictionaries import Discards, LoadReport, PetrarchActors, PetrarchAgents
from eventwire.petrarch.verbs import VerbDictionary


@dataclass
class PetrarchDictionaries:
    actors: PetrarchActors = field(default_factory=PetrarchActors)
    agents: PetrarchAgents = field(default_factory=PetrarchAgents)
    verbs: VerbDictionary = field(default_factory=VerbDictionary)
    discards: Discards = field(default_factory=Discards)
    report: LoadReport = field(default_factory=LoadReport)

    @property
    def problems(self) -> list[Skipped]:
        return self.report.problems


def load_dictionaries(actors: Iterable[Path] = (), agents: Iterable[Path] = (), verbs: Iterable[Path] = (),
                      discards: Iterable[Path] = ()) -> PetrarchDictionaries:
    """Read every file given, in order. A missing file raises OSError; a bad line is reported in
    `.problems` (file, line, reason) and the rest of its file is read."""
    out = PetrarchDictionaries()
    was_enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small long-lived tuples: collections would only rescan them
    try:
        for path in actors:
            out.actors.add_file(_existing(path), out.report)
        for path in agents:
            out.agents.add_file(_existing(path), out.report)
        for path in verbs:
            out.verbs.add_file(_existing(path), out.report)
        for path in discards:
            out.discards.add_file(_existing(path), out.report)
    finally:
        if was_enabled:
            gc.enable()
    out.actors.index.finish()
    out.agents.index.finish()
    return out


def _existing(path: Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such dictionary file")
    return path
