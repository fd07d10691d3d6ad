from __future__ import annotations

import pytest

from eventwire.events.mode import is_background, is_past_perfect, syntactic_mode


def token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text,word,mode", [
    ("Russia attacked Ukraine.", "attacked", "asserted"),
    ("Russia did not attack Ukraine.", "attack", "negated"),
    ("Russia refused to meet Ukraine.", "meet", "negated"),
    ("Russia will meet Ukraine.", "meet", "future"),
    ("Russia and Iran are expected to sign a deal.", "sign", "future"),
    ("Russia plans to withdraw its troops.", "withdraw", "future"),
    ("Russia could attack Ukraine.", "attack", "hypothetical"),
    ("Russia would retaliate if Ukraine attacked.", "retaliate", "hypothetical"),
])
def test_syntactic_mode(nlp, text, word, mode):
    assert syntactic_mode(token(nlp, text, word)) == mode


def test_background_history(nlp):
    assert is_background(token(nlp, "Iran has increased cooperation in the last few years with China.",
                               "increased"))
    assert is_background(token(nlp, "The US has sanctioned the airline since 2011.", "sanctioned"))
    assert not is_background(token(nlp, "The US sanctioned the airline on Monday.", "sanctioned"))
    assert is_past_perfect(token(nlp, "The deal had been agreed under Obama.", "agreed"))
