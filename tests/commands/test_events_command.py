"""`eventwire events`: filters, formats, and reading while another process writes."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.records import Actor, Article, Event, Location
from eventwire.store.writer import Store

CAMEO = {"112": ("Accuse", "ACCUSE", 3, -2.0), "040": ("Consult", "CONSULT", 1, 1.0),
         "190": ("Use conventional military force", "ASSAULT", 4, -10.0)}
# (article id, published, source, [(source code, target code, cameo, sentence, location country)])
STORIES = [
    ("a1", date(2024, 1, 10), "wire-one", [("RUS", "IRN", "112", "Russia accused Iran of lying.", None)]),
    ("a2", date(2024, 2, 10), "wire-two", [("RUSMIL", "UKR", "190", "Russian forces shelled Kharkiv.",
                                            "UKR")]),
    ("a3", date(2023, 12, 1), "wire-one", [("USAGOV", "IRN", "040", "US officials met Iranian envoys.",
                                            "CHE")]),
    ("a4", date(2024, 2, 10), "wire-three", [("RUSMIL", "UKR", "190", "Russia's army shelled Kharkiv.",
                                              "UKR")]),
]


def actor(code: str) -> Actor:
    return Actor(text=code, code=code, country=code[:3], sector=code[3:] or None, name=f"{code} name")


def story_events(article: Article, specs) -> list[Event]:
    events = []
    for i, (src, tgt, cameo, sentence, country) in enumerate(specs):
        name, plover, quad, goldstein = CAMEO[cameo]
        events.append(Event(
            article_id=article.id, sentence=sentence, sentence_start=i * 100,
            sentence_end=i * 100 + len(sentence), trigger=sentence.split()[1], trigger_start=i * 100 + 8,
            trigger_end=i * 100 + 14, source=actor(src), target=actor(tgt), cameo=cameo, cameo_name=name,
            plover=plover, plover_mode=None,
            quad_class=quad, goldstein=goldstein, date=article.published.isoformat(), date_resolution="day",
            location=Location(name=f"somewhere in {country}", country=country) if country else None,
            confidence=0.8, rule="test"))
    return events


class HandCoder:
    """Returns the hand-built events of STORIES for each article."""

    def code_articles(self, articles, batch_size: int = 16):
        specs = {story[0]: story[3] for story in STORIES}
        for article in articles:
            yield article, story_events(article, specs[article.id])


def build_store(db_path: Path) -> Path:
    articles = [Article(id=aid, text=" ".join(s[3] for s in specs) + " The minister said it was over.",
                        published=published, source=source, url=f"https://{source}.example/{aid}")
                for aid, published, source, specs in STORIES]
    with Store(db_path) as store:
        store.ingest(articles, HandCoder(), article_problem=lambda a: None)
    return db_path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return build_store(tmp_path / "events.duckdb")


def run_events(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["events", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_table_lists_events_newest_first_with_counts(store_path, capsys):
    status, out, _ = run_events(capsys, "--db", str(store_path))
    lines = out.splitlines()
    assert status == 0 and lines[0].split()[:4] == ["date", "source", "target", "cameo"]
    assert [line.split()[1] for line in lines[1:]] == ["RUSMIL", "RUS", "USAGOV"]
    assert re.search(r"\basserted +2 +2 +Russia", lines[1])  # two mentions, two sources: one event


def test_source_prefix_target_and_since_filters(store_path, capsys):
    _, out, _ = run_events(capsys, "--db", str(store_path), "--source", "RUS", "--format", "jsonl")
    assert [json.loads(line)["source_code"] for line in out.splitlines()] == ["RUSMIL", "RUS"]
    _, out, _ = run_events(capsys, "--db", str(store_path), "--source", "RUS", "--target", "IRN",
                           "--since", "2024-01-01", "--format", "jsonl")
    assert [json.loads(line)["cameo"] for line in out.splitlines()] == ["112"]
    _, out, _ = run_events(capsys, "--db", str(store_path), "--target", "irn", "--until", "2023-12-31",
                           "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["source_code"], r["event_date"]) for r in rows] == [("USAGOV", "2023-12-01")]
    _, out, _ = run_events(capsys, "--db", str(store_path), "--cameo", "19", "--limit", "1")
    assert "Kharkiv" in out and len(out.splitlines()) == 2
    _, out, _ = run_events(capsys, "--db", str(store_path), "--mode", "negated")
    assert out == "no events match\n"


def test_bad_arguments_and_missing_store_are_clear_errors(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["events", "--since", "last week"])
    assert "not a date (YYYY-MM-DD): 'last week'" in capsys.readouterr().err
    status, _, err = run_events(capsys, "--db", str(tmp_path / "none.duckdb"))
    assert status == 2 and "no event store at" in err and "none.duckdb" in err


def test_reads_the_snapshot_while_another_process_writes(store_path, capsys):
    hold = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(store_path)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        status, out, err = run_events(capsys, "--db", str(store_path), "--source", "USA", "--format", "jsonl")
    finally:
        holder.kill()
        holder.wait()
    assert status == 0 and "events.read.duckdb (the writer's snapshot of" in err
    assert [json.loads(line)["source_code"] for line in out.splitlines()] == ["USAGOV"]
