"""The coder never fails on odd text, and every event it returns points at its own evidence."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.records import Article

WORDS = ["Russia", "Iran", "met", "attacked", "the", "said", '"', ",", "and", "he", "Putin", "Monday", "in", "Kyiv",
         "not", "will", "\n\n", "(", ")", "—", "2019", "last", "year", "troops", "into", "of", "'s", "they", "we",
         "sanctions", "on", "talks", "with", "accused", "denied", ".", "NATO", "Hamas", "Israel", "Gaza", "🙂"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=60),
       published=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1))))
def test_any_word_salad_codes_without_error_and_with_true_offsets(coder, words, published):
    text = " ".join(words)
    for event in coder.code_article(Article("fuzz", text, published)):
        assert text[event.sentence_start:event.sentence_end] == event.sentence
        assert event.sentence_start <= event.trigger_start < event.trigger_end <= event.sentence_end
        assert event.source.code
        assert event.cameo and event.cameo[:2].isdigit()
        assert event.mode in ("asserted", "negated", "future", "hypothetical", "claimed", "historical")
