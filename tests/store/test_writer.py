"""The Store writer on real DuckDB files: idempotency, conflicts, replace, skips, errors, batches."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from store_helpers import StubCoder, article, news

from eventwire.records import Article
from eventwire.store.writer import Store, StoreError


def table_contents(db_path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return {
            "articles": con.execute("SELECT id, content_hash, status, reason, n_events FROM articles "
                                    "ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT * FROM mentions ORDER BY id").fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
            "actors": con.execute("SELECT * FROM actors ORDER BY code").fetchall(),
        }
    finally:
        con.close()


SAMPLE = [
    news("a1", "RUS accused UKR.", "USA met CHN in CHE."),
    news("a2", "RUS accused UKR.", source="wire-two"),
    news("a3", "UKR attacked RUSMIL.", published=date(2024, 3, 2)),
    article("a4", ""),
    article("a5", "Der Minister sagte am Montag, dass die Gespräche beendet seien und das Land reagieren "
                  "werde."),
]


def test_ingest_stores_articles_mentions_events_and_actors(db_path, stub_coder):
    with Store(db_path) as store:
        summary = store.ingest(SAMPLE, stub_coder)
    assert (summary.articles_seen, summary.stored, summary.coded) == (5, 5, 3)
    assert summary.skipped == {"empty text": 1, "not English": 1}
    assert summary.mentions == 4 and summary.events == 3 and not summary.errors
    assert summary.totals["articles"] == 5 and summary.totals["events"] == 3
    tables = table_contents(db_path)
    statuses = {row[0]: (row[2], row[3]) for row in tables["articles"]}
    assert statuses["a4"] == ("skipped", "empty text") and statuses["a1"] == ("coded", None)
    assert "a4" not in stub_coder.coded and "a5" not in stub_coder.coded
    con = duckdb.connect(str(db_path), read_only=True)
    accuse = con.execute("SELECT num_mentions, num_sources, num_articles FROM events "
                         "WHERE dedup_key = 'RUS|UKR|11|asserted'").fetchall()
    orphans = con.execute("SELECT count(*) FROM mentions m LEFT JOIN events e ON e.id = m.event_id "
                          "WHERE e.id IS NULL").fetchall()[0][0]
    total = con.execute("SELECT sum(num_mentions) FROM events").fetchall()[0][0]
    actors = dict(con.execute("SELECT code, num_mentions FROM actors").fetchall())
    con.close()
    assert accuse == [(2, 2, 2)]
    assert orphans == 0 and total == 4
    assert actors == {"RUS": 2, "UKR": 3, "USA": 1, "CHN": 1, "RUSMIL": 1}


def test_ingesting_twice_changes_nothing_and_codes_nothing(db_path, stub_coder):
    with Store(db_path) as store:
        store.ingest(SAMPLE, stub_coder)
    first = table_contents(db_path)
    coder = StubCoder()
    with Store(db_path) as store:
        summary = store.ingest(SAMPLE, coder)
    assert summary.unchanged == 5 and summary.stored == 0 and summary.events == 0 and not summary.errors
    assert coder.coded == []
    assert table_contents(db_path) == first


def test_batch_size_and_order_do_not_change_the_result(tmp_path, stub_coder):
    many = [news(f"n{i}", ("RUS accused UKR.", "USA met CHN.", "UKR attacked RUSMIL.")[i % 3],
                 published=date(2024, 3, 1 + i % 6), source=f"wire-{i % 4}") for i in range(40)]
    with Store(tmp_path / "one.duckdb", batch_size=64) as store:
        store.ingest(many, stub_coder)
    with Store(tmp_path / "small.duckdb", batch_size=3) as store:
        store.ingest(reversed(many), StubCoder())
    one, small = table_contents(tmp_path / "one.duckdb"), table_contents(tmp_path / "small.duckdb")
    assert one["events"] == small["events"] and one["mentions"] == small["mentions"]


def test_duplicate_id_with_different_text_keeps_the_stored_one_and_saves_the_other(db_path, stub_coder):
    with Store(db_path) as store:
        store.ingest([news("a1", "RUS accused UKR.")], stub_coder)
        changed = news("a1", "RUS attacked UKR.")
        summary = store.ingest([changed, news("b1", "USA met CHN.")], stub_coder)
        again = store.ingest([changed], stub_coder)
        text = store.con.execute("SELECT text FROM articles WHERE id = 'a1'").fetchall()[0][0]
        conflicts = store.con.execute("SELECT article_id, text FROM conflicts").fetchall()
        cameos = store.con.execute("SELECT cameo FROM mentions WHERE article_id = 'a1'").fetchall()
    assert summary.errors == ["duplicate id 'a1' with different text; kept the stored version (the new one "
                              "is saved in the conflicts table; --replace replaces it)"]
    assert summary.stored == 1  # b1 beside it is stored
    assert len(again.errors) == 1
    assert "RUS accused UKR." in text and cameos == [("112",)]
    assert conflicts == [("a1", changed.text)]


def test_duplicate_id_inside_one_input_keeps_the_first(db_path, stub_coder):
    with Store(db_path) as store:
        summary = store.ingest([news("a1", "RUS accused UKR."), news("a1", "USA met CHN."),
                                news("a1", "RUS accused UKR.")], stub_coder)
        stored = store.con.execute("SELECT count(*), min(text) FROM articles").fetchall()[0]
    assert summary.stored == 1 and summary.unchanged == 1 and len(summary.errors) == 1
    assert "'a1' in the input with different text" in summary.errors[0]
    assert stored[0] == 1 and "RUS accused UKR." in stored[1]


def test_replace_swaps_the_article_and_recomputes_its_events(db_path, stub_coder):
    with Store(db_path) as store:
        store.ingest([news("a1", "RUS accused UKR.", "USA met CHN."), news("a2", "RUS accused UKR.")],
                     stub_coder)
        summary = store.ingest([news("a1", "RUS attacked UKR.")], stub_coder, replace=True)
        events = dict(store.con.execute("SELECT dedup_key, num_mentions FROM events").fetchall())
        actors = dict(store.con.execute("SELECT code, num_mentions FROM actors").fetchall())
        n_articles = store.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    assert summary.replaced == 1 and not summary.errors
    assert events == {"RUS|UKR|11|asserted": 1, "RUS|UKR|19|asserted": 1}
    assert actors == {"RUS": 2, "UKR": 2} and n_articles == 2


def test_bad_items_and_coder_failures_are_reported_and_the_rest_stored(db_path, stub_coder):
    items = [news("a1", "RUS accused UKR."), "broken.jsonl:3: not valid JSON", news("boom", "EXPLODE"),
             news("a2", "USA met CHN.")]
    with Store(db_path) as store:
        summary = store.ingest(items, stub_coder)
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    assert ids == ["a1", "a2"]
    assert summary.errors[0] == "broken.jsonl:3: not valid JSON"
    assert summary.errors[1].startswith("article 'boom': coder failed: ValueError")
    # a failed article is not stored, so the next run tries it again
    with Store(db_path) as store:
        assert store.ingest([news("boom", "RUS met UKR.")], stub_coder).stored == 1


def test_progress_is_reported_per_batch(db_path, stub_coder):
    seen: list[int] = []
    with Store(db_path, batch_size=2) as store:
        store.ingest(SAMPLE, stub_coder, progress=seen.append)
    assert seen == [2, 2, 1]


def event_spans(store) -> list[tuple]:
    return store.con.execute("SELECT event_date, last_date, num_mentions, num_sources FROM events "
                             "ORDER BY event_date").fetchall()


def test_a_later_mention_regroups_stored_events_like_a_fresh_ingest(tmp_path, stub_coder):
    day1 = news("d1", "RUS accused UKR.", published=date(2024, 3, 1))
    day3 = Article(id="d3", text=day1.text, published=date(2024, 3, 3), url="https://www.wire-two.org/x")
    day2 = news("d2", "RUS accused UKR.", published=date(2024, 3, 2), source="wire-three")
    with Store(tmp_path / "inc.duckdb") as store:
        store.ingest([day1, day3], stub_coder)
        assert [s[:3] for s in event_spans(store)] == [(date(2024, 3, 1), date(2024, 3, 1), 1),
                                                       (date(2024, 3, 3), date(2024, 3, 3), 1)]
        store.ingest([day2], stub_coder)
        incremental = event_spans(store)
        store.ingest([news("d2", "USA met CHN.", published=date(2024, 3, 2))], stub_coder, replace=True)
        after_replace = event_spans(store)
    with Store(tmp_path / "fresh.duckdb") as store:
        store.ingest([day3, day2, day1], stub_coder)
        assert event_spans(store) == incremental == [(date(2024, 3, 1), date(2024, 3, 2), 2, 2),
                                                     (date(2024, 3, 3), date(2024, 3, 3), 1, 1)]
    assert [s[:3] for s in after_replace] == [(date(2024, 3, 1), date(2024, 3, 1), 1),
                                              (date(2024, 3, 2), date(2024, 3, 2), 1),
                                              (date(2024, 3, 3), date(2024, 3, 3), 1)]


def test_a_file_that_is_not_a_store_or_has_an_old_schema_is_a_clear_error(tmp_path):
    junk = tmp_path / "notes.duckdb"
    junk.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open .*notes.duckdb as an event store"):
        Store(junk)
    assert junk.read_text().startswith("these are my notes")
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as con:
        con.execute("CREATE TABLE events (id VARCHAR PRIMARY KEY, cameo VARCHAR)")
    with pytest.raises(StoreError, match="table events lacks columns .*dedup_key.* ingest into a new file"):
        Store(old)
