"""Property-based test of the whole API from its own /openapi.json (schemathesis): generated requests, valid
and invalid, never get a 500, and every response matches its documented status, content type and schema."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from eventwire.server.app import create_app  # noqa: E402

MAX_EXAMPLES = 30
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _coder_factory(fallback):
    """The real coder where it loads (what users hit), else `fallback`: the HTTP layer is still tested."""
    try:
        from eventwire.pipeline import Coder

        Coder.default()
        return Coder.default
    except Exception:
        return fallback


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, store_helpers):
    db = Path(tmp_path_factory.mktemp("schemathesis")) / "events.duckdb"
    con = duckdb.connect(str(db))
    try:
        store_helpers.write_stories(con, store_helpers.stories)
    finally:
        con.close()
    app = create_app(db, coder_factory=_coder_factory(store_helpers.fake_coder_class))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# Schemathesis' own pytest plugin does not run under pytest 9 (it sets Function._nodeid), so the operations
# are parametrized here and each one's strategy is driven by Hypothesis directly.
OPERATIONS = [
    "GET /health",
    "GET /events",
    "GET /events/{event_id}",
    "GET /actors",
    "GET /dyads/{a}/{b}/timeline",
    "GET /network",
    "GET /articles/{article_id}",
    "POST /code",
]


def test_every_operation_is_covered(api_schema) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


# Negative cases need a parameter or body to break; /health has neither.
CASES = [
    (label, mode)
    for label in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (label == "GET /health" and mode is GenerationMode.NEGATIVE)
]


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_api_never_fails_and_matches_its_schema(api_schema, label: str, mode: GenerationMode) -> None:
    operation = api_schema.find_operation_by_label(label)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        case.call_and_validate(checks=CHECKS)

    check()
