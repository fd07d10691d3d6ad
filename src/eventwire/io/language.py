"""Which language a text is in, well enough to keep non-English text away from the English coder.

A share of stop-words is crude but needs no model and no download.
"""

from __future__ import annotations

import re

# Frequent English function words; a text in English has a high share of them among its words.
ENGLISH_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "on",
        "it",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "he",
        "she",
        "they",
        "his",
        "her",
        "its",
        "be",
        "are",
        "were",
        "has",
        "have",
        "had",
        "not",
        "but",
        "this",
        "which",
        "an",
        "or",
        "will",
        "said",
        "who",
        "their",
        "been",
        "would",
        "after",
        "more",
        "also",
        "than",
        "into",
        "about",
        "over",
        "up",
    ]
)
# Function words of other frequent news languages, to name the language we guess.
OTHER_STOPWORDS = {
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "von",
            "den",
            "des",
            "sich",
            "auf",
            "für",
            "dem",
            "ein",
            "eine",
            "zu",
            "im",
            "auch",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "des",
            "est",
            "une",
            "un",
            "du",
            "dans",
            "pour",
            "pas",
            "que",
            "qui",
            "sur",
            "au",
            "avec",
            "ce",
            "sont",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "de",
            "que",
            "en",
            "un",
            "una",
            "por",
            "con",
            "para",
            "es",
            "del",
            "se",
            "al",
            "lo",
            "como",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "la",
            "di",
            "che",
            "e",
            "un",
            "una",
            "per",
            "non",
            "sono",
            "del",
            "della",
            "con",
            "gli",
            "le",
            "nel",
            "alla",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "e",
            "de",
            "que",
            "em",
            "um",
            "uma",
            "para",
            "com",
            "não",
            "do",
            "da",
            "no",
            "na",
            "por",
            "se",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "op",
            "te",
            "in",
            "niet",
            "met",
            "voor",
            "zijn",
            "er",
            "aan",
        ]
    ),
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS_FOR_GUESS = 5


def guess_language(text: str) -> str:
    """'en' when the text reads as English, else the best guess among a few languages, else 'unknown'.

    A stop-word share is crude but needs no model, and it is only used to keep non-English text out of the
    English coder."""
    words = [w.lower() for w in WORD.findall(text[:20_000])]
    if len(words) < MIN_WORDS_FOR_GUESS:
        return "en" if words and _ascii_share(text) > 0.95 else "unknown"
    english = sum(w in ENGLISH_STOPWORDS for w in words) / len(words)
    others = {lang: sum(w in stop for w in words) / len(words) for lang, stop in OTHER_STOPWORDS.items()}
    best_other = max(others, key=others.__getitem__)
    if english >= 0.12 and english >= others[best_other]:
        return "en"
    if others[best_other] >= 0.12:
        return best_other
    return "unknown"


def _ascii_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 0.0
