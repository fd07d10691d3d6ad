"""Choosing among candidate dates and places with a linear model learned from the gold.

The rules of `dates.py` and `locations.py` find the candidates an event's date or place could be (the date in
its own clause, the narrative's date, the publication date; the place in its clause, the story's venue, the
actors' countries ...) and describe each one by a few named binary features ("kind=venue", "kind=venue&root=04",
"kind=target&same_country"). Which candidate is right is where rules run out: a `Ranker` scores each candidate
by the sum of its features' weights and takes the best. The weights are a logistic regression fitted on the gold
events (`scripts/train_enrich.py`; `bench/enrich_cv.py` measures it by article-level cross-validation) and ship
as JSON in `eventwire/data/enrich/`. Without weights a ranker keeps the order the rules listed the candidates in.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Generic, TypeVar

T = TypeVar("T")
ACTOR_COUNTRY = frozenset({"kind=clause&source-country", "kind=clause&target-country"})


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """One thing an event's date or place could be, with the rule that found it (`kind`) and its features."""

    value: T
    kind: str
    features: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Ranker:
    """Scores candidates by the weights of their features (logistic regression, one candidate at a time)."""

    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    bias: float = 0.0

    def score(self, features: Iterable[str]) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) for f in features)

    def choose(self, candidates: Sequence[Candidate[T]]) -> Candidate[T] | None:
        """The best-scored candidate; among equal scores (and always without weights) the first listed."""
        if not candidates:
            return None
        if not self.weights:
            return candidates[0]
        best, best_score = candidates[0], self.score(candidates[0].features)
        for candidate in candidates[1:]:
            value = self.score(candidate.features)
            if value > best_score + 1e-9:
                best, best_score = candidate, value
        return best

    def choose_place(self, candidates: Sequence[Candidate[T]]) -> Candidate[T] | None:
        """A place: the rules where they are sure, the learned weights for the rest. A place named in the
        event's own clause is where it happened (of several, one in an actor's country: "arrests were made in
        Australia, Brazil and Canada" by Brazil's police are in Brazil); a meeting whose sentence names no place
        is held at the venue the story set ("at a summit in Ashgabat ... Putin met Pezeshkian"). (Placing aid and
        violence in the target's country by rule, as the coder did before, made the cross-validated accuracy
        worse: 0.855 against 0.876; the weights weigh the target's country instead.)"""
        clause = [c for c in candidates if c.kind == "clause"]
        if clause:
            return next((c for c in clause if ACTOR_COUNTRY & c.features), clause[0])
        venue = next((c for c in candidates if c.kind == "venue"), None)
        if venue is not None and "kind=venue&group=meet" in venue.features \
                and "kind=venue&sentence-names-a-place" not in venue.features:
            return venue
        return self.choose(candidates)

    def to_json(self) -> str:
        return json.dumps({"bias": self.bias, "weights": dict(sorted(self.weights.items()))}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Ranker:
        data = json.loads(text)
        return cls(weights=MappingProxyType(dict(data["weights"])), bias=float(data["bias"]))

    @classmethod
    def load(cls, name: str) -> Ranker:
        """The shipped ranker `eventwire/data/enrich/NAME.json`, or the rule order when it is missing."""
        path = resources.files("eventwire") / "data" / "enrich" / f"{name}.json"
        if not path.is_file():
            return cls()
        return cls.from_json(path.read_text(encoding="utf-8"))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json() + "\n", encoding="utf-8")


def train_ranker(groups: Sequence[Sequence[tuple[frozenset[str], bool]]], l2: float = 30.0,
                 epochs: int = 2000, rate: float = 1.0, min_count: int = 2) -> Ranker:
    """Fits a ranker on groups of (features, is_right) candidates, one group per gold event (groups with no
    right candidate or no wrong one teach nothing and are skipped). Plain batch gradient descent on the
    logistic loss with an L2 penalty; features seen fewer than `min_count` times are left out."""
    import numpy as np  # (numpy comes with spaCy; only training needs it)

    rows = [(features, right) for group in groups if any(r for _, r in group) and not all(r for _, r in group)
            for features, right in group]
    counts: dict[str, int] = {}
    for features, _ in rows:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    if not rows or not names:
        return Ranker()
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, (features, _) in enumerate(rows):
        for name in features:
            if name in index:
                x[r, index[name]] = 1.0
    y = np.array([1.0 if right else 0.0 for _, right in rows])
    w = np.zeros(len(names))
    b = 0.0
    n = len(rows)
    penalty = l2 / max(n, 2 * l2)  # (l2 / n, kept below 1/2 so that few rows cannot make the steps diverge)
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = p - y
        w -= rate * (x.T @ g / n + penalty * w)
        b -= rate * float(g.mean())
    weights = {name: round(float(w[i]), 4) for name, i in index.items() if abs(w[i]) > 1e-4}
    return Ranker(weights=MappingProxyType(weights), bias=round(b, 4) if math.isfinite(b) else 0.0)


@dataclass(frozen=True)
class EventFacts:
    """What the coder knows of an event when it dates and places it."""

    root: str = ""  # the CAMEO root ("04"); "" when unknown
    source_country: str | None = None
    target_country: str | None = None
    background: bool = False  # told as background: past perfect, "previously", a named war (events/mode.py)

    @property
    def countries(self) -> list[str]:
        return [c for c in (self.source_country, self.target_country) if c]

    @property
    def group(self) -> str:
        return ROOT_GROUPS.get(self.root, "other")

    @classmethod
    def of_countries(cls, countries: Sequence[str]) -> EventFacts:
        """Facts from the actors' countries alone (source first), for callers that know nothing else."""
        named = [c for c in countries if c]
        return cls(source_country=named[0] if named else None, target_country=named[1] if len(named) > 1 else None)


# CAMEO roots by the kind of act, for the rankers' features: where a meeting, a statement or an attack happens.
ROOT_GROUPS = MappingProxyType({
    "01": "say", "02": "say", "03": "coop", "04": "meet", "05": "coop", "06": "coop", "07": "aid", "08": "coop",
    "09": "say", "10": "say", "11": "say", "12": "say", "13": "say", "14": "protest", "15": "force",
    "16": "coerce", "17": "coerce", "18": "force", "19": "force", "20": "force"})
