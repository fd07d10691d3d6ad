from __future__ import annotations

import time

import pytest

from eventwire.ingest.http import FetchError, HttpClient, HttpLimits, is_public_address

FAST = HttpLimits(connect_timeout=2, read_timeout=0.5, max_bytes=1_000_000, max_redirects=3)


@pytest.fixture
def client():
    with HttpClient(FAST, allow_private=True) as http:
        yield http


def test_get_returns_body_content_type_and_final_url(client, server):
    page = client.get(f"{server}/article.html")
    assert page.status == 200
    assert page.content_type.startswith("text/html")
    assert b"Mahan Air" in page.body
    assert page.url == f"{server}/article.html"


def test_follows_a_redirect_and_reports_the_final_url(client, server):
    page = client.get(f"{server}/moved")
    assert page.url == f"{server}/article.html"
    assert b"Mahan Air" in page.body


def test_redirect_loop_stops_at_the_limit(client, server):
    with pytest.raises(FetchError, match="too many redirects"):
        client.get(f"{server}/loop")


def test_slow_server_times_out_quickly(client, server):
    began = time.monotonic()
    with pytest.raises(FetchError, match="timeout"):
        client.get(f"{server}/slow")
    assert time.monotonic() - began < 2.5


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_body_over_the_limit_is_refused(client, server, path):
    with pytest.raises(FetchError, match="body too large"):
        client.get(f"{server}{path}")


def test_http_error_status_is_an_error(client, server):
    with pytest.raises(FetchError, match="HTTP 404"):
        client.get(f"{server}/nothing-here")


def test_sends_the_user_agent(client, server):
    assert client.get(f"{server}/agent").body.decode() == FAST.user_agent


def test_loopback_is_refused_unless_allowed(server):
    with HttpClient(FAST) as strict, pytest.raises(FetchError, match="private/loopback"):
        strict.get(f"{server}/article.html")


class RecordingClient(HttpClient):
    def __init__(self) -> None:
        super().__init__(FAST, allow_private=True)
        self.checked: list[str] = []

    def _check_url(self, url: str) -> None:
        self.checked.append(url)
        super()._check_url(url)


def test_every_redirect_hop_is_checked(server):
    with RecordingClient() as recording:
        recording.get(f"{server}/moved")
    assert recording.checked == [f"{server}/moved", f"{server}/article.html"]


def test_non_http_scheme_is_refused(client):
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        client.get("file:///etc/passwd")


@pytest.mark.parametrize("address,public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("169.254.169.254", False),
    ("::1", False), ("fe80::1", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False),
    ("8.8.8.8", True), ("2606:4700:4700::1111", True),
])
def test_public_address_classification(address, public):
    assert is_public_address(address) is public
