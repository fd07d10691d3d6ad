"""Which inputs must not be coded, and why: empty, binary, too large, or not English.

Every entry point asks `article_problem(article)` before coding, reports the reason with the input's name,
and goes on with the other inputs.
"""

from __future__ import annotations

from eventwire.io.language import guess_language
from eventwire.records import Article

MAX_ARTICLE_CHARS = 1_000_000  # ~150k words; a news article is rarely over 20k characters
LONG_ENOUGH_TO_JUDGE = 60  # words; a shorter text with few English function words may be a headline


def looks_binary(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return True
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad > max(8, len(sample) // 100)


def article_problem(article: Article) -> str | None:
    """A short reason why `article` must not be coded, or None when it can be."""
    text = article.text
    if not text or not text.strip():
        return "empty text"
    if len(text) > MAX_ARTICLE_CHARS:
        return f"too large: {len(text):,} characters (limit {MAX_ARTICLE_CHARS:,})"
    if looks_binary(text):
        return "binary or undecodable content"
    if article.language and article.language not in ("en", "unknown"):
        return f"not English (language {article.language})"
    guessed = guess_language(text)
    if guessed not in ("en", "unknown"):
        return "not English"
    if guessed == "unknown" and len(text.split()) >= LONG_ENOUGH_TO_JUDGE:
        return "not English"
    return None
