"""The scale benchmark runs end to end on the bundled sample (its figures are not checked: speed belongs to the
benchmark, not to tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_scale.py"
SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data" / "sample" / "news.jsonl"


@pytest.mark.slow
def test_the_benchmark_reports_the_fastest_of_its_rounds_and_checks_the_outputs():
    done = subprocess.run([sys.executable, str(BENCH), "--input", str(SAMPLE), "--repeat", "1", "--files", "2",
                           "--rounds", "2", "--no-spark"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for run in ("spacy", "code", "local-1", "local-2"):
        assert any(line.startswith(run) for line in out.splitlines())
    assert "fastest of 2 rounds" in out
    # the coder's overhead, paired in one process, round by round; the check reads it
    assert "(paired, round by round: coding " in out and "alternated slices: overhead " in out
    assert "coder overhead over bare parsing" in out and "(paired in one process, median of 2 rounds;" in out
    assert "(local 2 workers vs 1, round by round: " in out
    assert "[ok] local-1 output = Coder.code_articles" in out
    assert "[ok] local-2 output = Coder.code_articles" in out
    assert "round 2: measuring local-2" in done.stderr
    # the second round runs in reverse order: local-2 before local-1, code before spacy
    second = done.stderr[done.stderr.index("round 2:"):]
    assert second.index("measuring local-2") < second.index("measuring local-1") < second.index("measuring spacy")
