from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def private_cache_folder(tmp_path_factory):
    """The session's own $XDG_CACHE_HOME (inherited by the workers and CLI runs that tests start): tests neither
    read tables a user's cache holds from other code nor write into the user's home."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


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
