"""Which inputs must not be coded, and why: empty, binary, too large, or not English.

Every entry point asks `article_problem(article)` before coding, reports the reason with the input's name,
and goes on with the other inputs.
"""

from __future__ import annotations

from eventwire.records import Article

MAX_ARTICLE_CHARS = 1_000_000  # ~150k words; a news article is rarely over 20k characters
MIN_ENGLISH_SHARE = 0.12
ENGLISH_STOPWORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "at", "from",
    "it", "his", "he", "said", "has", "have", "are", "be", "an", "its", "were", "which", "not", "but",
    "this", "they", "their", "after", "been", "had", "who", "will", "also", "more", "would", "than", "over",
    "into", "about", "two", "against", "or", "new", "government", "president", "minister", "country",
    "people", "told", "since", "when", "while", "year", "years"
})


def english_share(text: str, sample_words: int = 400) -> float:
    words = [w.strip(".,;:!?\"'()[]").lower() for w in text.split()[:sample_words]]
    words = [w for w in words if w]
    if not words:
        return 0.0
    return sum(w in ENGLISH_STOPWORDS for w in words) / len(words)


def looks_english(text: str) -> bool:
    return english_share(text) >= MIN_ENGLISH_SHARE


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
    if len(text.split()) >= 8 and not looks_english(text):
        return "not English"
    return None
