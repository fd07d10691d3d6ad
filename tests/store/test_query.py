"""Event queries (store/query.py) and the default database location (store/paths.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_helpers import news

from eventwire.store.paths import default_db_path, resolve_db_path
from eventwire.store.query import (
    EventFilter,
    NoDatabaseError,
    count_events,
    event_mentions,
    open_for_reading,
    query_events,
)
from eventwire.store.writer import Store

ARTICLES = [
    news("a1", "RUS accused UKR.", published=date(2024, 1, 5)),
    news("a2", "RUSGOV accused IRN.", published=date(2024, 2, 5)),
    news("a3", "RUSMIL attacked UKR.", published=date(2024, 3, 5)),
    news("a4", "USA met IRN.", "IRN praised RUS.", published=date(2024, 4, 5), source="wire-two"),
    news("a5", "USA met IRN.", published=date(2024, 4, 6), source="wire-three"),
]


@pytest.fixture
def store_path(db_path, stub_coder):
    with Store(db_path) as store:
        store.ingest(ARTICLES, stub_coder)
    return db_path


def codes(events):
    return [(e["source_code"], e["target_code"], e["cameo"]) for e in events]


def test_source_matches_code_prefix_and_newest_comes_first(store_path):
    with open_for_reading(store_path) as handle:
        events = query_events(handle.con, EventFilter(source="rus"))
        assert not handle.is_snapshot
    assert codes(events) == [("RUSMIL", "UKR", "190"), ("RUSGOV", "IRN", "112"), ("RUS", "UKR", "112")]


def test_filters_combine(store_path):
    with open_for_reading(store_path) as handle:
        con = handle.con
        assert codes(query_events(con, EventFilter(source="RUS", target="IRN"))) == [("RUSGOV", "IRN", "112")]
        assert codes(query_events(con, EventFilter(cameo="19"))) == [("RUSMIL", "UKR", "190")]
        assert codes(query_events(con, EventFilter(cameo="11", since=date(2024, 2, 1)))) == [
            ("RUSGOV", "IRN", "112")]
        assert len(query_events(con, EventFilter(until=date(2024, 2, 5)))) == 2
        assert query_events(con, EventFilter(mode="negated")) == []
        assert len(query_events(con, EventFilter(limit=2))) == 2
        assert count_events(con, EventFilter(target="IRN")) == 2


def test_event_mentions_are_the_evidence_with_urls(store_path):
    with open_for_reading(store_path) as handle:
        [event] = query_events(handle.con, EventFilter(source="USA"))
        mentions = event_mentions(handle.con, event["id"])
    assert event["num_mentions"] == 2 and event["num_sources"] == 2
    assert {m["article_id"] for m in mentions} == {"a4", "a5"}
    assert all(m["sentence"] == "USA met IRN." and m["article_url"] for m in mentions)


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(NoDatabaseError, match="no event store at .*nothing.duckdb"):
        open_for_reading(tmp_path / "nothing.duckdb")


def test_default_db_path_follows_env_then_xdg(tmp_path):
    assert default_db_path({"EVENTWIRE_DB": "/x/y.duckdb"}) == Path("/x/y.duckdb")
    assert default_db_path({"XDG_DATA_HOME": "/data"}) == Path("/data/eventwire/events.duckdb")
    assert default_db_path({}) == Path.home() / ".local/share/eventwire/events.duckdb"
    assert resolve_db_path(tmp_path / "a.duckdb") == tmp_path / "a.duckdb"


def test_min_confidence_keeps_events_whose_best_mention_is_sure_enough(db_path, stub_coder):
    class Doubting(type(stub_coder)):
        def code_article(self, article):
            events = super().code_article(article)
            for e in events:
                e.confidence = 0.9 if e.source.code == "USA" else 0.2
            return events

    with Store(db_path) as store:
        store.ingest(ARTICLES, Doubting())
    with open_for_reading(db_path) as handle:
        sure = query_events(handle.con, EventFilter(min_confidence=0.5))
        every = query_events(handle.con, EventFilter())
    assert codes(sure) == [("USA", "IRN", "040")]
    assert len(every) > len(sure)
