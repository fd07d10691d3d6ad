"""PETRARCH mode: articles -> events coded with a user's PETRARCH dictionaries only.

For each verb of a sentence that its verb dictionary knows, the most specific match (patterns.py) gives the
code(s); the source is the verb's subject (the `by` phrase of a passive; the phrase at `$` if the pattern has
one), the target the phrase at `+`, else the direct object, else the object of the first prepositional phrase
of the clause that names an actor (the subject of a passive). Every source actor is paired with every target
actor (nouns.py expands compounds); `[X:Y]` codes X from source to target and Y back. Negated verbs are not
coded (as in PETRARCH); future and hypothetical ones carry their mode. A sentence with a discard phrase, a
`[###]` actor or a `[###]` pattern is not coded, nor a story with a `+` discard phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.events.mode import syntactic_mode
from eventwire.events.syntax import (
    conjuncts,
    direct_objects,
    grammatical_subjects,
    is_passive,
    passive_agents,
    passive_subjects,
)
from eventwire.ontology.cameo import CameoTable
from eventwire.petrarch.load import PetrarchDictionaries
from eventwire.petrarch.nouns import CodedActor, NounCoder
from eventwire.petrarch.patterns import VerbMatch, best_match, clause_regions
from eventwire.records import Actor, Article, Event

PETRARCH_CONFIDENCE = 0.6


class PetrarchCoder:
    """Codes articles with PETRARCH dictionaries (see the module docstring). Same public API as `Coder`."""

    def __init__(self, dictionaries: PetrarchDictionaries, config=None, nlp=None):
        from eventwire.nlp import load_nlp
        from eventwire.pipeline import CoderConfig

        self.config = config or CoderConfig()
        self.nlp = nlp or load_nlp(self.config.model)
        self.cameo = self.config.cameo or CameoTable.load()
        self.dictionaries = dictionaries

    @property
    def problems(self):
        """Dictionary lines that could not be read (file, line, reason)."""
        return self.dictionaries.problems

    def code_article(self, article: Article) -> list[Event]:
        return self.code_doc(self.nlp(article.text), article)

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Event]]]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, self.code_doc(doc, article)

    def code_doc(self, doc: Doc, article: Article) -> list[Event]:
        d = self.dictionaries
        if d.discards.discards_story(doc.text):
            return []
        day = article.published or date.today()
        events: list[Event] = []
        for sent in doc.sents:
            if not d.discards.discards_sentence(sent.text):
                events += self.code_sentence(sent, article, NounCoder(d.actors, d.agents, day))
        return events

    def code_sentence(self, sent: Span, article: Article, nouns: NounCoder) -> list[Event]:
        events: list[Event] = []
        for verb in sent:
            if not (verb.tag_.startswith("VB") or verb.pos_ in ("VERB", "AUX")):
                continue
            match = best_match(verb, self.dictionaries.verbs)
            if match is None or match.codes.null:
                continue
            if match.codes.discard:
                return []
            mode = syntactic_mode(verb)
            if mode == "negated":
                continue
            sources, targets = self._parties(verb, match, nouns)
            events += self._events(verb, match, sources, targets, mode, sent, article)
        if nouns.discarded:
            return []
        return _unique(events)

    # -- who acts on whom -----------------------------------------------------------------------------------
    def _parties(self, verb: Token, match: VerbMatch, nouns: NounCoder) -> tuple[list[CodedActor], list[CodedActor]]:
        b = match.bindings
        passive = is_passive(verb)
        if "source" in b:
            source_heads = [b["source"]]
        else:
            source_heads = passive_agents(verb) if passive else grammatical_subjects(verb)
        sources = [a for h in source_heads for a in nouns.code_phrase(h)]
        if "target" in b:
            target_groups = [[b["target"]]]
        else:
            target_groups = [passive_subjects(verb)] if passive else []
            target_groups += [direct_objects(verb)]
            if "prep_object" in b:
                target_groups.append(conjuncts(b["prep_object"]))
            target_groups += [[t for c in p.children if c.dep_ == "pobj" for t in conjuncts(c)]
                              for p in clause_regions(verb)[1] if p.dep_ in ("prep", "dative") and p.head == verb]
        # the first slot that names an actor; a bare agent ("sent troops into Lebanon") only when none does
        coded = [found for group in target_groups if (found := [a for h in group for a in nouns.code_phrase(h)])]
        targets = next((found for found in coded if any(a.root is not None for a in found)),
                       coded[0] if coded else [])
        source_codes = {a.code for a in sources}
        targets = [t for t in targets if t.code not in source_codes] or \
            [t for t in targets if len(sources) > 1]  # ("Valdoria and Kestria met": each other)
        return sources, targets

    def _events(self, verb: Token, match: VerbMatch, sources: list[CodedActor], targets: list[CodedActor],
                mode: str, sent: Span, article: Article) -> list[Event]:
        out: list[Event] = []
        pairs = [(s, t) for s in sources for t in targets if s.code != t.code]
        if not pairs and self.config.keep_unresolved and match.codes.forward:
            pairs = [(s, None) for s in sources]
        for source, target in pairs:
            if match.codes.forward:
                out.append(self._event(verb, match, match.codes.forward, source, target, mode, sent, article))
            if match.codes.reverse and target is not None:
                out.append(self._event(verb, match, match.codes.reverse, target, source, mode, sent, article))
        return out

    def _event(self, verb: Token, match: VerbMatch, code: str, source: CodedActor, target: CodedActor | None,
               mode: str, sent: Span, article: Article) -> Event:
        cameo = self.cameo.get(code)
        sentence = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        trigger = " ".join(t.text for t in sorted([verb, *match.particle_tokens], key=lambda t: t.i))
        direction = "reverse" if target is not None and code == match.codes.reverse \
            and code != match.codes.forward else "forward"
        rule = f"petrarch {match.source} {match.text}"
        if direction == "reverse":
            rule += " reverse"
        return Event(
            article_id=article.id, sentence=sentence, sentence_start=start, sentence_end=start + len(sentence),
            trigger=trigger, trigger_start=verb.idx, trigger_end=verb.idx + len(verb),
            source=_actor(source), target=_actor(target) if target is not None else None,
            cameo=code, cameo_name=cameo.name or None, plover=cameo.plover, plover_mode=cameo.plover_mode,
            quad_class=cameo.quad_class, goldstein=cameo.goldstein, mode=mode,
            date=article.published.isoformat() if article.published else None,
            date_resolution="published" if article.published else None,
            confidence=PETRARCH_CONFIDENCE, rule=rule,
        )


def _actor(a: CodedActor) -> Actor:
    root = a.root_code
    country = root[:3] if root else None
    sector = a.code[len(root):][:3] or None if root and a.code.startswith(root) else None
    name = a.root.root.replace("_", " ").strip().title() if a.root is not None else None
    return Actor(a.text, a.code, country, sector, name, "petrarch", a.start, a.end)


def _unique(events: list[Event]) -> list[Event]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.source.code, e.cameo, e.target.code if e.target else None, e.trigger_start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
