from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def coder():
    """The real default coder (spaCy model + shipped dictionaries), loaded once for the test session."""
    from eventwire.pipeline import Coder

    return Coder.default()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
