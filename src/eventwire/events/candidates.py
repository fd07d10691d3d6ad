"""Candidate events: the parse and the dictionaries propose, a trained model (eventwire.model) decides.

For every sentence the finder proposes, generously:
- each ordered pair of actor mentions (both directions: the model decides which one acts),
- each actor mention alone (events with no target: protests, resignations),
- the parties of every frame the rule extractor found (its actors may come from coreference across sentences).

A candidate carries the tokens that link its parties (the dependency path through their lowest common head),
the trigger it would have, the frames of the rules with the same parties, and the features the model reads:
path shape, the words on it, what the trigger dictionary says of them, what the rules coded, the actors' sectors.
Features are strings ("lca=accuse", "rule=11"); the model maps them to weights.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Span, Token

from eventwire.actors.resolver import ActorResolver, ArticleContext
from eventwire.events.extractor import Frame
from eventwire.events.mode import has_negation, is_background, is_past_perfect, syntactic_mode
from eventwire.events.syntax import coordinated_with, grammatical_subjects
from eventwire.events.triggers import TriggerDictionary
from eventwire.nlp import TokenTable, sentence_of, token_table
from eventwire.records import Actor

MENTION_POS = frozenset({"PROPN", "NOUN", "PRON"})
# Tokens inside a noun phrase whose head carries the mention ("Russian President Vladimir Putin": Putin).
INSIDE_PHRASE_DEPS = frozenset({"compound", "flat"})
PREDICATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
# A trigger's clausal complements and objects: what a verb of saying, asking or deciding says.
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "prep", "attr", "acomp"})
MAX_MENTIONS = 12  # per sentence: long lists of names make pairs grow as the square


@dataclass
class Mention:
    actor: Actor
    head: Token | None  # None: a party of a rule frame found outside this sentence (coreference)


@dataclass
class Candidate:
    sentence: Span
    source: Mention
    target: Mention | None
    trigger: Token
    construction: str  # the path's shape: "nsubj>VERB<dobj", "poss>NOUN<prep:against<pobj"
    frames: list[Frame] = field(default_factory=list)  # the rules' frames with these parties
    features: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the sentence's predicates: what the root model reads too

    @property
    def root_features(self) -> list[str]:
        return self.features + self.words


ActorKey = Callable[[Actor | None], object]


class TokenFacts:
    """What the candidates of one sentence read of its tokens, worked out once per token (they share their
    triggers, heads and the words on their paths): the trigger dictionary's codes, negation, governing verbs,
    grammatical subjects, the heads above, the paths between them and what a trigger's complement says.
    `dictionary_codes`: the codes of a part of speech and a lower-cased lemma; `table`: the document's tokens."""

    def __init__(self, dictionary_codes: Callable[[str, str], list[str]], table: TokenTable):
        self._dictionary_codes = dictionary_codes
        self.table = table
        self._codes: dict[int, list[str]] = {}
        self._negated: dict[int, bool] = {}
        self._governors: dict[int, list[Token]] = {}
        self._subjects: dict[int, set[int]] = {}
        self._heads: dict[int, tuple[list[Token], list[int], dict[int, int]]] = {}
        self._paths: dict[tuple[int, int], tuple[list[Token], Token, list[Token]]] = {}
        self._said: dict[int, list[str]] = {}
        self._trigger_features: dict[int, list[str]] = {}

    def codes(self, tok: Token) -> list[str]:
        return self.codes_at(tok.i)

    def codes_at(self, i: int) -> list[str]:
        """The codes of the token at index i."""
        found = self._codes.get(i)
        if found is None:
            found = self._codes[i] = self._dictionary_codes(self.table.pos[i], self.table.lemma[i])
        return found

    def negated(self, tok: Token) -> bool:
        if tok.i not in self._negated:
            self._negated[tok.i] = has_negation(tok)
        return self._negated[tok.i]

    def governors(self, tok: Token) -> list[Token]:
        if tok.i not in self._governors:
            self._governors[tok.i] = governors(tok, 3)
        return self._governors[tok.i]

    def subjects(self, trigger: Token) -> set[int]:
        if trigger.i not in self._subjects:
            self._subjects[trigger.i] = ({t.i for t in grammatical_subjects(trigger)}
                                         if trigger.pos_ in ("VERB", "AUX") else set())
        return self._subjects[trigger.i]

    def _chain(self, tok: Token) -> tuple[list[Token], list[int], dict[int, int]]:
        """heads_above(tok), its tokens' indices, and where each index is in it (the last place)."""
        found = self._heads.get(tok.i)
        if found is None:
            chain = heads_above(tok)
            ids = [t.i for t in chain]
            found = self._heads[tok.i] = (chain, ids, {i: k for k, i in enumerate(ids)})
        return found

    def path(self, a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
        """The tokens from `a` up to the lowest common head (exclusive), that head, and from `b` up to it, from the
        heads above each (`heads_above`) remembered; the caller must not change the lists."""
        key = (a.i, b.i)
        found = self._paths.get(key)
        if found is None:
            found = self._paths[key] = self._path(a, b)
        return found

    def _path(self, a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
        up_a, ids_a, _ = self._chain(a)
        chain_b, _, index_b = self._chain(b)
        for k, i in enumerate(ids_a):
            if i in index_b:
                return up_a[:k], up_a[k], chain_b[:index_b[i]]
        return up_a[:], up_a[-1], chain_b[:]  # (different sentences: no common head)

    def said(self, trigger: Token) -> list[str]:
        if trigger.i not in self._said:
            self._said[trigger.i] = complement_words(trigger, self.codes)
        return self._said[trigger.i]

    def trigger_features(self, trig: Token, make: Callable[[Token, TokenFacts], list[str]]) -> list[str]:
        """make(trig, self), once per trigger; the caller must not change the list."""
        found = self._trigger_features.get(trig.i)
        if found is None:
            found = self._trigger_features[trig.i] = make(trig, self)
        return found


class CandidateFinder:
    """Proposes candidates for one sentence at a time (after the rule extractor has read it)."""

    def __init__(self, resolver: ActorResolver, triggers: TriggerDictionary, actor_key: ActorKey):
        self.resolver = resolver
        self.triggers = triggers
        self.actor_key = actor_key

    # -- mentions ---------------------------------------------------------------------------------------
    def mentions(self, sent: Span, ctx: ArticleContext, adjust: Callable[[Actor], Actor]) -> list[Mention]:
        out: list[Mention] = []
        seen: set[tuple[int, object]] = set()
        doc = sent.doc
        table = token_table(doc)
        pos, dep = table.pos, table.dep
        for i in range(sent.start, sent.end):
            if pos[i] not in MENTION_POS or dep[i] in INSIDE_PHRASE_DEPS:
                continue
            tok = doc[i]
            for actor in self.resolver.resolve_many(tok, ctx):
                actor = adjust(actor)
                if not usable(actor):
                    continue
                key = (tok.i, self.actor_key(actor))
                if key not in seen:
                    seen.add(key)
                    out.append(Mention(actor, tok))
            if len(out) >= MAX_MENTIONS:
                break
        return out

    # -- candidates -------------------------------------------------------------------------------------
    def find(self, sent: Span, ctx: ArticleContext, frames: list[Frame], adjust: Callable[[Actor], Actor],
             relate: Callable[[Actor, Actor], Actor] = lambda source, target: target,
             venue: str | None = None) -> list[Candidate]:
        """`adjust` settles an actor alone (the story's police are its country's); `relate` a target by its
        source (a state's act on "farmers" is on its own farmers); `venue` is the country where the story is
        set (a visit or a summit there is hosted by it)."""
        mentions = self.mentions(sent, ctx, adjust)
        facts = self.token_facts(sent)
        out: dict[tuple, Candidate] = {}
        for s in mentions:
            for t in [None, *mentions]:
                if t is not None and (same_actor(s.actor, t.actor) or coordinated_objects(s.head, t.head)):
                    continue
                if t is not None:
                    t = Mention(relate(s.actor, t.actor), t.head)
                cand = self._candidate(sent, s, t, facts=facts)
                if cand is not None:
                    out.setdefault(self._identity(cand), cand)
                if t is None and cand is not None:
                    for implicit in self._unsaid_parties(cand, venue):
                        out.setdefault(self._identity(implicit), implicit)
        for frame in frames:
            source = adjust(frame.source)
            target = adjust(frame.target) if frame.target is not None else None
            if not usable(source) or (target is not None and not usable(target)):
                continue
            s = _mention_for(source, mentions, self.actor_key, sent)
            t = _mention_for(relate(source, target), mentions, self.actor_key, sent) if target is not None else None
            cand = self._candidate(sent, s, t, trigger=frame.trigger, facts=facts)
            if cand is None:
                continue
            known = out.get(self._identity(cand))
            if known is None:
                out[self._identity(cand)] = cand
            elif not known.construction.startswith("rule"):
                # the parties' pair, with the word the rule took for their event (nearer it than their
                # common head: "Russia and Iran are expected to [sign]")
                known.trigger = frame.trigger
                known.construction = "rule+" + known.construction
        cands = list(out.values())
        if not cands:
            return cands  # (a sentence with no parties: nothing to describe)
        words = self.sentence_words(sent, facts)
        frame_parties = [self._frame_parties(f, adjust, relate) for f in frames]
        for cand in cands:
            parties = self._parties(cand)
            cand.frames = [f for f, p in zip(frames, frame_parties, strict=True) if p == parties]
            cand.features = self.features(cand, frames, adjust, facts)
            cand.words = words + facts.said(cand.trigger)
        return cands

    def token_facts(self, sent: Span) -> TokenFacts:
        """A TokenFacts for the candidates of one sentence."""
        return TokenFacts(self._codes_of, token_table(sent.doc))

    def sentence_words(self, sent: Span, facts: TokenFacts | None = None) -> list[str]:
        """The sentence's predicates as a bag: most sentences report one kind of event, and its words say which
        even where the parse links the actors through another word."""
        facts = facts if facts is not None else self.token_facts(sent)
        table = facts.table
        pos, is_stop, lemma = table.pos, table.is_stop, table.lemma
        out = set()
        for i in range(sent.start, sent.end):
            if pos[i] in ("VERB", "NOUN") and not is_stop[i]:
                out.add(f"w={lemma[i]}")
                out.update(f"wdict={c[:2]}" for c in facts.codes_at(i))
        return sorted(out)

    @staticmethod
    def _unsaid_parties(alone: Candidate, venue: str | None) -> list[Candidate]:
        """The other party of a lone actor's act, where the sentence leaves it unsaid: its own country when the
        act is domestic ("the court ruled the prorogation unlawful": on its own government), and the country
        where the story is set ("leaders attended the conference" in Ashgabat: visited Turkmenistan)."""
        s = alone.source
        out = []
        for country, kind in ((s.actor.country if s.actor.sector else None, "implicit"), (venue, "venue")):
            if country and (kind == "implicit" or country != s.actor.country):
                party = Actor("", country, country, None, None, "country", s.actor.start, s.actor.start)
                out.append(Candidate(alone.sentence, s, Mention(party, None), alone.trigger,
                                     f"{kind}:{alone.construction}"))
        return out

    def _identity(self, cand: Candidate) -> tuple:
        s, t = cand.source, cand.target
        return (self.actor_key(s.actor), s.head.i if s.head is not None else -1,
                self.actor_key(t.actor) if t else None, t.head.i if t is not None and t.head is not None else -1)

    def _frame_parties(self, frame: Frame, adjust: Callable[[Actor], Actor],
                       relate: Callable[[Actor, Actor], Actor]) -> tuple:
        """A rule frame's source and target as its candidates have them (see `_parties`)."""
        ft = relate(adjust(frame.source), adjust(frame.target)) if frame.target is not None else None
        return self.actor_key(adjust(frame.source)), (self.actor_key(ft) if ft else None)

    def _parties(self, cand: Candidate) -> tuple:
        ct = cand.target.actor if cand.target is not None else None
        return self.actor_key(cand.source.actor), (self.actor_key(ct) if ct else None)

    def _candidate(self, sent: Span, s: Mention, t: Mention | None, trigger: Token | None = None,
                   facts: TokenFacts | None = None) -> Candidate | None:
        facts = facts if facts is not None else self.token_facts(sent)
        if s.head is None and trigger is None:
            return None
        if trigger is not None:
            construction = "rule"
            if s.head is not None:
                construction = "rule:" + path_shape(*facts.path(s.head, trigger))
            return Candidate(sent, s, t, trigger, construction)
        if t is None or t.head is None:
            trig = governor(s.head)
            if trig is None:
                return None
            return Candidate(sent, s, t, trig, "alone:" + chain_label(s.head, trig))
        up, lca, down = facts.path(s.head, t.head)
        trig = self._trigger_on(up, lca, down, facts.codes)
        return Candidate(sent, s, t, trig, path_shape(up, lca, down))

    @staticmethod
    def _trigger_on(up: list[Token], lca: Token, down: list[Token], codes: Callable[[Token], list[str]]) -> Token:
        """The word of the path that the trigger dictionary knows, nearest the common head; else the head."""
        table = token_table(lca.doc)
        pos = table.pos
        for tok in [lca, *reversed(up[1:]), *down[1:]]:
            if pos[tok.i] in PREDICATE_POS and codes(tok):
                return tok
        head = table.head[lca.i]
        if pos[lca.i] not in PREDICATE_POS and head != lca.i and pos[head] in ("VERB", "AUX"):
            return lca.doc[head]
        return lca

    def _codes_of(self, pos: str, lemma: str) -> list[str]:
        """The codes of the trigger dictionary's patterns for a part of speech and a lower-cased lemma."""
        pos = "VERB" if pos in ("VERB", "AUX") else pos
        return [p.cameo for p in self.triggers.candidates(pos, lemma) if p.cameo]

    # -- features ---------------------------------------------------------------------------------------
    def features(self, cand: Candidate, frames: list[Frame], adjust: Callable[[Actor], Actor],
                 facts: TokenFacts | None = None) -> list[str]:
        facts = facts if facts is not None else self.token_facts(cand.sentence)
        table = facts.table
        f: list[str] = []
        s, t = cand.source, cand.target
        trig = cand.trigger
        tl = table.lemma[trig.i]
        f += ["bias", f"trig={tl}", f"trigpos={table.pos[trig.i]}", f"cons={cand.construction}",
              f"cons|trig={cand.construction}|{tl}"]
        f += facts.trigger_features(trig, trigger_features)
        f += actor_features("s", s.actor)
        subjects = facts.subjects(trig)
        if s.head is not None:
            f.append(f"sdep={table.dep[s.head.i]}")
            # whether the actor is the one who does what the trigger says ("Pezeshkian ... accused", not
            # "Israel should stop ... and [Pezeshkian] accused")
            f.append("s=subject" if s.head.i in subjects else "s=not-subject" if subjects else "s=no-subject")
            if table.pos[s.head.i] == "PRON":
                f.append("spron")
        else:
            f.append("s_elsewhere")
        if t is None:
            f.append("notarget")
        else:
            f += actor_features("t", t.actor)
            f.append(f"pair={sector_of(s.actor)}>{sector_of(t.actor)}")
            if s.actor.country and s.actor.country == t.actor.country:
                f.append("samecountry")
            if t.head is not None:
                f.append(f"tdep={table.dep[t.head.i]}")
                if t.head.i in subjects:
                    f.append("t=subject")
                if s.head is not None:
                    up, lca, down = facts.path(s.head, t.head)
                    f += path_features(up, lca, down)
                    f += [f"pathdict={c[:2]}" for tok in [*up[1:], *down[1:]] for c in set(facts.codes(tok))]
            else:
                f.append("t_elsewhere")
        for frame in cand.frames:
            code = frame.pattern.cameo or ""
            f += [f"rule={code[:2]}", f"rulec={code}", f"rulemode={frame.mode}",
                  f"rulecons={frame.rule.split()[0] if frame.rule else ''}"]
        for frame in frames:
            if any(frame is f for f in cand.frames):
                continue
            code = (frame.pattern.cameo or "")[:2]
            f.append(f"sentrule={code}")
            if t is not None and self._reversed(frame, cand, adjust):
                f.append(f"rulerev={code}")
        return f

    def _reversed(self, frame: Frame, cand: Candidate, adjust: Callable[[Actor], Actor]) -> bool:
        if frame.target is None or cand.target is None:
            return False
        return self.actor_key(adjust(frame.target)) == self.actor_key(cand.source.actor) \
            and self.actor_key(adjust(frame.source)) == self.actor_key(cand.target.actor)


def trigger_features(trig: Token, facts: TokenFacts) -> list[str]:
    """What a candidate's features say of its trigger alone: the trigger dictionary's codes, negation and the
    verbs that govern it (the same for all the candidates of a trigger: see TokenFacts.trigger_features)."""
    codes = facts.codes(trig)
    f = [f"dict={c[:2]}" for c in set(codes)]
    f += [f"dictc={c}" for c in set(codes)]
    if facts.negated(trig):
        f.append("neg")
    for gov in facts.governors(trig):
        f.append(f"gov={facts.table.lemma[gov.i]}")
        f += [f"govdict={c[:2]}" for c in set(facts.codes(gov))]
    return f


def complement_words(trigger: Token, codes: Callable[[Token], list[str]]) -> list[str]:
    """What a trigger's complement says: the root of a report or an appeal is in it ("said the sanctions were
    illegal" disapproves, "called on them to negotiate" appeals), not in the verb of saying."""
    table = token_table(trigger.doc)
    pos, dep, is_stop, lemma = table.pos, table.dep, table.is_stop, table.lemma
    out: set[str] = set()
    for child in trigger.children:
        if dep[child.i] not in COMPLEMENT_DEPS:
            continue
        for tok in child.subtree:
            i = tok.i
            if pos[i] in ("VERB", "NOUN", "ADJ") and not is_stop[i]:
                out.add(f"cw={lemma[i]}")
                out.update(f"cdict={c[:2]}" for c in codes(tok))
            elif dep[i] == "neg":
                out.add("cneg")
    return sorted(out)


def coordinated_objects(a: Token, b: Token) -> bool:
    """Members of one coordinated phrase that is no subject ("accused the United States and Europe", "the
    heads of Kazakhstan, Kyrgyzstan and Uzbekistan"): what is done to or said of them all is no act of one on
    another. (Coordinated subjects may be: "Russia and Iran met"; so may the members of one plural phrase:
    "their two countries agreed".)"""
    if a.i == b.i:
        return False
    first_a, first_b = first_conjunct(a), first_conjunct(b)
    return first_a.i == first_b.i and first_a.dep_ not in ("nsubj", "nsubjpass")


def first_conjunct(tok: Token) -> Token:
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def same_actor(a: Actor, b: Actor) -> bool:
    """Two mentions of one actor ("Putin ... he"): the same code and the same name."""
    return a.code == b.code and (a.name or a.text) == (b.name or b.text)


def usable(actor: Actor | None) -> bool:
    """An actor that can stand in event data: a code, and an organ of state that says whose state it is."""
    if actor is None or not actor.code:
        return False
    return not (actor.kind == "agent" and not actor.country
                and actor.sector in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY"))


def sector_of(actor: Actor) -> str:
    return actor.sector or actor.kind


def actor_features(prefix: str, actor: Actor) -> list[str]:
    return [f"{prefix}sec={sector_of(actor)}", f"{prefix}kind={actor.kind}"]


def _mention_for(actor: Actor, mentions: Iterable[Mention], key: ActorKey, sent: Span) -> Mention:
    """A rule frame's party as a mention: the mention with its code, else the phrase at its offsets in the
    sentence (the rules compose codes the mentions lack: "Israel has sent troops" is ISRMIL), else no head
    (a party found in an earlier sentence)."""
    k = key(actor)
    found = next((m for m in mentions if key(m.actor) == k), None)
    if found is not None:
        return found
    if sent.start_char <= actor.start < actor.end <= sent.end_char:
        span = sent.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None:
            return Mention(actor, span.root)
    return Mention(actor, None)


def heads_above(tok: Token) -> list[Token]:
    """The token and its heads up to the root, a coordinated verb climbing to the verb it is really coordinated
    with ("adding that Israel should stop killing and accused the US": "accused" is no part of Israel's clause)."""
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 64:
        cur = out[-1]
        out.append(coordinated_with(cur) if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") else cur.head)
    return out


def arc_label(tok: Token) -> str:
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        return f"pobj:{tok.head.lower_}"
    return tok.dep_


def path_shape(up: list[Token], lca: Token, down: list[Token]) -> str:
    left = ">".join(arc_label(t) for t in up[:3] if t.dep_ != "prep")
    right = "<".join(arc_label(t) for t in reversed(down[:3]) if t.dep_ != "prep")
    return f"{left}>{lca.pos_}<{right}"


def chain_label(tok: Token, top: Token) -> str:
    labels = []
    while tok.i != top.i and tok.head.i != tok.i and len(labels) < 3:
        if tok.dep_ != "prep":
            labels.append(arc_label(tok))
        tok = tok.head
    return ">".join(labels) + f">{top.pos_}"


def path_features(up: list[Token], lca: Token, down: list[Token]) -> list[str]:
    f = [f"lca={lca.lemma_.lower()}", f"lcapos={lca.pos_}", f"sup={'>'.join(arc_label(t) for t in up[:2])}",
         f"tdown={'<'.join(arc_label(t) for t in down[:2])}", f"len={min(len(up) + len(down), 6)}"]
    f += [f"pv={t.lemma_.lower()}" for t in [*up[1:], *down[1:]] if t.pos_ in ("VERB", "NOUN")]
    if up and down and "conj" in (up[0].dep_, down[0].dep_) \
            and (up[0].head.i in (down[0].i, lca.i) or down[0].head.i in (up[0].i, lca.i)):
        f.append("conj")
    if up and down:
        f.append("sfirst" if up[0].i < down[0].i else "tfirst")
    return f


def governor(tok: Token) -> Token | None:
    """The predicate that a lone actor's phrase belongs to: the nearest verb, event noun or adjective above."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX", "ADJ") or anc.pos_ == "NOUN" and anc.dep_ in ("ROOT", "dobj", "nsubj"):
            return anc
    return None


def governors(tok: Token, n: int) -> list[Token]:
    """The verbs that govern a trigger's clause ("expected to [sign]", "said [they] accused"), nearest first."""
    out: list[Token] = []
    cur = tok
    while cur.head.i != cur.i and len(out) < n:
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX", "ADJ"):
            out.append(cur)
    return out


# -- mode -------------------------------------------------------------------------------------------------
MODAL_WORDS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall", "to", "not",
                         "n't", "never", "if", "unless", "whether"})


def trigger_mode_features(trigger: Token, rule_modes: list[str], age_days: int | None, quoted: bool,
                          published_year: int | None = None) -> list[str]:
    """What tells an event's mode: the rules' reading, the syntax around the trigger (auxiliaries, negation,
    the verbs that govern it: "expected to", "denied", "accused ... of"), how old its stated date is, and the
    words a sentence of background is told with ("former", "in 2015", "since")."""
    return undated_mode_features(trigger, rule_modes, quoted, published_year) + [age_feature(age_days)]


def undated_mode_features(trigger: Token, rule_modes: list[str], quoted: bool,
                          published_year: int | None = None) -> list[str]:
    """trigger_mode_features less the date's age (resolving a date takes a while: see Coder.learned_mode)."""
    f = ["bias", f"syn={syntactic_mode(trigger)}", f"tag={trigger.tag_}", f"tl={trigger.lemma_.lower()}"]
    f += background_cues(sentence_of(trigger), published_year)
    f += [f"rulemode={m}" for m in set(rule_modes)]
    if is_past_perfect(trigger):
        f.append("pastperfect")
    if is_background(trigger):
        f.append("background")
    if has_negation(trigger):
        f.append("neg")
    f += [f"aux={c.lower_}" for c in trigger.children if c.dep_ in ("aux", "auxpass", "neg", "mark")
          and c.lower_ in MODAL_WORDS]
    for gov in governors(trigger, 3):
        f.append(f"gov={gov.lemma_.lower()}")
        f += [f"govaux={c.lower_}" for c in gov.children if c.dep_ in ("aux", "neg", "mark")
              and c.lower_ in MODAL_WORDS]
    if quoted:
        f.append("quoted")
    return f


BACKGROUND_WORDS = frozenset({"former", "previously", "earlier", "ago", "since", "until", "after", "before", "later",
                              "first", "born", "history", "then", "once", "prior", "previous", "late"})


def background_cues(sentence: Span, published_year: int | None) -> list[str]:
    """Words of the sentence that tell background from news: years before the story's, and BACKGROUND_WORDS."""
    out = set()
    lower = token_table(sentence.doc).lower
    for i in range(sentence.start, sentence.end):
        low = lower[i]
        if low in BACKGROUND_WORDS:
            out.add(f"bgw={low}")
        elif published_year and len(low) == 4 and low.isdigit() and 1900 <= int(low) <= published_year + 5:
            year = int(low)
            out.add("year<story" if year < published_year else "year=story" if year == published_year
                    else "year>story")
    return sorted(out)


def age_feature(days: int | None) -> str:
    return f"age={age_bucket(days)}"


def age_bucket(days: int | None) -> str:
    if days is None:
        return "none"
    if days < 0:
        return "future"
    for limit, name in ((1, "0-1"), (7, "2-7"), (31, "8-31"), (365, "32-365")):
        if days <= limit:
            return name
    return "older"


def date_age(value: str, published: date | None) -> int | None:
    """Days from an event date ("YYYY-MM-DD", "YYYY-MM", "YYYY") to the published date (its last day for a
    month or year: "in 2018" is at least that old)."""
    if published is None:
        return None
    try:
        if len(value) == 4:
            day = date(int(value), 12, 31)
        elif len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        else:
            day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return (published - day).days

