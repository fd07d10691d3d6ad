from __future__ import annotations

from eventwire.io.validate import MAX_ARTICLE_CHARS, article_problem
from eventwire.records import Article


def test_good_article_passes():
    assert article_problem(Article("a", "Russia and Iran signed an agreement on Friday in Moscow.")) is None


def test_empty():
    assert article_problem(Article("a", "   \n")) == "empty text"


def test_too_large():
    assert "too large" in article_problem(Article("a", "word " * (MAX_ARTICLE_CHARS // 4)))


def test_binary():
    assert "binary" in article_problem(Article("a", "abc\x00\x01\x02" * 100))


def test_not_english():
    text = "Der russische Präsident traf sich am Freitag mit dem iranischen Präsidenten in Aschgabat."
    assert "not English" in article_problem(Article("a", text))
