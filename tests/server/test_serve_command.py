"""`eventwire serve` as a user runs it: a real process on 127.0.0.1."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from eventwire.cli import main


def test_serve_reports_a_missing_store_and_exits_1(tmp_path: Path, capsys) -> None:
    assert main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 1
    err = capsys.readouterr().err
    assert "no event store at" in err and "missing.duckdb" in err


@pytest.mark.slow
def test_serve_process_answers_on_a_free_port(store_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eventwire",
            "serve",
            "--db",
            str(store_path),
            "--port",
            "0",
            "--token",
            "t0k",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        port = None
        deadline = time.monotonic() + 60
        while port is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            assert line or proc.poll() is None, "serve exited early"
            match = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", line)
            port = int(match.group(1)) if match else None
        assert port, "serve did not report its port"
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            assert http.get("/health").json()["events"] == 4
            assert "eventwire" in http.get("/").text
            assert http.get("/openapi.json").json()["info"]["title"] == "eventwire"
            assert http.post("/code", json={"text": "Russia attacked Ukraine."}).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=20)
