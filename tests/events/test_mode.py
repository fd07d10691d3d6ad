from __future__ import annotations

import pytest

from eventwire.events.mode import has_ultimatum, is_background, is_past_perfect, is_refusal, own_intent, syntactic_mode


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
    # parsed as a clause of purpose, the infinitive on a verb of intent is still its complement
    ("Ethnic Albanians have sworn to fight until they gain control of villages.", "fight", "future"),
    ("Saudi Arabia mobilized groups to help the Palestinians.", "help", "asserted"),
    ("Russia could attack Ukraine.", "attack", "hypothetical"),
    ("Russia would retaliate if Ukraine attacked.", "retaliate", "hypothetical"),
    ("Britain mobilized reservists for a possible war against Iraq.", "war", "hypothetical"),
    ("The leaders discussed the planned summit.", "summit", "future"),
    ("No Coalition troops were injured.", "injured", "negated"),
    ("Syria says it is willing to withdraw its troops.", "withdraw", "future"),
])
def test_syntactic_mode(nlp, text, word, mode):
    assert syntactic_mode(token(nlp, text, word)) == mode


def test_background_history(nlp):
    assert is_background(token(nlp, "Iran has increased cooperation in the last few years with China.",
                               "increased"))
    assert is_background(token(nlp, "The US has sanctioned the airline since 2011.", "sanctioned"))
    assert not is_background(token(nlp, "The US sanctioned the airline on Monday.", "sanctioned"))
    assert is_past_perfect(token(nlp, "The deal had been agreed under Obama.", "agreed"))


def test_own_intent_refusal_and_ultimatum(nlp):
    assert own_intent(token(nlp, "Finland will give Tanzania a grant.", "give"))
    assert not own_intent(token(nlp, "Russia and Iran are expected to sign a deal.", "sign"))
    assert is_refusal(token(nlp, "Israel refused to meet Iran.", "meet"))
    assert is_refusal(token(nlp, "Syria will not accept refugees.", "accept"))
    assert not is_refusal(token(nlp, "Syria did not accept refugees.", "accept"))
    assert has_ultimatum(token(nlp, "Nigeria will withdraw its force unless the rebels agree.", "withdraw"))


def test_a_war_known_by_its_name_is_history_and_no_party(coder):
    from datetime import date

    from eventwire.records import Article

    text = ("Rouhani spoke at the annual commemoration of the eight-year Iran–Iraq War, which features military "
            "parades. Russia launched a war against Ukraine.")
    events = coder.code_article(Article("t", text, date(2019, 9, 23)))
    wars = {(e.source.code, e.target.code, e.mode) for e in events if e.trigger.lower().endswith("war")}
    assert ("IRN", "IRQ", "historical") in wars and ("RUS", "UKR", "asserted") in wars
    assert not any(e.source.code == "IRQ" and e.trigger != "War" for e in events)


def test_neither_nor_negates_and_makes_no_partners_of_the_subjects(coder):
    from datetime import date

    from eventwire.records import Article

    text = ("Neither the European Union nor the United States would endorse the result. "
            "Neither Russia nor China attacked Ukraine.")
    events = coder.code_article(Article("t", text, date(2019, 9, 23)))
    attacks = {(e.source.code, e.mode) for e in events if e.cameo == "190"}
    assert attacks == {("RUS", "negated"), ("CHN", "negated")}
    assert not any(e.target is not None and e.target.code in ("USA", "IGOEUREEC") for e in events)


def test_being_prepared_to_act_is_a_plan(coder):
    from datetime import date

    from eventwire.records import Article

    events = coder.code_article(Article("t", "Bouteflika said he is prepared to lift the ban on Hamas.",
                                        date(1999, 9, 1)))
    assert {e.mode for e in events if e.cameo == "081"} == {"future"}
    assert any(e.cameo == "0351" for e in events)
