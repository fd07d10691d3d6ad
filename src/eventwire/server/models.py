"""Typed request and response bodies of the HTTP API (they make /openapi.json)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

MAX_CODE_TEXT_CHARS = 100_000


class Level(StrEnum):
    """How actors are grouped: by full actor code (RUSGOV) or by country (RUS)."""

    actor = "actor"
    country = "country"


class Interval(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class SortField(StrEnum):
    event_date = "event_date"
    goldstein = "goldstein"
    num_mentions = "num_mentions"
    num_articles = "num_articles"
    quad_class = "quad_class"
    cameo = "cameo"
    source_code = "source_code"
    target_code = "target_code"
    last_seen = "last_seen"


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


class ErrorBody(BaseModel):
    error: str = Field(description="Short name of the HTTP status, e.g. not_found")
    message: str = Field(description="What went wrong, in words")
    status: int


class ActorRef(BaseModel):
    code: str | None
    name: str | None
    country: str | None
    sector: str | None


class EventSummary(BaseModel):
    id: str
    date: str | None = Field(description="As resolved: YYYY-MM-DD, YYYY-MM or YYYY")
    event_date: dt.date | None = Field(description="First day of the resolved period")
    source: ActorRef
    target: ActorRef | None
    cameo: str | None
    cameo_root: str | None
    cameo_name: str | None
    plover: str | None
    quad_class: int | None = Field(
        description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"
    )
    goldstein: float | None
    mode: str | None
    location_name: str | None
    location_country: str | None
    latitude: float | None
    longitude: float | None
    num_mentions: int | None
    num_sources: int | None
    num_articles: int | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    sentence: str | None


class EventPage(BaseModel):
    total: int = Field(description="Number of events matching the filters")
    limit: int
    offset: int
    items: list[EventSummary]


class Mention(BaseModel):
    id: str
    article_id: str | None
    article_title: str | None
    article_url: str | None
    article_source: str | None
    published: dt.date | None
    sentence: str | None
    sentence_start: int | None
    sentence_end: int | None
    trigger: str | None
    trigger_start: int | None
    trigger_end: int | None
    source_text: str | None
    target_text: str | None
    mode: str | None
    attributed_to: str | None
    date_resolution: str | None
    confidence: float | None
    rule: str | None
    quote: str | None


class EventDetail(EventSummary):
    mentions: list[Mention]


class ActorOut(BaseModel):
    code: str
    name: str | None
    country: str | None
    sector: str | None
    num_mentions: int | None


class ActorList(BaseModel):
    items: list[ActorOut]


class TimelineBucket(BaseModel):
    period: dt.date = Field(description="First day of the day, ISO week (Monday) or month")
    count: int
    goldstein_sum: float
    goldstein_mean: float | None
    quad1: int = Field(description="Verbal cooperation events")
    quad2: int = Field(description="Material cooperation events")
    quad3: int = Field(description="Verbal conflict events")
    quad4: int = Field(description="Material conflict events")


class DyadTimeline(BaseModel):
    a: str
    b: str
    level: Level
    interval: Interval
    a_to_b: list[TimelineBucket]
    b_to_a: list[TimelineBucket]


class NetworkNode(BaseModel):
    id: str
    label: str
    country: str | None
    events_out: int
    events_in: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    count: int = Field(description="Events from source to target: the edge weight")
    mentions: int
    cooperation: int = Field(description="Events of quad class 1 or 2")
    conflict: int = Field(description="Events of quad class 3 or 4")
    goldstein_sum: float
    goldstein_mean: float | None


class Network(BaseModel):
    level: Level
    date_from: dt.date | None
    date_to: dt.date | None
    min_weight: int
    truncated: bool = Field(description="True when more edges matched than max_edges")
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class Span(BaseModel):
    start: int
    end: int
    kind: Literal["trigger", "source", "target"]
    text: str
    event_id: str | None
    mention_id: str


class ArticleOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    language: str | None
    status: str | None
    reason: str | None
    text: str | None
    spans: list[Span]


class CodeRequest(BaseModel):
    text: str = Field(
        min_length=1, description=f"The news story to code (at most {MAX_CODE_TEXT_CHARS} characters)"
    )
    published: dt.date | None = Field(default=None, description="Publication date; anchors relative dates")
    title: str | None = Field(default=None, max_length=1000)


class CodedActor(BaseModel):
    text: str
    code: str | None
    country: str | None
    sector: str | None
    name: str | None


class CodedLocation(BaseModel):
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    feature: str | None
    resolution: str | None


class CodedEvent(BaseModel):
    id: str
    article_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    source: CodedActor
    target: CodedActor | None
    cameo: str
    cameo_name: str | None
    plover: str | None
    plover_mode: str | None
    quad_class: int | None
    goldstein: float | None
    mode: str
    attributed_to: str | None
    date: str | None
    date_resolution: str | None
    location: CodedLocation | None
    confidence: float
    rule: str
    quote: str | None


class CodeResponse(BaseModel):
    count: int
    events: list[CodedEvent]
    elapsed_ms: float


class Health(BaseModel):
    status: Literal["ok"]
    events: int
    mentions: int
    articles: int
    snapshot: str
