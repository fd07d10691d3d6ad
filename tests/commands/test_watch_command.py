"""`eventwire watch` against a real HTTP server on 127.0.0.1: new articles only, a feed that is down."""

from __future__ import annotations

import argparse
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from eventwire.cli import main
from eventwire.commands.watch import duration
from eventwire.store.snapshot import snapshot_path

STORIES = [
    ("russia-iran", "Russia accuses Iran", "Russia accused Iran of violating the nuclear agreement on "
     "Monday. The foreign ministry in Moscow said the talks with Tehran would continue next week."),
    ("france-germany", "France and Germany meet", "The president of France met the chancellor of Germany in "
     "Berlin on Tuesday. The two leaders said they had agreed to work together on the energy crisis."),
    ("china-japan", "China protests", "China condemned the visit of the Japanese prime minister to the "
     "shrine. Officials in Beijing said the visit had hurt relations between the two countries."),
]


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.split(". "))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            f"</article></body></html>").encode()


def feed(base: str, n_items: int) -> bytes:
    when = format_datetime(datetime(2024, 3, 4, 12, tzinfo=UTC))
    items = "".join(f"<item><title>{title}</title><link>{base}/news/{slug}</link><pubDate>{when}</pubDate>"
                    f"<description>{text}</description></item>" for slug, title, text in STORIES[:n_items])
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title><link>{base}</link>'
            f"<description>test</description>{items}</channel></rss>").encode()


class FeedServer(ThreadingHTTPServer):
    feed_requests = 0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        server: FeedServer = self.server  # type: ignore[assignment]
        base = f"http://127.0.0.1:{server.server_address[1]}"
        if self.path == "/feed.xml":
            server.feed_requests += 1
            body, kind = feed(base, 2 if server.feed_requests == 1 else 3), "application/rss+xml"
        elif self.path.startswith("/news/"):
            slug = self.path.rsplit("/", 1)[1]
            story = next((s for s in STORIES if s[0] == slug), None)
            if story is None:
                self.send_error(404)
                return
            body, kind = page(story[1], story[2]), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[FeedServer]:
    httpd = FeedServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_polls_code_only_new_articles_and_a_down_feed_is_retried(server, tmp_path, capsys):
    good = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    down = f"http://127.0.0.1:{closed_port()}/feed.xml"
    db_path = tmp_path / "watch.duckdb"
    status = main(["watch", good, down, "--every", "0.1s", "--max-polls", "2", "--allow-private",
                   "--db", str(db_path)])
    captured = capsys.readouterr()
    polls = [line for line in captured.out.splitlines() if "] poll " in line]
    assert status == 1  # the down feed
    assert len(polls) == 2
    assert "poll 1: 2 articles, 2 new, 0 already stored" in polls[0]
    assert "poll 2: 3 articles, 1 new, 2 already stored" in polls[1]
    assert all(f"feeds down: {down}" in p for p in polls)
    assert captured.err.count(down) == 2
    assert server.feed_requests == 2
    with duckdb.connect(str(snapshot_path(db_path)), read_only=True) as con:
        articles = con.execute("SELECT url, status FROM articles ORDER BY url").fetchall()
        mentions = con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]
    assert [url.rsplit("/", 1)[1] for url, _ in articles] == ["china-japan", "france-germany", "russia-iran"]
    assert all(status == "coded" for _, status in articles) and mentions > 0


def test_once_with_a_healthy_feed_exits_0(server, tmp_path, capsys):
    good = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    assert main(["watch", good, "--once", "--allow-private", "--db", str(tmp_path / "w.duckdb")]) == 0
    assert "poll 1: 2 articles, 2 new" in capsys.readouterr().out


def test_private_addresses_are_refused_unless_allowed(server, tmp_path, capsys):
    good = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    assert main(["watch", good, "--once", "--db", str(tmp_path / "w.duckdb")]) == 1
    captured = capsys.readouterr()
    assert "feeds down" in captured.out and good in captured.err
    assert server.feed_requests == 0


def test_durations():
    assert duration("30s") == 30 and duration("15m") == 900 and duration("1h30m") == 5400
    assert duration("2") == 2 and duration("0.5s") == 0.5
    for bad in ("", "soon", "15x", "m15"):
        with pytest.raises(argparse.ArgumentTypeError, match="not a duration"):
            duration(bad)
