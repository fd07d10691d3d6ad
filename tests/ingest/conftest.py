"""A real HTTP server on 127.0.0.1 serving the fixture feeds and pages, plus misbehaving endpoints."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_TYPES = {".xml": "application/rss+xml", ".html": "text/html; charset=utf-8"}


class FixtureHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def send_body(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?")[0]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/loop":
            self.redirect("/loop")
        elif path == "/moved":
            self.redirect("/article.html")
        elif path == "/slow":
            time.sleep(3)
            self.send_body(b"late", "text/plain")
        elif path == "/huge":
            self.send_huge(declare_length=False)
        elif path == "/huge-declared":
            self.send_huge(declare_length=True)
        elif path == "/agent":
            self.send_body(self.headers.get("User-Agent", "").encode(), "text/plain")
        elif path == "/atom-as-xml":
            self.send_body((FIXTURES / "atom.xml").read_bytes(), "application/xml")
        else:
            file = FIXTURES / path.lstrip("/")
            if not path.strip("/") or not file.is_file():
                self.send_body(b"not found", "text/plain", status=404)
                return
            body = file.read_bytes().replace(b"{base}", base.encode())
            self.send_body(body, CONTENT_TYPES.get(file.suffix, "application/octet-stream"))

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_huge(self, declare_length: bool) -> None:
        chunk = b"x" * 65536
        total = 50_000_000
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declare_length:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        try:
            for _ in range(total // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit, as it should


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FixtureHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
