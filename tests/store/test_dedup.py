"""Deduplication rules (store/dedup.py) on mention rows built by hand from Event records."""

from __future__ import annotations

import random
from datetime import date

from store_helpers import make_event

from eventwire.records import Article
from eventwire.store import dedup
from eventwire.store.schema import EVENT_COLUMNS, mention_row


def row(article_id="a1", source_name="wire-one", published=date(2024, 3, 1), **kw):
    event = make_event(article_id, **kw)
    r = mention_row(event, Article(id=article_id, text=event.sentence, published=published))
    r["article_source"] = source_name
    r["article_url"] = f"https://{source_name}/{article_id}"
    return r


def test_same_event_in_two_articles_from_two_sources_is_one_event_with_counts():
    rows = [row("a1", "wire-one"), row("a2", "wire-two"), row("a2", "wire-two", start=40)]
    events, assignment = dedup.build_events(rows)
    assert len(events) == 1
    event = events[0]
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (3, 2, 2)
    assert set(assignment.values()) == {event["id"]}
    assert set(assignment) == {r["id"] for r in rows}
    assert list(event) == [name for name, _ in EVENT_COLUMNS]


def test_day_window_is_greedy_from_the_earliest_date():
    rows = [row("a1", when="2024-03-01"), row("a2", when="2024-03-02"), row("a3", when="2024-03-03"),
            row("a4", when="2024-03-10")]
    events, assignment = dedup.build_events(rows)
    spans = sorted((e["event_date"], e["last_date"], e["num_mentions"]) for e in events)
    assert spans == [(date(2024, 3, 1), date(2024, 3, 2), 2), (date(2024, 3, 3), date(2024, 3, 3), 1),
                     (date(2024, 3, 10), date(2024, 3, 10), 1)]
    assert assignment[rows[0]["id"]] == assignment[rows[1]["id"]] != assignment[rows[2]["id"]]


def test_key_separates_actors_root_and_mode_class_but_not_codes_within_a_root():
    rows = [row("a1", verb="accused"), row("a2", source="USA"), row("a3", target="CHN"),
            row("a4", verb="attacked"), row("a5", mode="negated"), row("a6", mode="claimed")]
    events, assignment = dedup.build_events(rows)
    assert len(events) == 5  # claimed joins asserted: both say it happened
    assert assignment[rows[0]["id"]] == assignment[rows[5]["id"]]
    keys = {e["dedup_key"] for e in events}
    assert "RUS|UKR|11|asserted" in keys and "RUS|UKR|11|negated" in keys and "RUS|UKR|19|asserted" in keys


def test_actor_without_code_falls_back_to_country_then_text():
    r = row("a1")
    r.update(source_code=None, source_country="RUS")
    assert dedup.dedup_key(r) == "RUS|UKR|11|asserted"
    r.update(source_country=None, source_text="Rebel Fighters")
    r.update(target_code=None, target_country=None, target_text=None)
    assert dedup.dedup_key(r) == "~rebel fighters||11|asserted"


def test_month_and_year_dates_group_by_period_apart_from_day_dates():
    rows = [row("a1", when="2024-03", resolution="month"), row("a2", when="2024-03", resolution="month"),
            row("a3", when="2024-03-01"), row("a4", when="2024-04", resolution="month"),
            row("a5", when="2024", resolution="year")]
    events, _ = dedup.build_events(rows)
    assert sorted(e["num_mentions"] for e in events) == [1, 1, 1, 2]
    assert len({e["id"] for e in events}) == 4


def test_undated_mentions_use_the_published_date():
    rows = [row("a1", when=None, resolution=None, published=date(2024, 3, 2)), row("a2", when="2024-03-01")]
    events, _ = dedup.build_events(rows)
    assert len(events) == 1 and events[0]["event_date"] == date(2024, 3, 1)
    nothing = [row("a3", when=None, resolution=None, published=None)]
    events, _ = dedup.build_events(nothing)
    assert events[0]["event_date"] is None and events[0]["num_mentions"] == 1


def test_locations_split_by_country_and_unplaced_mentions_join_the_largest_group():
    rows = [row("a1", location="FRA"), row("a2", location="DEU"), row("a3", location="DEU"), row("a4")]
    events, assignment = dedup.build_events(rows)
    by_country = {e["location_country"]: e for e in events}
    assert set(by_country) == {"FRA", "DEU"}
    assert by_country["DEU"]["num_mentions"] == 3
    assert assignment[rows[3]["id"]] == by_country["DEU"]["id"]


def test_representative_is_the_most_confident_mention():
    rows = [row("a1", confidence=0.4), row("a2", confidence=0.9, start=7), row("a3", confidence=0.6)]
    events, _ = dedup.build_events(rows)
    assert events[0]["mention_id"] == rows[1]["id"]
    assert events[0]["article_id"] == "a2" and events[0]["source_url"] == "https://wire-one/a2"


def test_result_and_ids_do_not_depend_on_input_order():
    rows = [row(f"a{i}", when=f"2024-03-{1 + i % 5:02d}", verb=("accused", "met")[i % 2],
                location=(None, "UKR", "RUS")[i % 3], confidence=0.1 * (i % 7)) for i in range(30)]
    expected = dedup.build_events(rows)
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        events, assignment = dedup.build_events(shuffled)
        assert sorted(events, key=lambda e: e["id"]) == sorted(expected[0], key=lambda e: e["id"])
        assert assignment == expected[1]


def test_event_id_changes_only_with_key_earliest_date_or_location():
    a = dedup.build_events([row("a1", when="2024-03-02")])[0][0]["id"]
    b = dedup.build_events([row("a9", when="2024-03-02", confidence=0.9)])[0][0]["id"]
    c = dedup.build_events([row("a1", when="2024-03-01"), row("a2", when="2024-03-02")])[0][0]["id"]
    assert a == b != c
