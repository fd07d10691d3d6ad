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
def model_coder():
    """The default coder: the rules propose, the shipped model decides."""
    from eventwire.pipeline import Coder

    return Coder.default()


@pytest.fixture(scope="session")
def coder(model_coder):
    """The real coder's rules (spaCy model + shipped dictionaries, no trained model) for the test session: the
    tests of the rule layer check the frames the rules find, which the trained model reads as features of its
    candidates (tests/model and tests/test_seed_story.py test the model's decisions). It shares the default
    coder's model and tables (read-only), so that the session holds one copy of them: batch workers forked from
    it would count a second one in their peak memory."""
    return rules_only(model_coder)


def rules_only(coder):
    import copy
    import dataclasses

    rules = copy.copy(coder)
    rules.config = dataclasses.replace(coder.config, event_model=None)
    rules.event_model = None
    return rules


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
