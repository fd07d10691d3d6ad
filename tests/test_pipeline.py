"""Rules the pipeline applies after extraction, tested on records and on real sentences."""

from __future__ import annotations

from datetime import date

from eventwire.pipeline import placed
from eventwire.records import Actor, Article, Location

ISIS = Actor("ISIS", "IMGINSISI", None, "INS", "Islamic State", "organization", 0, 4)


def test_transnational_group_takes_the_country_of_the_event():
    assert placed(ISIS, Location("Raqqa", "SYR", 35.9, 39.0, "city", "clause")).country == "SYR"
    assert placed(ISIS, None).country is None
    russia = Actor("Russia", "RUS", "RUS", None, "Russia", "country", 0, 6)
    assert placed(russia, Location("Kyiv", "UKR")) is russia


def test_a_ban_on_a_foreign_party_is_a_sanction_and_a_domestic_one_is_not(coder):
    text = "Germany banned Iranian airline Mahan Air. Turkey banned the PKK."
    events = coder.code_article(Article("bans", text, date(2019, 1, 23)))
    codes = {(e.source.country, e.cameo[:3], e.target.country if e.target else None) for e in events}
    assert ("DEU", "163", "IRN") in codes
    assert any(s == "TUR" and c.startswith("17") for s, c, _ in codes)
    foreign = next(e for e in events if e.source.country == "DEU")
    assert "foreign-target-163" in foreign.rule


def test_statement_events_keep_no_guessed_target(coder):
    events = coder.code_article(Article("s", "Erdogan spoke to reporters in Ankara about Syria.", date(2019, 10, 1)))
    assert all(e.cameo[:2] != "01" or "nearest" not in e.rule for e in events)


def test_an_actors_own_announcement_of_a_future_act_is_also_an_expressed_intent(coder):
    text = "Finland said it will give Tanzania a grant. Russia and Iran are expected to sign an agreement."
    events = coder.code_article(Article("intent", text, date(2019, 3, 1)))
    got = {(e.source.code, e.cameo, e.target.code if e.target else None, e.mode, e.plover) for e in events}
    assert ("FIN", "071", "TZA", "future", "AID") in got
    assert ("FIN", "0331", "TZA", "asserted", "AGREE") in got
    # a journalist's forecast is not the actors' own statement: no intent event
    assert not any(e.cameo.startswith("03") for e in events if e.source.country == "RUS")


def test_a_plan_stated_without_a_verb_of_saying_is_an_intent_and_a_condition_makes_it_a_threat(coder):
    text = ("Finland will give Tanzania a grant. Syria says it is willing to withdraw its troops from Lebanon. "
            "Nigeria announced that it will withdraw its force from Chad unless the rebels agree to a ceasefire.")
    events = coder.code_article(Article("plans", text, date(2019, 3, 1)))
    got = {(e.source.country, e.cameo[:2], e.target.country if e.target else None) for e in events
           if e.mode == "asserted"}
    assert ("FIN", "03", "TZA") in got
    assert ("SYR", "03", "LBN") in got
    assert ("NGA", "13", "TCD") in got
    threat = next(e for e in events if e.cameo.startswith("13"))
    assert "threat:stated-by-actor" in threat.rule and threat.trigger.startswith("withdraw")


def test_a_refusal_to_act_is_a_rejection(coder):
    text = "Syria said it will not accept any more refugees from Iraq. Israel refused to meet Iran."
    events = coder.code_article(Article("refusals", text, date(2019, 3, 1)))
    rejections = {(e.source.country, e.cameo, e.target.country if e.target else None) for e in events
                  if e.cameo.startswith("12")}
    assert ("SYR", "122", "IRQ") in rejections
    assert ("ISR", "125", "IRN") in rejections
    negated = next(e for e in events if e.source.country == "ISR" and e.mode == "negated")
    assert negated.cameo.startswith("04")  # the refused meeting itself stays, negated


def test_saying_another_actor_must_act_is_a_demand_and_should_an_appeal(coder):
    text = ("Russia said on Tuesday that Sudan must return a helicopter. "
            "The Red Cross said British forces should ensure security.")
    events = coder.code_article(Article("demands", text, date(2019, 3, 1)))
    got = {(e.source.country or e.source.name, e.cameo, e.target.country if e.target else None): e
           for e in events if "derived:obligation" in e.rule}
    assert ("RUS", "100", "SDN") in got
    assert got[("RUS", "100", "SDN")].trigger == "must return"
    assert any(code == "020" and target == "GBR" for (_, code, target) in got)


def test_partitive_phrases_stand_for_the_actors_they_count(coder):
    text = "A group of Moroccan diplomats held their first meeting with President Obama."
    events = coder.code_article(Article("group", text, date(2015, 3, 1)))
    assert ("MAR", "040", "USA") in {(e.source.country, e.cameo, e.target.country) for e in events}


def test_days_are_not_people_and_the_press_is_not_a_target(coder):
    text = "On Friday, Prime Minister Boris Johnson spoke to the press in London about Iran."
    events = coder.code_article(Article("press", text, date(2019, 10, 11)))
    assert not any(e.source.country == "VCT" or (e.target and e.target.country == "VCT") for e in events)
    assert not any(e.target and e.target.sector == "MED" for e in events)


def test_violence_happens_where_its_target_is_unless_the_clause_says_otherwise(coder):
    text = ("The Houthi movement in Yemen claimed responsibility. The Houthis attacked Saudi Arabia's oil "
            "facilities, officials in Yemen said. Israel has sent troops into southern Lebanon.")
    events = coder.code_article(Article("where", text, date(2019, 9, 15)))
    attack = next(e for e in events if e.cameo.startswith("19") and e.target and e.target.country == "SAU")
    # (no longer a fixed rule: the learned place ranker weighs the target's country, enrich/ranking.py)
    assert attack.location is not None and attack.location.resolution in ("target", "sentence", "article")
    troops = next(e for e in events if e.source.country == "ISR")
    assert troops.location.country == "LBN" and troops.location.resolution == "clause"


def test_protests_with_no_protesters_named_are_the_countrys_protesters_against_its_government(coder):
    text = "Anti-government protests continued in Baghdad on Friday."
    events = coder.code_article(Article("iraq", text, date(2019, 11, 1)))
    protest = next(e for e in events if e.cameo.startswith("14"))
    assert (protest.source.code, protest.target.code) == ("IRQPRO", "IRQGOV")
    assert "source:protesters" in protest.rule


def test_troops_sent_into_a_country_attack_it_and_troops_sent_to_one_protect_it(coder):
    text = ("Israel has sent troops into southern Lebanon. "
            "The United States committed to send more troops to Saudi Arabia.")
    events = coder.code_article(Article("troops", text, date(2024, 10, 11)))
    got = {(e.source.country, e.cameo, e.target.country, e.mode) for e in events if e.trigger.startswith("sen")}
    assert ("ISR", "190", "LBN", "asserted") in got
    assert ("USA", "074", "SAU", "future") in got
    # the stated plan is the specific intent: to provide military protection
    assert ("USA", "0334", "SAU", "asserted") in got


def test_an_event_dated_more_than_a_week_before_publication_is_background(coder):
    text = "On October 6, US President Donald Trump and Turkish President Recep Tayyip Erdogan spoke on the phone."
    old = coder.code_article(Article("call", text, date(2019, 10, 15)))
    fresh = coder.code_article(Article("call", text, date(2019, 10, 8)))
    assert old and {e.mode for e in old} == {"historical"}
    assert fresh and {e.mode for e in fresh} == {"asserted"}


def test_revoking_a_foreign_partys_permit_is_a_sanction(coder):
    text = "Germany banned Iranian airline Mahan Air. The German aviation office has suspended Mahan's permit."
    events = coder.code_article(Article("permit", text, date(2019, 1, 23)))
    assert ("DEU", "163", "IRN") in {(e.source.country, e.cameo, e.target.country) for e in events
                                    if e.trigger.startswith("suspended")}


def test_an_ethnic_group_is_coded_where_it_lives_and_a_hunger_strike_is_a_protest(coder):
    text = ("Serb forces killed three ethnic Albanians in a gunbattle in southeastern Serbia. "
            "Up to 1,000 ethnic Turks began a hunger strike on Monday to protest against Sweden's decision.")
    events = coder.code_article(Article("ethnic", text, date(1999, 3, 1)))
    killed = [e for e in events if e.trigger == "killed"]
    assert [(e.source.code, e.target.code) for e in killed] == [("SRBMIL", "SRB")]
    assert any(e.cameo == "142" for e in events)
    assert not any(e.cameo.startswith("19") and e.trigger.startswith("began") for e in events)


def test_a_group_without_a_country_takes_the_storys_place_when_its_sentence_names_none(coder):
    text = ("Turkey launched an offensive in northern Syria on Wednesday. Turkish troops entered Syria. "
            "The US had been allied with Kurdish groups in fighting ISIS.")
    events = coder.code_article(Article("kurds", text, date(2019, 10, 10)))
    got = {(e.source.country, e.cameo[:2], e.target.country if e.target else None) for e in events
           if e.trigger in ("allied", "fighting")}
    # the Kurds and the Islamic State are coded where the story is set, not with their opponent's country
    assert ("USA", "06", "SYR") in got and ("SYR", "06", "USA") in got  # an alliance in fighting: 062
    assert ("USA", "19", "SYR") in got
    assert ("SYR", "19", "SYR") in got  # the Kurds fight the Islamic State too, both in Syria
    assert not any(c == "19" and t == "USA" for _, c, t in got)  # the US does not fight itself
    fight = next(e for e in events if e.trigger == "fighting" and e.source.country == "USA")
    assert fight.location is not None and fight.location.country == "SYR"  # and so is the event
    kurds = next(e.target for e in events if e.trigger == "allied" and e.source.country == "USA")
    assert kurds.code == "KURREB" and kurds.sector == "REB"


def test_would_reports_a_plan_unless_a_condition_or_would_have_makes_it_hypothetical(coder):
    text = ("Trump announced US troops would be leaving Syria. "
            "If Turkey attacked, the US would impose sanctions on Turkey. "
            "Iran would have attacked Iraq.")
    events = coder.code_article(Article("would", text, date(2019, 10, 7)))
    modes = {(e.trigger.split()[0], e.mode) for e in events}
    assert ("leaving", "future") in modes
    # a stated plan is also the state's expressed intent to withdraw
    assert ("USAMIL", "0356", "SYR", "asserted") in {
        (e.source.code, e.cameo, e.target.country, e.mode) for e in events if e.trigger == "leaving"}
    assert ("impose", "hypothetical") in modes
    assert ("attacked", "hypothetical") in {(e.trigger, e.mode) for e in events if e.source.country == "IRN"}


def test_police_with_no_country_named_are_those_of_the_storys_place(coder):
    text = ("Harry Dunn died in a crash in Northamptonshire, England. The US embassy said Anne Sacoolas had "
            "diplomatic immunity. Police arrested two men in London. The embassy criticized the government.")
    events = coder.code_article(Article("police", text, date(2019, 10, 8)))
    arrests = [e for e in events if e.trigger == "arrested"]
    assert arrests and all(e.source.code == "GBRCOP" for e in arrests)
    # an embassy or a government may be foreign: no guess from the story's place
    assert not any(e.source.code.startswith("GBR") and e.trigger == "criticized" for e in events)


def test_habitual_would_is_what_happened_and_a_companys_rocket_test_is_no_military_posture(coder):
    text = "Russian troops would sometimes attack Ukrainian villages. SpaceX tested its Falcon Heavy rocket."
    events = coder.code_article(Article("habit", text, date(2019, 1, 10)))
    assert [(e.source.code, e.cameo, e.mode) for e in events] == [("RUSMIL", "190", "asserted")]


def test_a_media_outlet_that_reports_a_quotation_is_not_its_speaker(coder):
    text = ('According to the BBC, a spokesman expressed disappointment; "The UK government needs to bring '
            'forward a strong agenda."')
    events = coder.code_article(Article("bbc", text, date(2019, 10, 7)))
    assert not any(e.source.sector == "MED" for e in events)


def test_a_surname_that_several_former_office_holders_share_is_none_of_them(coder):
    events = coder.code_article(Article("khan", "British police shot Khan on London Bridge.", date(2019, 11, 30)))
    assert all(e.target is None or e.target.country != "PAK" for e in events)


def test_news_outlets_research_and_private_people_make_no_political_events(coder):
    text = ("Al Jazeera reported that Widodo was planning to meet the Malaysian king. "
            "The researchers examined three types of coral in reefs off the coast of Fiji. "
            "A bystander attempted to aid the passengers. "
            "The accident began, Florida Highway Patrol said, on Interstate 75. "
            "The White House released a summary of a phone call with Ukrainian President Volodymyr Zelensky. "
            "Mexico would seek to extradite the gunman.")
    events = coder.code_article(Article("noise", text, date(2019, 10, 10)))
    assert not any(e.target is not None and e.target.sector == "MED" for e in events)
    assert not any(e.cameo.startswith(("09", "07", "15", "08", "02")) for e in events), \
        [(e.source.code, e.cameo, e.trigger) for e in events]
    released = [e for e in events if e.trigger.startswith("released")]
    assert [e.cameo for e in released] == ["010"]  # a summary made public is a statement, not a release
    assert ("IDNGOV", "040", "MYSGOV") in {(e.source.code, e.cameo, e.target.code) for e in events}


def test_dismissals_recordings_prison_terms_and_anti_names_are_read_for_what_they_are(coder):
    text = ("After Mugabe fired his vice president, Zimbabwean troops fired on Mozambican protesters. "
            "CCTV captured their arrival at the building. "
            "A Zimbabwean judge sentenced the Zimbabwean opposition leader to a 47 month prison term. "
            "An anti-Houthi force attacked the Houthis in Yemen.")
    events = coder.code_article(Article("reads", text, date(2019, 10, 10)))
    got = {(e.trigger, e.cameo, e.source.code, e.target.code if e.target else None) for e in events}
    fired = [(t, c) for t, c, *_ in got if t == "fired"]
    assert fired == [("fired", "190")]  # on the protesters; dismissing a vice president is no attack
    assert not any(t.startswith("captured") for t, *_ in got)
    assert ("sentenced", "173", "ZWEJUD", "ZWEOPP") in got  # the person, not "prison"
    assert not any(s.startswith("YEM") and t == "attacked" for t, _, s, _ in got)


def test_unnamed_groups_of_states_are_parties_without_a_country(coder):
    text = 'Iranian President Hassan Rouhani said foreign powers should "get out of the region".'
    events = coder.code_article(Article("powers", text, date(2019, 9, 22)))
    appeal = next(e for e in events if e.source.code == "IRNGOV")
    assert appeal.cameo.startswith("02") and appeal.target.name == "foreign powers"
    assert appeal.target.country is None and appeal.target.code == "---"


def test_must_demands_and_needs_to_asks(coder):
    text = ('Erdogan said, "NATO needs to stand by us." '
            'Russia said Sudan must return the helicopter.')
    events = coder.code_article(Article("obligation", text, date(2019, 10, 10)))
    got = {(e.source.code, e.cameo, e.target.code) for e in events if "obligation" in e.rule}
    assert ("TURGOV", "020", "IGOWSTNAT") in got
    assert ("RUS", "100", "SDN") in got
    # what they are asked to do is the appeal's content, not an event of theirs
    assert not any(e.source.code in ("IGOWSTNAT", "SDN") for e in events)


def test_condolences_with_no_country_named_go_where_the_loss_happened(coder):
    text = ("Harry Dunn died in a crash in Banbury, near London. The US State Department gave its "
            '"deepest sympathies". Johnson said, "Our condolences to the family."')
    events = coder.code_article(Article("condolences", text, date(2019, 10, 8)))
    got = {(e.source.country, e.cameo[:2], e.target.country) for e in events if e.cameo == "018"}
    assert ("USA", "01", "GBR") in got


def test_supporting_a_side_is_material_support_and_supporting_rights_is_endorsement(coder):
    text = ("In 2015, Saudi Arabia started supporting the government of Abdrabbuh Mansur Hadi. "
            "Saudi Arabia has mobilized pressure groups to help support the rights of Palestinians.")
    events = coder.code_article(Article("support", text, date(2019, 9, 16)))
    got = {(e.source.code, e.cameo, e.target.country) for e in events if e.trigger.startswith("support")}
    assert ("SAU", "070", "YEM") in got
    assert ("SAU", "051", "PSE") in got


def test_a_statement_read_out_speaks_for_whoever_released_it(coder):
    text = ("On Friday, the Combined Joint Task Force released a statement about an attack on an Iraqi air base. "
            '"No Coalition troops were injured. We appreciate the Iraqi army\'s immediate response," read the '
            "statement.")
    events = coder.code_article(Article("statement", text, date(2019, 11, 9)))
    assert ("IGOCOAL", "051", "IRQMIL") in {(e.source.code, e.cameo, e.target.code) for e in events
                                            if e.trigger == "appreciate"}


def test_the_queen_is_britains_and_only_armed_forces_lay_sieges(coder):
    text = ("Yesterday, the United Kingdom's Queen Elizabeth II announced she will comply with the request of "
            "Prime Minister Boris Johnson. Turkey sentenced two smugglers for their roles in the events "
            "surrounding Kurdi's death. Russian troops surrounded Kyiv. Jamal Khashoggi lived in self-imposed "
            "exile in Virginia as a legal resident of the United States.")
    events = coder.code_article(Article("queen", text, date(2019, 8, 29)))
    got = {(e.source.code, e.cameo[:3], e.target.country if e.target else None) for e in events}
    assert ("GBRGOV", "080", "GBR") in got  # not Saint Kitts and Nevis, another of her realms
    assert [(s, t) for s, c, t in got if c == "191"] == [("RUSMIL", "UKR")]
    assert not any(c == "174" for _, c, _ in got)


def test_the_cycle_collector_is_paused_while_a_coder_is_built_and_restored_after():
    import gc

    from eventwire.pipeline import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a host that had it off keeps it off
        with collector_paused():
            gc.enable()  # what srsly's msgpack loader does when spaCy loads a model
        assert not gc.isenabled()  # ... and still keeps it off
    finally:
        gc.enable()


def test_coders_keep_their_tables_in_the_users_cache_unless_told_not_to(coder, tmp_path, monkeypatch):
    from eventwire.pipeline import Coder, CoderConfig

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "eventwire" / "tables"
    Coder(CoderConfig(table_cache=False, event_model=None), nlp=coder.nlp)
    assert not folder.exists()
    first = Coder(CoderConfig(event_model=None), nlp=coder.nlp)
    # The phrase index is not kept for a pipeline the caller passed in: its tokenizer is not in the key.
    assert sorted(p.name.split("-")[0] for p in folder.iterdir()) == ["actors", "gazetteer"]
    second = Coder(CoderConfig(event_model=None), nlp=coder.nlp)  # from the files
    article = Article(id="t1", title="", text="Israel sent troops into southern Lebanon on Tuesday, the army said.",
                      published=date(2024, 10, 1))
    expected = [e.cameo for e in coder.code_article(article)]
    assert expected and [e.cameo for e in first.code_article(article)] == expected
    assert [e.cameo for e in second.code_article(article)] == expected


def test_the_ages_tried_for_the_mode_fall_in_every_age_bucket():
    from eventwire.events.candidates import age_bucket
    from eventwire.pipeline import AGE_EXAMPLES

    every = {age_bucket(None)} | {age_bucket(days) for days in range(-1000, 20000)}
    assert {age_bucket(days) for days in AGE_EXAMPLES} == every


def test_the_learned_mode_is_the_mode_of_the_mode_features_with_or_without_the_date(model_coder):
    """Coder.learned_mode leaves a candidate's date unresolved where the mode is the same at every age."""
    text = ("Finland said on Monday it will give Tanzania a grant. Russia and Iran are expected to sign an agreement. "
            "In 2015, Iran had accused Saudi Arabia of supporting terrorists. Iran did not attack Iraq yesterday. "
            "The US imposed sanctions on Venezuela last week, and Venezuela condemned the sanctions.")
    reading = model_coder.read(model_coder.nlp(text), Article("modes", text, date(2019, 3, 1)))
    candidates = [c for _, _, cands in model_coder.proposals(reading) for c in cands]
    assert len(candidates) > 10
    model = model_coder.event_model
    for cand in candidates:
        assert model_coder.learned_mode(cand, reading) == model.mode_of(model_coder.mode_features(cand, reading))[0]
