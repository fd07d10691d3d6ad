from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.records import Article

DICTIONARIES = Path(__file__).parents[1] / "fixtures" / "petrarch"
ACTOR_FILES = [DICTIONARIES / n for n in ("countries.actors.txt", "international.actors.txt", "nonstate.actors.txt")]


@pytest.fixture(scope="session")
def petrarch_coder(coder):
    """The PETRARCH-mode coder with the fictional test dictionaries, sharing the session's spaCy model."""
    from eventwire.pipeline import Coder

    return Coder.from_files(actors=ACTOR_FILES, agents=DICTIONARIES / "agents.txt",
                            verbs=DICTIONARIES / "verbs.txt", discards=DICTIONARIES / "discards.txt", nlp=coder.nlp)


@pytest.fixture(scope="session")
def code(petrarch_coder):
    """Text -> set of (source, cameo, target) the PETRARCH-mode coder gives."""

    def run(text: str, day: date = date(2015, 1, 1)) -> set[tuple[str, str, str | None]]:
        events = petrarch_coder.code_article(Article("t", text, published=day))
        return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events}

    return run
