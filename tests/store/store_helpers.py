"""Shared pieces for the store tests: hand-built events and a tiny rule-based stand-in for the coder.
(Imported as `store_helpers`, a name unique across tests/.)

The stand-in codes sentences of the form "<SRC> <verb> <TGT>." (actor codes as words), so tests control
exactly which events an article yields without loading spaCy. Tests of the real coder are marked slow."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from eventwire.records import Actor, Article, Event, Location

VERBS = {
    "accused": ("112", "Accuse", "ACCUSE", 3, -2.0),
    "attacked": ("190", "Use conventional military force", "ASSAULT", 4, -10.0),
    "met": ("040", "Consult", "CONSULT", 1, 1.0),
    "praised": ("051", "Praise or endorse", "SUPPORT", 1, 3.4),
}
SENTENCE = re.compile(r"([A-Z]{3}[A-Z]*) (\w+) ([A-Z]{3}[A-Z]*)(?: in ([A-Z]{3}))?\.")


def actor(code: str, start: int = -1) -> Actor:
    return Actor(text=code, code=code, country=code[:3], sector=code[3:] or None, name=code, kind="country",
                 start=start, end=start + len(code))


def make_event(article_id: str = "a1", source: str = "RUS", target: str | None = "UKR", verb: str = "accused",
               when: str | None = "2024-03-01", resolution: str | None = "day", location: str | None = None,
               confidence: float = 0.5, start: int = 0, mode: str = "asserted") -> Event:
    cameo, name, plover, quad, goldstein = VERBS[verb]
    sentence = f"{source} {verb} {target}."
    return Event(
        article_id=article_id, sentence=sentence, sentence_start=start, sentence_end=start + len(sentence),
        trigger=verb, trigger_start=start + len(source) + 1, trigger_end=start + len(source) + 1 + len(verb),
        source=actor(source, start), target=actor(target) if target else None, cameo=cameo, cameo_name=name,
        plover=plover, plover_mode=None, quad_class=quad, goldstein=goldstein, mode=mode, date=when,
        date_resolution=resolution,
        location=Location(name=location, country=location, feature="country") if location else None,
        confidence=confidence, rule="test",
    )


class StubCoder:
    """Codes "<SRC> <verb> <TGT> [in <LOC>]." sentences; counts the articles it coded."""

    def __init__(self) -> None:
        self.coded: list[str] = []

    def code_article(self, article: Article) -> list[Event]:
        self.coded.append(article.id)
        if "EXPLODE" in article.text:
            raise ValueError("stub coder cannot code this article")
        when = article.published.isoformat() if article.published else None
        return [make_event(article.id, m[1], m[3], m[2], when, "published" if when else None, m[4],
                           start=m.start()) for m in SENTENCE.finditer(article.text) if m[2] in VERBS]

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16
                      ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            yield article, self.code_article(article)


def article(article_id: str, text: str, published: date | None = date(2024, 3, 1),
            source: str | None = "wire-one") -> Article:
    return Article(id=article_id, text=text, published=published, source=source,
                   url=f"https://{source or 'example.org'}/{article_id}")


ENGLISH = "The minister said on Monday that the talks were over and that the country would respond. "


def news(article_id: str, *sentences: str, published: date | None = date(2024, 3, 1),
         source: str = "wire-one") -> Article:
    """An English-looking article (so article_problem lets it through) containing the given sentences."""
    return article(article_id, ENGLISH + " ".join(sentences), published, source)
