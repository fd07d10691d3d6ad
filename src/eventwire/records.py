"""Typed records passed between pipeline stages.

Article -> (spaCy Doc) -> ActorMention -> Event. Every Event carries its evidence: the sentence, its character
offsets in the article, the trigger and its offsets, and the rule that fired.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MODES = ("asserted", "negated", "future", "hypothetical", "claimed", "historical")


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None

    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Actor:
    """A resolved actor. `code` is CAMEO-style (country + sector, e.g. RUSGOV; IGO codes such as IGOUNO)."""

    text: str
    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    kind: str = "unknown"  # country | person | organization | agent | unknown
    start: int = -1  # character offsets in the article
    end: int = -1
    entity_type: str | None = None  # spaCy label for named entities not in the dictionaries

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "country": self.country, "sector": self.sector,
                "name": self.name}


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    latitude: float | None = None
    longitude: float | None = None
    feature: str | None = None  # city | country | region
    resolution: str | None = None  # clause | sentence | dateline | article | actor | target

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Event:
    article_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    source: Actor
    target: Actor | None
    cameo: str
    cameo_name: str | None
    plover: str | None
    plover_mode: str | None
    quad_class: int | None
    goldstein: float | None
    mode: str = "asserted"
    attributed_to: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_resolution: str | None = None  # day | month | year | published
    location: Location | None = None
    confidence: float = 0.5
    rule: str = ""
    quote: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def id(self) -> str:
        """Stable id of this mention: the same article, sentence, trigger and actors give the same id."""
        key = "|".join([
            self.article_id, str(self.sentence_start), str(self.trigger_start), self.cameo,
            self.source.code or self.source.text, (self.target.code or self.target.text) if self.target else "",
        ])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "mode": self.mode,
            "attributed_to": self.attributed_to,
            "date": self.date,
            "date_resolution": self.date_resolution,
            "location": self.location.to_dict() if self.location else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "quote": self.quote,
        }
