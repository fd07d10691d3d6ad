from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.server.app import create_app
from eventwire.store.snapshot import snapshot_path


@pytest.fixture
def client(store_path: Path, fake_coder) -> TestClient:
    app = create_app(store_path, coder_factory=lambda: fake_coder, check_interval=0)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_first_start_publishes_a_snapshot_and_reports_counts(store_path: Path, client: TestClient) -> None:
    assert snapshot_path(store_path).exists()
    body = client.get("/health").json()
    assert body["events"] == 4 and body["mentions"] == 5 and body["articles"] == 3


def test_events_are_sorted_by_date_newest_first_with_a_total(client: TestClient) -> None:
    body = client.get("/events").json()
    assert body["total"] == 4
    assert [e["event_date"] for e in body["items"]] == sorted(
        (e["event_date"] for e in body["items"]), reverse=True
    )
    shell = next(e for e in body["items"] if e["id"] == "ev-shell")
    assert shell["source"]["code"] == "RUSMIL" and shell["target"]["code"] == "UKR"
    assert shell["num_mentions"] == 2 and shell["num_articles"] == 2 and shell["num_sources"] == 1


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"source": "RUSMIL"}, {"ev-shell"}),
        ({"target": "DEU"}, {"ev-thank"}),
        ({"actor": "DEU"}, {"ev-aid", "ev-thank"}),
        ({"country": "RUS"}, {"ev-shell", "ev-condemn"}),
        ({"sector": "IGO"}, {"ev-condemn"}),
        ({"cameo": "07"}, {"ev-aid"}),
        ({"cameo": "0732"}, {"ev-aid"}),
        ({"cameo_root": "19"}, {"ev-shell"}),
        ({"plover": "ACCUSE"}, {"ev-condemn"}),
        ({"quad_class": 1}, {"ev-aid", "ev-thank"}),
        ({"mode": "asserted"}, {"ev-shell", "ev-condemn", "ev-aid", "ev-thank"}),
        ({"date_from": "2024-03-05", "date_to": "2024-03-31"}, {"ev-aid", "ev-thank"}),
        ({"q": "SHELLED"}, {"ev-shell"}),
        ({"q": "united nations"}, {"ev-condemn"}),
        ({"source": "NOBODY"}, set()),
        ({"min_confidence": 0.5}, {"ev-shell", "ev-aid", "ev-thank"}),
        ({"min_confidence": 0.4, "country": "RUS"}, {"ev-shell", "ev-condemn"}),
    ],
)
def test_event_filters(client: TestClient, params: dict, ids: set[str]) -> None:
    body = client.get("/events", params=params).json()
    assert {e["id"] for e in body["items"]} == ids
    assert body["total"] == len(ids)


def test_events_paginate_and_sort(client: TestClient) -> None:
    by_goldstein = client.get("/events", params={"sort": "goldstein", "order": "asc"}).json()["items"]
    assert [e["goldstein"] for e in by_goldstein] == [-10.0, -2.0, 3.4, 5.2]
    page2 = client.get(
        "/events", params={"sort": "goldstein", "order": "asc", "limit": 2, "offset": 2}
    ).json()
    assert page2["total"] == 4 and [e["id"] for e in page2["items"]] == ["ev-thank", "ev-aid"]


def test_event_detail_has_every_mention_with_its_sentence(client: TestClient) -> None:
    body = client.get("/events/ev-shell").json()
    assert body["cameo"] == "190" and body["num_mentions"] == 2
    assert [m["article_id"] for m in body["mentions"]] == ["a1", "a3"]
    assert body["mentions"][0]["sentence"] == "Russian forces shelled Kharkiv in Ukraine on Friday."
    assert body["mentions"][1]["article_title"] == "Story a3"


def test_actor_search_by_code_prefix_and_name(client: TestClient) -> None:
    assert {a["code"] for a in client.get("/actors", params={"q": "ukr"}).json()["items"]} == {
        "UKR",
        "UKRGOV",
    }
    assert [a["code"] for a in client.get("/actors", params={"q": "nations"}).json()["items"]] == ["IGOUNO"]
    top = client.get("/actors", params={"limit": 1}).json()["items"]
    assert top[0]["code"] == "UKR"  # three mentions, more than anyone else


def test_dyad_timeline_buckets_both_directions(client: TestClient) -> None:
    body = client.get("/dyads/DEU/UKR/timeline", params={"interval": "month", "level": "country"}).json()
    assert body["a_to_b"] == [
        {
            "period": "2024-03-01",
            "count": 1,
            "goldstein_sum": 5.2,
            "goldstein_mean": 5.2,
            "quad1": 1,
            "quad2": 0,
            "quad3": 0,
            "quad4": 0,
        }
    ]
    assert [b["count"] for b in body["b_to_a"]] == [1] and body["b_to_a"][0]["goldstein_sum"] == 3.4
    weekly = client.get("/dyads/RUSMIL/UKR/timeline", params={"interval": "week"}).json()
    assert [(b["period"], b["count"], b["quad4"]) for b in weekly["a_to_b"]] == [("2024-02-26", 1, 1)]
    assert weekly["b_to_a"] == []


def test_network_edges_are_directed_weighted_and_filtered(client: TestClient) -> None:
    body = client.get("/network", params={"level": "country"}).json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert set(edges) == {("RUS", "UKR"), ("DEU", "UKR"), ("UKR", "DEU")}  # IGOUNO has no country
    assert edges[("RUS", "UKR")]["conflict"] == 1 and edges[("DEU", "UKR")]["cooperation"] == 1
    assert {n["id"] for n in body["nodes"]} == {"RUS", "UKR", "DEU"}
    actors = client.get("/network", params={"date_from": "2024-03-02"}).json()
    assert {(e["source"], e["target"]) for e in actors["edges"]} == {("DEU", "UKR"), ("UKRGOV", "DEU")}
    assert {n["label"] for n in actors["nodes"]} == {"Germany", "Ukraine", "Ukraine government"}
    capped = client.get("/network", params={"max_edges": 1}).json()
    assert len(capped["edges"]) == 1 and capped["truncated"] is True
    assert client.get("/network", params={"min_weight": 2}).json()["edges"] == []


def test_article_has_trigger_and_actor_spans(client: TestClient) -> None:
    body = client.get("/articles/a1").json()
    text = body["text"]
    spans = [(s["kind"], text[s["start"] : s["end"]], s["event_id"]) for s in body["spans"]]
    assert ("trigger", "shelled", "ev-shell") in spans
    assert ("source", "Russian forces", "ev-shell") in spans
    assert ("target", "Ukraine", "ev-shell") in spans
    assert ("target", "Russia", "ev-condemn") in spans
    only = client.get("/articles/a1", params={"event": "ev-condemn"}).json()["spans"]
    assert {s["event_id"] for s in only} == {"ev-condemn"} and len(only) == 3


def test_post_code_returns_events_and_builds_the_coder_once(client: TestClient, fake_coder) -> None:
    assert fake_coder.calls == 0  # lazily built: nothing coded at start-up
    for _ in range(2):
        body = client.post(
            "/code", json={"text": "Russia attacked Ukraine. It rained.", "published": "2024-05-01"}
        ).json()
        assert body["count"] == 1
        event = body["events"][0]
        assert (event["source"]["text"], event["target"]["text"], event["cameo"]) == (
            "Russia",
            "Ukraine",
            "190",
        )
    assert fake_coder.calls == 2


def test_post_code_with_the_real_coder_if_it_is_available(store_path: Path) -> None:
    pytest.importorskip("eventwire.pipeline")
    app = create_app(store_path)
    with TestClient(app) as c:
        response = c.post(
            "/code",
            json={
                "text": "Russian troops attacked Ukrainian positions near Kharkiv on "
                "Monday, Ukraine's military said.",
                "published": "2024-05-01",
            },
        )
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert events and all(e["cameo"] and e["sentence"] for e in events)


def test_all_time_network_from_the_precomputed_totals_matches_a_ranged_query(client: TestClient) -> None:
    for level in ("actor", "country"):
        for actor in (None, "UKR"):
            params = {"level": level, **({"actor": actor} if actor else {})}
            all_time = client.get("/network", params=params).json()
            ranged = client.get("/network", params={**params, "date_from": "1900-01-01"}).json()
            assert all_time["edges"] == ranged["edges"] and all_time["edges"]
            assert all_time["nodes"] == ranged["nodes"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/events",
        "/events/{event_id}",
        "/actors",
        "/dyads/{a}/{b}/timeline",
        "/network",
        "/articles/{article_id}",
        "/code",
    } <= set(paths)
    assert "413" in paths["/code"]["post"]["responses"]
