"""Events from the dependency parse: triggers (verbs and nouns) matched against the pattern dictionary, with
source and target actors found through the syntax around them.

One `Frame` is one candidate event before enrichment: the trigger token, the pattern that fired, and the
source/target actors. The extractor returns frames; the pipeline turns them into Event records.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.actors.resolver import ActorResolver, ArticleContext
from eventwire.events import syntax
from eventwire.events.mode import has_ultimatum, is_named_event, is_refusal, own_intent, syntactic_mode
from eventwire.events.triggers import TriggerDictionary, TriggerPattern
from eventwire.nlp import TokenTable, token_table
from eventwire.records import Actor

DEFAULT_VERB_PREPS = ("with", "against", "on", "at", "into", "toward", "towards", "to")
DEFAULT_NOUN_PREPS = ("of", "on", "against", "with", "to", "into", "at", "toward", "towards", "between", "over",
                      "for")
# Speech verbs whose reported content is a contested claim (mode "claimed"), as opposed to neutral reporting.
CLAIM_LEMMAS = frozenset({"accuse", "claim", "allege", "charge", "blame", "suggest", "contend", "assert",
                          "insist", "argue", "maintain", "suspect", "believe"})


@dataclass
class Frame:
    trigger: Token
    pattern: TriggerPattern
    source: Actor
    target: Actor | None
    mode: str
    attributed_to: str | None = None
    rule: str = ""
    confidence: float = 0.5
    object_token: Token | None = None
    extras: dict = field(default_factory=dict)


@dataclass
class SentenceFrames:
    sentence: Span
    frames: list[Frame]


class EventExtractor:
    def __init__(self, triggers: TriggerDictionary, resolver: ActorResolver):
        self.triggers = triggers
        self.resolver = resolver

    # -- trigger matching -------------------------------------------------------------------------------------
    def match_verb(self, tok: Token) -> tuple[TriggerPattern, Token | None] | None:
        if not _may_be_verb(token_table(tok.doc), tok.i):
            return None
        candidates = self.triggers.candidates("VERB", tok.lemma_.lower())
        if not candidates:
            return None  # (most verbs are no trigger: no need to read their objects)
        particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "agent", "advmod")
                     and not _of_time(c)}  # ("called Erdogan on Monday" is no "call on")
        # "called for NATO members to increase spending": "for" marks the clause
        particles |= {m.lower_ for c in tok.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                      for m in c.children if m.dep_ == "mark" and m.lower_ == "for"}
        reduced = _reduced_passive(tok)
        objects = syntax.direct_objects(tok) or [a for c in tok.children if c.dep_ in syntax.PASSIVE_SUBJ_DEPS
                                                 for t in syntax.conjuncts(c) for a in syntax.relative_antecedents(t)] \
            or ([tok.head] if reduced else [])  # ("the ban imposed by Turkey")
        # "supplied Russia with weapons": the thing given can also be the object of "with" (in the passive, "by"
        # names the agent: "were reported killed by Taliban fighters")
        passive_form = syntax.is_passive(tok) or reduced or _passive_complement(tok)
        objects += syntax.prep_objects(tok, ("with", "on", "over", "into", "from", "as")
                                       + (() if passive_form else ("by",)))
        # "handed over 700 kg of medicine", "will provide 25,000 tons of food aid": what is measured
        objects += [p for o in objects if o.lemma_.lower() in MEASURE_NOUNS or o.like_num
                    for p in syntax.prep_objects(o, ("of",))]
        object_lemmas = {o.lemma_.lower(): o for o in objects}
        # "violated the ceasefire agreement": a kind named by the object's compound ("ceasefire") is more
        # specific than its head ("agreement"), so patterns are tried on the compounds first
        kinds = {c.lemma_.lower(): o for o in objects for c in o.children if c.dep_ == "compound"
                 or c.dep_ == "amod" and o.head.lower_ == "as"}  # ("designated X as a terrorist organization")
        usable = [p for p in candidates if (not p.extra or set(p.extra) <= particles)
                  and ("military-source" not in p.flags or self._military_subject(tok))
                  and ("intransitive" not in p.flags or _used_intransitively(tok))
                  and ("not-naming" not in p.flags or not any(c.dep_ == "oprd" for c in tok.children))
                  and ("no-complement" not in p.flags or not any(c.dep_ == "xcomp" for c in tok.children))]
        for pattern in usable:
            hit = next((o for lem, o in kinds.items() if lem in pattern.objects), None)
            if hit is not None:
                return pattern, hit
        for pattern in usable:
            if not pattern.objects:
                return pattern, None
            hit = next((o for lem, o in object_lemmas.items() if lem in pattern.objects
                        and not self._kind_named_by_compound(o, pattern)), None)
            if hit is not None:
                return pattern, hit
        return None

    def _kind_named_by_compound(self, obj: Token, pattern: TriggerPattern) -> bool:
        """"launched a rescue operation", "a mediation effort": a compound that is an event noun of its own
        names the kind of a generic object; the verb's pattern for the bare head does not apply."""
        return obj.lemma_.lower() in GENERIC_ACT_HEADS and any(
            c.dep_ == "compound" and c.lemma_.lower() not in pattern.objects
            and any(p.cameo and p.root != pattern.root for p in self.triggers.candidates("NOUN", c.lemma_.lower()))
            for c in obj.children)

    def _military_subject(self, verb: Token) -> bool:
        """"U.S. troops left Iraq", "rebels surrounded the town": the verb's subject is an armed force."""
        return any(self.resolver.head_agent_sector(s) in ("MIL", "REB", "INS", "UAF")
                   for s in syntax.grammatical_subjects(verb))

    def match_noun(self, tok: Token) -> TriggerPattern | None:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("PERSON", "GPE", "ORG", "NORP", "DATE", "TIME"):
            # ("signed in March": a month, not a march)
            return None
        patterns = self.triggers.candidates("NOUN", tok.lemma_.lower())
        if not patterns:
            return None  # (most nouns)
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in DOCUMENT_PARTS:
            return None  # "cited Article 5 of the NATO treaty": the text is cited, nothing is agreed
        modifiers = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        for pattern in patterns:
            if pattern.extra and not set(pattern.extra) <= modifiers:
                continue
            if "with-argument" in pattern.flags and not _has_argument(tok, pattern):
                continue  # "the Syrian opposition" is a party; "their opposition to the plan" is an event
            return pattern
        return None

    # -- extraction -------------------------------------------------------------------------------------------
    def extract(self, sent: Span, ctx: ArticleContext) -> SentenceFrames:
        frames: list[Frame] = []
        consumed: set[int] = set()
        speech: list[tuple[Token, Actor, TriggerPattern]] = []
        verb_hits = []
        named = {i for i in range(sent.start, sent.end)
                 if (m := ctx.names.get(i)) is not None and m.end - m.start > 1} | _inside_org_names(sent)
        doc = sent.doc
        table = token_table(doc)
        pos = table.pos
        for i in range(sent.start, sent.end):
            if i in named:
                continue  # "the Committee to Protect Journalists", "Islamic Resistance Movement": a name
            if not _may_be_verb(table, i):
                continue  # (match_verb's own first test, without making a Token)
            tok = doc[i]
            hit = self.match_verb(tok)
            if hit is not None:
                verb_hits.append((tok, *hit))
                if hit[1] is not None and "object-event" not in hit[0].flags:
                    # "imposed sanctions", "sent an aid package": one event, unless the object is one of its own
                    consumed.add(hit[1].i)
                    consumed.update(c.i for c in hit[1].children if c.dep_ == "compound")
        for tok, pattern, obj in verb_hits:
            new = self._verb_frames(tok, pattern, obj, ctx)
            frames.extend(new)
            if "speech" in pattern.flags or tok.lemma_.lower() in CLAIM_LEMMAS:
                sources = new[0].source if new else self._first_subject(tok, ctx)
                if sources is not None:
                    speech.append((tok, sources, pattern))
        for i in range(sent.start, sent.end):
            if i in consumed or i in named or pos[i] not in ("NOUN", "PROPN", "ADJ"):
                continue  # (match_noun takes only nouns, _adjective_frames adjectives)
            tok = doc[i]
            pattern = self.match_noun(tok)
            if pattern is not None and not self._in_title(tok):
                frames.extend(self._noun_frames(tok, pattern, ctx))
            elif tok.pos_ == "ADJ":
                frames.extend(self._adjective_frames(tok, ctx))
        self._fill_missing_targets(sent, frames, ctx)
        self._apply_object_claims(frames, verb_hits)
        frames.extend(self._claimed_acts(frames, verb_hits))
        self._apply_speech(frames, speech)
        demands = self._demands(sent, speech, ctx)
        frames = [f for f in frames if not _demanded(f, demands)] + demands
        frames.extend(self._characterizations(frames, speech, ctx))
        self._remember_actors(sent, ctx, frames)
        self._remember_acts(ctx, frames)
        return SentenceFrames(sent, self._unique(frames))

    def _in_title(self, noun: Token) -> bool:
        """"AU trade and industry commissioner", "the peace envoy": a word inside an office's title is no event."""
        tok = _first_conjunct(noun)
        if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "on") and tok.head.head.pos_ in ("NOUN", "PROPN") \
                and self.resolver.head_agent_sector(tok.head.head) in ("GOV", "ELI"):
            return True  # "the United States special envoy for Ukraine negotiations"
        if tok.dep_ not in ("compound", "amod", "nmod"):
            return False
        head = syntax.phrase_head(tok)
        titles = [head, *(c for c in syntax.conjuncts(tok) if c is not tok)]
        return head is not tok and any(t.pos_ in ("NOUN", "PROPN") and self.resolver.head_agent_sector(t) is not None
                                       for t in titles)

    def _first_subject(self, verb: Token, ctx: ArticleContext) -> Actor | None:
        for s in syntax.grammatical_subjects(verb):
            actor = self.resolver.resolve(s, ctx)
            if actor is not None:
                return actor
        return None

    def _resolve_all(self, tokens: list[Token], ctx: ArticleContext, owners: bool = False) -> list[Actor]:
        """Actors of the phrases headed by `tokens`. owners=True: a phrase that names no actor stands for its
        owner ("homes of Palestinians", "Saudi Arabia's oil facilities", "a camp for Congolese refugees")."""
        out = []
        for t in tokens:
            found = self.resolver.resolve_many(t, ctx)
            if not found and owners:
                for owner in syntax.owners(t):
                    found = self.resolver.resolve_many(owner, ctx)
                    if found:
                        break
            out.extend(found)
        return out

    def _verb_frames(self, verb: Token, pattern: TriggerPattern, obj: Token | None,
                     ctx: ArticleContext) -> list[Frame]:
        if pattern.cameo is None:
            return []
        if verb.dep_ == "amod" and verb.tag_ == "VBN" and pattern.root in STATE_ACT_ROOTS and obj is None:
            return self._state_act_described(verb, pattern, ctx)
        if pattern.root == "05" and verb.lemma_.lower() in syntax.PARTNERING_LEMMAS and _in_fighting(verb):
            # "had been allied with Kurdish groups in fighting ISIS": an alliance in war is military cooperation
            pattern = dataclasses.replace(pattern, cameo="062", source=f"{pattern.source} code:in-war-062")
        reduced, complement = _reduced_passive(verb), _passive_complement(verb)
        if reduced and verb.lemma_.lower() in STATE_PARTICIPLES:
            return []
        passive = syntax.is_passive(verb) or reduced or complement
        if passive:
            source_toks = syntax.passive_agents(verb)
            # ("people accused of crimes": the noun; "twenty people have been confirmed killed": the subject)
            target_toks = [] if obj is not None else syntax.passive_subjects(verb) or (
                [verb.head] if reduced else syntax.grammatical_subjects(verb) if complement else [])
            if not source_toks and "symmetric" in pattern.flags and pattern.target_preps \
                    and syntax.prep_objects(verb, tuple(pattern.target_preps)):
                # "The US had been allied with Kurdish groups": a relation stated as a state, not done to anyone
                source_toks, target_toks = target_toks, []
        else:
            source_toks = syntax.grammatical_subjects(verb)
            target_toks = [] if obj is not None else syntax.direct_objects(verb)
            if obj is not None and obj.dep_ == "pobj" and obj.head.lower_ in ("with", "on", "by", "over", "as"):
                target_toks = syntax.direct_objects(verb)  # (the object itself is taken out below)
        # a particle that is a preposition names the target ("call on X", "pulled out of Syria"); where a direct
        # object is what is moved, the place it is moved out of is not ("forced the agency out of the country")
        moved = obj is None and bool(syntax.direct_objects(verb))
        preps = tuple(pattern.target_preps) + tuple(e for e in pattern.extra
                                                    if not (moved and e in DIRECTION_PARTICLES))
        if obj is not None:
            # "give Tanzania a grant": the other object is the recipient
            target_toks += [t for t in syntax.direct_objects(verb) if t.i != obj.i and t.dep_ == "dative"]
            target_toks += syntax.prep_objects(verb, preps or DEFAULT_VERB_PREPS)
            target_toks += syntax.prep_objects(obj, preps or DEFAULT_NOUN_PREPS)
        else:
            target_toks += syntax.prep_objects(verb, preps or DEFAULT_VERB_PREPS)
        if obj is not None:
            target_toks = [t for t in target_toks if t.i != obj.i]  # ("designated X as a terrorist group")
        sources = self._resolve_all(source_toks, ctx)
        if passive and not sources:
            # "a treaty which had been agreed under former US President Barack Obama": done by his government
            sources = [a for a in self._resolve_all(syntax.prep_objects(verb, ("under",)), ctx)
                       if a.kind == "person" and a.sector == "GOV"]
        if passive and not sources and pattern.root in STATE_ACT_ROOTS:
            # "The PKK is banned in Turkey": a ban, arrest or sanction with no agent is the act of the state
            # where it applies
            sources = [a for a in self._resolve_all(syntax.prep_objects(verb, ("in",)), ctx) if a.kind == "country"]
            how = " source:state-where-it-applies" if sources else ""
        else:
            how = ""
        targets = [a for a in self._resolve_all(target_toks, ctx, owners=True) if not _medium(a, verb)]
        if not targets and ("speech" in pattern.flags and pattern.root in ("11", "12", "13")
                            or pattern.root in ("02", "10")):
            # "Grenell alleged Mahan had contributed to ...": an allegation is made against the one it is about;
            # "demanding that the Turkish government provide information": a demand to the one who must act
            targets = self._resolve_all(syntax.content_subjects(verb), ctx)
        if not targets and obj is not None:
            # "rejected a United Nations appeal", "seconded Macron's recommendation": whose the object is (a
            # named actor: in "mobilized army reservists" the army is no owner)
            # ("Iran will stop its attacks": the actor's own, no target)
            owners = [t for t in syntax.owners(obj) if not _venue_in_name(t, ctx) and not _venue_of(t, obj)]
            targets = [a for a in self._resolve_all(owners, ctx)
                       if a.kind in ("country", "organization", "person")
                       and not any(_same_entity(a, s) for s in sources)]
            if not targets and obj.pos_ == "PRON":
                targets = self._resolve_all([obj], ctx)  # "police have been unable to question him"
            if targets and "symmetric" in pattern.flags and all(a.kind == "organization" for a in targets):
                # "signed the AfCFTA agreement": the signers join the body's agreement; it does not sign back
                pattern = dataclasses.replace(pattern, flags=pattern.flags - {"symmetric"})
        if not targets:
            # "The operation was condemned by ...", "declined the request": the act named before is its actor's
            for tok in ([obj] if obj is not None else []) + target_toks:
                targets = self._earlier_act_party(tok, ctx, pattern.root, claims=pattern.cameo == "015")
                if targets:
                    break
        if not targets and (pattern.root in ("08", "12") or is_refusal(verb)):
            targets = self._resolve_all(_pressure_sources(verb), ctx, owners=True)
        if not targets and not (pattern.root in ("02", "10") and _addressee_named(verb)):
            # "offered to hand over to Great Britain", "promised to continue aid to Mozambique" (an appeal names
            # its addressee as object: "encouraging commercial entities to cease trading in Iran" is no appeal
            # to Iran)
            targets = self._resolve_all(syntax.complement_targets(verb, preps or DEFAULT_VERB_PREPS), ctx)
        if targets and not any(t.code for t in targets):
            targets = self._located(verb, targets, ctx)
        if "symmetric" in pattern.flags and pattern.root in VIOLENT_ROOTS and not passive and obj is None \
                and any(t.dep_ in ("dobj", "obj") for t in target_toks):
            # "the US fought ISIS": fighting someone is done to them; "clashed with" stays mutual
            pattern = dataclasses.replace(pattern, flags=pattern.flags - {"symmetric"})
        if obj is not None and self.resolver.head_agent_sector(obj) == "MIL":
            # "Israel has sent troops into Lebanon": the state acts through its military.
            sources = [_with_sector(s, "MIL") for s in sources]
        rule = f"{pattern.source} {pattern.name} {'passive' if passive else 'active'}{how}"
        trigger_text = verb.text if obj is None else f"{verb.text} {obj.text}"
        return self._pairs(verb, pattern, sources, targets, rule, 0.7 if targets else 0.5, trigger_text,
                           obj)

    def _state_act_described(self, participle: Token, pattern: TriggerPattern, ctx: ArticleContext) -> list[Frame]:
        """"PKK is a banned militant organization in Turkey", "the outlawed Muslim Brotherhood": a ban or
        sanction told by its participle is the act of the state where it applies, against what the noun
        names (or, as "a banned organization", what the sentence says it is)."""
        noun = participle.head
        described = (syntax.grammatical_subjects(noun.head) if noun.dep_ == "attr"
                     else [noun.head] if noun.dep_ == "appos" else [noun])
        targets = self._resolve_all(described, ctx)
        sources = [a for a in self._resolve_all(syntax.prep_objects(noun, ("in",)), ctx) if a.kind == "country"]
        if not targets or not sources:
            return []
        rule = f"{pattern.source} {pattern.name} participle source:state-where-it-applies"
        return self._pairs(participle, pattern, sources, targets, rule, 0.6, participle.text, None)

    @staticmethod
    def _earlier_act(noun: Token, ctx: ArticleContext) -> tuple[Actor, Actor | None] | None:
        """The parties of the act a definite event noun refers back to ("the call", "the attacks"), if the
        story coded one of that kind before."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                   for c in noun.children) or any(c.dep_ in ("poss", "compound") for c in noun.children):
            return None
        lemma = noun.lemma_.lower()
        return ctx.acts.get(lemma) or (ctx.acts.get(VIOLENCE_KEY) if lemma in VIOLENCE_NOUNS else None)

    def _earlier_act_party(self, obj: Token, ctx: ArticleContext, root: str, claims: bool = False) -> list[Actor]:
        """"The call was seconded by Merkel" after "Macron called for ...": whoever made the call; "claimed
        responsibility for the attacks", "carried out the attack": whoever the attacks were against."""
        if obj.lemma_.lower() in RESPONSIBILITY_NOUNS:
            acts = [self._earlier_act(n, ctx) for n in syntax.prep_objects(obj, ("for",))]
            return [act[1] for act in acts if act is not None and act[1] is not None]
        act = self._earlier_act(obj, ctx)
        if act is None:
            return []
        if root in VIOLENT_ROOTS or claims:  # doing or claiming the act is towards the same target
            return [act[1]] if act[1] is not None else []
        return [act[0]]

    def _located(self, verb: Token, targets: list[Actor], ctx: ArticleContext) -> list[Actor]:
        """"dispatched inspectors to Esfahan Uranium Conversion Facilities in central Iran": an organisation or
        facility in no dictionary, acted on in a country, is that country's (not a person, who may be
        visiting)."""
        places = [a for a in self._resolve_all(syntax.prep_objects(verb, ("in",)), ctx) if a.kind == "country"]
        if len(places) != 1:
            return targets
        country = places[0].country
        return [dataclasses.replace(t, code=country, country=country)
                if t.entity_type in ("ORG", "FAC") and not t.country else t for t in targets]

    def _noun_frames(self, noun: Token, pattern: TriggerPattern, ctx: ArticleContext) -> list[Frame]:
        if pattern.cameo is None:
            return []
        if noun.lemma_.lower() in BIDDING_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("at", "upon"):
            return self._at_the_bidding_of(noun, pattern, ctx)
        source_toks = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                       and not _venue_in_name(c, ctx)]
        # "Khashoggi's killing", "Navalny's arrest": a person owning an act of force suffers it
        owners = [c for c in source_toks if c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON")]
        victims = [a for a in self._resolve_all(owners, ctx) if a.kind not in ("country", "organization")] \
            if noun.lemma_.lower() in SUFFERED_NOUNS else []
        if victims:
            source_toks = [c for c in source_toks if c.dep_ != "poss"]
        # a bare agent word modifying the trigger ("military aid") says what kind of event, not who acts
        sources = [a for a in self._resolve_all(source_toks, ctx) if a.country or a.kind == "organization"]
        # "launched a mediation effort between ...": the kind named as a compound acts through its head
        anchor = noun.head if noun.dep_ == "compound" and noun.head.lemma_.lower() in GENERIC_ACT_HEADS else noun
        gov = syntax.governing_verb(anchor)
        how = "modifier"
        if not sources and gov is not None:
            if gov.lemma_.lower() in CLAIM_LEMMAS and noun.dep_ == "pobj":
                # "blamed Iran for the attacks": the accused is the one said to have attacked
                sources = self._resolve_all(syntax.direct_objects(gov), ctx)
                how = f"accused-of:{gov.lemma_}"
            elif gov.lemma_.lower() in REPORTING_VERBS:
                how = f"reported-by:{gov.lemma_}"  # "a statement saying an attack hit the base": not the attacker
            elif any(c.dep_ == "oprd" for c in gov.children):
                how = f"named-by:{gov.lemma_}"  # "called the Democrats' investigation a witch hunt"
            elif gov.lemma_.lower() in COUNTERING_VERBS:
                how = f"countered-by:{gov.lemma_}"  # "chose to suppress protests": the protesters protest
            elif syntax.is_passive(gov) and noun.dep_ == "nsubjpass":
                sources = self._resolve_all(syntax.passive_agents(gov), ctx)
                how = f"object-of:{gov.lemma_}"
            else:
                # ("soldiers killed in the attack": not the soldiers' attack)
                subjects = syntax.passive_agents(gov) if _reduced_passive(gov) else syntax.grammatical_subjects(gov)
                if not subjects and syntax.is_passive(gov) and noun.dep_ == "pobj" and noun.head.lower_ == "in" \
                        and gov.lemma_.lower() in INVOLVEMENT_VERBS:
                    # "Serb forces were engaged in ethnic cleansing" (but "civilians were killed in a bombing")
                    subjects = syntax.passive_subjects(gov)
                sources = self._resolve_all(subjects, ctx)
                how = f"object-of:{gov.lemma_}"
                if not sources:
                    # "the ban followed discussions with Europe": whoever imposed the ban held the discussions
                    acts = [act for act in (self._earlier_act(t, ctx) for t in subjects) if act is not None]
                    sources = [acts[0][0]] if acts else []
        preps = tuple(pattern.target_preps) or DEFAULT_NOUN_PREPS
        target_toks = syntax.prep_objects(anchor, preps)
        if gov is not None and not target_toks:
            target_toks = syntax.prep_objects(gov, preps)
        targets = victims or self._resolve_all(target_toks, ctx, owners=True)
        if not targets:
            targets = self._resolve_all(_recipients(noun), ctx)
        if not targets and sources and pattern.root in VIOLENT_ROOTS:
            # "blaming Iran for the attacks": the attacks the story told of, against whom they were
            act = self._earlier_act(noun, ctx)
            targets = [act[1]] if act is not None and act[1] is not None else []
        if not sources and len(targets) >= 2 and any(
                c.dep_ == "prep" and c.lower_ == "between" for c in anchor.children):
            sources, targets = targets, targets  # "talks between A and B"
            pattern = TriggerPattern(pattern.lemma, pattern.pos, pattern.cameo, pattern.extra, pattern.objects,
                                     pattern.target_preps, pattern.flags | {"symmetric"}, pattern.source)
            how = "between"
        rule = f"{pattern.source} {pattern.name} {how}"
        return self._pairs(noun, pattern, sources, targets, rule, 0.6 if targets else 0.4, noun.text, None)

    def _at_the_bidding_of(self, noun: Token, pattern: TriggerPattern, ctx: ArticleContext) -> list[Frame]:
        """"Coalition forces are in Iraq at the invitation of the Government of Iraq", "at the Iraqi government's
        request returned": the one who invites or asks appeals (020) to whoever the clause says acted."""
        askers = [c for c in noun.children if c.dep_ == "poss"] + syntax.prep_objects(noun, ("of", "from"))
        sources = self._resolve_all(askers, ctx)
        clause = noun.head.head
        targets = self._resolve_all(syntax.grammatical_subjects(clause), ctx) if clause.pos_ in ("VERB", "AUX") \
            else []
        appeal = dataclasses.replace(pattern, cameo="020")
        rule = f"{pattern.source} {pattern.name} at-the-bidding-of"
        return self._pairs(noun, appeal, sources, targets, rule, 0.6, noun.text, None)

    def _adjective_frames(self, adj: Token, ctx: ArticleContext) -> list[Frame]:
        """"Trump has been critical of NATO", "YPG is ..., largely Kurdish and supportive of the PKK": a predicate
        adjective with its preposition is a stance of the one it describes."""
        for pattern in self.triggers.candidates("ADJ", adj.lemma_.lower()):
            target_toks = syntax.prep_objects(adj, pattern.target_preps)
            if not target_toks or pattern.cameo is None:
                continue
            sources = self._resolve_all(syntax.described_by(adj), ctx)
            targets = self._resolve_all(target_toks, ctx, owners=True)
            rule = f"{pattern.source} adj:{pattern.lemma} {'|'.join(pattern.target_preps)} predicate"
            return self._pairs(adj, pattern, sources, targets, rule, 0.6, adj.text, None)
        return []

    def _pairs(self, trig: Token, pattern: TriggerPattern, sources: list[Actor], targets: list[Actor],
               rule: str, confidence: float, trigger_text: str, obj: Token | None) -> list[Frame]:
        mode = syntactic_mode(trig)
        stance = {"own_intent": own_intent(trig), "refusal": mode == "negated" and is_refusal(trig),
                  "ultimatum": has_ultimatum(trig)}
        frames: list[Frame] = []
        if not sources and targets and pattern.root in VIOLENT_ROOTS and mode != "negated" \
                and _unattributed_attack(trig):
            # "were hit by drone strikes", "three civilians were killed in a bombing": violence with no
            # attacker named is coded, as event datasets do, to unidentified armed forces (---UAF)
            sources = [Actor("", "---UAF", None, "UAF", "unidentified armed forces", "agent", trig.idx,
                             trig.idx)]
            rule += " source:unidentified"
            confidence -= 0.2
        if not sources and pattern.root == "14" and not _names_an_agent(trig):
            # "anti-government protests continue in Baghdad": protesters of the country where it happens
            # (the pipeline places them once it knows where)
            sources = [Actor("", "---PRO", None, "PRO", "protesters", "agent", trig.idx, trig.idx)]
            rule += " source:protesters"
            confidence -= 0.2
        symmetric = "symmetric" in pattern.flags
        if not targets and len(sources) >= 2 and pattern.root in MUTUAL_ROOTS and not pattern.objects \
                and trig.lemma_ not in JOINING_LEMMAS and not syntax.direct_objects(trig):
            # ("neither the EU nor the US would endorse the result": what they do is done to the object)
            symmetric = True  # "the Turkish and Greek sides agreed to share power": with each other
        if symmetric and not targets and len(sources) >= 2 and trig.lemma_ not in JOINING_LEMMAS:
            targets = sources  # (those who join one thing do not thereby join each other)
        if symmetric and not targets and len(sources) == 1 and sources[0].sector == "IGO" \
                and sources[0].kind == "organization" and pattern.pos == "VERB" and trig.lemma_ in BLOC_MEETING:
            # "G7 leaders met", "the AU negotiated": a bloc's members deal with one another
            return [Frame(trig, pattern, sources[0], sources[0], mode, rule=rule + " within-bloc",
                          confidence=confidence - 0.2, object_token=obj,
                          extras={"trigger_text": trigger_text, **stance})]
        for s in sources:
            # (nobody acts on himself: "Trump defended his decision", "reneged on his commitment")
            ts: list[Actor | None] = [t for t in targets if not _identical(s, t) and not _same_person(s, t)] \
                if targets else [None]
            for t in ts or [None]:
                frames.append(Frame(trig, pattern, s, t, mode, rule=rule, confidence=confidence,
                                    object_token=obj, extras={"trigger_text": trigger_text, **stance}))
                if symmetric and t is not None and not any(_identical(t, x) for x in sources):
                    frames.append(Frame(trig, pattern, t, s, mode, rule=rule + " reciprocal",
                                        confidence=confidence - 0.1, object_token=obj,
                                        extras={"trigger_text": trigger_text, **stance}))
        return frames

    def _fill_missing_targets(self, sent: Span, frames: list[Frame], ctx: ArticleContext) -> None:
        """A frame with a source but no syntactic target takes the nearest other state or organisation actor
        in the sentence, after the trigger first (a lower-confidence guess, marked in the rule). Candidates are
        whole phrases ("British Prime Minister Boris Johnson", not "British"); the source's own coordinated
        partners are not candidates ("Merkel and Johnson seconded the call")."""
        if all(f.target is not None for f in frames):
            return  # (most sentences: nothing to guess, so no candidates to gather)
        candidates: dict[int, tuple[Token, Actor]] = {}
        for tok in sent:
            if tok.i not in ctx.names or _venue_in_name(tok, ctx):
                continue
            head = syntax.phrase_head(tok)
            if head.dep_ == "det" and head.head.pos_ in ("NOUN", "PROPN"):
                head = syntax.phrase_head(head.head)  # (a name that starts with "the": "the United States")
            if head.i in candidates:
                continue
            actor = self.resolver.resolve(head, ctx)
            if actor is not None and (actor.country or actor.kind == "organization") and _guessable(head, actor):
                candidates[head.i] = (head, actor)
        # nor is the place of another candidate: "wrote to the US Embassy in London asking ..." (but "the force in
        # Lebanon" is Lebanon's)
        for i, (head, actor) in list(candidates.items()):
            placed_noun = _noun_placed(head)
            if actor.kind == "country" and placed_noun is not None \
                    and syntax.phrase_head(placed_noun).i in candidates:
                del candidates[i]
        appealers = {f.trigger.i: f.source for f in frames if f.pattern.root in ("02", "10")}
        for f in frames:
            if f.target is not None or f.pattern.root == "01" or f.pattern.cameo == "0831" \
                    or is_named_event(f.trigger):
                # a statement with no one it is addressed to stays a statement; a resignation names none; "the
                # Vietnam War" names the sides it names
                continue
            if f.pattern.root in ("02", "10") and _addressee_named(f.trigger):
                continue  # the addressee is named, if unknown: "encouraging commercial entities to cease ..."
            # "the US urged Iran to stop its attacks": what is asked for is not done to whoever asks
            asker = next((appealers[t.i] for t in _governing_verbs(f.trigger) if t.i in appealers), None)
            places_excluded = "source:protesters" in f.rule
            around_source = self._source_phrase(sent, f.source)
            partners = {t.i for t in sent if t.idx <= f.source.start < t.idx + len(t) or
                        f.source.start <= t.idx < f.source.end}
            partners |= {c.i for p in list(partners) for c in syntax.conjuncts(_first_conjunct(sent.doc[p]))}
            others = [(head, a) for head, a in candidates.values()
                      if head.i not in partners and head.i not in around_source
                      # where an unnamed crowd protests is not whom it protests against
                      and not (places_excluded and head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS)
                      and not _same_entity(a, f.source) and not _inside(a, f.source)
                      and not _same_side(a, f.source) and not _medium(a, f.trigger)
                      and not (asker is not None and _same_entity(a, asker))]
            if len(others) > 1 and f.pattern.root in ONLY_CLEAR_GUESS_ROOTS:
                within = self._complement_tokens(f.trigger)
                others = [(head, a) for head, a in others if head.i in within]
                if len(others) != 1:
                    continue
            if not others:
                continue
            actors = [a for _, a in others]
            after = [a for a in actors if a.start > f.trigger.idx]
            pick = min(after or actors, key=lambda a: abs(a.start - f.trigger.idx))
            f.target = pick
            f.rule += " target:nearest-actor"
            f.confidence -= 0.2

    @staticmethod
    def _complement_tokens(trigger: Token) -> set[int]:
        """Tokens of what the trigger acts on: its object, complement and argument phrases, not its adverbial
        ones ("agreed to an extension of the force in Lebanon despite Israel's wish": Lebanon, not Israel)."""
        def walk(tok: Token) -> set[int]:
            found = {tok.i}
            for child in tok.children:
                if not (child.dep_ in ("prep", "advcl") and child.lower_ in CIRCUMSTANCE_PREPS):
                    found |= walk(child)
            return found

        out: set[int] = set()
        for child in trigger.children:
            if child.dep_ in COMPLEMENT_DEPS or child.dep_ == "prep" and child.lower_ in ARGUMENT_PREPS:
                out |= walk(child)
        return out

    @staticmethod
    def _source_phrase(sent: Span, source: Actor) -> set[int]:
        """Tokens of the source's whole phrase, with its relative clauses and appositions ("Brett McGurk, who
        was Trump's envoy to the coalition against ISIL, criticized ...": ISIL describes McGurk)."""
        tok = next((t for t in sent if t.idx <= source.start < t.idx + len(t)), None)
        if tok is None:
            return set()
        head = syntax.phrase_head(tok)
        head = syntax.example_group(head) or head  # ("Tunisia's neighbours including Algeria": all of it)
        return {t.i for t in head.subtree} if head.dep_ not in ("ROOT",) else set()

    @staticmethod
    def _apply_object_claims(frames: list[Frame], verb_hits: list) -> None:
        """"The attack was claimed by the Houthis": the attack, coded on its own, is the claimant's claim."""
        for verb, pattern, obj in verb_hits:
            if obj is None or "object-event" not in pattern.flags:
                continue
            claimant = next((f.source for f in frames if f.trigger.i == verb.i), None)
            for f in frames:
                if claimant is not None and f.trigger.i == obj.i and f.mode == "asserted":
                    f.mode = "claimed"
                    f.attributed_to = claimant.code

    def _claimed_acts(self, frames: list[Frame], verb_hits: list) -> list[Frame]:
        """"The Houthis claimed responsibility for the attacks": besides the claim, the attacks are the
        claimant's, as it claims them (mode claimed), towards the claim's target."""
        out = []
        for verb, pattern, obj in verb_hits:
            if pattern.cameo != "015" or obj is None:
                continue
            claim = next((f for f in frames if f.trigger.i == verb.i and f.target is not None), None)
            acts = [a for a in syntax.prep_objects(obj, ("for",)) + syntax.prep_objects(verb, ("for",))
                    if a.pos_ == "NOUN" and not any(f.trigger.i == a.i for f in frames)]
            for act in acts:
                act_pattern = self.match_noun(act)
                if claim is None or act_pattern is None or act_pattern.root not in VIOLENT_ROOTS:
                    continue
                out.append(Frame(act, act_pattern, claim.source, claim.target, "claimed",
                                 attributed_to=claim.source.code, rule=f"{act_pattern.source} "
                                 f"{act_pattern.name} claimed-by-claimant", confidence=claim.confidence - 0.1,
                                 extras={"trigger_text": act.text}))
        return out

    @staticmethod
    def _apply_speech(frames: list[Frame], speech: list[tuple[Token, Actor, TriggerPattern]]) -> None:
        """Events inside the content of a speech act are reported content; contested ones are 'claimed'."""
        for verb, speaker, pattern in speech:
            content_roots = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis")]
            content_roots += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                              for p in c.children if p.dep_ in ("pcomp", "pobj")]
            content = {t.i for r in content_roots for t in r.subtree}
            claim = verb.lemma_.lower() in CLAIM_LEMMAS or "negative" in pattern.flags or pattern.root == "11"
            for f in frames:
                if f.trigger.i in content and f.trigger.i != verb.i:
                    f.extras["reported_by"] = speaker.code
                    if claim and f.mode == "asserted":
                        f.mode = "claimed"
                        f.attributed_to = speaker.code

    def _characterizations(self, frames: list[Frame], speech: list[tuple[Token, Actor, TriggerPattern]],
                           ctx: ArticleContext) -> list[Frame]:
        """"the SDF said it would stop the Turkish aggression", Pompeo "cited the Cuban government's repression":
        an actor who names another side's violence or repression in a noun accuses it (CAMEO 1122 human
        rights abuses, 1123 aggression), besides the act itself."""
        out = []
        said = [({t.i for t in verb.subtree} - {verb.i}, speaker) for verb, speaker, _ in speech]
        for f in frames:
            code = CHARACTERIZATION_CODES.get(f.pattern.root)
            if code is None or f.trigger.pos_ != "NOUN" or f.mode == "negated" or not f.source.country \
                    or " modifier" not in f.rule or f.source.kind == "person":
                continue  # the noun's own modifier names a side ("Turkish airstrikes"), not a person ("her attempt")
            speaker = next((spk for content, spk in said if f.trigger.i in content), None) \
                or self.resolver.speaker_at(f.trigger.idx, ctx)
            if speaker is None or _same_side(speaker, f.source) or _same_entity(speaker, f.source):
                continue
            out.append(Frame(f.trigger, dataclasses.replace(f.pattern, cameo=code), speaker, f.source, "asserted",
                             rule=f"{f.rule} accusation:named-by-speaker", confidence=f.confidence - 0.2,
                             extras={"trigger_text": f.extras.get("trigger_text", f.trigger.text)}))
        return out

    def _demands(self, sent: Span, speech: list[tuple[Token, Actor, TriggerPattern]],
                 ctx: ArticleContext) -> list[Frame]:
        """"Russia said Sudan must return the helicopter", "They must watch over the fighters" (in Trump's
        quotation): saying that another actor must or should act is a demand (CAMEO 10) or an appeal (02)
        addressed to that actor."""
        said: dict[int, Actor] = {}
        for verb, speaker, _ in speech:
            for clause in verb.children:
                if clause.dep_ in ("ccomp", "parataxis"):
                    said.setdefault(clause.i, speaker)
        for tok in sent:
            if tok.i not in said and tok.dep_ == "ROOT" and tok.pos_ in ("VERB", "AUX"):
                speaker = self.resolver.speaker_at(tok.idx, ctx)
                if speaker is not None:
                    said[tok.i] = speaker
        frames = []
        for i, speaker in said.items():
            clause = sent.doc[i]
            cameo = obligation_code(clause)
            if cameo is None:
                continue
            subjects = [t for t in syntax.grammatical_subjects(clause)
                        if t.lower_ not in ("it", "there", "we", "i", "us")]
            for target in self._resolve_all(subjects, ctx):
                if _same_entity(target, speaker) or (target.country and target.country == speaker.country
                                                     and not target.sector):
                    continue
                pattern = TriggerPattern(clause.lemma_.lower(), "VERB", cameo, source="derived:obligation")
                frames.append(Frame(clause, pattern, speaker, target, "asserted",
                                    rule=f"derived:obligation {cameo} said-must", confidence=0.5,
                                    extras={"trigger_text": obligation_text(clause)}))
        return frames

    @staticmethod
    def _remember_acts(ctx: ArticleContext, frames: list[Frame]) -> None:
        """Who did what to whom in this sentence, for later references back ("the call", "the operation")."""
        for f in frames:
            lemma = f.trigger.lemma_.lower()
            ctx.record_act(ACT_NOUNS.get(lemma, lemma), (f.source, f.target))
            if f.object_token is not None:  # "released a statement": "the statement" is the releaser's too
                ctx.record_act(f.object_token.lemma_.lower(), (f.source, f.target), replace=False)
            if f.pattern.root in VIOLENT_ROOTS and f.mode != "negated":
                ctx.record_act(VIOLENCE_KEY, (f.source, f.target))

    def _remember_actors(self, sent: Span, ctx: ArticleContext, frames: list[Frame]) -> None:
        """Keep this sentence's actors, in text order, for coreference in later sentences."""
        found: dict[int, Actor] = {}
        doc = sent.doc
        table = token_table(doc)
        pos, dep = table.pos, table.dep
        for i in range(sent.start, sent.end):
            if pos[i] in ("PROPN", "NOUN") and dep[i] not in ("compound", "amod", "poss"):
                actor = self.resolver.resolve(doc[i], ctx) if i in ctx.names or pos[i] == "PROPN" else None
                if actor is not None and actor.kind != "unknown" or actor is not None and actor.entity_type:
                    found[actor.start] = actor
        for f in frames:
            found.setdefault(f.source.start, f.source)
            if f.target is not None and f.target.kind == "person" and f.target.name:
                found.setdefault(f.target.start, f.target)  # ("ordered Khashoggi's killing": he is talked of)
        for start in sorted(found):
            ctx.remember(found[start])

    @staticmethod
    def _unique(frames: list[Frame]) -> list[Frame]:
        seen: set[tuple] = set()
        out = []
        for f in frames:
            key = (f.trigger.i, f.pattern.cameo, f.source.code or f.source.text,
                   (f.target.code or f.target.text) if f.target else None)
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out


# Cooperation (meetings, agreements, concessions) and rejection name their partner in the clause when there
# is one: their missing target is guessed only when the sentence names just one other actor. Among several,
# the nearest is mostly a bystander (on the development articles none of those guesses was right, against a
# third of the guesses for attacks and demands).
ONLY_CLEAR_GUESS_ROOTS = frozenset({"03", "04", "05", "06", "08", "12"})
MEASURE_NOUNS = frozenset({
    "kg", "kilogram", "ton", "tonne", "tons", "worth", "amount", "shipment", "consignment", "batch", "load",
    "quantity", "part", "lot", "supply", "package", "convoy", "truckload", "planeload", "million", "billion",
    "dollar", "$", "round", "number", "mission", "team", "group", "delegation", "contingent", "detachment",
    "wave", "unit", "thousand", "hundred", "dozen", "score", "ten",
})
COMPLEMENT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "attr", "oprd", "dative", "acomp"})
ARGUMENT_PREPS = frozenset({"to", "with", "on", "for", "of", "into", "against", "from", "over", "toward",
                            "towards", "at"})
# Agreements and meetings that news names after the city they were made in.
VENUE_NAMED_NOUNS = frozenset({"agreement", "accord", "accords", "treaty", "protocol", "convention", "declaration",
                               "talks", "talk", "summit", "conference", "process", "format", "peace", "deal",
                               "communique", "charter", "memorandum"})
MEETING_NOUNS = frozenset({"meeting", "session", "consultation", "discussion", "encounter", "forum", "ceremony",
                           "gathering", "assembly", "congress", "negotiation", "dialogue", "visit"})
# Generic heads an event noun can name the kind of as a compound ("a mediation effort", "a rescue operation").
GENERIC_ACT_HEADS = frozenset({"effort", "operation", "mission", "campaign", "initiative", "process", "attempt",
                               "bid", "plan", "programme", "program", "drive", "work", "team", "package"})
# Acts done to a person, whose possessor suffers them ("Khashoggi's killing"); not "Putin's attack".
SUFFERED_NOUNS = frozenset({"killing", "murder", "assassination", "arrest", "detention", "abduction", "kidnapping",
                            "execution", "torture", "imprisonment", "jailing", "beating", "rape", "deportation",
                            "expulsion", "extradition", "poisoning", "capture", "prosecution", "sentencing",
                            "lynching", "disappearance", "internment", "incarceration", "harassment"})
# "at the invitation of", "at the Iraqi government's request": the asker's appeal to whoever then acts.
BIDDING_NOUNS = frozenset({"invitation", "request", "behest", "urging", "insistence"})
# Verbs whose object is an act of the other side ("suppress protests", "foiled an attack", "banned rallies").
COUNTERING_VERBS = frozenset({"suppress", "crush", "quell", "disperse", "repress", "prevent", "thwart", "foil",
                              "ban", "outlaw", "forbid", "prohibit", "stop", "halt", "block", "end", "repel",
                              "repulse", "resist", "break"})
# "posted to her Twitter account": a channel of publication, nobody's guessed target
CHANNEL_NOUNS = frozenset({"account", "page", "feed", "channel", "post", "tweet", "website", "site", "blog",
                           "profile", "handle"})
DIRECTION_PARTICLES = frozenset({"out", "away", "off", "up", "down", "back"})
# Parts of a text: an agreement named as the text they belong to is cited, not made.
DOCUMENT_PARTS = frozenset({"article", "clause", "section", "provision", "paragraph", "chapter", "term", "text",
                            "annex", "preamble", "wording"})
# Prepositions of circumstance: what they introduce is not what the trigger acts on, wherever the parser
# attaches them.
CIRCUMSTANCE_PREPS = frozenset({"despite", "after", "before", "during", "amid", "amidst", "since", "following",
                                "because", "as", "while", "notwithstanding"})
# The noun that names the act of a verb, where it is not the same word ("proposed" -> "the proposal").
ACT_NOUNS = {"ask": "request", "propose": "proposal", "decide": "decision", "announce": "announcement", "recommend":
             "recommendation", "suggest": "suggestion", "invite": "invitation", "invade": "invasion",
             "withdraw": "withdrawal", "accuse": "accusation", "allege": "allegation", "deploy": "deployment"}
# "The operation was condemned": a general word for violence refers back to the last violence coded.
VIOLENCE_KEY = "#violence"
VIOLENCE_NOUNS = frozenset({"operation", "offensive", "incursion", "invasion", "campaign", "assault", "attack",
                            "strike", "bombing", "raid", "aggression", "intervention", "onslaught"})
PRESSURE_NOUNS = frozenset({"pressure", "demand", "call", "appeal", "request", "ultimatum", "threat", "urging"})
CHARACTERIZATION_CODES = {"17": "1122", "18": "1123", "19": "1123", "20": "1124"}
INVOLVEMENT_VERBS = frozenset({"engage", "involve", "implicate", "embroil", "entangle", "caught"})
NATURAL_CAUSES = frozenset({"hurricane", "storm", "typhoon", "cyclone", "tornado", "earthquake", "quake", "flood",
                            "flooding", "tsunami", "landslide", "avalanche", "drought", "wildfire", "fire",
                            "lightning", "disease", "epidemic", "virus", "heat", "heatwave", "eruption", "accident",
                            "crash", "blaze", "snow", "rain", "wave", "wind"})
RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit", "blame", "liability"})
RECIPIENT_NOUNS = frozenset({"target", "subject", "victim", "object", "focus", "recipient"})
PLACE_PREPS = frozenset({"in", "at", "near", "across", "through", "throughout", "around", "outside", "inside"})
STATE_ACT_ROOTS = frozenset({"16", "17"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
JOINING_LEMMAS = frozenset({"join", "accede"})  # "Australia and Bahrain joined": not each other
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
BLOC_MEETING = frozenset({"meet", "negotiate", "confer", "convene", "gather", "discuss"})
OBLIGATION_AUX = {"must": "100", "should": "020", "ought": "020"}


def obligation_code(verb: Token) -> str | None:
    """100 (demand) for "must"/"has to", 020 (appeal) for "should"/"needs to" on a clause's verb ("They need
    to stand by us", Erdoğan of NATO's allies, asks; "they must not send weapons" demands)."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in OBLIGATION_AUX:
            return OBLIGATION_AUX[child.lower_]
    if verb.lemma_.lower() in ("have", "need") and any(c.dep_ == "xcomp" for c in verb.children) \
            and not any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return "100" if verb.lemma_.lower() == "have" else "020"
    return None


def obligation_text(verb: Token) -> str:
    aux = next((c.text for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX), None)
    return f"{aux} {verb.text}" if aux else verb.text


# Subjects that are the weapon or the attack itself, not an attacker: "A roadside bomb killed a soldier".
WEAPON_SUBJECTS = frozenset({
    "bomb", "bombing", "blast", "explosion", "attack", "strike", "airstrike", "rocket", "missile", "shell",
    "shelling", "mine", "landmine", "grenade", "drone", "device", "ied", "car", "gunfire", "fire", "mortar",
    "projectile", "raid", "ambush", "detonation",
})


# Verbs whose subject reports an event named by a noun in their clause, rather than doing it.
REPORTING_VERBS = frozenset({
    "say", "report", "state", "confirm", "tell", "write", "note", "add", "describe", "mention", "cite",
    "deny", "condemn", "witness", "investigate", "recall", "remember", "mark", "commemorate",
    # an act judged is somebody else's: "We appreciate the Iraqi Security Forces' investigation"
    "appreciate", "praise", "welcome", "applaud", "commend", "thank", "hail", "criticize", "criticise",
    "denounce", "decry", "deplore", "slam",
})
# Attack nouns that stand for an attack by someone ("drone strikes", "a bombing"); not campaigns or outcomes.
ATTACK_NOUNS = frozenset({
    "attack", "strike", "airstrike", "bombing", "shelling", "raid", "ambush", "explosion", "blast", "assault",
    "shooting", "rocket", "missile", "killing", "massacre", "bombardment", "firing", "gunfire",
})


def _unattributed_attack(trigger: Token) -> bool:
    """An attack whose attacker the sentence does not name: an attack noun, or a finite verb in the passive
    ("were hit", "have been killed") or with a weapon for subject ("a roadside bomb killed"); not an outcome
    ("ISIS is defeated") nor an infinitive of purpose ("troops there to eliminate ...")."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        return trigger.lemma_.lower() in ATTACK_NOUNS
    if trigger.lemma_.lower() in ("defeat", "eliminate", "fight") or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    causes = syntax.passive_agents(trigger) + syntax.grammatical_subjects(trigger)
    if any(a.lemma_.lower() in NATURAL_CAUSES for a in causes):
        return False  # "Bermuda was hit by hurricanes": nobody attacked
    return not _names_an_agent(trigger)


def _names_an_agent(trigger: Token) -> bool:
    """Whether the trigger's clause has a subject that could be the attacker (an active verb's subject that
    is not the weapon or the attack itself)."""
    if trigger.pos_ != "VERB" or syntax.is_passive(trigger):
        return False
    return any(s.lemma_.lower() not in WEAPON_SUBJECTS for s in syntax.grammatical_subjects(trigger))


def _with_sector(actor: Actor, sector: str) -> Actor:
    if actor.kind != "country" or actor.sector or not actor.country:
        return actor
    return Actor(actor.text, actor.country + sector, actor.country, sector, actor.name, actor.kind, actor.start,
                 actor.end, actor.entity_type)


def _same_side(a: Actor, b: Actor) -> bool:
    """Same country and no sector to tell them apart ("Russian troops ... Russia"); rebels and the government
    of one country are two sides."""
    return a.country == b.country and (not a.sector or not b.sector or a.sector == b.sector)


def _pressure_sources(verb: Token) -> list[Token]:
    """"declined to resign despite pressure by the commission", "yielded under pressure from Washington": who
    pressed for what was refused or conceded (on the verb or the verb it is the complement of)."""
    out = []
    for tok in (verb, verb.head):
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("despite", "under", "after", "amid", "following"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in PRESSURE_NOUNS:
                    out += syntax.prep_objects(noun, ("by", "from", "of")) + \
                        [c for c in noun.children if c.dep_ == "poss"]
    return out


def _has_argument(noun: Token, pattern: TriggerPattern) -> bool:
    """A possessor or a preposition of the pattern's, or "from", "by": who acts or whom it is about."""
    return any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in (*pattern.target_preps, "from", "by")
               for c in noun.children)


def _venue_in_name(modifier: Token, ctx: ArticleContext) -> bool:
    """"the Paris Agreement", "the Astana talks", "the Minsk accords": a capital city naming an agreement or a
    meeting is where it was made, not a party to it."""
    match = ctx.names.get(modifier.i)
    return modifier.dep_ in ("compound", "nmod") and modifier.head.lemma_.lower() in VENUE_NAMED_NOUNS \
        and match is not None and bool(match.entries) and match.entries[0].source.endswith(":capital")


def _reduced_passive(verb: Token) -> bool:
    """"people accused of crimes", "the ban imposed by Turkey": a past participle after its noun is passive; the
    noun is acted on."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON")


def _passive_complement(verb: Token) -> bool:
    """"twenty people have been confirmed killed", "Iran wants the sanctions lifted": a bare past participle
    as a verb's complement is passive; the one it is said of is acted on."""
    return verb.dep_ in ("xcomp", "oprd") and verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


# "territory controlled by the SDF", "areas held by rebels": a participle of these describes a state, no event
STATE_PARTICIPLES = frozenset({"control", "hold", "occupy", "govern", "run", "administer", "own", "dominate"})


def _guessable(head: Token, actor: Actor) -> bool:
    """Whether a phrase may be a guessed target. Not a newspaper or broadcaster (it reports), nor the one a
    report is "according to", nor a channel ("her Twitter account", "said via Twitter"), nor the place a meeting
    is held in ("attended a summit in Rome")."""
    if actor.sector == "MED" or syntax.is_according_to(head) or head.lemma_.lower() in CHANNEL_NOUNS:
        return False
    placed = head.dep_ == "pobj"
    return not (placed and actor.sector == "BUS" and head.head.lower_ in ("on", "via")
                or placed and _venue_of(head, head.head.head))


def _venue_of(place: Token, meeting: Token) -> bool:
    """"attended a summit in Rome": where a meeting or an agreement is held is not whose it is."""
    return place.dep_ == "pobj" and place.head.lower_ in ("in", "at") and place.head.head.i == meeting.i \
        and meeting.lemma_.lower() in VENUE_NAMED_NOUNS | MEETING_NOUNS


def _addressee_named(verb: Token) -> bool:
    """"encouraged commercial entities to cease trading": an appeal's object that is told to act is whom it
    is addressed to (unlike "sought refuge", "demanded reforms")."""
    return verb.pos_ == "VERB" and bool(syntax.direct_objects(verb)) and any(c.dep_ == "xcomp" for c in verb.children)


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _recipients(noun: Token) -> list[Token]:
    """"Abqaiq was the target of an attack", "Mahan has been the subject of US sanctions": the subject of a
    copula whose complement is the target, subject or victim of the event."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of":
        return []
    role = of.head
    if role.lemma_.lower() not in RECIPIENT_NOUNS or role.dep_ not in ("attr", "oprd"):
        return []
    return [s for s in role.head.children if s.dep_ in ("nsubj", "nsubjpass")]


def _same_person(a: Actor, b: Actor) -> bool:
    return a.kind == "person" and b.kind == "person" and bool(a.name) and a.name == b.name


def _same_entity(a: Actor, b: Actor) -> bool:
    return (a.code or a.text) == (b.code or b.text) and (a.country or "") == (b.country or "")


def _inside(a: Actor, b: Actor) -> bool:
    return b.start <= a.start and a.end <= b.end


def _identical(a: Actor, b: Actor) -> bool:
    """The same mention of the same actor ("Turkish" and "Greek" in "the Turkish and Greek sides" share a
    phrase but are two actors)."""
    return _same(a, b) and (a.code, a.country) == (b.code, b.country)


def _same(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    return a.start == b.start and a.end == b.end


def _medium(actor: Actor, verb: Token) -> bool:
    """"praised Mendez on Twitter", "said via state television": the channel a statement goes through is not
    whom it is about."""
    if actor.sector not in ("MED", "BUS"):
        return False
    span = verb.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    return prep.lower_ in ("on", "via", "through") and prep.head.i == verb.i


def _inside_org_names(sent: Span) -> set[int]:
    """Capitalised words after the first of an organisation's name ("Florida Highway Patrol"); a name's first
    word may still be an event ("Operation Peace Spring")."""
    table = token_table(sent.doc)
    iob, ent_type, text = table.ent_iob, table.ent_type, table.text
    return {i for i in range(sent.start, sent.end)
            if iob[i] == 1 and ent_type[i] in ("ORG", "FAC") and text[i].istitle()}


def _may_be_verb(table: TokenTable, i: int) -> bool:
    """A verb, or a noun tagged as one: what match_verb reads."""
    pos = table.pos[i]
    return pos in ("VERB", "AUX") or pos == "NOUN" and table.tag[i].startswith("VB")


def _demanded(frame: Frame, demands: list[Frame]) -> bool:
    """""They need to stand by us", "they must not send weapons": what a speaker says another must do is the
    demand or appeal, not an event of the other's."""
    for demand in demands:
        clause = demand.trigger
        asked = {clause.i} | {c.i for c in clause.children if c.dep_ == "xcomp"}
        if frame.trigger.i in asked and demand.target is not None and _same_entity(frame.source, demand.target):
            return True
    return False


def _noun_placed(place: Token) -> Token | None:
    """The noun whose whereabouts a place gives ("the US Embassy in London" -> Embassy), if any."""
    prep = place.head
    if place.dep_ == "pobj" and prep.lower_ in ("in", "at") and prep.head.pos_ in ("NOUN", "PROPN"):
        return prep.head
    return None


FIGHTING_LEMMAS = frozenset({"fight", "battle", "combat", "attack", "war", "defeat", "fighting"})


def _in_fighting(verb: Token) -> bool:
    """"allied with X in fighting ISIS", "cooperated in the war against ...": the partnership is in a war."""
    for prep in (c for c in verb.subtree if c.dep_ == "prep" and c.lower_ == "in"):
        if any(c.dep_ in ("pcomp", "pobj") and c.lemma_.lower() in FIGHTING_LEMMAS for c in prep.children):
            return True
    return False


def _governing_verbs(trigger: Token) -> list[Token]:
    """The verbs whose complement the trigger is, nearest first ("urged Iran to stop" -> [urged])."""
    out, tok = [], trigger
    for _ in range(2):
        if tok.dep_ not in ("xcomp", "ccomp", "advcl", "dobj", "pobj", "prep") or tok.head is tok:
            break
        tok = tok.head
        out.append(tok)
    return out


def _of_time(prep: Token) -> bool:
    return prep.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _used_intransitively(verb: Token) -> bool:
    """"Thousands demonstrated in Lagos", not "it demonstrates that ..." nor "was demonstrated to work"."""
    return not syntax.is_passive(verb) and not any(
        c.dep_ in ("dobj", "obj", "ccomp", "xcomp", "acomp", "oprd") for c in verb.children)
