from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.records import Actor, Article, Event

NEWS = [
    ("2019-01-04", "Russian President Vladimir Putin met with Chinese President Xi Jinping in Moscow on "
                   "Friday. The two leaders signed an agreement on energy cooperation, officials said."),
    ("2019-01-20", "Protesters in Caracas demanded the resignation of President Nicolas Maduro. Police fired "
                   "tear gas at the crowd near the presidential palace, witnesses said."),
    ("2019-02-11", "The United States accused Iran of supporting militants in Yemen. Iran denied the "
                   "accusation and said it would not negotiate with Washington."),
    ("2019-03-02", "India and Pakistan agreed to hold talks after weeks of tension along the border. The "
                   "foreign ministers of both countries will meet in Islamabad next month."),
]


def write_jsonl(path: Path, records: Iterable[dict[str, Any] | str]) -> Path:
    """Write records (dicts, or raw strings for deliberately bad lines) one per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
    return path


def news_records(prefix: str, count: int = len(NEWS)) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}-{i}", "text": NEWS[i % len(NEWS)][1], "published": NEWS[i % len(NEWS)][0],
             "title": f"story {i}"} for i in range(count)]


class FakeCoder:
    """Stands in for the real Coder where a test is about files, not coding: one event per sentence-ish
    chunk, dated on the published day; an article containing BOOM makes the coder raise."""

    def code_article(self, article: Article) -> list[Event]:
        if "BOOM" in article.text:
            raise RuntimeError("the coder broke")
        events = []
        start = 0
        for n, sentence in enumerate(article.text.split(". ")):
            source = Actor(text="Russia", code="RUS", country="RUS", sector=None, name="Russia")
            target = Actor(text="China", code="CHN", country="CHN", sector=None, name="China") if n else None
            events.append(Event(
                article_id=article.id, sentence=sentence,
                sentence_start=start, sentence_end=start + len(sentence),
                trigger="met", trigger_start=start, trigger_end=start + 3, source=source, target=target,
                cameo="040" if n else "141", cameo_name="Consult", plover="CONSULT", plover_mode=None,
                quad_class=1 if n else None, goldstein=1.0,
                date=article.published.isoformat() if article.published else None,
                date_resolution="published" if article.published else None, rule="fake"))
            start += len(sentence) + 2
        return events

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16
                      ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            yield article, self.code_article(article)


@pytest.fixture
def fake_coder() -> FakeCoder:
    return FakeCoder()


@pytest.fixture
def jsonl_writer() -> Callable[[Path, Iterable[dict[str, Any] | str]], Path]:
    return write_jsonl


@pytest.fixture
def news() -> Callable[..., list[dict[str, Any]]]:
    return news_records


def run_json_script(script: str, *args: str) -> dict[str, Any]:
    """Run a script in a fresh Python process (a new JVM for Spark) and return the last JSON object it printed."""
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=600,
                          check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    return json.loads(lines[-1])


@pytest.fixture
def json_script() -> Callable[..., dict[str, Any]]:
    return run_json_script
