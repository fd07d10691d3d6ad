"""Resolve the noun phrase headed by a token into an Actor: dictionary names, agent words, and
simple within-article coreference ("he", "the president", "the country")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from eventwire.actors.dictionary import ActorDictionary, Entry
from eventwire.actors.matcher import GENERATED_FILES, NameMatch
from eventwire.enrich.locations import Place
from eventwire.events.syntax import MESSAGE_NOUNS, conjuncts, example_heads, grammatical_subjects
from eventwire.nlp import token_table
from eventwire.records import Actor

# Dependents that belong to the noun phrase of their head ("Iranian President Masoud Pezeshkian").
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "flat", "case", "quantmod", "npadvmod"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
WAR_NOUNS = frozenset({"war", "warfare"})
THING_PRONOUN_REACH = 2  # sentences back (see _from_coreference)
THIRD_PERSON_PLURAL = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "our"})
ALIAS_STOPWORDS = frozenset({"the", "president", "minister", "prime", "foreign", "secretary", "state", "general",
                             "united", "national", "new", "party", "republic", "democratic", "people", "air",
                             "international", "group", "company", "government", "ministry", "office"})
COUNTRY_NOUNS = frozenset({"country", "nation", "state", "republic", "kingdom", "government", "regime"})
# Plural nouns that may stand for the two countries of a story's pair ("their two countries", "both sides")
PAIRED_NOUNS = COUNTRY_NOUNS | {"side", "leader"}
ORG_NOUNS = frozenset({"company", "firm", "airline", "group", "organization", "organisation", "alliance", "bloc"})


@dataclass
class ArticleContext:
    """What was mentioned so far in one article, for coreference. One per article; never shared."""

    published: date | None
    names: dict[int, NameMatch]
    recent: list[Actor] = field(default_factory=list)
    aliases: dict[str, Actor] = field(default_factory=dict)  # "Mahan" after "Mahan Air", "Seibert" after ...
    # quotation spans and their speakers: the speaker's actor, or the head token of a speaker not known yet when
    # the quotations were read ("Graham continued" before the story has named Lindsey Graham), resolved on use
    quotes: list[tuple[int, int, Actor | Token]] = field(default_factory=list)
    main_country: str | None = None  # the country the article names most often (see story_country)
    # event word ("call", "attack") -> (who did it, to whom) when the story last coded one
    acts: dict[str, tuple[Actor, Actor | None]] = field(default_factory=dict)
    # ActorResolver.resolve's answers by head token, for the context as it is now. Coreference reads the
    # actors, acts and quotations above, so every change to them goes through a method that empties this.
    # (Within a sentence the same heads are resolved again and again: by the frames, the target guess and
    # the actors remembered for later sentences.)
    resolved: dict[int, Actor | None] = field(default_factory=dict, repr=False, compare=False)
    # ... and the answers that read none of it (most names and phrases: "Iran", "the Iranian foreign
    # minister"), which no change of the story alters: kept for the whole article. Reads of the story go through
    # the methods below, which count them, so that the resolver can tell the two kinds apart.
    settled: dict[int, Actor | None] = field(default_factory=dict, repr=False, compare=False)
    story_reads: int = field(default=0, repr=False, compare=False)

    def speaker_at(self, offset: int) -> Actor | Token | None:
        self.story_reads += 1
        return next((speaker for start, end, speaker in self.quotes if start <= offset < end), None)

    def alias(self, word: str) -> Actor | None:
        self.story_reads += 1
        return self.aliases.get(word)

    def act(self, word: str) -> tuple[Actor, Actor | None] | None:
        self.story_reads += 1
        return self.acts.get(word)

    def set_quotes(self, quotes: list[tuple[int, int, Actor | Token]]) -> None:
        self.quotes = quotes
        self.resolved.clear()

    def record_act(self, word: str, parties: tuple[Actor, Actor | None], replace: bool = True) -> None:
        if replace or word not in self.acts:
            self.acts[word] = parties
            self.resolved.clear()

    def remember(self, actor: Actor) -> None:
        self.resolved.clear()
        if actor.kind != "unknown" or actor.entity_type:
            self.recent.append(actor)
        if actor.kind in ("person", "organization", "unknown") and actor.code:
            for name in {actor.name or "", actor.text}:
                words = name.split()
                if len(words) < 2:
                    continue
                for word in words:
                    if word[:1].isupper() and len(word) > 2 and word.lower() not in ALIAS_STOPWORDS:
                        self.aliases.setdefault(word, actor)

    def last(self, predicate) -> Actor | None:
        self.story_reads += 1
        return next((a for a in reversed(self.recent) if predicate(a)), None)


def story_country(names: dict[int, NameMatch]) -> str | None:
    """The country an article names most often, by its country names, places and national organisations
    (the first named wins a tie): the country the story is about."""
    counts: dict[str, int] = {}
    for match in sorted(names.values(), key=lambda m: m.start):
        country = next((e.country for e in match.entries if e.kind in ("country", "organization") and e.country),
                       None)
        if country is not None:
            counts[country] = counts.get(country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def entity_span(token: Token):
    """The named-entity span a token is in, found from its IOB tags (Doc.ents walks the whole document)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def phrase_text(tokens: list[Token]) -> str:
    """The text from the first to the last token (Doc.text rebuilds the whole document: avoid it here)."""
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    return tokens[0].doc[first:last + 1].text


def np_tokens(head: Token) -> list[Token]:
    """The head and its noun-phrase dependents (recursively), in text order."""
    out = [head]
    stack = [c for c in head.children if c.dep_ in NP_DEPS]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in NP_DEPS)
    return sorted(out, key=lambda t: t.i)


# Place names built like "X of COUNTRY" that are no actor of that country.
GEOGRAPHIC_FEATURES = frozenset({
    "gulf", "sea", "strait", "straits", "bay", "river", "lake", "island", "islands", "mountain", "mountains",
    "peninsula", "coast", "ocean", "canal", "valley", "desert", "horn", "cape", "port", "city", "province",
    "region", "republic", "kingdom", "state", "capital", "border",
})
# Heads that count or group the actors of their "of" phrase.
PARTITIVES = frozenset({
    "group", "number", "member", "thousand", "hundred", "dozen", "million", "some", "many", "most", "one",
    "part", "third", "half", "majority", "handful", "several", "few", "all", "both", "each", "band", "crowd",
    "team", "score", "bunch", "two", "three",
})


def _in_possessor(match: NameMatch, head: Token) -> bool:
    """Whether a name lies inside a possessive modifier of the phrase's head."""
    return any(c.dep_ == "poss" and c.left_edge.i <= match.start and match.end - 1 <= c.i for c in head.children)


def _prep_object(head: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the head's first preposition among `preps`."""
    return next((p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in preps
                 for p in prep.children if p.dep_ == "pobj"), None)


class ActorResolver:
    """`places` finds a country or city by exact name (the gazetteer of enrich.locations): a town or city the
    dictionaries do not list stands for its country, as in PETRARCH's dictionaries ("shelled Aleppo")."""

    def __init__(self, dictionary: ActorDictionary, places: Callable[..., Place | None] | None = None):
        self.dictionary = dictionary
        self.places = places
        self.max_agent_words = max((len(p.split()) for p in dictionary.agents), default=1)
        # the last words of the agent phrases: most phrases end in another word and need no look-up at all
        self.agent_ends = frozenset(p.rsplit(" ", 1)[-1] for p in dictionary.agents)

    def _may_end_agent(self, lemma: str) -> bool:
        return lemma in self.agent_ends or " " in lemma

    # -- agents -------------------------------------------------------------------------------------------
    def agent_sector(self, tokens: list[Token]) -> str | None:
        """Sector of the agent phrase ending closest to the head (last token): "foreign minister" -> GOV."""
        lemmas = [t.lemma_.lower() for t in tokens]
        for end in range(len(lemmas), 0, -1):
            if not self._may_end_agent(lemmas[end - 1]):
                continue
            for n in range(min(self.max_agent_words, end), 0, -1):
                sector = self.dictionary.agents.get(" ".join(lemmas[end - n: end]))
                if sector:
                    return sector
        return None

    def head_agent_sector(self, head: Token) -> str | None:
        if not self._may_end_agent(head.lemma_.lower()):
            return None  # (the phrases tried all end in the head)
        left = [t for t in np_tokens(head) if t.i <= head.i]
        lemmas = [t.lemma_.lower() for t in left]
        for n in range(min(self.max_agent_words, len(lemmas)), 0, -1):
            sector = self.dictionary.agents.get(" ".join(lemmas[-n:]))
            if sector:
                return sector
        return None

    # -- resolution ---------------------------------------------------------------------------------------
    def resolve(self, head: Token, ctx: ArticleContext) -> Actor | None:
        """The actor of the phrase headed by `head`, or None (remembered in ctx until the context changes, or for
        the whole article where it read nothing of the story so far)."""
        if head.i in ctx.settled:
            return ctx.settled[head.i]
        if head.i in ctx.resolved:
            ctx.story_reads += 1  # (an answer that read the story: so does any answer built on it)
            return ctx.resolved[head.i]
        reads = ctx.story_reads
        actor = self._resolve(head, ctx)
        if ctx.story_reads == reads:
            ctx.settled[head.i] = actor
        else:
            ctx.resolved[head.i] = actor
        return actor

    def _resolve(self, head: Token, ctx: ArticleContext) -> Actor | None:
        if head.lemma_.lower() in WAR_NOUNS:
            return None  # "a commemoration of the Iran–Iraq War": a war is no party, its sides are
        if self._cannot_be_actor(head, ctx):
            return None
        inner = self._partitive_of(head)
        if inner is not None:
            # "a group of Moroccan diplomats", "thousands of Nigerians": the actors are the ones counted
            found = self.resolve(inner, ctx)
            if found is not None:
                return found
        tokens = np_tokens(head)
        # "Bruno Parrilla, the foreign minister of Cuba", "Brett McGurk, who was Trump's envoy": the
        # description says who the named person is.
        described = [c for c in head.children if c.dep_ == "appos"] + self._relative_description(head)
        for phrase in [head, *described]:
            if phrase is not head:
                tokens.extend(np_tokens(phrase))
            of_obj = self._of_object(phrase)
            if of_obj is not None:
                tokens.extend(np_tokens(of_obj))
        tokens.sort(key=lambda t: t.i)
        # "an Iraq War veteran" is no Iraqi: the names inside a war's name are its sides
        tokens = [t for t in tokens if t.i == head.i or t.head.i == head.i or t.head.lemma_.lower() not in WAR_NOUNS]
        matches = self._matches(tokens, ctx.names)
        actor = self._from_matches(head, tokens, matches, ctx)
        if actor is None and head.pos_ == "PROPN":
            actor = self._rebase(ctx.alias(head.text), head)
        if actor is None:
            actor = self._from_coreference(head, ctx)
        if actor is None:
            actor = self._from_entity(head, tokens, ctx)
        return actor

    def _cannot_be_actor(self, head: Token, ctx: ArticleContext) -> bool:
        """A common noun that no step below can make an actor of ("the talks", "weapons": most nouns), told
        without walking its phrase: no name anywhere under it, no agent phrase ends in it, it counts nothing
        ("a group of"), refers back to nothing ("the country") and is no named entity."""
        if head.pos_ in ("PROPN", "PRON"):
            return False
        lemma = head.lemma_.lower()
        if lemma in PARTITIVES or self._may_end_agent(lemma) or lemma in COUNTRY_NOUNS or lemma in ORG_NOUNS \
                or lemma in MESSAGE_NOUNS or head.ent_type_ in NAMED_TYPES and head.ent_type_ != "NORP":
            return False
        names = ctx.names
        return not any(i in names for i in range(head.left_edge.i, head.right_edge.i + 1))

    def resolve_many(self, head: Token, ctx: ArticleContext) -> list[Actor]:
        """One actor per coordinated member inside the phrase: "the navies of China, India and Oman",
        "Hungarian and Romanian officials" -> one actor each; otherwise the phrase's single actor."""
        examples = self._named_examples(head, ctx)
        if examples:
            return examples
        pair = self._pair_reference(head, ctx)
        if pair:
            return pair
        actor = self.resolve(head, ctx)
        inner = self._of_object(head)
        of = inner or _prep_object(head, ("of",))
        listed = next((c for c in of.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) \
            if of is not None and of.tag_ == "NNS" else None
        if actor is None and listed is not None:
            # ("the heads of Central Asian nations – ...": no actor of its own until its list is read)
            sector = self.head_agent_sector(head)
            actor = self._actor(phrase_text(np_tokens(head)), None, sector, None, "agent", head.idx,
                                head.idx + len(head))
        if actor is None:
            return []
        members: list[Token] = []
        if inner is not None and any(c.dep_ == "conj" for c in inner.children):
            members = conjuncts(inner)
        elif listed is not None:
            # "the heads of Central Asian nations – Kazakhstan, Kyrgyzstan and Uzbekistan": the states listed
            members = appositions(listed)
        else:
            for mod in head.children:
                if mod.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in mod.children):
                    members = conjuncts(mod)
                    break
        if len(members) < 2:
            return self._coordinated_people(head, ctx) or [actor]
        out = []
        for m in members:
            match = ctx.names.get(m.i)
            place = next((e for e in match.entries if e.kind == "country"), None) if match else None
            if place is None:
                return [actor]
            sector = actor.sector if actor.kind in ("country", "agent") else None
            out.append(self._actor(actor.text, place.country, sector, place.name, "country", actor.start,
                                   actor.end))
        return out

    def _pair_reference(self, head: Token, ctx: ArticleContext) -> list[Actor]:
        """"their two countries", "both countries", "the two governments": the countries of the last two people
        the story named that have different countries (the two leaders who met), else of the last two states."""
        if head.tag_ != "NNS" or head.lemma_.lower() not in PAIRED_NOUNS:
            return []
        words = {c.lower_ for c in head.children if c.dep_ in ("nummod", "det", "poss", "predet")}
        if not words & {"two", "both"}:
            return []
        countries: list[Actor] = []
        for kinds in (("person",), ("country", "organization")):  # "they" who met, else the states named
            countries = []
            for actor in reversed(ctx.recent):
                if actor.country and actor.kind in kinds and all(a.country != actor.country for a in countries):
                    countries.append(actor)
                if len(countries) == 2:
                    break
            if len(countries) == 2:
                break
        if len(countries) < 2:
            return []
        sector = "GOV" if head.lemma_.lower() in ("government", "leader", "regime") else None
        start, end = head.left_edge.idx, head.idx + len(head)
        return [self._actor(head.text, a.country, sector, a.country, "country", start, end)
                for a in reversed(countries)]

    def _named_examples(self, head: Token, ctx: ArticleContext) -> list[Actor]:
        """"allies such as Germany", "his critics, which include Greenpeace", "firms including Siemens": a plural
        common noun that names its members stands for the members it names (the ones the dictionaries know)."""
        if head.tag_ != "NNS":
            return []
        out = []
        for example in example_heads(head):
            for member in conjuncts(example):
                # ("leaders, including Zardari and the heads of Central Asian nations – Kazakhstan, ...": each)
                out.extend(a for a in self.resolve_many(member, ctx) if a.code)
        return out

    def _coordinated_people(self, head: Token, ctx: ArticleContext) -> list[Actor]:
        """"US President Donald Trump and Turkish President Recep Tayyip Erdoğan spoke": when the parser
        folds two coordinated people into one phrase, one actor per person named in it."""
        tokens = list(head.subtree)
        if not any(t.dep_ == "cc" and t.lower_ in ("and", "&") for t in tokens):
            return []
        people = [m for m in self._matches(tokens, ctx.names) if any(e.kind == "person" for e in m.entries)]
        if len(people) < 2 or len({m.entries[0].name for m in people}) < 2:
            return []
        out = []
        for m in people:
            picked = self._pick([m], "person", ctx.published, m.start)
            if picked is None:
                continue  # (a person whose roles all lie outside the article's date)
            entry, _ = picked
            country, sector, _ = entry.at(ctx.published)
            span = head.doc[m.start: m.end]
            out.append(self._actor(m.text, country, sector, entry.name, "person", span.start_char, span.end_char))
        return out

    @staticmethod
    def _relative_description(head: Token) -> list[Token]:
        """The predicate noun of "X, who is/was Y": [Y]."""
        out = []
        for clause in head.children:
            if clause.dep_ == "relcl" and clause.lemma_ == "be":
                out += [c for c in clause.children if c.dep_ in ("attr", "acomp")]
        return out

    def _partitive_of(self, head: Token) -> Token | None:
        if head.lemma_.lower() not in PARTITIVES or self.dictionary.agents.get(head.lemma_.lower()):
            return None
        return _prep_object(head, ("of",))

    def _of_object(self, head: Token) -> Token | None:
        """"the president of Iran", "security forces in Guinea": when the head is an agent word; "Patrice
        Talon of Benin": when it is a name ("of" and "from" only: someone "in" a place may be visiting; and not
        places: "the Gulf of Oman" is no actor of Oman's)."""
        if head.pos_ == "PROPN" and head.ent_type_ not in ("GPE", "LOC") \
                and head.lemma_.lower() not in GEOGRAPHIC_FEATURES:
            # an organisation or facility "in" a country is that country's; a person there may be visiting
            preps: tuple[str, ...] = ("of", "from") if head.ent_type_ == "PERSON" else ("of", "from", "in")
        elif self.dictionary.agents.get(head.lemma_.lower()):
            preps = ("of", "in", "from")
        else:
            return None
        return _prep_object(head, preps)

    @staticmethod
    def _matches(tokens: list[Token], names: dict[int, NameMatch]) -> list[NameMatch]:
        seen: dict[int, NameMatch] = {}
        for t in tokens:
            m = names.get(t.i)
            if m is not None:
                seen[m.start] = m
        return [seen[k] for k in sorted(seen)]

    def _from_matches(self, head: Token, tokens: list[Token], matches: list[NameMatch],
                      ctx: ArticleContext) -> Actor | None:
        if not matches:
            return self._agent_only(head, tokens, ctx)
        agent = self.agent_sector([t for t in tokens if t.i <= head.i] or [head]) or self.agent_sector(tokens)
        person = self._pick(matches, "person", ctx.published, head.i)
        org = self._pick(matches, "organization", ctx.published, head.i)
        place = self._pick(matches, "country", ctx.published, head.i)
        if person is not None and (org is not None or place is not None) and _in_possessor(person[1], head):
            person = None  # "Osama bin Laden's al-Qaeda network" is al-Qaeda, not bin Laden
        span_start = min(t.idx for t in tokens)
        span_end = max(t.idx + len(t) for t in tokens)
        text = phrase_text(tokens)
        if person is not None:
            entry, match = person
            country, sector, _ = entry.at(ctx.published)
            country = country or (place[0].country if place else None)
            head_agent = self.head_agent_sector(head) if head.pos_ == "NOUN" and head.i < match.start else None
            if head_agent is not None and country:
                # "supporters of Ahmed Ben Bella", "troops loyal to Assad": the group, of the person's country
                return self._actor(text, country, head_agent, None, "agent", span_start, span_end)
            sector = sector or agent or ("ELI" if country else None)
            if not country and org is not None and org[0].code and not org[0].country and org[0].sector == "IGO":
                # "U.N. Secretary-General Kofi Annan": an international official acts for the body named
                return Actor(text, org[0].code, None, "IGO", entry.name, "person", span_start, span_end)
            return self._actor(text, country, sector, entry.name, "person", span_start, span_end)
        head_is_org = org is not None and org[1].start <= head.i < org[1].end
        if org is not None and (head_is_org or place is None):
            entry, match = org
            if entry.code and not entry.country and entry.sector in ("IGO", None):
                return Actor(text, entry.code, None, entry.sector, entry.name, "organization", span_start,
                             span_end)
            country = entry.country or (place[0].country if place else None)
            sector = entry.sector or agent
            code = entry.code if entry.code and not country else None
            return self._actor(text, country, sector, entry.name, "organization", span_start, span_end, code)
        if place is not None:
            entry, match = place
            sector = entry.sector or agent
            name = entry.name if not sector else f"{entry.name} ({sector})"
            return self._actor(text, entry.country, sector, entry.name if entry.sector is None else name,
                               "country", span_start, span_end)
        return None

    def _agent_only(self, head: Token, tokens: list[Token], ctx: ArticleContext) -> Actor | None:
        agent = self.head_agent_sector(head)
        if agent is None:
            return None
        is_definite = any(t.lower_ in ("the", "this", "that") for t in tokens if t.dep_ == "det")
        has_entity = head.ent_type_ in NAMED_TYPES
        if has_entity:
            return None
        country = None
        # inside a quotation, "the president", "the government" are the speaker's own ("I applaud the president",
        # said by a US senator)
        speaker = self.speaker_at(head.idx, ctx) if is_definite else None
        home = speaker.country if speaker is not None else None
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None and owner.lower_ not in ("my", "our", "your"):
            # "Russia said its troops would ...": whose troops the pronoun says
            found = self._from_coreference(owner, ctx)
            country = found.country if found is not None else None
        elif is_definite:
            # "the embassy" after "the US Embassy in London": the last actor named with the same head word
            word = head.lower_
            named = ctx.last(lambda a: a.country is not None and a.kind != "agent" and (not home or a.country == home)
                             and word in a.text.lower().split())
            if named is None and head.lemma_.lower() in ORG_NOUNS:
                # "The airline" after "Mahan Air", "the group" after "Hamas"
                named = ctx.last(lambda a: a.kind == "organization" and a.code is not None)
            if named is not None:
                return self._rebase(named, head)
        if is_definite and agent in ("GOV", "MIL", "LEG", "JUD", "COP"):
            # "the government", "the president": the country most recently in focus
            prior = speaker if home else ctx.last(lambda a: a.country is not None and a.kind in ("country", "person"))
            if prior is not None and head.lemma_.lower() in ("president", "government", "regime", "prime minister"):
                if prior.kind == "person" and head.lemma_.lower() == "president" and prior.sector == "GOV":
                    return prior
                country = prior.country
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t) for t in tokens)
        return self._actor(phrase_text(tokens), country, agent, None, "agent", start, end)

    def _from_coreference(self, head: Token, ctx: ArticleContext) -> Actor | None:
        low = head.lower_
        if head.pos_ == "PRON":
            if low in FIRST_PERSON:
                return self._rebase(self.speaker_at(head.idx, ctx), head)
            speaker = self._reporting_subject(head, ctx)
            if speaker is not None and not (low in THIRD_PERSON_PLURAL and speaker.kind == "person" and (
                    ctx.speaker_at(head.idx) is not None or speaker.sector in ("GOV", "ELI", None))):
                # ('Rouhani said: "they must not send weapons"': the person quoted is not "they"; but "Sheriff
                # Lee said they arrested one person" speaks for his office)
                return self._rebase(speaker, head)
            if low in PERSON_PRONOUNS:
                earlier = self._named_before(head, ctx)
                if earlier is not None:
                    return self._rebase(earlier, head)
                return self._rebase(ctx.last(lambda a: a.kind == "person" or a.entity_type == "PERSON"), head)
            if low in THING_PRONOUNS:
                # inside a quotation of a state's voice (its leaders, ministers, commanders), "they" are not the
                # speaker's own side (that is "we"); a prosecutor's "they" may well be his compatriots
                speaker = self.speaker_at(head.idx, ctx) if low in THIRD_PERSON_PLURAL else None
                own = speaker.country if speaker is not None and speaker.sector in ("GOV", "MIL") else None
                earlier = self._named_before(head, ctx, kinds=("country", "organization"))
                if earlier is not None and (own is None or earlier.country != own):
                    return self._rebase(earlier, head)
                # "it" and "they" refer to a state or body named lately, else mostly to a thing ("the tanker", "the
                # typhoon"): actors named more than two sentences back are not guessed
                since = _sentences_back(head, THING_PRONOUN_REACH)
                return self._rebase(ctx.last(lambda a: a.kind in ("country", "organization") and a.start >= since
                                             and (own is None or a.country != own)), head)
            return None
        lemma = head.lemma_.lower()
        if lemma not in COUNTRY_NOUNS and lemma not in ORG_NOUNS and lemma not in MESSAGE_NOUNS:
            return None  # (what follows refers back by these words alone)
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        if not determiners & {"the", "this", "that"}:
            return None
        if lemma in COUNTRY_NOUNS:
            # the country named last before it, in its own sentence first ("an agreement with the Syrian
            # government, whose duty it is to protect the country's borders")
            earlier = self._named_before(head, ctx, kinds=("country",)) if lemma in ("country", "nation") else None
            if earlier is not None and earlier.country is not None:
                return self._rebase(earlier, head)
            return self._rebase(ctx.last(lambda a: a.kind == "country" and a.country is not None), head)
        if lemma in ORG_NOUNS:
            return self._rebase(ctx.last(lambda a: a.kind == "organization"), head)
        act = ctx.act(lemma) if lemma in MESSAGE_NOUNS else None
        if act is not None:
            # '"...," read the statement' after "the task force released a statement": its author
            return self._rebase(act[0], head)
        return None

    def _named_before(self, pronoun: Token, ctx: ArticleContext, kinds: tuple[str, ...] = ("person",)
                       ) -> Actor | None:
        """"Bolsonaro has said ..., and his critics blame him": a person (or for "they", "it", a country or
        organisation: "cited the NATO treaty and said, 'They need to stand by us'") named earlier in the same
        sentence, not the subject of the pronoun's own verb, comes before actors of earlier sentences."""
        own_subjects = {c.i for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")} \
            if pronoun.dep_ in ("dobj", "pobj", "dative") else set()
        people = kinds == ("person",)
        doc = pronoun.doc
        table = token_table(doc)
        ent_type, dep, iob = table.ent_type, table.dep, table.ent_iob
        start, _ = table.sentence_bounds(pronoun.i)
        for i in range(pronoun.i - 1, start - 1, -1):
            if i in own_subjects:
                continue
            if people:  # the last token of each person's name
                if ent_type[i] != "PERSON" or dep[i] in ("compound", "flat") or i + 1 < len(doc) and iob[i + 1] == 1:
                    continue
            elif i not in ctx.names or i != ctx.names[i].end - 1:
                continue
            found = self.resolve(doc[i], ctx)
            if found is not None and found.kind in kinds:
                return found
        return None

    def speaker_at(self, offset: int, ctx: ArticleContext) -> Actor | None:
        """The speaker of the quotation around `offset`, if it has one that resolves to an actor."""
        speaker = ctx.speaker_at(offset)
        if isinstance(speaker, Token):
            speaker = self.resolve(speaker, ctx)
        return speaker if speaker is not None and speaker.code else None

    def _reporting_subject(self, pronoun: Token, ctx: ArticleContext) -> Actor | None:
        """"The SDF announced it had entered ...": a pronoun subject of a reported clause is usually the
        reporter."""
        clause = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
            return None
        # (through coordination: "X accepted responsibility ..., but denied he ordered it")
        for subj in grammatical_subjects(clause.head):
            if subj.dep_ == "nsubj" and subj.pos_ != "PRON":
                return self.resolve(subj, ctx)
        return None

    @staticmethod
    def _rebase(actor: Actor | None, head: Token) -> Actor | None:
        if actor is None:
            return None
        return Actor(head.text, actor.code, actor.country, actor.sector, actor.name, actor.kind, head.idx,
                     head.idx + len(head), actor.entity_type)

    def _from_entity(self, head: Token, tokens: list[Token], ctx: ArticleContext) -> Actor | None:
        if head.ent_type_ in ("GPE", "LOC", "FAC"):  # the small model often tags a city as a facility
            return self._from_place(head, ctx)
        if head.ent_type_ not in NAMED_TYPES or head.ent_type_ == "NORP":
            return None
        ent = entity_span(head)
        sector = self.agent_sector([t for t in tokens if t.i < ent.start]) if head.ent_type_ == "PERSON" else None
        if sector is not None:
            # "Prime Minister Mahendra Chaudhry" with no nationality given: news names a foreign official's
            # country, so an unqualified title belongs to the country the story is about.
            # Before any country is named, the country the whole story names most is the best guess.
            prior = ctx.last(lambda a: a.country is not None and a.kind in ("country", "person"))
            country = prior.country if prior is not None else ctx.main_country
            if country is not None:
                start = min(t.idx for t in tokens)
                end = max(t.idx + len(t) for t in tokens)
                return self._actor(phrase_text(tokens), country, sector, ent.text, "person", start, end)
        return Actor(ent.text, None, None, None, ent.text, "unknown", ent.start_char, ent.end_char, head.ent_type_)

    def _from_place(self, head: Token, ctx: ArticleContext) -> Actor | None:
        """A city the gazetteer knows, as its country's actor; among namesakes, one in the story's country."""
        if self.places is None:
            return None
        ent = entity_span(head)
        place = self.places(ent.text, [ctx.main_country] if ctx.main_country else [])
        if place is None or not place.country or place.feature != "city":
            return None
        return Actor(ent.text, place.country, place.country, None, place.name, "country", ent.start_char,
                     ent.end_char)

    @staticmethod
    def _pick(matches: list[NameMatch], kind: str, day: date | None, head: int) -> tuple[Entry, NameMatch] | None:
        """The name nearest the head wins; a modifier before it ("the US Embassy in London") before a phrase
        after it ("the president of Iran")."""
        before = [m for m in matches if m.start <= head]
        after = [m for m in matches if m.start > head]
        best: tuple[Entry, NameMatch] | None = None
        for m in [*reversed(before), *after]:
            entries = [e for e in m.entries if e.kind == kind]
            if not entries:
                continue
            if kind == "person":
                in_role = [e for e in entries if any(r.covers(day) for r in e.roles)]
                in_office = [e for e in in_role if any(r.covers(day) and r.sector != "ELI" for r in e.roles)]
                if m.end - m.start == 1 and (not in_role and len(entries) > 1 or not in_office and all(
                        e.source in GENERATED_FILES for e in entries)):
                    # a surname several people share ("Khan") and none of them in office: none of them; nor a
                    # former official of the historical files known by surname alone ("Sailor Neptune" is no
                    # Haitian prime minister of 2004), unless the story named him in full (see ctx.aliases)
                    continue
                entries = in_role or entries
            candidate = (entries[0], m)
            if best is None:
                best = candidate
        return best

    @staticmethod
    def _actor(text: str, country: str | None, sector: str | None, name: str | None, kind: str, start: int,
               end: int, code: str | None = None) -> Actor:
        if code is None:
            code = (country or "---") + (sector or "") if (country or sector) else None
        return Actor(text, code, country, sector, name, kind, start, end)


def appositions(first: Token) -> list[Token]:
    """A list set in apposition, its members chained by commas (appos) and "and" (conj)."""
    out, stack = [], [first]
    while stack:
        tok = stack.pop(0)
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in ("appos", "conj"))
    return out


def _sentences_back(token: Token, n: int) -> int:
    """The character offset where the sentence `n` sentences before the token's starts."""
    table = token_table(token.doc)
    start, _ = table.sentence_bounds(token.i)
    for _ in range(n):
        if start == 0:
            break
        start, _ = table.sentence_bounds(start - 1)
    return token.doc[start].idx
