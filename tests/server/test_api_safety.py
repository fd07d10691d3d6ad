"""Token, size limits and error bodies: every error is JSON with a message, never a stack trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.records import Article
from eventwire.server.app import create_app
from eventwire.server.models import MAX_CODE_TEXT_CHARS

STORY = {"text": "Russia attacked Ukraine."}


def _assert_error(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "message", "status"} and body["status"] == status
    for word in words:
        assert word in body["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


@pytest.fixture
def guarded(store_path: Path, fake_coder) -> TestClient:
    app = create_app(store_path, token="s3cret", coder_factory=lambda: fake_coder, max_body_bytes=4096)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_code_needs_the_token_when_one_is_set(guarded: TestClient) -> None:
    _assert_error(guarded.post("/code", json=STORY), 401, "token")
    _assert_error(guarded.post("/code", json=STORY, headers={"Authorization": "Bearer wrong"}), 401)
    ok = guarded.post("/code", json=STORY, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["count"] == 1


def test_reads_need_no_token(guarded: TestClient) -> None:
    assert guarded.get("/events").status_code == 200
    assert guarded.get("/").status_code == 200


def test_the_api_is_read_only(guarded: TestClient) -> None:
    for method in ("put", "delete", "patch"):
        _assert_error(getattr(guarded, method)("/events/ev-shell"), 405)
    _assert_error(guarded.post("/events", json={}), 405)


def test_oversized_bodies_get_413_as_json(guarded: TestClient) -> None:
    big = {"text": "Russia attacked Ukraine. " * 400}
    body = _assert_error(guarded.post("/code", json=big, headers={"Authorization": "Bearer s3cret"}), 413)
    assert "4096" in body["message"]

    def chunks():  # no Content-Length: the limit must hold for streamed bodies too
        for _ in range(10):
            yield b"x" * 1000

    streamed = guarded.post("/code", content=chunks(), headers={"Authorization": "Bearer s3cret"})
    _assert_error(streamed, 413)


def test_text_over_the_character_limit_gets_413(store_path: Path, fake_coder) -> None:
    app = create_app(store_path, coder_factory=lambda: fake_coder, max_body_bytes=10 * MAX_CODE_TEXT_CHARS)
    with TestClient(app) as c:
        _assert_error(c.post("/code", json={"text": "a" * (MAX_CODE_TEXT_CHARS + 1)}), 413, "characters")
    assert fake_coder.calls == 0


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/events/nope", ["no event", "nope"]),
        ("/articles/nope", ["no article", "nope"]),
        ("/no/such/page", ["Not Found"]),
        ("/static/missing.js", []),
    ],
)
def test_missing_things_are_404_json(guarded: TestClient, path: str, words: list[str]) -> None:
    _assert_error(guarded.get(path), 404, *words)


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"limit": 0}, "limit"),
        ({"quad_class": 7}, "quad_class"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"sort": "sentence; DROP TABLE events"}, "sort"),
        ({"cameo": "abc"}, "cameo"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(guarded: TestClient, params: dict, word: str) -> None:
    _assert_error(guarded.get("/events", params=params), 422, word)


def test_malformed_json_is_422(guarded: TestClient) -> None:
    response = guarded.post(
        "/code",
        content=b"{not json",
        headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
    )
    _assert_error(response, 422, "body")
    _assert_error(guarded.post("/code", json={"text": ""}, headers={"Authorization": "Bearer s3cret"}), 422)


def test_text_that_must_not_be_coded_is_422_with_the_reason(store_path: Path, fake_coder) -> None:
    pytest.importorskip("eventwire.io.validate")
    with TestClient(create_app(store_path, coder_factory=lambda: fake_coder)) as c:
        body = _assert_error(c.post("/code", json={"text": "   \n  "}), 422, "empty")
        assert body["message"].startswith("the text cannot be coded")
    assert fake_coder.calls == 0


def test_a_crashing_coder_gives_500_without_a_stack_trace(store_path: Path) -> None:
    class Broken:
        def code_article(self, article: Article):
            raise RuntimeError("secret internal detail")

    app = create_app(store_path, coder_factory=Broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        body = _assert_error(c.post("/code", json=STORY), 500, "server log")
    assert "secret internal detail" not in str(body)


def test_security_headers_on_the_dashboard(guarded: TestClient) -> None:
    response = guarded.get("/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
