"""The mode of an event from the syntax around its trigger: negated, future, hypothetical, or asserted.

Claimed (reported content) is set by the extractor, which knows the speech act; historical by the date stage,
which knows how far the event lies before publication.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.syntax import coordinated_with
from eventwire.nlp import sentence_of

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "can", "must"})
# Verbs (and "be ... to" adjectives/participles) that make their infinitive complement a future event.
INTENT_LEMMAS = frozenset({
    "plan", "intend", "expect", "hope", "aim", "seek", "want", "pledge", "promise", "vow", "swear", "prepare",
    "agree", "decide", "schedule", "set", "due", "go", "propose", "offer", "threaten", "vote", "move", "resolve",
    "announce", "likely", "poise", "slate", "wish", "aspire", "undertake", "commit", "consider", "try",
    "willing", "ready", "determined", "eager", "prepared",
})
# Of those, the ones that make the future somebody else's expectation ("is expected to sign", "is due to
# visit") rather than the actor's own stated plan.
EXPECTATION_LEMMAS = frozenset({"expect", "likely", "due", "schedule", "set", "slate", "poise", "go", "consider"})
# Negating verbs that make a refusal ("refused to meet", "failed to reach agreement").
REFUSAL_LEMMAS = frozenset({"refuse", "decline", "reject", "fail"})
HYPOTHETICAL_LEMMAS = frozenset({"possible", "possibly", "perhaps", "may", "might", "could", "consider"})
NEGATING_LEMMAS = frozenset({"refuse", "deny", "fail", "decline", "reject", "avoid", "stop", "halt", "cancel",
                             "rule", "unable"})
HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "prospective", "hypothetical", "would-be"})
FUTURE_MODIFIERS = frozenset({"planned", "upcoming", "proposed", "forthcoming", "impending", "imminent",
                              "scheduled", "future"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# "they would sometimes kill the farmers": "would" of what used to happen
HABITUAL_ADVERBS = frozenset({"sometimes", "often", "usually", "always", "regularly", "frequently", "routinely",
                              "occasionally", "repeatedly", "typically", "generally", "commonly"})
# Verbs whose to-infinitive is their complement even where the parser attaches it as a clause of purpose.
COMPLEMENT_TAKING_LEMMAS = INTENT_LEMMAS | REFUSAL_LEMMAS


def _children_lower(tok: Token, deps: tuple[str, ...]) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in deps}


def has_negation(tok: Token) -> bool:
    for c in tok.children:  # (one pass: each child is a new Token object)
        dep = c.dep_
        if dep == "neg" or dep == "det" and c.lower_ in ("no", "never"):
            return True
        # "No Coalition troops were injured": a subject with "no" ("Neither Russia nor China attacked")
        if dep in ("nsubj", "nsubjpass") and any(d.dep_ in ("det", "preconj") and d.lower_ in ("no", "neither")
                                                 for d in c.children):
            return True
    return False


def _misparsed_complement(tok: Token) -> bool:
    """"have sworn to fight", parsed as a clause of purpose: a to-infinitive on a verb of intent or refusal is
    its complement."""
    return (tok.dep_ == "advcl" and tok.tag_ == "VB" and "to" in _children_lower(tok, ("aux",))
            and tok.head.lemma_.lower() in COMPLEMENT_TAKING_LEMMAS)


def _own_clause(tok: Token) -> bool:
    """"... would not have been destroyed, and I applaud the president": a coordinated verb with a subject of
    its own is a clause of its own, not under the first one's negation or modality; so is a noun's content
    clause ("cannot change the fact that the authorities have chosen to suppress protests")."""
    return tok.dep_ in ("conj", "acl") and tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def control_chain(trigger: Token) -> list[Token]:
    """The trigger and the verbs/nouns it is the complement of ("expected to sign" -> [sign, expected])."""
    chain = [trigger]
    t = trigger
    for _ in range(4):
        if (t.dep_ in ("xcomp", "ccomp", "acl", "dobj", "pobj", "pcomp", "prep", "conj") or _misparsed_complement(t)) \
                and t.head is not t and not _own_clause(t):
            if t.dep_ in ("ccomp",) and chain[-1] is not trigger:
                break
            t = coordinated_with(t) if t.dep_ == "conj" else t.head
            chain.append(t)
            if t.dep_ == "ccomp":
                break
        else:
            break
    return chain


def syntactic_mode(trigger: Token) -> str:
    """asserted | negated | future | hypothetical, from negation, modal auxiliaries, intent verbs and 'if'."""
    chain = control_chain(trigger)
    modifiers = ({w for c in trigger.children if c.dep_ == "amod" for w in (c.lemma_.lower(), c.lower_)}
                 if trigger.pos_ == "NOUN" else set())
    # the clause's own verb, for noun triggers ("held no talks", "announced plans to pull out")
    for tok in chain:
        if has_negation(tok):
            return "negated"
        if tok is not trigger and tok.lemma_.lower() in NEGATING_LEMMAS and tok.pos_ in ("VERB", "ADJ"):
            return "negated"  # ("refused to meet", "was unable to negotiate")
    if modifiers & HYPOTHETICAL_MODIFIERS:
        return "hypothetical"  # "a possible war against Iraq"
    if modifiers & FUTURE_MODIFIERS:
        return "future"  # "the planned summit"
    for tok in chain:
        aux = _children_lower(tok, ("aux", "auxpass"))
        if _habitual(tok, aux):
            return "asserted"
        if aux & HYPOTHETICAL_AUX and not _reported_future(tok, aux):
            return "hypothetical"
        if _has_condition(tok):
            return "hypothetical"
    for tok in chain:
        aux = _children_lower(tok, ("aux", "auxpass"))
        if aux & FUTURE_AUX or _reported_future(tok, aux):
            return "future"
        if tok is not trigger and tok.lemma_.lower() in INTENT_LEMMAS and not _in_circumstance(trigger, tok):
            return "future"
        if tok is not trigger and tok.lemma_.lower() in HYPOTHETICAL_LEMMAS:
            return "hypothetical"
    return "asserted"


# Prepositions that set a scene ("in a rally", "after the talks"), unlike the complements of a plan.
SETTING_PREPS = frozenset({"in", "at", "during", "amid", "after", "before", "since", "following", "despite"})


def _in_circumstance(trigger: Token, verb: Token) -> bool:
    """"announced the change in a rally": a noun in a phrase of circumstance is not what is announced or
    planned."""
    return trigger.dep_ == "pobj" and trigger.head.lower_ in SETTING_PREPS and trigger.head.head.i == verb.i


def _reported_future(tok: Token, aux: set[str]) -> bool:
    """"said US troops would be leaving", "the plan would be led by Iran": "would" is the future seen from the
    past, as news reports plans and announcements; it is a condition only with one ("if", "unless") or as
    "would have" (what did not happen)."""
    if "would" not in aux or aux & (HYPOTHETICAL_AUX - {"would"}) or "have" in aux:
        return False
    clause = tok
    while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
        clause = clause.head
    return not any(_has_condition(c) for t in (tok, clause) for c in [t, *t.children])


def _habitual(tok: Token, aux: set[str]) -> bool:
    return aux == {"would"} and bool(_children_lower(tok, ("advmod",)) & HABITUAL_ADVERBS)


def own_intent(trigger: Token) -> bool:
    """The future is the actor's own stated plan: "will give", "plans to visit", "is willing to withdraw", and
    "would" as a speaker states a plan ("said they would blockade Paris"); not somebody else's expectation
    ("is expected to sign")."""
    chain = control_chain(trigger)
    if any(tok is not trigger and tok.lemma_.lower() in EXPECTATION_LEMMAS for tok in chain):
        return False
    for tok in chain:
        aux = _children_lower(tok, ("aux",))
        if aux & (FUTURE_AUX | {"would"}) and not _habitual(tok, aux):
            return True
        if tok is not trigger and tok.lemma_.lower() in INTENT_LEMMAS:
            return True
    return False


def is_refusal(trigger: Token) -> bool:
    """A refusal to act: "refused to meet", "declined to resign", "failed to reach", "will not accept"."""
    chain = control_chain(trigger)
    for tok in chain:
        if tok is not trigger and tok.pos_ == "VERB" and tok.lemma_.lower() in REFUSAL_LEMMAS:
            return True
        if has_negation(tok) and _children_lower(tok, ("aux",)) & (FUTURE_AUX | {"would"}):
            return True
    return False


def has_ultimatum(trigger: Token) -> bool:
    """ "will withdraw its force unless ...": a conditioned plan is a threat."""
    return any(c.dep_ == "advcl" and _children_lower(c, ("mark",)) & {"unless"}
               for tok in control_chain(trigger) for c in tok.children)


def _has_condition(tok: Token) -> bool:
    return tok.dep_ == "advcl" and bool(_children_lower(tok, ("mark",)) & CONDITIONAL_MARKS)


def is_past_perfect(trigger: Token) -> bool:
    aux = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lower_ == "had" for a in aux)


BACKGROUND_ADVERBS = frozenset({"previously", "formerly", "earlier", "once", "already", "ago", "recently"})
SPAN_WORDS = frozenset({"year", "decade", "month", "week"})
SPAN_MODIFIERS = frozenset({"last", "past", "recent", "previous", "several", "few"})


def _background_adverb(tok: Token) -> bool:
    return any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in BACKGROUND_ADVERBS for c in tok.children)


def is_background(trigger: Token) -> bool:
    """History told as background: "previously announced", "since 2011", "in the last few years", and wars
    named as history ("the Iran–Iraq War", "during the Vietnam War")."""
    if is_named_event(trigger):
        return True
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    # a relative clause shares its main clause's time: "Recently, the US announced a coalition which was
    # joined by Australia"
    if clause.dep_ == "relcl" and any(_background_adverb(a) for a in clause.ancestors if a.pos_ in ("VERB", "AUX")):
        return True
    for tok in (trigger, clause):
        if _background_adverb(tok):
            return True
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("since", "in", "over", "during", "for"):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    if child.lower_ == "since":
                        return True
                    mods = {m.lower_ for m in obj.children}
                    if obj.lemma_.lower() in SPAN_WORDS and mods & SPAN_MODIFIERS:
                        return True
    return False


def is_named_event(trigger: Token) -> bool:
    """A noun trigger capitalised inside a name ("the Iran–Iraq War", "the Gulf War"): an event known by its
    name is told as history."""
    return trigger.pos_ in ("NOUN", "PROPN") and trigger.i > sentence_of(trigger).start \
        and trigger.text[:1].isupper() \
        and not trigger.text.isupper() and (trigger.ent_type_ == "EVENT" or any(
            c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper() for c in trigger.children))
