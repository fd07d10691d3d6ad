"""The SQL behind the API. Aggregation happens in DuckDB so that responses stay small and fast on millions of
events; every value from a request is passed as a bound parameter, and every identifier comes from a fixed
whitelist (enums), never from the request text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from eventwire.server.models import Interval, Level, Order, SortField
from eventwire.store.query import confidence_condition

EVENT_COLUMNS = (
    "id",
    "date",
    "event_date",
    "source_code",
    "source_name",
    "source_country",
    "source_sector",
    "target_code",
    "target_name",
    "target_country",
    "target_sector",
    "cameo",
    "cameo_root",
    "cameo_name",
    "plover",
    "quad_class",
    "goldstein",
    "mode",
    "location_name",
    "location_country",
    "latitude",
    "longitude",
    "num_mentions",
    "num_sources",
    "num_articles",
    "first_seen",
    "last_seen",
    "sentence",
)

TEXT_SEARCH_COLUMNS = ("sentence", "cameo_name", "source_name", "target_name", "location_name")
# The all-time network of each level, aggregated once per snapshot generation (see prepare_generation).
DYAD_TOTALS_TABLE = "memory.main.dyad_totals_{level}"

MENTION_DETAIL_SQL = """
SELECT m.id, m.article_id, a.title AS article_title, a.url AS article_url, a.source AS article_source,
       coalesce(m.published, a.published) AS published, m.sentence, m.sentence_start, m.sentence_end,
       m.trigger, m.trigger_start, m.trigger_end, m.source_text, m.target_text, m.mode, m.attributed_to,
       m.date_resolution, m.confidence, m.rule, m.quote
FROM mentions m LEFT JOIN articles a ON a.id = m.article_id
WHERE m.event_id = ?
ORDER BY published NULLS LAST, m.article_id, m.sentence_start
"""


@dataclass(frozen=True)
class EventFilters:
    source: str | None = None
    target: str | None = None
    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    mode: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    min_confidence: float | None = None


def _rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = cur.execute(sql, params)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _actor_columns(level: Level) -> tuple[str, str]:
    return ("source_code", "target_code") if level is Level.actor else ("source_country", "target_country")


def _date_conditions(date_from: date | None, date_to: date | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if date_from is not None:
        where.append("event_date >= ?")
        params.append(date_from)
    if date_to is not None:
        where.append("event_date <= ?")
        params.append(date_to)
    return where, params


def event_where(f: EventFilters) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) that selects the events matching the filters."""
    where, params = _date_conditions(f.date_from, f.date_to)
    exact = [
        ("source_code", f.source),
        ("target_code", f.target),
        ("plover", f.plover),
        ("mode", f.mode),
        ("cameo_root", f.cameo_root),
        ("quad_class", f.quad_class),
    ]
    for column, value in exact:
        if value is not None and value != "":
            where.append(f"{column} = ?")
            params.append(value)
    either = [
        ("source_code", "target_code", f.actor),
        ("source_country", "target_country", f.country),
        ("source_sector", "target_sector", f.sector),
    ]
    for left, right, value in either:
        if value:
            where.append(f"({left} = ? OR {right} = ?)")
            params += [value, value]
    if f.cameo:
        # CAMEO codes are hierarchical: "04" is a root, "042" and "0421" lie below it.
        where.append("starts_with(cameo, ?)")
        params.append(f.cameo)
    if f.min_confidence:
        where.append(confidence_condition())
        params.append(f.min_confidence)
    if f.q:
        # Per column: DuckDB searches each column several times faster than their concatenation.
        where.append("(" + " OR ".join(f"contains(lower({c}), ?)" for c in TEXT_SEARCH_COLUMNS) + ")")
        params += [f.q.lower()] * len(TEXT_SEARCH_COLUMNS)
    return ("WHERE " + " AND ".join(where)) if where else "", params


def count_events(cur: duckdb.DuckDBPyConnection, f: EventFilters) -> int:
    where, params = event_where(f)
    return int(cur.execute(f"SELECT count(*) FROM events {where}", params).fetchone()[0])


def list_events(
    cur: duckdb.DuckDBPyConnection, f: EventFilters, sort: SortField, order: Order, limit: int, offset: int
) -> list[dict[str, Any]]:
    where, params = event_where(f)
    direction = "ASC" if order is Order.asc else "DESC"
    sql = (
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {where} "
        f"ORDER BY {sort.value} {direction} NULLS LAST, id LIMIT ? OFFSET ?"
    )
    return _rows(cur, sql, params + [limit, offset])


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _rows(cur, f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ?", [event_id])
    if not rows:
        return None
    event = rows[0]
    event["mentions"] = _rows(cur, MENTION_DETAIL_SQL, [event_id])
    return event


def search_actors(
    cur: duckdb.DuckDBPyConnection, q: str | None, country: str | None, limit: int
) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append("(starts_with(upper(code), ?) OR contains(lower(coalesce(name, '')), ?))")
        params += [q.upper(), q.lower()]
    if country:
        where.append("country = ?")
        params.append(country)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    sql = (
        f"SELECT code, name, country, sector, num_mentions FROM actors {clause} "
        "ORDER BY num_mentions DESC NULLS LAST, code LIMIT ?"
    )
    return _rows(cur, sql, params + [limit])


def dyad_timeline(
    cur: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    level: Level,
    interval: Interval,
    date_from: date | None,
    date_to: date | None,
) -> dict[str, list[dict[str, Any]]]:
    """Per-period Goldstein sum/mean and quad-class counts of a->b and b->a events."""
    src, tgt = _actor_columns(level)
    where, params = _date_conditions(date_from, date_to)
    where = ["event_date IS NOT NULL", f"(({src} = ? AND {tgt} = ?) OR ({src} = ? AND {tgt} = ?))", *where]
    sql = f"""
        SELECT {src} = ? AS forward, date_trunc('{interval.value}', event_date)::DATE AS period,
               count(*) AS count, coalesce(sum(goldstein), 0) AS goldstein_sum,
               avg(goldstein) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class = 1) AS quad1,
               count(*) FILTER (WHERE quad_class = 2) AS quad2,
               count(*) FILTER (WHERE quad_class = 3) AS quad3,
               count(*) FILTER (WHERE quad_class = 4) AS quad4
        FROM events WHERE {" AND ".join(where)}
        GROUP BY ALL ORDER BY period"""
    rows = _rows(cur, sql, [a, a, b, b, a, *params])
    out: dict[str, list[dict[str, Any]]] = {"a_to_b": [], "b_to_a": []}
    for row in rows:
        forward = row.pop("forward")
        out["a_to_b" if forward else "b_to_a"].append(row)
    if a == b:
        out["b_to_a"] = list(out["a_to_b"])
    return out


def _edge_aggregate_sql(level: Level, conditions: list[str]) -> str:
    src, tgt = _actor_columns(level)
    where = [f"{src} IS NOT NULL", f"{tgt} IS NOT NULL", f"{src} <> {tgt}", *conditions]
    return f"""
        SELECT {src} AS source, {tgt} AS target, count(*) AS count,
               coalesce(sum(num_mentions), count(*))::BIGINT AS mentions,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               coalesce(sum(goldstein), 0) AS goldstein_sum, avg(goldstein) AS goldstein_mean
        FROM events WHERE {" AND ".join(where)}
        GROUP BY ALL"""


def prepare_generation(con: duckdb.DuckDBPyConnection) -> None:
    """Aggregate the all-time dyads of each level into the generation's in-memory database.

    Grouping a million events by dyad takes ~150 ms here, and the all-time network is the dashboard's first
    view, so it is done once per snapshot, not per request. A snapshot never changes, so these never go stale.
    """
    for level in Level:
        con.execute(
            f"CREATE OR REPLACE TABLE {DYAD_TOTALS_TABLE.format(level=level.value)} AS "
            + _edge_aggregate_sql(level, [])
        )


def _has_dyad_totals(cur: duckdb.DuckDBPyConnection, level: Level) -> bool:
    name = DYAD_TOTALS_TABLE.format(level=level.value).split(".")[-1]
    return bool(
        cur.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'memory' AND table_name = ?", [name]
        ).fetchone()[0]
    )


def network(
    cur: duckdb.DuckDBPyConnection,
    level: Level,
    date_from: date | None,
    date_to: date | None,
    min_weight: int,
    max_edges: int,
    actor: str | None,
) -> dict[str, Any]:
    """Directed, weighted edges between actors (self-loops left out) and the nodes they touch."""
    conditions, inner_params = _date_conditions(date_from, date_to)
    outer, outer_params = ["count >= ?"], [min_weight]
    use_totals = not conditions and _has_dyad_totals(cur, level)
    if actor and use_totals:
        outer.append("(source = ? OR target = ?)")
        outer_params += [actor, actor]
    elif actor:
        src, tgt = _actor_columns(level)
        conditions.append(f"({src} = ? OR {tgt} = ?)")
        inner_params += [actor, actor]
    edges_sql = (
        f"SELECT * FROM {DYAD_TOTALS_TABLE.format(level=level.value)}"
        if use_totals
        else _edge_aggregate_sql(level, conditions)
    )
    sql = (
        f"SELECT * FROM ({edges_sql}) WHERE {' AND '.join(outer)} ORDER BY count DESC, source, target LIMIT ?"
    )
    edges = _rows(cur, sql, [*inner_params, *outer_params, max_edges + 1])
    truncated = len(edges) > max_edges
    edges = edges[:max_edges]
    return {"edges": edges, "nodes": _network_nodes(cur, edges, level), "truncated": truncated}


def _network_nodes(
    cur: duckdb.DuckDBPyConnection, edges: list[dict[str, Any]], level: Level
) -> list[dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for key, field in ((edge["source"], "events_out"), (edge["target"], "events_in")):
            node = nodes.setdefault(
                key, {"id": key, "label": key, "country": None, "events_out": 0, "events_in": 0}
            )
            node[field] += edge["count"]
    if level is Level.country:
        for node in nodes.values():
            node["country"] = node["id"]
    elif nodes:
        rows = _rows(
            cur, "SELECT code, name, country FROM actors WHERE list_contains(?, code)", [list(nodes)]
        )
        for row in rows:
            node = nodes[row["code"]]
            node["label"] = row["name"] or row["code"]
            node["country"] = row["country"]
    return list(nodes.values())


def get_article(
    cur: duckdb.DuckDBPyConnection, article_id: str, event_id: str | None
) -> dict[str, Any] | None:
    rows = _rows(
        cur,
        "SELECT id, title, url, source, published, language, status, reason, text FROM articles WHERE id = ?",
        [article_id],
    )
    if not rows:
        return None
    article = rows[0]
    sql = (
        "SELECT id, event_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger, "
        "source_text, target_text FROM mentions WHERE article_id = ?"
    )
    params: list[Any] = [article_id]
    if event_id:
        sql += " AND event_id = ?"
        params.append(event_id)
    mentions = _rows(cur, sql + " ORDER BY sentence_start, trigger_start", params)
    article["spans"] = evidence_spans(article["text"] or "", mentions)
    return article


def _find_in_sentence(
    text: str, needle: str | None, lo: int, hi: int, avoid: tuple[int, int]
) -> tuple[int, int] | None:
    """Offsets of `needle` inside text[lo:hi], preferring an occurrence that does not overlap `avoid`."""
    if not needle:
        return None
    window = text[lo:hi]
    found: tuple[int, int] | None = None
    for haystack, probe in ((window, needle), (window.lower(), needle.lower())):
        pos = haystack.find(probe)
        while pos != -1:
            start, end = lo + pos, lo + pos + len(needle)
            if end <= avoid[0] or start >= avoid[1]:
                return start, end
            found = found or (start, end)
            pos = haystack.find(probe, pos + 1)
        if found:
            return found
    return None


def evidence_spans(text: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Trigger spans from their stored offsets; actor spans by finding the actor text inside the sentence
    (actor offsets are not stored)."""
    spans: list[dict[str, Any]] = []
    n = len(text)
    for m in mentions:
        ts, te = m["trigger_start"], m["trigger_end"]
        trigger_ok = ts is not None and te is not None and 0 <= ts < te <= n
        if trigger_ok:
            spans.append(
                {
                    "start": ts,
                    "end": te,
                    "kind": "trigger",
                    "text": text[ts:te],
                    "event_id": m["event_id"],
                    "mention_id": m["id"],
                }
            )
        lo = max(0, m["sentence_start"] or 0)
        hi = min(n, m["sentence_end"] if m["sentence_end"] is not None else n)
        avoid = (ts, te) if trigger_ok else (-1, -1)
        for kind in ("source", "target"):
            where = _find_in_sentence(text, m[f"{kind}_text"], lo, hi, avoid)
            if where:
                spans.append(
                    {
                        "start": where[0],
                        "end": where[1],
                        "kind": kind,
                        "text": text[where[0] : where[1]],
                        "event_id": m["event_id"],
                        "mention_id": m["id"],
                    }
                )
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return spans


def health(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = cur.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM mentions), "
        "(SELECT count(*) FROM articles)"
    ).fetchone()
    return {"events": int(counts[0]), "mentions": int(counts[1]), "articles": int(counts[2])}
