"""A noun phrase of a spaCy parse -> its actor codes, composed as PETRARCH composes them.

The phrase's own words (its head's subtree without prepositional phrases, clauses, appositions and coordinated
phrases) are scanned left to right: at each word the longest actor phrase, else the longest agent phrase,
else the next word. The actor codes found (their dated code on the article's date) are then combined with
every agent code found: `~GOV` goes after the actor's code and `GOV~` before it, unless the code already holds
it (VAL + ~GOV -> VALGOV; VALGOV + ~GOV -> VALGOV; VAL + ~GOV + ~FRM -> VALGOVFRM); the general ~PPL is
dropped when there is another agent. With no actor among its own words, the phrase takes the actors of its
prepositional phrases ("envoys of Valdoria" -> VAL + ~GOV), and with no agent, their agents. Each conjunct of a
coordination is coded on its own ("Valdoria, Kestria and Morvan"), and several actors inside one phrase each
take the agents ("Valdorian and Kestrian soldiers" -> VALMIL, KESMIL). An agent with no actor gives the
agent's code alone (`GOV`), as PETRARCH does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from eventwire.events.syntax import conjuncts
from eventwire.petrarch.dictionaries import ActorRecord, AgentCode, PetrarchActors, PetrarchAgents

# Children of a noun whose words are not the noun phrase's own.
NOT_OWN_DEPS = frozenset({"prep", "relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "ccomp", "parataxis"})
GENERAL_AGENT = "PPL"


@dataclass(frozen=True)
class CodedActor:
    code: str
    root: ActorRecord | None  # the actor dictionary record, None for an agent alone
    root_code: str | None
    agents: tuple[str, ...]  # agent codes as written (~GOV, NGO~)
    head: Token
    text: str
    start: int  # character offsets
    end: int


@dataclass
class NounCoder:
    """Codes noun phrases against one set of actor and agent dictionaries on one date (the article's)."""

    actors: PetrarchActors
    agents: PetrarchAgents
    day: date
    discarded: bool = False  # a [###] actor was met
    _cache: dict[int, list[CodedActor]] = field(default_factory=dict)

    def code_phrase(self, head: Token) -> list[CodedActor]:
        """Every actor a noun phrase names: one per conjunct and per actor inside it."""
        out: list[CodedActor] = []
        for conjunct in conjuncts(head):
            out += self.code_single(conjunct)
        return _unique(out)

    def code_single(self, head: Token) -> list[CodedActor]:
        if head.i not in self._cache:
            self._cache[head.i] = []  # (a cycle through the parse codes as nothing)
            self._cache[head.i] = self._code(head)
        return self._cache[head.i]

    def _code(self, head: Token) -> list[CodedActor]:
        own = own_tokens(head)
        forms = word_forms(own)
        roots: list[tuple[str, ActorRecord]] = []
        agents: list[AgentCode] = []
        i = 0
        while i < len(forms):
            hit = self.actors.index.match(forms, i)
            if hit is not None:
                record = self.actors.records[hit[1]]
                self.discarded = self.discarded or record.discard
                code = record.code_at(self.day)
                if code and not record.discard:
                    roots.append((code, record))
                i += hit[0]
                continue
            hit = self.agents.index.match(forms, i)
            if hit is not None:
                agents.append(self.agents.codes[hit[1]])
                i += hit[0]
                continue
            i += 1
        inherited: list[CodedActor] = []
        if not roots or not agents:
            inherited = [a for prep in head.children if prep.dep_ in ("prep", "agent")
                         for obj in prep.children if obj.dep_ == "pobj" for a in self.code_phrase(obj)]
        text_tokens = own or [head]
        span = (text_tokens[0].idx, text_tokens[-1].idx + len(text_tokens[-1]))
        text = head.doc.text[span[0]: span[1]]
        if roots:
            bases = [(code, record, code) for code, record in roots]
        else:
            bases = [(a.code, a.root, a.root_code) for a in inherited if a.root is not None]
        agent_codes = [a.written for a in agents]
        if not agents:
            agent_codes = [g for a in inherited if a.root is None for g in a.agents]
        if not bases and not agent_codes:
            return []
        out = []
        for code, record, root_code in bases or [("", None, None)]:
            composed = compose(code, agent_codes)
            if composed:
                out.append(CodedActor(composed, record, root_code, tuple(agent_codes), head, text, *span))
        return out


def compose(actor_code: str, agent_codes: list[str]) -> str:
    """An actor's code with its agents' codes, as PETRARCH mixes them."""
    code = actor_code
    for written in agent_codes:
        agent = written.strip("~")
        if agent == GENERAL_AGENT and len(agent_codes) > 1:
            continue
        if agent in code:
            continue
        code = agent + code if written.endswith("~") else code + agent
    return code


def own_tokens(head: Token) -> list[Token]:
    """The noun phrase's own words: its subtree without prepositional phrases, clauses, appositions and
    coordinated phrases hanging from the head."""
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in NOT_OWN_DEPS:
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
    return [t for t in head.subtree if t.i not in skip and not t.is_punct]


def word_forms(tokens: list[Token]) -> list[frozenset[str]]:
    """The forms (as written, lemma; upper case) of each word, hyphenated compounds the tokenizer split
    ("Ki - Moon") joined back ("KI-MOON") as the dictionaries write them."""
    words: list[list[str]] = []
    glue = False
    previous: Token | None = None
    for tok in tokens:
        hyphen = tok.text == "-"
        adjacent = previous is not None and previous.i == tok.i - 1 and not previous.whitespace_
        if words and adjacent and (hyphen or glue):
            words[-1][0] += tok.text.upper()
            words[-1][1] += tok.text.upper() if hyphen else tok.lemma_.upper()
        else:
            words.append([tok.text.upper(), tok.lemma_.upper()])
        glue = hyphen
        previous = tok
    return [frozenset(w) for w in words]


def _unique(actors: list[CodedActor]) -> list[CodedActor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out
