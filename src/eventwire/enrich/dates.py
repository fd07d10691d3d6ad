"""The date of an event, resolved against the article's published date and the event the sentence reports
(candidates chosen by a `Ranker`, see ranking.py and docs/enrich.md).

Conventions (news style):
- a bare weekday ("on Monday", "late on Sunday") is the most recent such day on or before the published date;
  "last Monday" the Monday of the week before the published date's; "next Monday" the first one after it;
- "the weekend" is the latest one on or before the published date, "this weekend" the coming one;
- "the day before", "the previous day", "hours later" count from another date of the sentence, else from the
  narrative's date (the event the story reports), else from the published date;
- a sentence that states no date goes on at an older date an earlier sentence of its paragraph (line) stated
  ("was imprisoned until 1974. After his release, he led ..."; not once it says "now"), or at a later day the
  paragraph's main clauses moved on to ("Schiff yesterday questioned it. He called it a non-starter."), else
  at the narrative's date;
- a noun event's own description dates it before the verb that governs it ("released a summary of a call made
  late last July"); a day named next to its week or month is the date ("earlier this week on Wednesday");
- a month or day named without a year in a clause told in the simple past is the latest one on or before the
  published date ("was murdered in December"), in a paragraph gone back to another year that year's;
- background events (`EventFacts.background`) take a date their own sentence states, or the older date their
  paragraph has gone back to, or none; a past perfect that only shifts reported speech ("said it had carried
  out the attack") is no background;
- "today", "this morning", "last night" inside a quotation count from the day the words were said (the
  narrative's day), not from the published date;
- "yesterday"/"today"/"tonight"/"tomorrow" are days; "last week", "this week", "earlier this week" resolve to
  the month of that week (resolution "month": the week itself is not a value we can store);
- "earlier this month", "earlier in the month", "this month" -> the published month; "last month" -> the one
  before; "last year" -> the previous year, resolution "year"; "in 2022", "since 2011" -> that year;
- a month and day without a year ("October 22-24", "on December 10") take the year that puts them nearest the
  published date; a month alone ("in May") likewise, resolution "month";
- durations ("for the last five years", "eight-year war", "a few weeks") are not dates and are skipped;
- when the sentence gives nothing: the caller's context date (the date the article's narrative is at, see
  `DateResolver.context_dates`), else the published date with resolution "published".
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import dateparser
from spacy.tokens import Doc, Span, Token

from eventwire.enrich.quotes import SAY_LEMMAS, quote_spans
from eventwire.enrich.ranking import Candidate, EventFacts, Ranker
from eventwire.nlp import sentence_entities

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = "|".join(WEEKDAYS)
MONTH_CAP_RE = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
# Time expressions spaCy's small model does not always mark as DATE entities.
EXTRA_PATTERNS = re.compile(
    rf"\b(?:(?:last|next|this|late|early)\s+(?:on\s+)?)?(?:{WEEKDAY_RE})\b"
    r"|\b(?:yesterday|today|tonight|tomorrow)\b"
    r"|\b(?:earlier|later)\s+(?:this|in\s+the|that)\s+(?:week|month|year)\b"
    r"|\b(?:last|this|next|past)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter)\b"
    # month names only when capitalised: "may" and "march" are also a verb
    rf"|\b(?:(?:last|next|this)\s+)?(?:(?:early|mid|late)[- ])?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?-i:{MONTH_CAP_RE})\.?"
    r"(?:\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?)?"
    r"(?:,?\s+\d{4}|,?\s+(?:of\s+)?(?:last|this|next)\s+year)?\b"
    # a day counted from another event's: "the day before the attack", "the previous day", "hours later"
    r"|\b(?:within\s+)?(?:a|one|the)\s+day\s+(?:before|after|earlier|later)\b"
    r"|\bthe\s+(?:previous|following|next)\s+(?:day|morning|evening|night)\b"
    r"|\bthe\s+(?:night|evening|morning)\s+(?:before|after)\b"
    r"|\b(?:hours|minutes)\s+(?:before|after|later|earlier)\b"
    r"|\b(?:in|since|by|during|until)\s+(?:the\s+year\s+)?(?:1[89]|20)\d\d\b",
    re.IGNORECASE)
DURATION = re.compile(
    r"^(?:for\s+|over\s+|in\s+)?(?:the\s+)?(?:last|past|next|first|coming)\s+(?:\w+\s+)?"
    r"(?:few|several|many|couple\s+of|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\b"
    r"|^(?:about\s+|approximately\s+|nearly\s+|almost\s+|some\s+)?(?:a|an|\d+|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|a\s+few|several|many|dozens\s+of|hundreds\s+of)"
    r"(?:[- ]\w+)?\s+(?:days?|weeks?|months?|years?|decades?)$"
    r"|\d+[- ](?:year|month|week|day)s?[- ]old\b|^\w+-(?:year|month|week|day)\b"
    r"|^(?:annual|daily|weekly|monthly|yearly|decades?|years|centuries|(?:the\s+)?(?:early\s+|late\s+)?\d{4}s)$"
    r"|^\d{1,3}$",  # a bare number is an age or a count ("James Ford, 42"), not a year or a day
    re.IGNORECASE)
ANCHORED = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|the)\s+"
                      r"(day|week|month|year)s?\s+(earlier|later|before|after)\b"
                      r"|\bthe\s+(previous|following|next)\s+(day|morning|evening|night)\b"
                      r"|\bthe\s+(night|evening|morning)\s+(before|after)\b"
                      r"|\b(hours|minutes)\s+(before|after|later|earlier)\b", re.IGNORECASE)
AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+"
                 r"(ago|earlier|before|later)\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b")
YEAR = re.compile(r"\b((?:1[89]|20)\d\d)\b")
ISO_DAY = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
MONTH_DAY = re.compile(rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{{1,2}})?"
                       r"(?:,?\s+(\d{4}))?", re.IGNORECASE)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?",
                       re.IGNORECASE)
MONTH_ONLY = re.compile(rf"\b({MONTH_RE})\b\.?(?:,?\s+(?:of\s+)?(\d{{4}}))?", re.IGNORECASE)
DATE_WORDS = re.compile(rf"\b(?:{WEEKDAY_RE}|{MONTH_RE})\b|[\d\W_]+", re.IGNORECASE)
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
# An adverbial clause opened by one of these states another event's time ("after Turkey began ... on
# Wednesday"); "while addressing the press yesterday" shares the time of the clause it hangs from, and "since
# the protests began in June" gives the start of the series it hangs from ("have been arrested since ...").
OTHER_TIME_MARKERS = frozenset({"after", "before", "until", "till", "because", "although", "though",
                                "if", "unless", "once"})
DATELIKE_LABELS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True)
class ResolvedDate:
    value: str  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    resolution: str  # "day" | "month" | "year" | "published"


@dataclass(frozen=True)
class TimeExpression:
    text: str
    start: int  # token index in the Doc
    end: int
    clock: bool = False  # a TIME entity
    quoted: bool = False  # inside a quotation
    past: bool = False  # its clause tells the past ("was murdered in December": not a December to come)


def day(d: date) -> ResolvedDate:
    return ResolvedDate(d.isoformat(), "day")


def month(year: int, month_number: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}-{month_number:02d}", "month")


def year(value: int) -> ResolvedDate:
    return ResolvedDate(f"{value:04d}", "year")


def shift_month(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def nearest_year(month_number: int, day_number: int, published: date) -> int:
    """The year that puts month/day nearest the published date (news rarely reaches more than ~6 months)."""
    best = published.year
    best_gap = None
    for candidate in (published.year - 1, published.year, published.year + 1):
        try:
            gap = abs((date(candidate, month_number, day_number) - published).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = candidate, gap
    return best


EARLIER_KEY = "eventwire.enrich.earlier_dates"
EXPRESSIONS_KEY = "eventwire.enrich.sentence_expressions"
RANKED_KEY = "eventwire.enrich.ranked_expressions"
PARAGRAPH_KEY = "eventwire.enrich.paragraph_dates"
PARAGRAPH_MAIN_KEY = "eventwire.enrich.paragraph_main_dates"
LINES_KEY = "eventwire.enrich.lines"
QUOTES_KEY = "eventwire.enrich.quote_marks"


def doc_cache(doc: Doc, key: str) -> dict:
    """A table kept with the Doc (`doc.user_data`) under `key`: what is computed once per document."""
    table = doc.user_data.get(key)
    if table is None:
        table = doc.user_data[key] = {}
    return table


def says_now(sentence: Span) -> bool:
    """Whether the sentence says it is at the story's present ("But now this is a slap in the face"): a
    paragraph gone back in time has come back."""
    return any(t.lower_ == "now" and t.dep_ == "advmod" for t in sentence)


def is_reported_past(trigger: Token) -> bool:
    """Whether the trigger's past perfect is only the shift of reported speech: a clause a speech verb in the
    past reports ("the spokesman said it had carried out the attack"), which tells what the speaker called
    just done, not background history."""
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in trigger.children):
        return False
    clause = trigger
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    speaker = clause.head
    return clause.dep_ == "ccomp" and speaker.lemma_.lower() in SAY_LEMMAS and speaker.tag_ == "VBD"


def trigger_tense(trigger: Token) -> str:
    """past | perfect | present | future | noun | other, from the trigger's tag and auxiliaries."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        return "noun"
    auxiliaries = {child.lower_ for child in trigger.children if child.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"will", "shall", "'ll", "would"}:
        return "future"
    if auxiliaries & {"had", "'d"}:
        return "perfect"
    if trigger.tag_ in ("VBD",) or auxiliaries & {"was", "were", "did"}:
        return "past"
    if auxiliaries & {"has", "have", "'ve"} or trigger.tag_ == "VBN":
        return "past"
    if trigger.tag_ in ("VBZ", "VBP", "VBG") or auxiliaries & {"is", "are", "am"}:
        return "present"
    return "other"


QUOTE_MARKS = ('"', "\u201c", "\u201d")
QUOTE_MARK = re.compile("|".join(QUOTE_MARKS))


def is_quoted(sentence: Span, trigger: Token) -> bool:
    """Whether the trigger stands inside a quotation (an odd number of quotation marks before it)."""
    marks = doc_cache(sentence.doc, QUOTES_KEY)
    key = (sentence.start, sentence.end)
    if key not in marks:
        # The sentence's own text: Doc.text joins every token of the document on each call.
        marks[key] = [sentence.start_char + mark.start() for mark in QUOTE_MARK.finditer(sentence.text)]
    return bisect.bisect_left(marks[key], trigger.idx) % 2 == 1


def date_features(kind: str, value: ResolvedDate, published: date, context: ResolvedDate | None,
                  facts: EventFacts, tense: str, quoted: bool) -> frozenset[str]:
    """The ranker's view of one candidate date: its kind, alone and with the event's tense, whether it is told
    as background or quoted, the candidate's resolution and its age against the published date."""
    on = [f"tense={tense}", f"res={value.resolution}", f"group={facts.group}"]
    age = age_in_days(value, published)
    on.append("age=future" if age < 0 else "age=week" if age <= HISTORICAL_DAYS else "age=older")
    if facts.background:
        on.append("background")
    if quoted:
        on.append("quoted")
    if context is not None and value.value == context.value:
        on.append("same-as-narrative")
    features = {f"kind={kind}"} | {f"kind={kind}&{f}" for f in on}
    if facts.background:
        features |= {f"kind={kind}&background&{f}" for f in on if f != "background"}
    return frozenset(features)


HISTORICAL_DAYS = 7


def speech_date(context: ResolvedDate | None, published: date) -> date:
    """The day the story's quoted words were said: the narrative's day when it is one, else the published
    date."""
    if context is not None and context.resolution == "day":
        return date.fromisoformat(context.value)
    return published


def age_in_days(value: ResolvedDate, published: date) -> int:
    """Days from the start of the candidate's period to the published date (negative: after it)."""
    parts = [int(p) for p in value.value.split("-")]
    start = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 1 and parts[0] == published.year or len(parts) == 2 and (parts[0], parts[1]) == (
            published.year, published.month):
        return 0
    return (published - start).days


class DateResolver:
    """Resolves the time expressions of a sentence. Build once per process; holds dateparser's settings and the
    ranker that chooses among candidate dates (default: the one learned from the gold)."""

    def __init__(self, ranker: Ranker | None = None) -> None:
        self.ranker = ranker if ranker is not None else Ranker.load("date_ranker")
        self._dateparser_settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                                     "REQUIRE_PARTS": []}
        # dateparser's readings by (text, published day): the same expressions are read again for every event
        # of a sentence and every sentence of an article, and each reading sets up a parser (4% of the coder's
        # own time, sampled). Bounded; one table per resolver, so per Coder.
        self._read = functools.lru_cache(maxsize=4096)(self._dateparser_reading)

    def resolve(self, sentence: Span, trigger: Token, published: date | None,
                context: ResolvedDate | None = None, facts: EventFacts | None = None) -> ResolvedDate | None:
        """The event date for `trigger`: the ranker's choice among `date_candidates` (a date in its own clause
        or in a clause that governs it, the older date its paragraph has gone back to, `context` (the
        narrative's date, when the caller tracks it), a date elsewhere in the sentence, the last date an earlier
        sentence stated, the published date). Background events (`facts.background`) take a date their own
        sentence states, their paragraph's older date, or none: never the narrative's, the published date or a
        year stated in another paragraph. Without a published date: `context`."""
        if published is None:
            return context
        candidates = self.date_candidates(sentence, trigger, published, context, facts or EventFacts())
        chosen = self.ranker.choose(candidates)
        return chosen.value if chosen is not None else None

    def date_candidates(self, sentence: Span, trigger: Token, published: date, context: ResolvedDate | None,
                        facts: EventFacts) -> list[Candidate[ResolvedDate]]:
        """The dates the event could have, in the rules' order of preference (kept by a ranker without
        weights), each with its features (see `date_features`)."""
        ranked = self.ranked_expressions(sentence, trigger)
        speech = speech_date(context, published)
        if facts.background and is_reported_past(trigger):
            facts = replace(facts, background=False)
        # "a month later", "the previous day" count from the date the paragraph was at, else the narrative's
        anchor = self.paragraph_dates(sentence.doc, published).get(sentence.start) or context
        # a month or day named without a year in a paragraph gone back to another year is of that year
        back = None if says_now(sentence) else self.told_before(sentence, published, context)
        back_then = start_of(back) if back is not None and back.value[:4] != str(published.year) else None
        elsewhere = self._first_resolved(ranked, 2, 2, published, anchor, speech, back_then)
        # a narrative known only to the month yields to a date the sentence states; a paragraph's older date
        # goes on only in sentences that state none
        coarse = context is None or context.resolution != "day"
        found: list[tuple[str, ResolvedDate | None]] = [
            ("own", self._first_resolved(ranked, 0, 1, published, anchor, speech, back_then)),
            ("sentence", elsewhere if coarse else None),
            ("paragraph", None if elsewhere is not None else back),
            ("moved-on", None if elsewhere is not None or facts.background
             else self.moved_on(sentence, published, context)),
            ("narrative", None if facts.background else context),
            ("sentence", None if coarse else elsewhere),
            ("earlier", None if facts.background else self.earlier_dates(sentence.doc, published).get(sentence.start)),
            ("published", None if facts.background else ResolvedDate(published.isoformat(), "published")),
        ]
        tense = trigger_tense(trigger)
        quoted = is_quoted(sentence, trigger)
        return [Candidate(value, kind, date_features(kind, value, published, context, facts, tense, quoted))
                for kind, value in found if value is not None]

    def told_before(self, sentence: Span, published: date, context: ResolvedDate | None) -> ResolvedDate | None:
        """The date an earlier sentence of the same paragraph stated, when it is older than the narrative's (or
        the published) date: the paragraph has gone back in time ("Mugabe was arrested in 1963 and imprisoned
        until 1974. After his release, he led ...") and its sentences that state no date go on there."""
        before = self.paragraph_dates(sentence.doc, published).get(sentence.start)
        reference = context or ResolvedDate(published.isoformat(), "published")
        return before if before is not None and is_older(before, reference) else None

    def moved_on(self, sentence: Span, published: date, context: ResolvedDate | None) -> ResolvedDate | None:
        """The day an earlier sentence of the same paragraph set its main clause at, when it is later than the
        narrative's day and before the published date: the paragraph has moved on to a later step of the story
        ("Schiff yesterday questioned the plan. He called it a non-starter.") and its sentences that state no
        date follow it. A day named only in a subordinate clause ("..., adding that rescuers ended their work
        yesterday") does not move the paragraph on; nor does the published day itself (a "today" is as often
        the writer's present as a step of the story)."""
        if context is None:
            return None
        later = self.paragraph_main_dates(sentence.doc, published).get(sentence.start)
        if later is None or later.resolution != "day" or later.value <= context.value \
                or age_in_days(later, published) <= 0:
            return None
        return later

    def paragraph_main_dates(self, doc: Doc, published: date) -> dict[int, ResolvedDate]:
        """Per sentence (by its first token), the last date the main clause of an earlier sentence of the same
        paragraph stated (a date of the sentence root's own clause or one governing it, not quoted: the
        narrator's). Kept with the Doc, per published date."""

        def main_clause_date(sentence: Span, _before: ResolvedDate | None) -> ResolvedDate | None:
            told = tuple(r for r in self.ranked_expressions(sentence, sentence.root) if not r[1].quoted)
            return self._first_resolved(told, 0, 1, published, None)

        return carried_dates(doc, (PARAGRAPH_MAIN_KEY, published), main_clause_date, by_paragraph=True)

    def stated_date(self, sentence: Span, trigger: Token, published: date | None,
                    max_tier: int = 2, anchor: ResolvedDate | None = None) -> ResolvedDate | None:
        """The date the sentence states for `trigger`, or None when it states none. Tiers: 0 the trigger's
        clause, 1 a clause that governs the trigger's, 2 anywhere else in the sentence. `anchor`: the date a
        day counted from another event's ("the day before", "hours later") counts from when the sentence
        states no other date."""
        if published is None:
            return None
        return self._first_resolved(self.ranked_expressions(sentence, trigger), 0, max_tier, published, anchor)

    def _first_resolved(self, ranked: Sequence[tuple[int, TimeExpression]], min_tier: int, max_tier: int,
                        published: date, anchor: ResolvedDate | None, speech: date | None = None,
                        back_then: date | None = None) -> ResolvedDate | None:
        """The first expression of the tiers that resolves. `speech`: the day quoted words were said, which
        "today", "this morning" or "last night" inside a quotation count from (else the published date).
        `back_then`: the time a paragraph has gone back to, whose year a month or day named without one takes."""
        every = [e for _, e in ranked]
        found: ResolvedDate | None = None
        coarse: TimeExpression | None = None
        for tier, expression in ranked:
            if not min_tier <= tier <= max_tier:
                continue
            anchored = ANCHORED.search(expression.text)
            if anchored:  # "three years later", "the day before": counted from another date, not from today
                resolved = self.shift_from_anchor(anchored, every, published, anchor, at=expression.start)
            elif speech is not None and expression.quoted:
                resolved = self.resolve_time_expression(expression, speech)
            else:
                resolved = self.resolve_time_expression(expression, published, back_then)
            if resolved is None:
                continue
            if found is None:
                if resolved.resolution not in ("month", "year"):
                    return resolved
                found, coarse = resolved, expression
            elif is_within(resolved, found) and next_to(expression, coarse):
                # "earlier this week on Wednesday", "next month on August 2": the finer date of the same time
                return resolved
        return found

    def shift_from_anchor(self, anchored: re.Match[str], expressions: list[TimeExpression],
                          published: date, anchor: ResolvedDate | None = None, at: int = 0) -> ResolvedDate | None:
        """The date `anchored` (the expression at token `at`) counts to from another date of the sentence, the
        nearest one before it ("asked for it Monday night, and he tendered it the next morning"), else the first
        after it ("the day before the vote on Sunday"); else from `anchor` (the date of the event the story
        reports), else from the published date."""
        before = sorted((e for e in expressions if e.start < at), key=lambda e: -e.start)
        after = sorted((e for e in expressions if e.start > at), key=lambda e: e.start)
        for other in before + after:
            if ANCHORED.search(other.text):
                continue
            found = self.resolve_time_expression(other, published)
            if found is not None:
                return shift(found, anchored)
        return shift(anchor or ResolvedDate(published.isoformat(), "published"), anchored)

    def earlier_dates(self, doc: Doc, published: date) -> dict[int, ResolvedDate]:
        """Per sentence (by its first token), the last date an earlier sentence stated, whatever its resolution:
        background history often goes on from one sentence to the next ("was imprisoned until 1974. After his
        release, ..."). Kept with the Doc (`doc.user_data`), per published date."""
        return carried_dates(doc, (EARLIER_KEY, published),
                             lambda sentence, _before: self.stated_date(sentence, sentence.root, published),
                             by_paragraph=False)

    def paragraph_dates(self, doc: Doc, published: date) -> dict[int, ResolvedDate]:
        """Per sentence (by its first token), the last date an earlier sentence of the same paragraph (the same
        line of text) stated. Kept with the Doc, per published date."""
        return carried_dates(doc, (PARAGRAPH_KEY, published),
                             lambda sentence, before: self.last_stated_date(sentence, published, before),
                             by_paragraph=True)

    def last_stated_date(self, sentence: Span, published: date, anchor: ResolvedDate | None = None
                         ) -> ResolvedDate | None:
        """The date of the sentence's last expression that resolves (the time the sentence has come to);
        "ten years later" counts from `anchor`, the date the paragraph was at."""
        ranked = sorted(self.ranked_expressions(sentence, sentence.root), key=lambda r: -r[1].start)
        return self._first_resolved(ranked, 0, 2, published, anchor)

    def _dateparser_reading(self, text: str, published: date) -> tuple[date, str] | None:
        """The day dateparser reads in `text` relative to `published`, and its period ("day", "month", ...)."""
        settings = {**self._dateparser_settings,
                    "RELATIVE_BASE": datetime(published.year, published.month, published.day)}
        # languages=["en"]: without it dateparser guesses the language per string and misreads English words.
        parser = dateparser.date.DateDataParser(languages=["en"], settings=settings)
        try:
            data = parser.get_date_data(text)
        except (ValueError, OverflowError, TypeError):
            return None
        if data is None or data.date_obj is None:
            return None
        return data.date_obj.date(), data.period or "day"

    def context_dates(self, doc: Doc, published: date | None,
                      carry: str = "lead") -> list[ResolvedDate | None]:
        """Per sentence of `doc`, the date the narrative is at, for sentences that state none themselves.

        News stories keep talking about the day named in their lead ("On Monday, X said ...; he added ...")
        even after mentioning background dates. carry="lead": the first day- or month-resolved date stated in
        the article; carry="last": the last one stated before the sentence. None before any."""
        out: list[ResolvedDate | None] = []
        current: ResolvedDate | None = None
        for sentence in doc.sents:
            out.append(current)
            if current is not None and carry == "lead":
                continue
            stated = self.stated_date(sentence, sentence.root, published)
            # (news reports the past: a date after the published one is something planned, not the narrative's)
            if stated is not None and stated.resolution in ("day", "month") and age_in_days(stated, published) >= 0:
                current = stated
        return out

    def ranked_expressions(self, sentence: Span, trigger: Token) -> tuple[tuple[int, TimeExpression], ...]:
        """(tier, expression) for the time expressions of the sentence, best first: by tier (see stated_date),
        then by distance in the parse tree. Expressions on another line than the trigger are left out: they
        belong to a heading or a dateline that the sentence splitter glued on. Kept with the Doc: every
        candidate event of a sentence asks again, twice (its mode and its date)."""
        cache = doc_cache(sentence.doc, RANKED_KEY)
        key = (sentence.start, sentence.end, trigger.i)
        ranked = cache.get(key)
        if ranked is None:
            ranked = cache[key] = self._rank_expressions(sentence, trigger)
        return ranked

    def _rank_expressions(self, sentence: Span, trigger: Token) -> tuple[tuple[int, TimeExpression], ...]:
        anchors = clause_anchors(trigger)
        noun = trigger.pos_ in ("NOUN", "PROPN")
        doc = sentence.doc
        ranked = []
        for expression in self.sentence_expressions(sentence):
            if crosses_line(doc, expression, trigger):
                continue
            root = doc[expression.start:expression.end].root
            # ("since June" starts a state that goes on: "protesters who have demonstrated since June")
            described = describes(root, trigger) and not is_since(doc, expression, root)
            if described and noun:  # "a phone call made late last July", "the bombing that happened on June 27"
                tier, rank = 0, 0
            elif in_clause(root, anchors):
                tier, rank = 0, 1
            else:
                tier, rank = (1, 1) if governs(clause_head(root), trigger) else (2, 0)
            ranked.append((tier, rank, tree_distance(root, trigger), expression.start, expression))
        return tuple((r[0], r[-1]) for r in sorted(ranked, key=lambda r: r[:4]))

    def sentence_expressions(self, sentence: Span) -> tuple[TimeExpression, ...]:
        """`expressions` of the sentence less those on a line of dates only (`is_whole_line`), kept with the
        Doc."""
        cache = doc_cache(sentence.doc, EXPRESSIONS_KEY)
        key = (sentence.start, sentence.end)
        found = cache.get(key)
        if found is None:
            doc = sentence.doc
            found = cache[key] = tuple(e for e in self.expressions(sentence) if not is_whole_line(doc, e))
        return found

    def expressions(self, sentence: Span) -> Iterable[TimeExpression]:
        """Our patterns first (they cover whole phrases such as "earlier in the month", where the model may
        mark only "the month"), then the model's DATE/TIME entities that do not overlap them."""
        doc = sentence.doc
        taken: set[int] = set()
        for match in EXTRA_PATTERNS.finditer(sentence.text):
            span = doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end(),
                                 alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)) or is_a_name(span):
                continue
            taken.update(range(span.start, span.end))
            yield TimeExpression(match.group(0), span.start, span.end, quoted=in_quotation(doc, span.start_char),
                                 past=tells_the_past(span.root))
        for ent in sentence_entities(sentence):
            if ent.label_ not in DATELIKE_LABELS or any(i in taken for i in range(ent.start, ent.end)):
                continue
            for part in split_at_newlines(ent):
                if not DURATION.search(part.text.strip()) and not is_a_name(part):
                    clock = ent.label_ == "TIME" or before_zone(part)
                    yield TimeExpression(part.text, part.start, part.end, clock=clock,
                                         quoted=in_quotation(doc, part.start_char), past=tells_the_past(part.root))

    def resolve_time_expression(self, expression: TimeExpression, published: date,
                                back_then: date | None = None) -> ResolvedDate | None:
        # A clock time ("at 4:00 a.m.") names no day; dateparser would put it on the published date.
        if expression.clock:
            resolved = resolve_by_rules(" ".join(expression.text.split()), published, expression.past)
            # "1830 UTC" is a time of day, not the year 1830
            return resolved if resolved is None or resolved.resolution != "year" else None
        return self.resolve_expression(expression.text, published, expression.past, back_then)

    def resolve_expression(self, text: str, published: date, past: bool = False,
                           back_then: date | None = None) -> ResolvedDate | None:
        """`text` resolved against `published`; `past`: told in the past tense, so a month or day named without
        a year is the latest one on or before the published date; `back_then`: the time the paragraph has gone
        back to, so such a month or day is the one nearest it."""
        text = " ".join(text.split())
        if not text or DURATION.search(text):
            return None
        resolved = resolve_by_rules(text, published, past, back_then)
        if resolved is not None or not NUMERIC_DATE.search(text):
            # what the rules cannot read and dateparser can is a numeric form ("14.03.2019", "3/14"); the rest
            # ("recent years", "age 29", a race time "2:05:46") it reads as nothing or wrongly, at ~20 ms each
            return resolved
        return self.resolve_with_dateparser(text, published)

    def resolve_with_dateparser(self, text: str, published: date) -> ResolvedDate | None:
        reading = self._read(text, published)
        if reading is None:
            return None
        found, period = reading
        if abs(found.year - published.year) > 200:
            return None
        if period == "year":
            return year(found.year)
        if period in ("month", "week"):
            return month(found.year, found.month)
        return day(found)


def resolve_by_rules(text: str, published: date, past: bool = False,
                     back_then: date | None = None) -> ResolvedDate | None:
    """The common news expressions, resolved without dateparser (faster, and with news conventions). `past`:
    the expression's clause tells the past, so a month or a day named without a year ("was murdered in
    December") is the latest one on or before the published date, not the nearest; `back_then`: the time a
    paragraph has gone back to ("Mugabe was ousted in November 2017. ... his resignation on November 21"), so
    such a month or day is the one nearest it."""
    lower = text.lower()
    words = re.findall(r"[a-z]+|\d+", lower)
    if not words:
        return None
    iso = ISO_DAY.search(text)
    if iso:
        try:
            return day(date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))))
        except ValueError:
            return None
    for rule in (_relative_day, _weekday, _ago, _month_day, _month_only, _relative_period, _season, _year_only):
        resolved = rule(lower, words, published)
        if resolved is not None:
            if rule in (_month_day, _month_only) and not YEAR.search(lower) and not NAMED_YEAR.search(lower):
                if back_then is not None:
                    return rule(lower, words, back_then)
                if past and age_in_days(resolved, published) < 0:
                    return a_year_before(resolved)
            return resolved
    return None


NAMED_YEAR = re.compile(r"\b(?:last|this|next|coming)\b")


def start_of(value: ResolvedDate) -> date:
    parts = [int(p) for p in value.value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def a_year_before(value: ResolvedDate) -> ResolvedDate | None:
    parts = [int(p) for p in value.value.split("-")]
    if len(parts) == 2:
        return month(parts[0] - 1, parts[1])
    try:
        return day(date(parts[0] - 1, parts[1], parts[2]))
    except ValueError:  # February 29
        return None


PERIOD_END = frozenset({"until", "till", "through", "by", "to"})
PRESENT_OR_FUTURE = frozenset({"is", "are", "am", "has", "have", "will", "shall", "would", "'ll", "can", "may"})


def tells_the_past(token: Token) -> bool:
    """Whether the clause `token` stands in is told in the simple past: the first verb above it with a tense
    is a past form ("was murdered in December", "was able to negotiate ... on November 21"); not a present
    perfect or a participle ("has been scheduled for November", "anticipated to begin in January")."""
    if token.head.lower_ in PERIOD_END:
        return False  # "suspended Parliament until October 14": the end of a period, which may be to come
    current = token
    while True:
        if current.pos_ in ("VERB", "AUX"):
            auxiliaries = {child.lower_ for child in current.children if child.dep_ in ("aux", "auxpass")}
            if current.tag_ == "VBD" or auxiliaries & {"was", "were", "did", "had", "'d"}:
                return True
            if current.tag_ in ("VBZ", "VBP", "MD") or auxiliaries & PRESENT_OR_FUTURE:
                return False  # "is scheduled for February 4", "has been scheduled for November"
        if current.head.i == current.i:
            return False
        current = current.head


def _relative_day(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    if "yesterday" in words:
        return day(published - timedelta(days=1))
    if "tomorrow" in words:
        return day(published + timedelta(days=1))
    if "weekend" in words:
        return day(weekend_saturday(words, published))
    if "today" in words or "tonight" in words or re.search(r"\bthis (morning|afternoon|evening)\b", lower):
        return day(published)
    if re.search(r"\blast (night|evening)\b", lower):
        return day(published - timedelta(days=1))
    return None


def weekend_saturday(words: list[str], published: date) -> date:
    """The Saturday of the weekend meant: "the weekend" (news reports the past) and "last weekend" the latest
    one on or before the published date (the one before it when published at a weekend, for "last");
    "this weekend" the coming one (or the current one at a weekend); "next weekend" the one after."""
    latest = published - timedelta(days=(published.weekday() - 5) % 7)
    at_weekend = published.weekday() >= 5
    if "next" in words or "coming" in words:
        return latest + timedelta(days=7)
    if "this" in words:
        return latest if at_weekend else latest + timedelta(days=7)
    if ("last" in words or "past" in words or "previous" in words) and at_weekend:
        return latest - timedelta(days=7)
    return latest


def _weekday(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    names = [w for w in words if w in WEEKDAYS]
    if not names or any(w in MONTHS for w in words):
        return None
    target = WEEKDAYS[names[0]]
    if "next" in words or "coming" in words:
        ahead = (target - published.weekday()) % 7 or 7
        return day(published + timedelta(days=ahead))
    if "last" in words or "previous" in words:
        # "last Thursday": the Thursday of the week before the published date's ("on Thursday" is this week's)
        return day(published - timedelta(days=published.weekday() + 7 - target))
    back = (published.weekday() - target) % 7
    return day(published - timedelta(days=back))


def _ago(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    match = AGO.search(lower)
    if not match:
        return None
    raw, unit, direction = match.group(1), match.group(2), match.group(3)
    count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 1)
    sign = 1 if direction == "later" else -1
    if unit == "day":
        return day(published + timedelta(days=sign * count))
    if unit == "week":
        shifted = published + timedelta(weeks=sign * count)
        return month(shifted.year, shifted.month)
    if unit == "month":
        return month(*shift_month(published, sign * count))
    return year(published.year + sign * count)


def _relative_period(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    match = re.search(r"\b(last|past|previous|this|next|coming|earlier|later)\s+"
                      r"(?:this\s+|in\s+the\s+|that\s+)?(week|month|year)\b", lower)
    if not match:
        return None
    which, unit = match.group(1), match.group(2)
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "week":
        shifted = published + timedelta(weeks=offset)
        return month(shifted.year, shifted.month)
    if unit == "month":
        return month(*shift_month(published, offset))
    return year(published.year + offset)


SEASON = re.compile(r"\b(last|past|this|next|coming)\s+(spring|summer|autumn|fall|winter)\b")


def _season(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    """"last summer", "this winter": the year of that season (a season is no value we can store); winter is
    the year of its January."""
    match = SEASON.search(lower)
    if not match:
        return None
    which, season = match.groups()
    first_month = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 13}[season]
    last_month = first_month + 2  # winter: December (12) to February (14)
    months_now = published.month if season != "winter" or published.month > 2 else published.month + 12
    this_year = published.year if season != "winter" or published.month > 2 else published.year - 1
    if which in ("last", "past"):
        return year(this_year + (0 if months_now > last_month else -1) + (1 if season == "winter" else 0))
    if which in ("next", "coming"):
        return year(this_year + (0 if months_now < first_month else 1) + (1 if season == "winter" else 0))
    return year(this_year + (1 if season == "winter" else 0))


def _month_day(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    match = MONTH_DAY.search(lower)
    if match:
        month_number, day_number, year_text = MONTHS[match.group(1)], int(match.group(2)), match.group(3)
    else:
        match = DAY_MONTH.search(lower)
        if not match:
            return None
        day_number, month_number, year_text = int(match.group(1)), MONTHS[match.group(2)], match.group(3)
    if not 1 <= day_number <= 31:
        return None
    when = int(year_text) if year_text else named_year(lower, published) or month_year(
        lower, month_number, published) or nearest_year(month_number, day_number, published)
    try:
        return day(date(when, month_number, day_number))
    except ValueError:
        return None


def named_year(lower: str, published: date) -> int | None:
    """The year "last year", "this year" or "next year" names in "January of last year", or None."""
    match = re.search(r"\b(last|this|next)\s+year\b", lower)
    if not match:
        return None
    return published.year + {"last": -1, "this": 0, "next": 1}[match.group(1)]


def _month_only(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    match = MONTH_ONLY.search(lower)
    # "may" is also a verb: take it as the month only in "in May", "May 2019" or alone.
    if not match or (match.group(1) == "may" and not re.search(r"\bin\s+may\b|\bmay\s+\d{4}", lower)
                     and words != ["may"]):
        return None
    month_number = MONTHS[match.group(1)]
    if match.group(2):
        return month(int(match.group(2)), month_number)
    return month(named_year(lower, published) or month_year(lower, month_number, published)
                 or nearest_year(month_number, 15, published), month_number)


def month_year(lower: str, month_number: int, published: date) -> int | None:
    """The year of "last October" (the latest October before the published month), "next October" (the
    first one after it) or "this October" (the published year); None without such a word."""
    match = re.search(rf"\b(last|next|this)\s+(?:(?:early|mid|late)[- ])?(?:{MONTH_RE})\b", lower)
    if not match:
        return None
    if match.group(1) == "last":
        return published.year if month_number < published.month else published.year - 1
    if match.group(1) == "next":
        return published.year if month_number > published.month else published.year + 1
    return published.year


def _year_only(lower: str, words: list[str], published: date) -> ResolvedDate | None:
    match = YEAR.search(lower)
    if not match:
        return None
    return year(int(match.group(1)))


NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC"})
NAME_MONTHS = frozenset({"April", "May", "June", "August"})  # months that are also given or family names


def is_a_name(span: Span) -> bool:
    """Words of a name, not a time: the model marks them a name ("Theresa May", "the Friday Mosque"), or a
    month that is also a given name owns something ("May's negotiated agreement"; "Monday's attack" is a
    day)."""
    doc = span.doc
    if len(span) == 1 and span.text in NAME_MONTHS and span.end < len(doc) and doc[span.end].tag_ == "POS":
        return True
    return all(token.ent_type_ in NAME_LABELS for token in span)


TIME_ZONE = re.compile(r"^(?:UTC|GMT|[A-Z]{1,3}[SD]?T)$")


def before_zone(span: Span) -> bool:
    """A time of day by its zone, whatever the model calls it ("1830 UTC")."""
    return span.end < len(span.doc) and TIME_ZONE.match(span.doc[span.end].text) is not None


def split_at_newlines(span: Span) -> list[Span]:
    """spaCy can glue a dateline line and the first words of the story into one entity."""
    parts: list[Span] = []
    begin = span.start
    for token in span:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if "\n" in token.text else token.i + 1
            if end > begin:
                parts.append(span.doc[begin:end])
            begin = token.i + 1
    if begin < span.end:
        parts.append(span.doc[begin:span.end])
    return parts


def anchored_offset(anchored: re.Match[str]) -> tuple[int, str]:
    """(signed count, unit) of an ANCHORED match: "three years later" (3, "year"), "the previous day" (-1,
    "day"), "the night before" (-1, "day"), "hours later" (0, "day": the same day)."""
    groups = [g.lower() if g else None for g in anchored.groups()]
    if groups[0]:
        raw, unit, direction = groups[0], groups[1], groups[2]
        count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 1)
        return (count if direction in ("later", "after") else -count), unit
    if groups[3]:
        return (-1 if groups[3] == "previous" else 1), "day"
    if groups[5]:
        return (-1 if groups[6] == "before" else 1), "day"
    return 0, "day"


def shift(anchor: ResolvedDate, anchored: re.Match[str]) -> ResolvedDate | None:
    signed, unit = anchored_offset(anchored)
    count, sign = abs(signed), (1 if signed >= 0 else -1)
    parts = [int(p) for p in anchor.value.split("-")]
    if unit == "year":
        return year(parts[0] + sign * count)
    if anchor.resolution == "year":
        return None
    start = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    if unit == "month":
        return month(*shift_month(start, sign * count))
    shifted = start + timedelta(days=sign * count * (7 if unit == "week" else 1))
    if unit == "day" and anchor.resolution in ("day", "published"):
        return day(shifted)
    return month(shifted.year, shifted.month)


def next_to(a: TimeExpression, b: TimeExpression | None, gap: int = 2) -> bool:
    """Whether two expressions stand within `gap` words of each other ("next month on August 2")."""
    return b is not None and (0 <= a.start - b.end <= gap or 0 <= b.start - a.end <= gap)


def is_within(value: ResolvedDate, period: ResolvedDate) -> bool:
    """Whether `value` is a finer date inside `period` ("2019-03-27" inside "2019-03")."""
    return len(value.value) > len(period.value) and value.value.startswith(period.value)


def is_older(value: ResolvedDate, reference: ResolvedDate) -> bool:
    """Whether `value`'s period ends before `reference`'s begins ("2008" before "2019-09-06"; "2019-09-03"
    is not before "2019-09")."""
    return value.value < reference.value[:len(value.value)]



def carried_dates(doc: Doc, key: tuple, stated_in: Callable[[Span, ResolvedDate | None], ResolvedDate | None],
                  by_paragraph: bool) -> dict[int, ResolvedDate]:
    """Per sentence (by its first token), the last date `stated_in` found in an earlier sentence (of the same
    paragraph, the same line of text, where `by_paragraph`); `stated_in` is given each sentence and the date
    carried to it. Kept with the Doc under `key`."""
    cached = doc.user_data.get(key)
    if cached is not None:
        return cached
    out: dict[int, ResolvedDate] = {}
    current: ResolvedDate | None = None
    current_line = -1
    for sentence in doc.sents:
        before = current if current is not None and (
            not by_paragraph or line_of(doc, first_word(sentence)) == current_line) else None
        if before is not None:
            out[sentence.start] = before
        stated = stated_in(sentence, before)
        if stated is not None:
            current = stated
            if by_paragraph:
                current_line = line_of(doc, last_word(sentence))
    doc.user_data[key] = out
    return out


def line_of(doc: Doc, token: Token) -> int:
    """The number of the line of text `token` stands on."""
    return bisect.bisect_right(doc_lines(doc).starts, token.idx) - 1


def first_word(sentence: Span) -> Token:
    return next((t for t in sentence if not t.is_space), sentence[0])


def last_word(sentence: Span) -> Token:
    return next((t for t in reversed(sentence) if not t.is_space), sentence[-1])


def is_whole_line(doc: Doc, expression: TimeExpression) -> bool:
    """Whether the expression stands on a line of dates only ("Wednesday, January 23, 2019"): a publication
    line, not an event date. The Doc's lines are found once, and each one is judged once."""
    lines = doc_lines(doc)
    at = bisect.bisect_right(lines.starts, doc[expression.start].idx) - 1
    if at not in lines.judged:
        end = lines.starts[at + 1] - 1 if at + 1 < len(lines.starts) else len(lines.text)
        lines.judged[at] = is_dates_only(lines.text[lines.starts[at]:end])
    return lines.judged[at]


def is_dates_only(line: str) -> bool:
    """Whether `line` is date words (weekdays, months), digits and punctuation only; stops at the first other
    word, so a paragraph costs little."""
    covered = 0
    for match in DATE_WORDS.finditer(line):
        if match.start() != covered:
            return False
        covered = match.end()
    return covered == len(line)


def in_quotation(doc: Doc, char: int) -> bool:
    """Whether the character offset lies inside a quotation of the Doc (which may open sentences before)."""
    lines = doc_lines(doc)
    if lines.quotations is None:
        lines.quotations = quote_spans(lines.text)
    at = bisect.bisect_right(lines.quotations, (char, len(lines.text))) - 1
    return at >= 0 and lines.quotations[at][0] <= char < lines.quotations[at][1]


@dataclass
class DocLines:
    text: str
    starts: list[int]  # the character offset where each line starts
    judged: dict[int, bool]  # by line: a line of dates only or not, for the lines asked about so far
    quotations: list[tuple[int, int]] | None = None  # (start, end) of each quotation's words, once asked


def doc_lines(doc: Doc) -> DocLines:
    lines = doc.user_data.get(LINES_KEY)
    if lines is None:
        text = doc.text
        starts = [0] + [newline.end() for newline in re.finditer("\n", text)]
        lines = doc.user_data[LINES_KEY] = DocLines(text, starts, {})
    return lines


def crosses_line(doc: Doc, expression: TimeExpression, trigger: Token) -> bool:
    low = min(expression.start, trigger.i)
    high = max(expression.end, trigger.i + 1)
    return "\n" in doc[low:high].text


def clause_anchors(trigger: Token) -> set[int]:
    """The trigger and, for a noun trigger ("sanctions", "attack"), the words governing it up to a verb."""
    anchors = {trigger.i}
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and not is_clause_boundary(token):
        token = token.head
        anchors.add(token.i)
    return anchors


def is_clause_boundary(token: Token) -> bool:
    if token.dep_ == "advcl":
        return any(child.dep_ == "mark" and child.lower_ in OTHER_TIME_MARKERS for child in token.children)
    return token.dep_ in CLAUSE_DEPS


def in_clause(token: Token, anchors: set[int]) -> bool:
    """Whether `token` hangs from one of `anchors` without crossing into another clause."""
    current = token
    while True:
        if current.i in anchors:
            return True
        if is_clause_boundary(current) or current.head.i == current.i:
            return False
        current = current.head


DESCRIBING_DEPS = frozenset({"relcl", "acl"})


def is_since(doc: Doc, expression: TimeExpression, root: Token) -> bool:
    """Whether the expression is the start of a period that goes on ("since June", "since 2011")."""
    return expression.text.lower().startswith("since") or root.head.lower_ == "since" or (
        expression.start > 0 and doc[expression.start - 1].lower_ == "since")


def describes(token: Token, trigger: Token) -> bool:
    """Whether `token` stands in the trigger's own description: below it, crossing into no clause but one that
    describes a noun ("the bombing that happened on June 27", "a call made late last July"): not in what the
    trigger reports ("said that ... on Sunday") nor in another event's time ("after ... on Sunday")."""
    current = token
    while current.i != trigger.i:
        if current.head.i == current.i:
            return False
        if current.dep_ in CLAUSE_DEPS and current.dep_ not in DESCRIBING_DEPS or (
                current.dep_ == "advcl" and is_clause_boundary(current)):
            return False
        current = current.head
    return token.i != trigger.i


def clause_head(token: Token) -> Token:
    current = token
    while not is_clause_boundary(current) and current.head.i != current.i:
        current = current.head
    return current


def governs(head: Token, trigger: Token) -> bool:
    return head.i == trigger.i or any(a.i == head.i for a in trigger.ancestors)


def tree_distance(a: Token, b: Token) -> int:
    path_a = [a.i] + [t.i for t in a.ancestors]
    path_b = [b.i] + [t.i for t in b.ancestors]
    common = set(path_a) & set(path_b)
    if not common:
        return 1000 + abs(a.i - b.i)
    return min(path_a.index(c) + path_b.index(c) for c in common)
