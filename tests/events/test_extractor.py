"""Source and target from syntax, with a small trigger dictionary of the test's own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.resolver import ArticleContext
from eventwire.events import syntax
from eventwire.events.extractor import EventExtractor
from eventwire.events.triggers import TriggerDictionary
from eventwire.records import Article

TRIGGERS = """trigger\tpos\tcameo\tobject\ttarget_preps\tflags\tnote
meet\tVERB\t040\t\twith\tsymmetric\t
attack\tVERB\t190\t\t\t\t
criticize\tVERB\t111\t\t\t\t
impose\tVERB\t163\tsanction\ton|against\t\t
invasion\tNOUN\t192\t\t\t\t
talk\tNOUN\t040\t\t\tsymmetric\t
accuse\tVERB\t112\t\t\tspeech\t
arm\tVERB\t072\t\t\t\t
agree\tVERB\t030\t\t\t\t
reject\tVERB\t124\tappeal|request\t\tnegative\t
fight\tVERB\t190\t\twith|against\tsymmetric\t
clash\tVERB\t190\t\twith|against\tsymmetric\t
"""


@pytest.fixture(scope="module")
def extract(coder, tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("t")) / "triggers.tsv"
    path.write_text(TRIGGERS, encoding="utf-8")
    extractor = EventExtractor(TriggerDictionary.load(path), coder.resolver)

    def run(text: str):
        doc = coder.nlp(text)
        ctx = ArticleContext(published=date(2024, 10, 11), names=coder.names.find(doc))
        out = []
        for sent in doc.sents:
            for f in extractor.extract(sent, ctx).frames:
                out.append((f.source.code, f.pattern.cameo, f.target.code if f.target else None, f.mode))
        return out

    return run


def test_active_voice(extract):
    assert ("RUS", "190", "UKR", "asserted") in extract("Russia attacked Ukraine on Monday.")


def test_passive_voice_with_agent(extract):
    assert ("RUS", "190", "UKR", "asserted") in extract("Ukraine was attacked by Russia on Monday.")


def test_compound_subject_gives_one_event_each_and_both_directions(extract):
    got = extract("Russia and Iran met in Ashgabat.")
    assert ("RUS", "040", "IRN", "asserted") in got
    assert ("IRN", "040", "RUS", "asserted") in got


def test_coordinated_adjectives_in_one_phrase_agree_with_each_other(extract):
    got = extract("The Turkish and Greek sides agreed to share power.")
    assert ("TUR", "030", "GRC", "asserted") in got
    assert ("GRC", "030", "TUR", "asserted") in got


def test_the_target_of_a_rejected_appeal_is_whoever_made_it(extract):
    assert ("LBN", "124", "IGOUNO", "asserted") in extract("Lebanon rejected a United Nations appeal on Thursday.")
    assert ("LBN", "124", "FRAGOV", "asserted") in extract("Lebanon rejected a request from President Macron.")


def test_with_several_bystanders_a_cooperative_event_gets_no_guessed_target(extract):
    # two other actors and no syntactic partner: no guess for an agreement ...
    assert ("RUS", "030", None, "asserted") in extract(
        "Russia agreed to share power in Syria as Turkey watched.")
    # ... but an attack still takes the nearest actor after its trigger
    got = extract("Russia attacked on Monday near Kharkiv, Ukraine, as Turkey watched.")
    assert any(s == "RUS" and c == "190" and t == "UKR" for s, c, t, _ in got)


def test_prepositional_target_and_apposition(extract):
    got = extract("Iranian President Masoud Pezeshkian met with Turkish officials.")
    assert ("IRNGOV", "040", "TURGOV", "asserted") in got


def test_object_constrained_verb_takes_target_from_preposition(extract):
    assert ("USA", "163", "IRN", "asserted") in extract("The United States imposed sanctions on Iran.")


def test_noun_trigger_with_possessive_source(extract):
    assert ("RUS", "192", "UKR", "asserted") in extract("Russia's invasion of Ukraine continued.")


def test_talks_between(extract):
    got = extract("Talks between Armenia and Azerbaijan resumed.")
    assert ("ARM", "040", "AZE", "asserted") in got
    assert ("AZE", "040", "ARM", "asserted") in got


def test_negated_future_hypothetical(extract):
    assert ("RUS", "190", "UKR", "negated") in extract("Russia did not attack Ukraine.")
    assert ("RUS", "190", "UKR", "future") in extract("Russia will attack Ukraine.")
    assert ("RUS", "190", "UKR", "hypothetical") in extract("Russia could attack Ukraine.")


def test_relative_clause_subject(extract):
    got = extract("Germany, which criticized Russia, is a member of NATO.")
    assert ("DEU", "111", "RUS", "asserted") in got


def test_reported_speech_content_is_claimed(extract):
    got = extract("The United States accused Iran of arming Russia.")
    assert ("USA", "112", "IRN", "asserted") in got
    assert ("IRN", "072", "RUS", "claimed") in got


def test_pronoun_coreference(extract):
    got = extract("Russian President Vladimir Putin arrived in Ashgabat. He met Iranian President Masoud "
                  "Pezeshkian.")
    assert ("RUSGOV", "040", "IRNGOV", "asserted") in got


def test_participle_on_a_message_belongs_to_the_poster(coder):
    from datetime import date

    from eventwire.records import Article

    text = "US Secretary of State Mike Pompeo posted a message on Twitter blaming Iran for the attacks on Saudi Arabia."
    events = coder.code_article(Article("t", text, date(2019, 9, 15)))
    got = {(e.source.code, e.cameo[:2], e.target.code if e.target else None, e.mode) for e in events}
    assert ("USAGOV", "11", "IRN", "asserted") in got  # Pompeo blames, not Twitter
    assert ("IRN", "19", "SAU", "claimed") in got  # the accused is said to have attacked


def test_withdrawing_from_a_treaty_with_a_country_targets_that_country(coder):
    from datetime import date

    from eventwire.records import Article

    text = "US President Donald Trump withdrew the US from a nuclear treaty with Iran."
    events = coder.code_article(Article("t", text, date(2019, 1, 23)))
    got = {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events}
    assert ("USAGOV", "161", "IRN") in got
    assert not any(t == "USA" for _, _, t in got)  # the thing withdrawn is not the target


def test_an_allegation_targets_the_one_it_is_about(coder):
    from datetime import date

    from eventwire.records import Article

    text = "The United States alleged that Iran had supplied drones to Russia."
    events = coder.code_article(Article("t", text, date(2024, 1, 1)))
    got = {(e.source.code, e.cameo[:2], e.target.code if e.target else None, e.mode) for e in events}
    assert ("USA", "11", "IRN", "asserted") in got
    assert ("IRN", "07", "RUS", "claimed") in got


def test_a_participle_mistaken_for_the_subject_gives_way_to_its_own_subject(coder):
    text = "The Red Cross operating in Iraq said US and British forces must ensure security."
    events = coder.code_article(Article("rc", text, date(2003, 4, 1)))
    demands = {(e.source.name, e.target.country) for e in events if e.cameo == "100"}
    assert {t for _, t in demands} == {"USA", "GBR"}
    assert {name for name, _ in demands} == {"ICRC"}


def test_a_measured_quantity_of_aid_is_aid(coder):
    events = coder.code_article(Article("aid", "Swiss doctors handed over 700 kg of medicine to Iran.",
                                        date(2004, 1, 1)))
    assert any(e.cameo.startswith("07") and e.target.country == "IRN" for e in events)


def test_a_guessed_target_is_never_inside_the_sources_own_description(coder):
    text = ("Brett McGurk, who was the special envoy to the coalition against ISIL until December, "
            "also criticized the decision.")
    events = coder.code_article(Article("mcgurk", text, date(2019, 10, 14)))
    assert not any(e.target is not None and "ISIL" in e.target.text for e in events)


def test_seconding_a_proposal_endorses_whoever_made_it(coder):
    events = coder.code_article(Article("g7", "Merkel seconded Macron's recommendation.", date(2019, 8, 23)))
    assert ("DEU", "051", "FRA") in {(e.source.country, e.cameo, e.target.country) for e in events}


def test_a_participle_on_the_recipients_belongs_to_them(coder):
    text = "The United Nations will provide 25,000 tons of food aid to refugees fleeing the civil war in Liberia."
    events = coder.code_article(Article("wfp", text, None))
    assert not any(e.cameo.startswith("19") and e.source.code == "IGOUNO" for e in events)
    assert any(e.cameo == "0333" and e.source.code == "IGOUNO" for e in events)


def test_violence_with_no_attacker_named_is_coded_to_unidentified_armed_forces(coder):
    text = "Oil facilities belonging to Saudi Aramco were hit by drone strikes. Russia attacked Ukraine."
    events = coder.code_article(Article("uaf", text, date(2019, 9, 15)))
    unidentified = [e for e in events if e.source.code == "---UAF"]
    assert unidentified and all(e.target.country == "SAU" for e in unidentified)
    assert all("source:unidentified" in e.rule for e in unidentified)
    assert not any(e.source.code == "---UAF" and e.target.country == "UKR" for e in events)


def test_a_ban_with_no_agent_is_the_act_of_the_state_where_it_applies(coder):
    events = coder.code_article(Article("pkk", "The PKK is banned in Turkey.", date(2019, 10, 10)))
    ban = next(e for e in events if e.cameo.startswith("17"))
    assert (ban.source.country, ban.target.code) == ("TUR", "TURREB")
    assert "source:state-where-it-applies" in ban.rule


def test_a_bomb_that_kills_is_no_attacker(coder):
    events = coder.code_article(Article("iraq", "A roadside bomb killed one U.S. soldier near Samarra.",
                                        date(2005, 3, 1)))
    assert any(e.source.code == "---UAF" and e.target.country == "USA" for e in events)


def test_who_reports_an_attack_is_not_its_attacker(coder):
    text = "The coalition released a statement saying an attack hit an Iraqi air base."
    events = coder.code_article(Article("base", text, date(2019, 11, 10)))
    attacks = [e for e in events if e.cameo.startswith("19")]
    assert attacks and all(e.source.code == "---UAF" for e in attacks)


def test_no_attack_no_attacker(coder):
    for text in ("No Coalition troops were injured.", "ISIS has been defeated."):
        events = coder.code_article(Article("none", text, date(2019, 11, 10)))
        assert not any(e.source.code == "---UAF" for e in events), text


def test_an_unknown_facility_acted_on_in_a_country_is_that_countrys(coder):
    text = "The IAEA dispatched inspectors to Esfahan Uranium Conversion Facilities in central Iran."
    events = coder.code_article(Article("iaea", text, date(2005, 8, 8)))
    assert any(e.cameo.startswith("09") and e.target.country == "IRN" for e in events)


def test_saying_you_would_boycott_contacts_is_a_threat(coder):
    text = "Palestinian leaders said they would boycott all official contact with the United States."
    events = coder.code_article(Article("pal", text, date(2001, 1, 1)))
    assert any(e.cameo.startswith("13") and e.target.country == "USA" for e in events)


def test_a_demand_is_addressed_to_whoever_must_act(coder):
    text = ("The rebel Kurdistan Workers' Party issued a declaration demanding that the Turkish government "
            "provide information on its leader.")
    events = coder.code_article(Article("pkk", text, date(1999, 3, 1)))
    assert ("TURREB", "TURGOV") in {(e.source.code, e.target.code) for e in events if e.cameo.startswith("10")}


def test_the_objects_compound_names_the_more_specific_kind(coder):
    text = "Russia violated the ceasefire agreement with Ukraine signed in March 2015."
    events = coder.code_article(Article("cf", text, date(2015, 6, 1)))
    assert any(e.cameo == "196" for e in events)
    assert not any(e.cameo.startswith("14") for e in events)  # "March" is a month, not a march


def test_forcing_an_agency_out_expels_it(coder):
    events = coder.code_article(Article("unhcr", "Jakarta forced the UN refugee agency out of the country.",
                                        date(2000, 1, 1)))
    assert any(e.cameo == "166" and e.target.code.startswith("IGOUNO") for e in events)


def test_among_several_actors_a_guessed_target_is_the_one_the_trigger_acts_on(coder):
    text = ("The Security Council agreed to an extension of the mandate for the peacekeeping force in Lebanon "
            "despite Israel's wish for a shorter period.")
    events = coder.code_article(Article("unifil", text, date(2000, 1, 31)))
    agreed = [e for e in events if e.trigger.startswith("agreed")]
    assert [e.target.country for e in agreed] == ["LBN"]
    assert "target:nearest-actor" in agreed[0].rule


def test_conceding_to_demands_is_yielding_to_whoever_made_them(coder):
    text = "President Dos Sontas has conceded at last to demands from UNITA to overhaul the judiciary."
    events = coder.code_article(Article("ago", text, date(1995, 1, 1)))
    assert ("AGOGOV", "080", "AGOREB") in {(e.source.code, e.cameo, e.target.code if e.target else None)
                                          for e in events}


def test_the_target_or_victim_of_an_event_is_its_target(coder):
    events = coder.code_article(Article("victim", "Iran became the victim of Iraqi chemical attacks.",
                                        date(1988, 3, 20)))
    assert ("IRQ", "IRN") in {(e.source.code, e.target.code) for e in events if e.cameo.startswith("20")}


def test_a_definite_act_refers_back_to_the_one_coded_before(coder):
    text = ("French President Emmanuel Macron called for G7 action. The call was quickly seconded by German "
            "Chancellor Angela Merkel and British Prime Minister Boris Johnson.")
    events = coder.code_article(Article("g7", text, date(2019, 8, 23)))
    seconded = {(e.source.country, e.target.country) for e in events if e.cameo == "051"}
    # the call is Macron's; the two who seconded it are partners, not each other's targets
    assert seconded == {("DEU", "FRA"), ("GBR", "FRA")}


def test_claiming_responsibility_for_the_attacks_is_towards_their_target(coder):
    text = ("Drones attacked Saudi Aramco facilities in Abqaiq on Saturday. "
            "The Yemen-based Houthi movement claimed responsibility for the attacks.")
    events = coder.code_article(Article("aramco", text, date(2019, 9, 14)))
    assert ("YEMREB", "015", "SAU") in {(e.source.code, e.cameo, e.target.country) for e in events if e.target}


def test_declining_the_request_rejects_whoever_asked(coder):
    text = ("British police chief Nick Adderley wrote to the US Embassy in London asking to waive "
            "her immunity. The embassy declined the request.")
    events = coder.code_article(Article("dunn", text, date(2019, 10, 8)))
    assert any(e.cameo.startswith("12") and e.source.country == "USA" and e.target.country == "GBR"
               for e in events if e.target)


def test_the_operation_refers_back_to_the_last_violence_coded(coder):
    text = ("Turkey began a military offensive into Syria on Wednesday. "
            "The operation was condemned by the European Union.")
    events = coder.code_article(Article("op", text, date(2019, 10, 10)))
    condemned = [e for e in events if e.trigger.startswith("condemned")]
    assert [(e.source.code[:3], e.target.country) for e in condemned] == [("IGO", "TUR")]


def test_signing_a_named_bodys_agreement_is_towards_that_body(coder):
    text = ("Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin signed the African Continental Free "
            "Trade Area (AfCFTA) agreement.")
    events = coder.code_article(Article("afcfta", text, date(2019, 7, 7)))
    signed = {(e.source.code, e.target.code) for e in events if e.cameo == "057"}
    assert {("NGAGOV", "IGOAFRAFU"), ("BEN", "IGOAFRAFU")} <= signed
    # the body whose agreement it is does not sign back
    assert not any(source.startswith("IGO") for source, _ in signed)


def test_carrying_out_the_attack_again_is_against_the_same_target(coder):
    text = ("Drones attacked Saudi Aramco facilities in Abqaiq. "
            "The Houthi movement in Yemen said it had carried out the attack.")
    events = coder.code_article(Article("aramco2", text, date(2019, 9, 14)))
    carried = [e for e in events if e.trigger.startswith("carried")]
    assert [(e.source.code, e.target.country) for e in carried] == [("YEMREB", "SAU")]


def test_claiming_an_attack_is_a_claim_of_responsibility_and_the_attack_stays_an_event(coder):
    text = ("Drones attacked Saudi Aramco facilities in Abqaiq. "
            "The attack was claimed by the Houthi movement in Yemen, but Saudi Arabia blamed Iran.")
    events = coder.code_article(Article("aramco3", text, date(2019, 9, 14)))
    got = {(e.source.code, e.cameo, e.target.country if e.target else None) for e in events}
    assert ("YEMREB", "015", "SAU") in got
    # the attack itself is the claimant's claim
    attacks = [e for e in events if e.trigger == "attack" and e.source.code == "YEMREB"]
    assert attacks and all(e.mode == "claimed" and e.attributed_to == "YEMREB" for e in attacks)
    doc = coder.nlp(text)
    claimed = next(t for t in doc if t.lower_ == "claimed")
    hit = coder.extractor.match_verb(claimed)
    assert hit is not None and "object-event" in hit[0].flags


def test_refusing_or_yielding_despite_or_under_pressure_is_towards_whoever_pressed(coder):
    text = ("Vice-President Moody Awori has declined to resign despite growing pressure by the Kenya "
            "Anti-Corruption Commission. The government yielded under pressure from Washington.")
    events = coder.code_article(Article("kenya", text, date(2006, 2, 1)))
    got = {(e.cameo, e.target.country) for e in events if e.target}
    assert ("124", "KEN") in got and ("080", "USA") in got


def test_holding_thousands_of_civilians_is_detention(coder):
    text = "The Sri Lankan army has been holding thousands of Tamil civilians as human shields."
    frames = [f for s in coder.nlp(text).sents
              for f in coder.extractor.extract(s, ArticleContext(None, coder.names.find(s.doc))).frames]
    assert [(f.source.code, f.pattern.cameo, f.object_token.text) for f in frames] == [
        ("LKAMIL", "173", "civilians")]


def test_a_speaker_who_names_another_sides_violence_accuses_it(coder):
    text = ("The SDF said hundreds of fighters escaped following Turkish airstrikes. "
            "Iraqi police said a bomb exploded in Baghdad.")
    events = coder.code_article(Article("sdf", text, date(2019, 10, 14)))
    accusations = [(e.source.code, e.cameo, e.target.code) for e in events if "named-by-speaker" in e.rule]
    assert accusations == [("SYRREB", "1123", "TUR")]


def test_joining_an_organisation_is_an_agreement_with_it_and_not_with_the_other_joiners(coder):
    events = coder.code_article(Article("join", "Sweden and Finland joined NATO.", date(2024, 3, 7)))
    assert {(e.source.code, e.cameo, e.target.code) for e in events} == {
        ("SWE", "057", "IGOWSTNAT"), ("FIN", "057", "IGOWSTNAT")}


def test_an_election_rally_is_no_protest_and_taking_over_a_task_is_no_occupation(coder):
    text = ("Trump touts these operations in political rallies. Protesters held a rally against the war in Berlin. "
            "Turkey would also take over guarding captured fighters. Rebels took over the town of Kidal.")
    doc = coder.nlp(text)
    ctx = ArticleContext(None, coder.names.find(doc))
    got = {(f.trigger.text, f.pattern.cameo) for s in doc.sents for f in coder.extractor.extract(s, ctx).frames}
    # taking over a task is no occupation (the task itself, guarding prisoners, is detention)
    assert got == {("held", "141"), ("took", "192"), ("guarding", "173")}


def test_a_word_inside_an_office_title_is_no_event(coder):
    text = ("AU trade and industry commissioner Albert Muchanga spoke in Niamey. Liberian riot police dispersed "
            "the crowd. Turkish airstrikes hit Kobani.")
    doc = coder.nlp(text)
    ctx = ArticleContext(None, coder.names.find(doc))
    nouns = {f.trigger.text for s in doc.sents for f in coder.extractor.extract(s, ctx).frames
             if f.trigger.pos_ == "NOUN"}
    assert "trade" not in nouns and "riot" not in nouns
    assert "airstrikes" in nouns


def test_troops_leaving_a_country_withdraw_and_a_leader_leaving_a_city_does_not(coder):
    text = "U.S. troops left Iraq in 2011. Trump left Washington for Paris."
    events = coder.code_article(Article("left", text, date(2019, 11, 8)))
    assert {(e.source.code, e.cameo, e.target.country) for e in events} == {("USAMIL", "0874", "IRQ")}


def test_an_act_named_as_the_subject_stands_for_whoever_did_it(coder):
    text = "Germany on Monday banned Iranian airline Mahan Air. The ban followed discussions with the US."
    events = coder.code_article(Article("ban", text, date(2019, 1, 23)))
    assert ("DEU", "040", "USA") in {(e.source.code, e.cameo, e.target.code) for e in events
                                    if e.trigger == "discussions"}


def test_storms_attack_nobody_and_victims_are_not_attackers(coder):
    text = "Bermuda was rarely hit by hurricanes. Three civilians were killed in a bombing in Baghdad."
    events = coder.code_article(Article("storm", text, date(2019, 9, 1)))
    assert not any(e.target and e.target.country == "BMU" for e in events)
    bombing = [e for e in events if e.trigger == "bombing"]
    assert [(e.source.code, e.target.country) for e in bombing] == [("---UAF", "IRQ")]


def test_a_symmetric_relation_stated_in_the_passive_is_between_subject_and_partner(coder):
    text = "Russia is allied with Iran. Ukraine was attacked with drones."
    events = coder.code_article(Article("allied", text, date(2024, 10, 11)))
    got = {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events}
    assert ("RUS", "050", "IRN") in got and ("IRN", "050", "RUS") in got
    assert not any(e.source.country == "UKR" for e in events)  # an instrument is no partner


def test_a_relative_pronoun_beside_a_subject_of_its_own_is_the_clauses_object(coder):
    text = ("Turkey will take over guarding captured ISIS fighters in Syria which, the statement said, "
            "European nations have refused to repatriate.")
    doc = coder.nlp(text)
    ctx = ArticleContext(date(2019, 10, 7), coder.names.find(doc))
    frames = [f for s in doc.sents for f in coder.extractor.extract(s, ctx).frames]
    refusers = {f.source.name for f in frames if f.trigger.lemma_ in ("refuse", "repatriate")}
    assert refusers == {"Europe"}
    assert ("TUR", "173") in {(f.source.code, f.pattern.cameo) for f in frames if f.trigger.lemma_ == "guard"}


def test_fighting_someone_is_done_to_them_and_clashing_with_someone_is_mutual(extract):
    fought = extract("Russia fought Ukraine in the east.")
    assert ("RUS", "190", "UKR", "asserted") in fought
    assert not any(s == "UKR" for s, *_ in fought)
    clashed = extract("Armenia clashed with Azerbaijan.")
    assert ("ARM", "190", "AZE", "asserted") in clashed and ("AZE", "190", "ARM", "asserted") in clashed


def test_a_word_inside_a_name_is_no_trigger_and_demonstrating_that_is_no_protest(coder):
    text = ("The Committee to Protect Journalists condemned Turkey. No drugs have been demonstrated to work in "
            "Congo. Kenyan students demonstrated against the government.")
    doc = coder.nlp(text)
    ctx = ArticleContext(date(2019, 5, 1), coder.names.find(doc))
    got = {(f.trigger.text, f.pattern.cameo) for s in doc.sents for f in coder.extractor.extract(s, ctx).frames}
    assert not any(t == "Protect" for t, _ in got) and ("condemned", "111") in got
    assert [c for t, c in got if t == "demonstrated"] == ["141"]  # the protest, not the drug trial


def test_called_for_x_to_act_is_an_appeal_to_x_and_praise_on_twitter_is_not_about_twitter(coder):
    text = ("US President Trump has called for NATO members to increase military spending. "
            "Former CIA deputy director Michael Morell praised Mendez on Twitter.")
    events = coder.code_article(Article("appeal", text, date(2019, 1, 10)))
    assert ("USAGOV", "020", "IGOWSTNAT") in {(e.source.code, e.cameo, e.target.code) for e in events}
    assert not any(e.target is not None and e.target.name == "Twitter" for e in events)


def test_a_possessive_pronoun_gives_its_owners_country_to_an_agent(coder):
    events = coder.code_article(Article("its", "Russia said its troops would attack Ukraine.", date(2022, 2, 1)))
    assert ("RUSMIL", "190", "UKR", "future") in {(e.source.code, e.cameo, e.target.country, e.mode)
                                                  for e in events}


def test_what_an_appeal_asks_for_is_not_done_to_the_asker_nor_to_the_actor_itself(coder):
    text = "The UN called on Israel to withdraw. The US urged Iran to stop its attacks on shipping."
    doc = coder.nlp(text)
    ctx = ArticleContext(date(2019, 5, 1), coder.names.find(doc))
    frames = [f for s in doc.sents for f in coder.extractor.extract(s, ctx).frames]
    got = {(f.trigger.text, f.source.code, f.target.code if f.target else None) for f in frames}
    assert ("withdraw", "ISR", None) in got  # Israel is to withdraw: "call on X to" controls like "urge X to"
    assert ("stop", "IRN", None) in got  # neither "its" (Iran's own attacks) nor the asking US is the target


def test_a_phone_call_is_not_naming_and_a_date_is_no_particle(coder):
    text = 'Putin called Erdogan on Monday. Trump called the inquiry a "witch hunt".'
    events = coder.code_article(Article("calls", text, date(2019, 10, 7)))
    got = {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events}
    assert ("RUSGOV", "041", "TURGOV") in got
    assert not any(c.startswith("02") for _, c, _ in got)  # "on Monday" makes no "call on"
    assert not any(s == "USAGOV" and c == "041" for s, c, _ in got)


def test_claiming_responsibility_for_attacks_makes_them_the_claimants_claimed_attacks(coder):
    text = ("Drone attacks struck two Saudi Aramco oil facilities in Saudi Arabia on Saturday. "
            "The Yemen-based Houthi movement claimed responsibility for the attacks.")
    events = coder.code_article(Article("claim", text, date(2019, 9, 16)))
    got = {(e.trigger, e.source.code, e.cameo[:2], e.target.country, e.mode, e.attributed_to) for e in events}
    assert ("claimed responsibility", "YEMREB", "01", "SAU", "asserted", None) in got
    assert ("attacks", "YEMREB", "19", "SAU", "claimed", "YEMREB") in got


def test_a_coalition_joined_by_states_is_cooperation_with_its_founder_not_among_the_joiners(coder):
    text = ("Recently, the United States announced a naval coalition to patrol the Persian Gulf which was "
            "joined by Australia, Bahrain and the United Kingdom.")
    events = coder.code_article(Article("coalition", text, date(2019, 9, 22)))
    joined = {(e.source.code, e.cameo, e.target.code, e.mode) for e in events if e.trigger.startswith("joined")}
    # the relative clause hangs from "the Persian Gulf" in the parse; "joined" wants a coalition, which is the
    # United States' ("announced a coalition"); told as background ("recently"), it is history
    for member in ("AUS", "BHR", "GBR"):
        assert (member, "062", "USA", "historical") in joined
        assert ("USA", "062", member, "historical") in joined
    assert not any(s != "USA" and t != "USA" for s, _, t, _ in joined)


def test_the_place_of_an_embassy_is_not_a_guessed_target_but_a_forces_place_may_be(coder):
    text = ("Northamptonshire's chief constable Nick Adderley wrote to the US Embassy in London asking to "
            "waive her immunity. The Security Council today agreed to a six-month extension of the mandate for "
            "the peacekeeping force in Lebanon despite Israel's wish for a shorter period.")
    doc = coder.nlp(text)
    ctx = ArticleContext(date(2019, 10, 8), coder.names.find(doc))
    frames = [f for s in doc.sents for f in coder.extractor.extract(s, ctx).frames]
    asking = [f for f in frames if f.trigger.lower_ == "asking"]
    assert asking and all(f.target is None or f.target.country != "GBR" for f in asking)
    agreed = next(f for f in frames if f.trigger.lower_ == "agreed")
    assert agreed.target is not None and agreed.target.country == "LBN"


def test_coordinated_prepositions_each_name_a_partner(coder):
    text = ("Germany on Monday banned Iranian airline Mahan Air. The ban followed discussions within Europe and "
            "with the US.")
    events = coder.code_article(Article("within", text, date(2019, 1, 22)))
    partners = {e.target.name for e in events if e.trigger == "discussions" and e.source.country == "DEU"}
    assert partners == {"Europe", "United States"}


def test_a_ban_told_by_its_participle_is_the_act_of_the_state_where_it_applies(coder):
    text = "PKK is a banned militant organization in Turkey. The PKK, a banned group in Turkey, attacked Iraq."
    events = coder.code_article(Article("banned", text, date(2019, 10, 10)))
    bans = [(e.source.code, e.cameo[:2], e.target.code) for e in events if e.trigger == "banned"]
    assert bans == [("TUR", "17", "TURREB"), ("TUR", "17", "TURREB")]


def test_naming_a_group_as_terrorists_is_an_accusation_and_naming_a_successor_is_not(coder):
    text = ("The US designated the IRGC as a terrorist organization. "
            "Erdogan named both the PKK and the YPG as terrorists. Merkel named Scholz as her successor.")
    events = coder.code_article(Article("terror", text, date(2019, 10, 10)))
    got = {(e.source.code, e.cameo, e.target.code) for e in events}
    assert ("USA", "112", "IRNMIL") in got
    assert ("TURGOV", "112", "TURREB") in got and ("TURGOV", "112", "SYRREB") in got
    assert not any(s.startswith("DEU") for s, _, _ in got)
    assert all(t not in ("---INS",) for _, _, t in got)  # the label is not a party


def test_the_attacks_an_actor_is_blamed_for_keep_their_target(coder):
    text = ("Drone attacks struck two Saudi Aramco oil facilities in Saudi Arabia on Saturday. "
            "US Secretary of State Mike Pompeo blamed Iran for the attacks.")
    events = coder.code_article(Article("blame", text, date(2019, 9, 16)))
    accused = [(e.source.code, e.target.country, e.mode) for e in events if e.trigger == "attacks"]
    assert accused == [("IRN", "SAU", "claimed")]


def test_partners_in_an_activity_both_do_it(coder):
    text = "The US had been allied with Kurdish groups in fighting ISIS in Syria."
    doc = coder.nlp(text)
    ctx = ArticleContext(date(2019, 10, 10), coder.names.find(doc))
    fighters = {f.source.code for s in doc.sents for f in coder.extractor.extract(s, ctx).frames
                if f.trigger.lower_ == "fighting"}
    assert fighters == {"USA", "KURREB"}


def test_an_alliance_in_a_war_is_military_cooperation(coder):
    text = "The US had been allied with Kurdish groups in fighting ISIS. Russia is allied with Iran."
    events = coder.code_article(Article("war", text, date(2019, 10, 10)))
    allied = {(e.source.code, e.cameo, e.target.code) for e in events if e.trigger == "allied"}
    assert ("USA", "062", "KURREB") in allied and ("KURREB", "062", "USA") in allied
    assert ("RUS", "050", "IRN") in allied
    assert any("code:in-war-062" in e.rule for e in events)


def _coded(coder, text: str, published: date = date(2019, 10, 10)) -> set[tuple[str, str, str | None]]:
    events = coder.code_article(Article("t", text, published))
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events}


def test_a_group_that_names_its_members_stands_for_them(coder):
    got = _coded(coder, "The US has been encouraging allies such as Germany to restrict Mahan's operations. "
                        "Several countries, including France and Italy, condemned the attack on Syria.")
    assert ("USA", "020", "DEU") in got
    assert {s for s, c, _ in got if c == "111"} == {"FRA", "ITA"}
    got = _coded(coder, "Bolsonaro has opened the rainforest to farming, and his critics, which include "
                        "Greenpeace, blame him for the fires.")
    assert {s for s, c, _ in got if c == "112"} == {"NGOENVGRP"}


def test_a_subject_the_parser_hangs_from_an_auxiliary_is_the_verbs(coder):
    text = ("Mahan has been the subject of United States sanctions since 2011. "
            "The US has been encouraging allies such as Germany to restrict Mahan's operations.")
    assert ("USA", "020", "DEU") in _coded(coder, text)
    # "follows" mis-tagged as an auxiliary is no auxiliary: "It" is not who repeated the attempts
    doc = coder.nlp("It follows repeated failed attempts to obtain documents from the State Department.")
    verb = next(t for t in doc if t.lower_ == "repeated")
    assert verb.dep_ == "ROOT" and syntax.grammatical_subjects(verb) == []


def test_an_appeal_to_an_unknown_addressee_is_not_guessed_at_the_place_it_names(coder):
    got = _coded(coder, "With the US encouraging commercial entities to cease trading in Iran, German firms "
                        "have announced plans to pull out.")
    assert not any(c.startswith("02") for _, c, _ in got)


def test_counting_on_someone_to_act_is_an_appeal(coder):
    got = _coded(coder, 'NATO Secretary-General Jens Stoltenberg wrote, "I count on Turkey to act with restraint."')
    assert ("IGOWSTNAT", "020", "TUR") in got


def test_a_states_act_on_an_unnamed_group_of_the_public_is_on_its_own(coder):
    got = _coded(coder, "Brazilian President Jair Bolsonaro encouraged farmers to clear the forest. "
                        "Prime Minister Hubert Minnis of the Bahamas urged residents to evacuate.")
    assert ("BRAGOV", "020", "BRAAGR") in got and ("BHSGOV", "020", "BHSCVL") in got
    # violence is not: troops kill foreign civilians as well
    got = _coded(coder, "Zimbabwean troops killed farmers.")
    assert all(t != "ZWEAGR" for _, _, t in got)


def test_a_noun_followed_by_the_auxiliary_of_a_coordinated_clause_is_its_subject(coder):
    got = _coded(coder, "The statement said US troops had defeated ISIS and Turkey would be moving into Syria.")
    assert {t for s, c, t in got if c == "190"} and all(t != "TUR" for s, c, t in got if c == "190")
    got = _coded(coder, "Israel attacked Hamas and Hezbollah.")
    assert {t for _, c, t in got if c == "190"} == {"PSEREB", "LBNREB"}


def test_the_company_or_the_airline_is_the_organisation_named_before(coder):
    text = ("Germany has banned the Iranian airline Mahan Air. "
            '"The airline transports weapons and fighters, supporting the Iranian regime," Pompeo said.')
    events = coder.code_article(Article("t", text, date(2019, 10, 10)))
    assert [e.source.code for e in events if e.trigger.startswith("supporting")] == ["IRNBUS"]


def test_the_opposition_with_no_argument_is_a_party_not_an_event(coder):
    assert not any(c == "110" for _, c, _ in _coded(coder, "Syrian opposition & Turkish occupation"))
    got = _coded(coder, "Russia voiced its opposition to the NATO expansion. Iran's opposition to the US plan "
                        "was clear.")
    assert ("IRN", "110", "USA") in got


def test_an_agreement_cited_as_a_text_is_no_event(coder):
    got = _coded(coder, "Erdoğan cited Article 5 of the NATO treaty.")
    assert not any(c.startswith("05") for _, c, _ in got)
    assert any(c.startswith("05") for _, c, _ in _coded(coder, "Turkey and Russia signed a treaty on Monday."))


def test_a_predicate_adjective_with_its_preposition_is_a_stance(coder):
    got = _coded(coder, "Trump has been highly critical of NATO. Merkel said she was grateful to Russia. "
                        "Critical infrastructure of Iran was not damaged.")
    assert ("USAGOV", "111", "IGOWSTNAT") in got and ("DEUGOV", "051", "RUS") in got
    assert not any(c == "111" and t == "IRN" for _, c, t in got)
    got = _coded(coder, "YPG is the main fighting force of the SDF, largely Kurdish and, according to Turkey, "
                        "supportive of the PKK.")
    assert {(s, t) for s, c, t in got if c == "051"} == {("SYRREB", "TURREB")}


def test_they_in_a_quotation_are_not_the_speakers_side(coder):
    text = ("The United States blamed Iran for the attack. Iranian President Hassan Rouhani said: \"If they are "
            "truthful, they must not send weapons to the region.\"")
    got = _coded(coder, text)
    assert ("IRNGOV", "100", "USA") in got
    assert not any(s.startswith("IRN") and c.startswith("07") for s, c, _ in got)


def test_acting_at_the_invitation_or_request_of_a_party_is_its_appeal(coder):
    got = _coded(coder, "Coalition forces are in Iraq at the invitation of the Government of Iraq. "
                        "Russian troops entered Syria at the request of Assad.")
    assert ("IRQGOV", "020", "IGOCOAL") in got and ("SYRGOV", "020", "RUSMIL") in got


def test_the_one_a_report_is_according_to_is_no_guessed_target(coder):
    text = ("According to New Zealand Prime Minister Jacinda Ardern, the gunman had a licence for the firearms "
            "he used for the attack.")
    assert not any(t is not None and t.startswith("NZL") for _, _, t in _coded(coder, text))


def test_coordinated_subjects_named_with_the_are_not_each_others_guessed_targets(coder):
    got = _coded(coder, "Neither the European Union nor the United States would endorse the result.")
    assert not any(t in ("USA", "IGOEUREEC") for _, _, t in got)


def test_settlements_in_a_place_are_no_agreement(coder):
    got = _coded(coder, "Israel will evacuate all 21 settlements in the Gaza Strip in mid-August.")
    assert not any(c in ("057", "032") for _, c, _ in got)


def test_questioning_a_person_is_an_interrogation_and_questioning_a_claim_is_disapproval(coder):
    got = _coded(coder, "Russian President Vladimir Putin arrived in Warsaw. Polish police questioned him.")
    assert ("POLCOP", "091", "RUSGOV") in got
    got = _coded(coder, "Russia questioned the legitimacy of the Ukrainian election.")
    assert ("RUS", "110", "UKR") in got


def test_an_act_done_under_a_head_of_government_is_his_governments(coder):
    text = ("Last year US President Donald Trump withdrew the US from a nuclear treaty with Iran, which had been "
            "agreed under former US President Barack Obama.")
    got = _coded(coder, text, date(2019, 10, 10))
    assert ("USAGOV", "057", "IRN") in got and ("IRN", "057", "USAGOV") in got


def test_an_act_that_is_judged_is_not_the_judges(coder):
    got = _coded(coder, "The US praised the Iraqi investigation. We appreciate the Iraqi Security Forces "
                        "immediate response and investigation.")
    assert not any(s.startswith("USA") and c.startswith("09") for s, c, _ in got)


def test_whose_duty_it_is_to_act_and_the_country_named_in_the_same_sentence(coder):
    text = ("The US left. The SDF said an agreement has been reached with the Syrian government, whose duty it is "
            "to protect the country's borders.")
    got = _coded(coder, text)
    assert any(s == "SYRGOV" and c == "074" for s, c, _ in got)
    assert not any(c == "074" and t == "USA" for _, c, t in got)  # ... and "the country" is not the US


def test_the_place_a_moved_object_is_forced_out_of_is_no_target(coder):
    got = _coded(coder, "Jakarta forced the UN refugee agency, UNHCR, out of the country. US troops pulled out of "
                        "Syria. Russia pulled its troops out of Syria.", date(2005, 1, 1))
    assert ("IDN", "166", "IGOUNOREFHCR") in got and not any(t == "IDN" for _, _, t in got)
    assert ("USAMIL", "0874", "SYR") in got and ("RUSMIL", "0874", "SYR") in got


def test_named_wars_give_no_nationality_and_no_guessed_side(coder):
    got = _coded(coder, "Adam Kokesh, an Iraq War veteran, criticized the United States. The last draft in the "
                        "United States took place in 1973 during the Vietnam War.")
    assert not any(s == "IRQ" and c == "111" for s, c, _ in got)
    assert not any(c == "190" and t == "USA" for _, c, t in got)


def test_a_resignation_has_no_guessed_counterpart_and_unable_negates(coder):
    got = _coded(coder, "Ricardo Rosselló, Puerto Rico's governor, announced his resignation from the U.S. island "
                        "territory's top office.")
    assert not any(c == "0831" and t is not None for _, c, t in got)
    doc_events = coder.code_article(Article("t", "Russia was unable to attack Ukraine.", date(2019, 1, 1)))
    assert [e.mode for e in doc_events if e.cameo == "190"] == ["negated"]


def test_an_act_the_other_side_suppresses_is_not_the_suppressors(coder):
    got = _coded(coder, "This announcement cannot change the fact that the Hong Kong authorities have chosen to "
                        "suppress protests.")
    assert not any(s == "HKGGOV" and c.startswith("14") for s, c, _ in got)
    events = coder.code_article(Article("t", "This announcement cannot change the fact that the Hong Kong "
                                             "authorities have chosen to suppress protests.", date(2019, 10, 1)))
    assert {(e.source.code, e.mode) for e in events if e.cameo.startswith("14")} == {("HKGPRO", "asserted")}


def test_attacking_words_is_criticism_and_a_leaders_rally_is_no_protest(coder):
    got = _coded(coder, "Erdogan attacked the proclamation of Golan Heights as Israeli territory by US President "
                        "Donald Trump. Erdogan announced this change again in a rally on Friday, despite criticism "
                        "by the Greek foreign minister.")
    assert any(s == "TURGOV" and c == "111" for s, c, _ in got)
    assert not any(c.startswith("19") for _, c, _ in got)
    assert not any(c.startswith("14") or c.startswith("13") for _, c, _ in got)


def test_an_act_named_as_something_is_not_the_namers_and_platforms_are_channels(coder):
    got = _coded(coder, "Trump repeatedly called the Democrats' investigation a witch hunt, and on Twitter referred "
                        "to the vote as a hoax.")
    assert not any(s.startswith("USA") and c.startswith("09") for s, c, _ in got)
    assert not any(t is not None and t.startswith("USABUS") for _, _, t in got)


def test_an_event_noun_compounded_with_a_generic_head_names_the_act(coder):
    got = _coded(coder, "Russia launched a rescue operation in Syria. Qatar's emir launched a mediation effort "
                        "between the Emirates and Saudi Arabia. Japan sent an aid package to Nepal.")
    assert ("RUS", "073", "SYR") in got and not any(c == "190" for _, c, _ in got)
    assert {t for s, c, t in got if c == "045"} == {"ARE", "SAU"}
    assert [c for s, c, t in got if s == "JPN"] == ["070"]


def test_a_capital_naming_an_agreement_or_talks_is_the_venue_not_a_party(coder):
    got = _coded(coder, "Sweden joined the Paris Agreement. The Astana talks between Russia and Turkey failed.")
    assert not any(t == "FRA" for _, _, t in got) and not any("KAZ" in (s, t) for s, _, t in got)
    assert ("RUS", "046", "TUR") in got
    assert ("RUS", "057", "UKR") in _coded(coder, "Moscow signed a treaty with Kyiv.")


def test_nobody_acts_on_himself_and_an_old_surname_alone_is_nobody(coder):
    assert not any(t == "USAGOV" for _, _, t in _coded(coder, "Trump, also on Twitter, defended his decision."))
    got = _coded(coder, "President Levy Mwanawasa has reneged on his commitment to the Zambian people.",
                 date(2005, 1, 1))
    assert ("ZMBGOV", "120", "ZMBCVL") in got
    got = _coded(coder, "Another voice actor would list Sailor Neptune as a dream role, when asked at conventions.")
    assert not any(t is not None and t.startswith("HTI") for _, _, t in got)


def test_attacking_positions_is_still_violence_and_new_mexico_is_no_mexico(coder):
    got = _coded(coder, "Russian troops attacked Ukrainian positions near Kharkiv.")
    assert ("RUSMIL", "190", "UKR") in got
    doc = coder.nlp("Hunter retreated to New Mexico. New Zealand criticized Mexico.")
    countries = [m.entries[0].country for i, m in sorted(coder.names.find(doc).items()) if i == m.start]
    assert countries == ["NZL", "MEX"]


def test_a_person_owning_an_act_done_to_people_suffers_it_and_state_participles_are_no_events(coder):
    got = _coded(coder, "Pakistan's army chief ordered Imran Khan's arrest. Putin's attack on Ukraine was "
                        "condemned by France.", date(2023, 5, 10))
    assert ("PAKMIL", "173", "PAKOPP") in got and ("RUSGOV", "190", "UKR") in got
    got = _coded(coder, "The safe zone lies east of the Euphrates, which is territory controlled by the SDF. "
                        "Sanctions imposed by the US on Iran hurt its economy. The law would have allowed the "
                        "Chinese government to extradite people accused of crimes.")
    assert ("USA", "163", "IRN") in got
    assert not any(s.startswith("SYR") for s, _, _ in got) and not any(c == "112" for _, c, _ in got)


def test_a_bare_past_participle_complement_is_passive_and_by_names_its_agent(coder):
    got = _coded(coder, "Prime minister Hubert Minnis said that twenty people have been confirmed killed.")
    assert not any(c == "190" for _, c, _ in got)
    events = coder.code_article(Article("t", "Three US soldiers were reported killed by Russian troops.",
                                        date(2019, 10, 1)))
    assert {(e.source.code, e.target.code) for e in events if e.cameo == "190"} == {("RUSMIL", "USAMIL")}


def test_where_a_meeting_is_held_is_not_a_party(coder):
    got = _coded(coder, "Catholic bishops from around the world attended a summit in Rome. Putin attended a summit "
                        "in Turkmenistan with Iran's president.", date(2024, 10, 11))
    assert not any("ITA" in (s, t) or "TKM" in (s, t or "") for s, _, t in got)
    assert ("RUSGOV", "040", "IRNGOV") in got
