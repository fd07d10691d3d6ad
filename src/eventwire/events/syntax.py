"""Dependency-parse helpers: who is the subject of a verb, which nouns fill a slot, and conjunct expansion.

These encode the English constructions the coder relies on (active and passive voice, control verbs, relative
clauses, coordination); they know nothing about actors or CAMEO.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJ_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Verbs whose object, not subject, controls an infinitive complement: "urged Iran to stop" -> Iran stops.
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "encourage", "force", "order", "tell", "persuade", "press",
                            "pressure", "invite", "allow", "help", "compel", "require", "request", "warn"})


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia and Iran" -> [Russia, Iran])."""
    out = [token]
    stack = [c for c in token.children if c.dep_ == "conj" and not _subject_of_next_clause(c)]
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and not _subject_of_next_clause(c))
    return out


def _subject_of_next_clause(noun: Token) -> bool:
    """"had defeated ISIS and Turkey would be moving into Syria": a noun the parser coordinates with an object
    but followed by the auxiliary of a coordinated clause with no subject of its own is that clause's subject."""
    if noun.pos_ not in ("PROPN", "NOUN", "PRON") or noun.i + 1 >= len(noun.doc):
        return False
    nxt = noun.doc[noun.i + 1]
    if nxt.dep_ not in ("aux", "auxpass") or nxt.pos_ != "AUX":
        return False
    clause = nxt.head
    return clause.dep_ == "conj" and clause.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ in SUBJ_DEPS or c.dep_ in PASSIVE_SUBJ_DEPS for c in clause.children)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ_DEPS or c.dep_ == "auxpass" for c in verb.children)


def relative_antecedent(token: Token) -> Token:
    """For a relative pronoun subject ("Germany, which has ..."), the noun the clause modifies."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def relative_antecedents(token: Token) -> list[Token]:
    """The noun a relative pronoun stands for, then, when the parser attached the clause to a place inside the
    noun's own phrase ("a coalition to patrol the Persian Gulf which was joined by Australia"), the nouns
    that phrase hangs from, nearest first: the pattern whose object fits decides."""
    antecedent = relative_antecedent(token)
    if antecedent is token or antecedent.ent_type_ not in ("LOC", "GPE", "FAC"):
        return [antecedent]
    out = [antecedent]
    for ancestor in antecedent.ancestors:
        if ancestor.dep_ == "ROOT" or len(out) > 3:
            break
        if ancestor.pos_ == "NOUN":
            out.append(ancestor)
    return out


PARTNERING_LEMMAS = frozenset({"ally", "cooperate", "collaborate", "partner", "team", "join", "unite", "work",
                               "coordinate", "side"})
FOUNDING_VERBS = frozenset({"announce", "form", "create", "lead", "launch", "build", "establish", "found",
                            "organize", "organise", "assemble"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


AUXILIARIES = frozenset({"have", "be", "do", "will", "shall", "can", "could", "may", "might", "must", "should",
                         "would", "'ll", "wo", "ca"})


def grammatical_subjects(verb: Token) -> list[Token]:
    """Subjects of `verb`, following control, coordination and relative clauses when it has none itself."""
    seen: set[int] = set()
    current = verb
    while current.i not in seen:
        seen.add(current.i)
        own = [c for c in current.children if c.dep_ in SUBJ_DEPS and c.dep_ != "expl"] or \
            [c for a in current.children if a.dep_ == "aux" and a.lemma_.lower() in AUXILIARIES
             for c in a.children if c.dep_ in ("nsubj", "csubj")]
        # ("The US has been encouraging": the parser can hang the subject from an auxiliary)
        # a participle mis-parsed as the subject ("The Red Cross operating in Iraq said"): its own subject
        own = [next((g for g in s.children if g.dep_ == "nsubj"), s) if s.tag_ == "VBG" else s for s in own]
        if len(own) > 1:
            # "fighters which, the statement said, European nations refused to repatriate": beside a subject
            # of its own, the relative pronoun is the clause's object
            own = [s for s in own if s.lower_ not in RELATIVE_PRONOUNS] or own
        if own:
            return [relative_antecedent(t) for s in own for t in conjuncts(s)]
        passive = [c for c in current.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if passive and current is not verb:
            return [relative_antecedent(t) for s in passive for t in conjuncts(s)]
        if current.dep_ == "xcomp" and current.head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lower_ == "it" for c in current.head.children):
            # "whose duty it is to protect the borders", "it is time for others to protect": "it" stands for
            # nothing; the one whose duty it is does it
            owners = [p for a in current.head.children if a.dep_ == "attr" for p in a.children if p.dep_ == "poss"]
            if not owners:
                return []
            owner = owners[0]
            relative = owner.lower_ == "whose" and owner.head.head.dep_ == "relcl"
            return [owner.head.head.head if relative else owner]
        if current.dep_ == "xcomp":
            head = current.head
            objects = [c for c in head.children if c.dep_ in ("dobj", "obj")] or prep_objects(head, ("on", "upon"))
            if objects and head.lemma_.lower() in OBJECT_CONTROL:  # ("called on Israel to withdraw")
                return conjuncts(objects[0])
            current = head
        elif current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX"):
            current = coordinated_with(current)
        elif current.dep_ == "acomp" and current.pos_ == "ADJ":
            current = current.head  # "it is willing to withdraw": the subject of "is"
        elif current.dep_ == "acl" and current.tag_ == "VBG" and _is_adjunct_participle(current):
            current = next((a for a in current.head.ancestors if a.pos_ in ("VERB", "AUX")), current)
        elif current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [current.head]
        elif current.dep_ == "advcl" and current.tag_ in ("VBG", "VBN"):
            current = current.head
        elif current.dep_ == "advcl" and current.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
            current = current.head  # purpose: "mobilized groups to help support ...": the subject's own aim
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            # "accused Iran of supplying": the object of the governing verb is the subject.
            gov = current.head.head
            objects = [c for c in gov.children if c.dep_ in ("dobj", "obj")]
            if objects:
                return conjuncts(objects[0])
            if current.head.lower_ == "in" and gov.dep_ == "pobj" and gov.head.lower_ == "with":
                gov = gov.head.head  # ("allied with [Kurdish groups in fighting ISIS]", as the parser may hang it)
            if current.head.lower_ == "in" and gov.lemma_.lower() in PARTNERING_LEMMAS:
                # "the US had been allied with Kurdish groups in fighting ISIS": the partners fight too
                own = [t for c in gov.children if c.dep_ in SUBJ_DEPS | PASSIVE_SUBJ_DEPS for t in conjuncts(c)]
                return (own or grammatical_subjects(gov)) + prep_objects(gov, ("with",))
            current = gov
        else:
            return []
    return []


MESSAGE_NOUNS = frozenset({"message", "statement", "letter", "tweet", "post", "video", "speech", "interview",
                           "report", "note", "email", "release", "communique", "declaration", "remark", "address"})


def coordinated_with(conj: Token) -> Token:
    """The verb a coordinated verb shares its subject and clause with: its head, except that a finite verb
    cannot share an infinitive's or a modal's ("urged the embassy to reconsider and spoke with Pompeo",
    "adding that Israel should stop killing and accused the US"): it is coordinated with the verb governing
    that clause."""
    head = conj.head
    if conj.tag_ in FINITE_TAGS and head.tag_ == "VB" and (head.dep_ == "xcomp" or head.dep_ == "ccomp"
                                                           and _has_modal(head)):
        return head.head
    return head


def _has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _is_adjunct_participle(participle: Token) -> bool:
    """ "posted a message on Twitter blaming Iran": the one blaming is the poster, not Twitter or the message.
    A participle hanging on the object of a place or medium preposition, or on a message noun, belongs to the
    clause."""
    noun = participle.head
    if noun.dep_ == "pobj":
        # "on Twitter blaming Iran" hangs on the clause; "aid to refugees fleeing the war" on the refugees
        return noun.head.lower_ in ("on", "in", "at", "via", "through", "during", "after")
    return noun.dep_ in ("dobj", "obj") and noun.lemma_.lower() in MESSAGE_NOUNS


def passive_agents(verb: Token) -> list[Token]:
    for c in verb.children:
        if c.dep_ == "agent":
            return [t for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
    return []


def passive_subjects(verb: Token) -> list[Token]:
    return [relative_antecedent(t) for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS for t in conjuncts(c)]


def direct_objects(verb: Token) -> list[Token]:
    return [t for c in verb.children if c.dep_ in ("dobj", "obj", "dative") for t in conjuncts(c)]


def prep_objects(head: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Objects of prepositions attached to `head` whose lemma is in `preps` ("met with X" -> X)."""
    out: list[Token] = []
    # "discussions within Europe and with the US": a preposition coordinated with another is the head's too
    attached = [c for c in head.children if c.dep_ in ("prep", "agent", "dative")]
    attached += [k for c in attached for k in c.children if k.dep_ == "conj" and k.pos_ == "ADP"]
    for c in attached:
        if c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(conjuncts(p))
                elif p.dep_ == "prep":  # "out of", "away from"
                    out.extend(t for q in p.children if q.dep_ == "pobj" for t in conjuncts(q))
    return out


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of ("held talks", "imposed sanctions", "launched an attack")."""
    t = noun
    while t.dep_ == "conj":
        t = t.head
    if t.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd") and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB" and t.head.lower_ in (
            "in", "into", "for"):
        return t.head.head
    return None


def clause_root(token: Token) -> Token:
    """The verb heading the clause a token belongs to."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head is not t:
        t = t.head
    return t


def complement_targets(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects inside the verb's infinitive complement: "offered to hand over X to Britain" -> [X, Britain]."""
    out: list[Token] = []
    for comp in verb.children:
        if comp.dep_ != "xcomp":
            continue
        out += prep_objects(comp, preps)
        for obj in direct_objects(comp):
            out += prep_objects(obj, preps)
            out.append(obj)
        out += complement_targets(comp, preps)
    return out


def owners(noun: Token) -> list[Token]:
    """Who a thing belongs to: its possessor, or the object of "of", "for", "belonging to", "at", "in"; whose
    act it is: "a ban by X", "an appeal from X"."""
    out = [c for c in noun.children if c.dep_ == "poss"]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "in", "with", "by", "from"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "acl" and c.lemma_ in ("belong", "own", "operate", "run"):
            out.extend(owners(c) + prep_objects(c, ("to", "by")))
        elif c.dep_ in ("amod", "compound", "nmod"):
            out.append(c)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in FOUNDING_VERBS:
        out += grammatical_subjects(noun.head)  # "the US announced a naval coalition": the coalition is the US's
    return out


def phrase_head(token: Token) -> Token:
    """The head of the noun phrase a modifier belongs to ("British" in "British Prime Minister Johnson")."""
    t = token
    while t.dep_ in ("compound", "amod", "flat", "nmod", "poss", "appos") and t.head is not t \
            and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    return t


def content_subjects(verb: Token) -> list[Token]:
    """Subjects of the clause a verb of saying reports ("alleged [Mahan had contributed ...]" -> Mahan)."""
    out: list[Token] = []
    for clause in verb.children:
        if clause.dep_ == "ccomp" or clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):  # "called for X to ..."
            out += [t for c in clause.children if c.dep_ in SUBJ_DEPS | PASSIVE_SUBJ_DEPS and c.dep_ != "expl"
                    for t in conjuncts(c)]
    return out


EXAMPLE_PREPS = frozenset({"including", "like"})


def example_heads(group: Token) -> list[Token]:
    """The heads of the members a plural noun names: "such as X", "including X", "like X", "which include X"."""
    out = []
    for c in group.children:
        if c.dep_ == "prep" and (c.lower_ in EXAMPLE_PREPS
                                 or c.lower_ == "as" and any(a.lower_ == "such" for a in c.children)):
            out += [o for o in c.children if o.dep_ == "pobj"]
        elif c.dep_ == "relcl" and c.lemma_.lower() == "include" \
                and any(s.dep_ == "nsubj" and s.lower_ in ("which", "that", "who") for s in c.children):
            out += [o for o in c.children if o.dep_ == "dobj"]
    return out


def example_group(token: Token) -> Token | None:
    """The plural noun whose example `token` is ("countries including Algeria" -> countries)."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ not in ("pobj", "dobj"):
        return None
    group = first.head.head  # (the preposition's, or the relative clause's, noun)
    return group if group.tag_ == "NNS" and any(h.i == first.i for h in example_heads(group)) else None


def described_by(adj: Token) -> list[Token]:
    """Who a predicate adjective describes: the subject of "is critical of" (also across coordination: "is
    largely Kurdish and supportive of"), or the noun an appositive adjective follows ("the main fighting force
    of the SDF, largely Kurdish and ..." describes the subject the force is said of)."""
    first = adj
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ in ("acomp", "oprd"):
        return grammatical_subjects(first.head)
    if first.dep_ == "appos" and first.head.pos_ in ("NOUN", "PROPN"):
        noun = first.head
        if is_according_to(noun):
            # "YPG is ... and, according to Turkey, supportive of the PKK": the parser's apposition to the one
            # who says so; the adjective describes the clause's subject
            return grammatical_subjects(noun.head.head.head)
        return grammatical_subjects(noun.head) if noun.dep_ == "attr" else [noun]
    return []


def is_according_to(noun: Token) -> bool:
    """The one a report is "according to" ("According to New Zealand Prime Minister Jacinda Ardern, ...")."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lower_ == "according"
