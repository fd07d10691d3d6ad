"""A small real event store for the server tests: articles, mentions, events and actors built from `Event`
records through `mention_row` and written with the store's DDL through Arrow."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from eventwire.records import Actor, Article, Event, Location
from eventwire.store.schema import ALL_DDL, MENTION_COLUMNS, mention_row
from eventwire.store.snapshot import publish_snapshot_from

ACTORS = {
    "RUSMIL": Actor("Russian forces", "RUSMIL", "RUS", "MIL", "Russia military", "organization"),
    "UKR": Actor("Ukraine", "UKR", "UKR", None, "Ukraine", "country"),
    "UKRGOV": Actor("Kyiv", "UKRGOV", "UKR", "GOV", "Ukraine government", "organization"),
    "IGOUNO": Actor("The United Nations", "IGOUNO", None, "IGO", "United Nations", "organization"),
    "RUS": Actor("Russia", "RUS", "RUS", None, "Russia", "country"),
    "DEU": Actor("Germany", "DEU", "DEU", None, "Germany", "country"),
}

# (article id, published, source, text,
#  [(event id, sentence, trigger, source, target, cameo, name, quad class, goldstein)])
STORIES: list[tuple[str, date, str, str, list[tuple[str, str, str, str, str, str, str, int, float]]]] = [
    (
        "a1",
        date(2024, 3, 1),
        "wire-one",
        "Russian forces shelled Kharkiv in Ukraine on Friday. "
        "The United Nations condemned Russia for the attack.",
        [
            (
                "ev-shell",
                "Russian forces shelled Kharkiv in Ukraine on Friday.",
                "shelled",
                "RUSMIL",
                "UKR",
                "190",
                "Use conventional military force",
                4,
                -10.0,
            ),
            (
                "ev-condemn",
                "The United Nations condemned Russia for the attack.",
                "condemned",
                "IGOUNO",
                "RUS",
                "111",
                "Criticize or denounce",
                3,
                -2.0,
            ),
        ],
    ),
    (
        "a2",
        date(2024, 3, 8),
        "wire-two",
        "Germany pledged military aid to Ukraine. Kyiv thanked Germany for its support.",
        [
            (
                "ev-aid",
                "Germany pledged military aid to Ukraine.",
                "pledged",
                "DEU",
                "UKR",
                "0732",
                "Promise military aid",
                1,
                5.2,
            ),
            (
                "ev-thank",
                "Kyiv thanked Germany for its support.",
                "thanked",
                "UKRGOV",
                "DEU",
                "051",
                "Praise or endorse",
                1,
                3.4,
            ),
        ],
    ),
    (
        "a3",
        date(2024, 4, 2),
        "wire-one",
        "Officials said Russian forces shelled Kharkiv in Ukraine again on Tuesday.",
        [
            (
                "ev-shell",
                "Russian forces shelled Kharkiv in Ukraine again on Tuesday.",
                "shelled",
                "RUSMIL",
                "UKR",
                "190",
                "Use conventional military force",
                4,
                -10.0,
            )
        ],
    ),
]

PLOVER = {"190": "ASSAULT", "111": "ACCUSE", "0732": "AID", "051": "SUPPORT"}


def build_events(article: Article, specs: list[tuple]) -> list[tuple[str, Event]]:
    out = []
    for event_id, sentence, trigger, src, tgt, cameo, name, quad, gs in specs:
        s0 = article.text.index(sentence)
        t0 = article.text.index(trigger, s0)
        event = Event(
            article_id=article.id,
            sentence=sentence,
            sentence_start=s0,
            sentence_end=s0 + len(sentence),
            trigger=trigger,
            trigger_start=t0,
            trigger_end=t0 + len(trigger),
            source=ACTORS[src],
            target=ACTORS[tgt],
            cameo=cameo,
            cameo_name=name,
            plover=PLOVER[cameo],
            plover_mode=None,
            quad_class=quad,
            goldstein=gs,
            date=article.published.isoformat(),
            date_resolution="published",
            location=Location("Kharkiv", "UKR", 49.99, 36.23, "city"),
            confidence=0.4 if cameo == "111" else 0.8,  # (the condemnation is the one the coder doubts)
            rule="test",
        )
        out.append((event_id, event))
    return out


def _event_rows(mentions: list[dict[str, Any]], sources: dict[str, str]) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        grouped.setdefault(m["event_id"], []).append(m)
    rows = []
    for event_id, ms in grouped.items():
        first = ms[0]
        row = {
            k: first[k]
            for k in (
                "source_code",
                "source_country",
                "source_sector",
                "source_name",
                "target_code",
                "target_country",
                "target_sector",
                "target_name",
                "cameo",
                "cameo_root",
                "cameo_name",
                "plover",
                "quad_class",
                "goldstein",
                "mode",
                "date",
                "event_date",
                "location_name",
                "location_country",
                "latitude",
                "longitude",
                "sentence",
            )
        }
        published = [m["published"] for m in ms]
        row.update(
            id=event_id,
            num_mentions=len(ms),
            num_articles=len({m["article_id"] for m in ms}),
            num_sources=len({sources[m["article_id"]] for m in ms}),
            first_seen=min(published),
            last_seen=max(published),
            mention_id=max(ms, key=lambda m: m["confidence"])["id"],
        )
        rows.append(row)
    return rows


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    arrow = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])  # noqa: F841 (used by SQL)
    con.execute(f"INSERT OR REPLACE INTO {table} SELECT {', '.join(columns)} FROM arrow")


def write_stories(con: duckdb.DuckDBPyConnection, stories: list[tuple]) -> None:
    """Insert the stories' articles, mentions, events and actors into an open store."""
    for ddl in ALL_DDL:
        con.execute(ddl)
    articles, mentions, sources = [], [], {}
    for art_id, published, source, text, specs in stories:
        article = Article(
            id=art_id,
            text=text,
            published=published,
            title=f"Story {art_id}",
            url=f"https://example.org/{art_id}",
            source=source,
            language="en",
        )
        sources[art_id] = source
        events = build_events(article, specs)
        articles.append(
            {
                "id": art_id,
                "url": article.url,
                "title": article.title,
                "source": source,
                "published": published,
                "language": "en",
                "text": text,
                "content_hash": article.content_hash(),
                "status": "coded",
                "reason": None,
                "n_events": len(events),
                "ingested_at": None,
            }
        )
        for event_id, e in events:
            mentions.append(mention_row(e, article, event_id))
    assert [c for c, _ in MENTION_COLUMNS] == list(mentions[0])
    existing = con.sql("SELECT * FROM mentions").to_arrow_table().to_pylist()
    art_sources = dict(con.execute("SELECT id, source FROM articles").fetchall()) | sources
    _insert(con, "articles", articles)
    _insert(con, "mentions", mentions)
    _insert(con, "events", _event_rows(existing + mentions, art_sources))
    codes = {m[f"{side}_code"]: side for m in existing + mentions for side in ("source", "target")}
    counts = {
        code: sum(1 for m in existing + mentions if code in (m["source_code"], m["target_code"]))
        for code in codes
    }
    _insert(
        con,
        "actors",
        [
            {
                "code": a.code,
                "name": a.name,
                "country": a.country,
                "sector": a.sector,
                "num_mentions": counts[a.code],
            }
            for a in ACTORS.values()
            if a.code in counts
        ],
    )


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A main store with the fixture stories and no snapshot yet (the server publishes the first one)."""
    db = tmp_path / "events.duckdb"
    con = duckdb.connect(str(db))
    try:
        write_stories(con, STORIES)
    finally:
        con.close()
    return db


@pytest.fixture
def add_stories() -> Callable[[Path, list[tuple]], None]:
    """Write more stories as a writer does: open the main store, insert, publish a new snapshot, close."""

    def add(db: Path, stories: list[tuple]) -> None:
        con = duckdb.connect(str(db))
        try:
            write_stories(con, stories)
            publish_snapshot_from(con, db)
        finally:
            con.close()

    return add


class FakeCoder:
    """Codes 'X attacked Y.' sentences: stands in for the coder where coding quality is not the point."""

    def __init__(self) -> None:
        self.calls = 0

    def code_article(self, article: Article) -> list[Event]:
        self.calls += 1
        events = []
        start = 0
        for sentence in article.text.split(". "):
            s0 = article.text.index(sentence, start)
            start = s0 + len(sentence)
            words = sentence.rstrip(".").split()
            if "attacked" in words:
                i = words.index("attacked")
                src, tgt = " ".join(words[:i]), " ".join(words[i + 1 :])
                t0 = article.text.index("attacked", s0)
                events.append(
                    Event(
                        article_id=article.id,
                        sentence=sentence,
                        sentence_start=s0,
                        sentence_end=start,
                        trigger="attacked",
                        trigger_start=t0,
                        trigger_end=t0 + 8,
                        source=Actor(src, src[:3].upper(), src[:3].upper(), None, src),
                        target=Actor(tgt, tgt[:3].upper(), tgt[:3].upper(), None, tgt),
                        cameo="190",
                        cameo_name="Use conventional military force",
                        plover="ASSAULT",
                        plover_mode=None,
                        quad_class=4,
                        goldstein=-10.0,
                        rule="fake",
                    )
                )
        return events


@pytest.fixture
def fake_coder() -> FakeCoder:
    return FakeCoder()


@pytest.fixture
def live_server() -> Iterator[Callable[..., str]]:
    """Start the real app under uvicorn on 127.0.0.1 with a free port; returns its base URL."""
    import uvicorn

    from eventwire.server.app import create_app

    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(db: Path, **kwargs: Any) -> str:
        config = uvicorn.Config(create_app(db, **kwargs), host="127.0.0.1", port=0, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        running.append((server, thread))
        port = server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def store_helpers() -> SimpleNamespace:
    """The helpers above for module-scoped fixtures (test modules must not import conftest: the test tree
    has several, all named `conftest`)."""
    return SimpleNamespace(write_stories=write_stories, stories=STORIES, fake_coder_class=FakeCoder)
