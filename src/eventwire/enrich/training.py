"""Training and measuring the date and place rankers on gold articles (the format of `eventwire eval`).

Every gold event with a date or a place is an example: its trigger and actors are the gold's, the candidates
are the ones the resolvers find for it, and a candidate is right when the scorer would count it right (the gold
date a prefix of the candidate's, the same country). `bench/enrich_cv.py` cross-validates by article;
`scripts/train_enrich.py` fits the shipped rankers on all of it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.enrich.locations import find_dateline
from eventwire.enrich.ranking import Candidate, EventFacts, Ranker, train_ranker
from eventwire.events.mode import is_background, is_past_perfect


@dataclass
class GoldArticle:
    article_id: str
    published: date
    text: str
    events: list[dict]
    doc: Doc | None = None


@dataclass
class Example:
    """One gold event's candidates (features, is right) for dates and places; None where the gold has none."""

    article_id: str
    dates: list[tuple[str, frozenset[str], bool]] | None = None  # (kind, features, is right)
    places: list[tuple[str, frozenset[str], bool]] | None = None
    facts: EventFacts = field(default_factory=EventFacts)


def read_gold(folders: Sequence[Path]) -> list[GoldArticle]:
    """Gold articles from folders holding `articles/ID.txt` and `gold/ID.json`."""
    out = []
    for folder in folders:
        for path in sorted((folder / "gold").glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            raw = (folder / "articles" / f"{gold['article_id']}.txt").read_text(encoding="utf-8")
            _, _, body = raw.partition("\n\n")
            out.append(GoldArticle(gold["article_id"], date.fromisoformat(gold["published"][:10]), body,
                                   gold["events"]))
    return out


def trigger_token(doc: Doc, text: str, sentence: str, trigger: str) -> Token | None:
    """The head word of a gold trigger ("the army moved" -> moved; "asks ... to investigate" -> asks)."""
    start = text.find(sentence)
    words = trigger.split("...")[0].strip()
    if start < 0 or not words:
        return None
    at = text.lower().find(words.lower(), start, start + len(sentence))
    if at < 0:
        return None
    span = doc.char_span(at, at + len(words), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def gold_facts(event: dict, trigger: Token) -> EventFacts:
    target = event.get("target") or {}
    return EventFacts(root=str(event.get("cameo") or "")[:2], source_country=(event.get("source") or {}).get("country"),
                      target_country=target.get("country"),
                      background=is_past_perfect(trigger) or is_background(trigger))


def actor_spans(event: dict, sentence: Span, is_place) -> list[tuple[int, int]]:
    """Character spans of the gold actors' mentions that are not place names themselves (a person's or an
    organisation's description: "US Ambassador to Germany"), as the coder excludes them."""
    out = []
    for actor in (event.get("source"), event.get("target")):
        mention = (actor or {}).get("text") or ""
        at = sentence.text.find(mention) if mention else -1
        if at >= 0 and is_place(mention) is None:
            out.append((sentence.start_char + at, sentence.start_char + at + len(mention)))
    return out


def date_right(gold: str, candidate: str) -> bool:
    return candidate[:len(gold)] == gold


def examples(coder, articles: Sequence[GoldArticle]) -> list[Example]:
    """The candidates of every gold event with a date or a place, labelled by the gold."""
    out = []
    for article in articles:
        doc = article.doc if article.doc is not None else coder.nlp(article.text)
        sentences = list(doc.sents)
        narrative = dict(zip((s.start for s in sentences), coder.dates.context_dates(doc, article.published),
                             strict=True))
        dateline = find_dateline(article.text)
        story_place = coder.locations.article_location(doc)
        for event in article.events:
            if not event.get("date") and not event.get("location"):
                continue
            trigger = trigger_token(doc, article.text, event["sentence"], event.get("trigger") or "")
            if trigger is None:
                continue
            sentence = trigger.sent
            facts = gold_facts(event, trigger)
            example = Example(article.article_id, facts=facts)
            if event.get("date"):
                found = coder.dates.date_candidates(sentence, trigger, article.published,
                                                    narrative.get(sentence.start), facts)
                example.dates = [(c.kind, c.features, date_right(str(event["date"]), c.value.value)) for c in found]
            gold_country = ((event.get("location") or {}).get("country") or "").upper()
            if gold_country:
                exclude = actor_spans(event, sentence, coder.locations.named_place)
                found = coder.locations.place_candidates(sentence, trigger, facts, dateline, exclude, story_place)
                example.places = [(c.kind, c.features, (c.value.country or "").upper() == gold_country) for c in found]
            out.append(example)
    return out


def accuracy(ranker: Ranker, groups: Sequence[list[tuple[str, frozenset[str], bool]] | None],
             places: bool = False) -> tuple[int, int]:
    """(right, total) of the ranker's choices over the examples' candidate groups (no candidate: wrong)."""
    right = total = 0
    for group in groups:
        if group is None:
            continue
        total += 1
        candidates = [Candidate(is_right, kind, features) for kind, features, is_right in group]
        chosen = ranker.choose_place(candidates) if places else ranker.choose(candidates)
        right += bool(chosen is not None and chosen.value)
    return right, total


def fit(found: Sequence[Example]) -> tuple[Ranker, Ranker]:
    """(date ranker, place ranker) fitted on the examples."""
    return (train_ranker([[(f, r) for _, f, r in e.dates] for e in found if e.dates]),
            train_ranker([[(f, r) for _, f, r in e.places] for e in found if e.places]))
