"""The whole path: the real coder codes articles, the real Store writer stores them and publishes snapshots,
and the server serves them (including evidence spans) and picks up a later batch without a restart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.records import Article
from eventwire.server.app import create_app

pytestmark = pytest.mark.slow

FIRST = [
    Article(
        id="w1",
        published=date(2024, 5, 6),
        source="wire",
        title="Shelling",
        text="Russian troops attacked Ukrainian positions near Kharkiv on Monday, the Ukrainian military "
        "said. Germany pledged new military aid to Ukraine.",
    ),
    Article(
        id="w2",
        published=date(2024, 5, 7),
        source="paper",
        title="Talks",
        text="France criticized Iran over its nuclear programme on Tuesday, the foreign ministry said.",
    ),
]
LATER = Article(
    id="w3",
    published=date(2024, 5, 9),
    source="wire",
    title="Aid",
    text="The United States pledged new military aid to Ukraine on Thursday.",
)


def test_served_store_written_by_the_real_writer(tmp_path: Path) -> None:
    store_mod = pytest.importorskip("eventwire.store.writer")
    pipeline = pytest.importorskip("eventwire.pipeline")
    coder = pipeline.Coder.default()
    db = tmp_path / "events.duckdb"
    with store_mod.Store(db) as store:
        store.ingest(FIRST, coder)
        with TestClient(create_app(db, coder_factory=lambda: coder, check_interval=0)) as client:
            page = client.get("/events", params={"sort": "event_date", "order": "asc"}).json()
            assert page["total"] >= 2
            first = page["items"][0]
            detail = client.get(f"/events/{first['id']}").json()
            mention = detail["mentions"][0]
            article = client.get(f"/articles/{mention['article_id']}", params={"event": first["id"]}).json()
            text = article["text"]
            kinds = {s["kind"]: text[s["start"] : s["end"]] for s in article["spans"]}
            assert kinds["trigger"] == mention["trigger"]
            assert kinds["source"].lower() == mention["source_text"].lower()
            assert client.get("/network", params={"level": "country"}).json()["edges"]
            assert client.get("/actors", params={"q": "UKR"}).json()["items"]

            store.ingest([LATER], coder)  # the writer publishes a new snapshot after its batch
            later = client.get("/events").json()["total"]
            assert later > page["total"]
            assert client.get("/articles/w3").status_code == 200
