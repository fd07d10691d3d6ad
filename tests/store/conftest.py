"""Fixtures for the store tests; the helpers themselves are in store_helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import StubCoder


@pytest.fixture
def stub_coder() -> StubCoder:
    return StubCoder()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"
