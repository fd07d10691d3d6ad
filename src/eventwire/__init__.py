"""eventwire: political event data (CAMEO, PLOVER) from news text, with the evidence for every event."""

from __future__ import annotations

from datetime import date

from eventwire.records import Actor, Article, Event, Location

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Coder", "Event", "Location", "code_text", "__version__"]


def __getattr__(name: str):
    # Importing the coder loads spaCy; keep `import eventwire` light until it is needed.
    if name == "Coder":
        from eventwire.pipeline import Coder

        return Coder
    raise AttributeError(name)


def code_text(text: str, published: date | str | None = None, article_id: str = "text") -> list[Event]:
    """Code one news text into events. Loads the default pipeline (cached per process by Coder.default())."""
    from eventwire.pipeline import Coder

    if isinstance(published, str):
        published = date.fromisoformat(published)
    return Coder.default().code_article(Article(id=article_id, text=text, published=published))
