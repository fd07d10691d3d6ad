"""Exports of the store: CSV, JSONL and Parquet, in three layouts.

- plover:   one record per deduplicated event in a PLOVER-style JSON layout (event_type, mode, source/target
            actors with country and sector, location, CAMEO code, counts, and every mention as evidence).
            CSV cannot nest, so there the actors, location and CAMEO fields are flat columns and the evidence
            is the representative sentence.
- gdelt:    one row per event with GDELT 2.0 event-table column names (ActionGeo_CountryCode is ISO 3166
            alpha-3, not FIPS; GLOBALEVENTID is eventwire's stable hex event id).
- mentions: the flat mention rows (schema.MENTION_COLUMNS), one per sentence, the layout of `batch` output.

DuckDB writes the file (COPY ... TO) into a temporary name that is renamed over OUT when complete, so a failed
export never leaves a half-written file.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store.query import EventFilter, where_clause
from eventwire.store.schema import MENTION_COLUMNS

FORMATS = ("csv", "jsonl", "parquet")
LAYOUTS = ("plover", "gdelt", "mentions")

_ACTOR_STRUCT = "{{'code': e.{r}_code, 'country': e.{r}_country, 'sector': e.{r}_sector, 'name': e.{r}_name}}"

PLOVER_NESTED = f"""
SELECT e.id, e.date, e.event_date, e.plover AS event_type, e.plover_mode AS mode, e.mode AS modality,
       CAST(NULL AS VARCHAR[]) AS context,
       {_ACTOR_STRUCT.format(r='source')} AS source,
       CASE WHEN e.target_code IS NULL AND e.target_country IS NULL AND e.target_name IS NULL THEN NULL
            ELSE {_ACTOR_STRUCT.format(r='target')} END AS target,
       CASE WHEN e.location_name IS NULL THEN NULL ELSE
            {{'name': e.location_name, 'country': e.location_country, 'lat': e.latitude,
              'lon': e.longitude}} END AS location,
       {{'code': e.cameo, 'root': e.cameo_root, 'name': e.cameo_name, 'quad_class': e.quad_class,
         'goldstein': e.goldstein}} AS cameo,
       e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
       e.sentence AS text,
       (SELECT list({{'mention_id': m.id, 'article_id': m.article_id, 'url': a.url, 'published': m.published,
                      'sentence': m.sentence, 'sentence_start': m.sentence_start, 'trigger': m.trigger,
                      'confidence': m.confidence}}
                    ORDER BY m.confidence DESC, m.article_id, m.sentence_start)
        FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id) AS evidence
FROM events e"""

PLOVER_FLAT = """
SELECT e.id, e.date, e.event_date, e.plover AS event_type, e.plover_mode AS mode, e.mode AS modality,
       e.source_code, e.source_country, e.source_sector, e.source_name,
       e.target_code, e.target_country, e.target_sector, e.target_name,
       e.location_name, e.location_country, e.latitude, e.longitude,
       e.cameo, e.cameo_root, e.cameo_name, e.quad_class, e.goldstein,
       e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
       e.sentence AS text, e.article_id, e.source_url AS url
FROM events e"""

GDELT = """
SELECT e.id AS GLOBALEVENTID,
       CAST(strftime(e.event_date, '%Y%m%d') AS INTEGER) AS SQLDATE,
       CAST(strftime(e.event_date, '%Y%m') AS INTEGER) AS MonthYear,
       CAST(year(e.event_date) AS INTEGER) AS "Year",
       e.source_code AS Actor1Code, upper(e.source_name) AS Actor1Name, e.source_country AS Actor1CountryCode,
       e.source_sector AS Actor1Type1Code,
       e.target_code AS Actor2Code, upper(e.target_name) AS Actor2Name, e.target_country AS Actor2CountryCode,
       e.target_sector AS Actor2Type1Code,
       1 AS IsRootEvent, e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode,
       e.cameo_root AS EventRootCode,
       e.quad_class AS QuadClass, e.goldstein AS GoldsteinScale,
       e.num_mentions AS NumMentions, e.num_sources AS NumSources, e.num_articles AS NumArticles,
       e.location_name AS ActionGeo_FullName, e.location_country AS ActionGeo_CountryCode,
       e.latitude AS ActionGeo_Lat, e.longitude AS ActionGeo_Long,
       CAST(strftime(e.first_seen, '%Y%m%d') AS INTEGER) AS DATEADDED,
       e.source_url AS SOURCEURL
FROM events e"""

MENTIONS = ("SELECT " + ", ".join(f"m.{n}" for n, _ in MENTION_COLUMNS) + " FROM mentions m"
            " JOIN events e ON e.id = m.event_id")

ORDER_EVENTS = " ORDER BY e.event_date NULLS LAST, e.id"
ORDER_MENTIONS = " ORDER BY m.event_date NULLS LAST, m.article_id, m.sentence_start, m.id"


def export_query(layout: str, fmt: str, f: EventFilter | None = None) -> tuple[str, list[Any]]:
    """The SELECT (and parameters) that produces one layout; filters apply to the events."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    where, params = where_clause(f or EventFilter(), table="e")
    if layout == "mentions":
        return MENTIONS + where + ORDER_MENTIONS, params
    base = GDELT if layout == "gdelt" else PLOVER_FLAT if fmt == "csv" else PLOVER_NESTED
    return base + where + ORDER_EVENTS, params


def copy_options(fmt: str) -> str:
    if fmt == "csv":
        return "FORMAT csv, HEADER true"
    if fmt == "jsonl":
        return "FORMAT json"
    if fmt == "parquet":
        return "FORMAT parquet, COMPRESSION zstd"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export(con: duckdb.DuckDBPyConnection, out: str | os.PathLike[str], fmt: str, layout: str = "plover",
           f: EventFilter | None = None) -> int:
    """Write one layout of the store to `out`; returns the number of records written."""
    out_path = Path(out)
    options = copy_options(fmt)
    sql, params = export_query(layout, fmt, f)
    tmp = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex}.tmp")
    quoted = str(tmp).replace("'", "''")
    try:
        rows = con.execute(f"COPY ({sql}) TO '{quoted}' ({options})", params).fetchall()
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
    return int(rows[0][0]) if rows and rows[0] else 0
