"""The story stage: which events a whole article reports, from what the mention stage said of each sentence.

The mention stage (EventModel.events_of) scores each candidate of each sentence on its own. An article states
the same event in several sentences, and states many things once that are no event; what tells them apart is
seen only across the article: how many sentences give the same root and parties, how sure the surest of them
is, whether the same parties have a likelier root, whether a trigger pattern fired for them. The story stage
reads that, per (root, source, target) of the article, and gives the probability that the article reports
that event (10-fold CV on the gold, story root+countries F1: 0.366 with the mention stage alone, 0.395 with
the story stage, see docs/model.md). Texts of SHORT sentences or fewer are left to the mention stage.

Features are strings, so the story model is one more LinearModel: numbers enter as cumulative buckets
("max>=0.4"), which lets a linear model draw a step function of each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

SIGHTING_FLOOR = 0.05  # sightings below this are not read (the same in training and in coding)
STEPS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
COARSE = (0.1, 0.3, 0.5, 0.7)
COUNTS = (2, 3, 5)
# A text of a sentence or two (a wire line, a PLOVER record) has nothing to weigh across sentences: its events
# are the mention stage's (Coder.decide). (The stage is still fitted on such texts: see fit_story_stage.)
SHORT = 2  # sentences


@dataclass(frozen=True)
class Sighting:
    """One candidate's vote for one event of the article: its root and parties (as the scorer compares actors),
    the mention stage's probability, the sentence, and whether a trigger pattern gave the root."""

    root: str
    source: Hashable
    target: Hashable | None
    p: float
    sentence: int
    pattern: bool = False

    @property
    def triple(self) -> tuple:
        return (self.root, self.source, self.target)


def story_features(sightings: Iterable[Sighting], n_sentences: int) -> dict[tuple, list[str]]:
    """Per (root, source, target) the article's sightings vote for, the story model's features."""
    by_triple: dict[tuple, list[Sighting]] = defaultdict(list)
    for s in sightings:
        by_triple[s.triple].append(s)
    best_of_pair: dict[tuple, float] = defaultdict(float)
    roots_of_pair: dict[tuple, int] = defaultdict(int)
    for (_root, source, target), group in by_triple.items():
        top = max(s.p for s in group)
        best_of_pair[(source, target)] = max(best_of_pair[(source, target)], top)
        roots_of_pair[(source, target)] += top >= 0.1
    out = {}
    for triple, group in by_triple.items():
        root, source, target = triple
        reverse = by_triple.get((root, target, source), [])
        out[triple] = triple_features(group, best_of_pair[(source, target)], roots_of_pair[(source, target)],
                                      max((s.p for s in reverse), default=0.0), n_sentences)
    return out


def triple_features(group: list[Sighting], best_of_pair: float, roots_of_pair: int, reverse: float,
                    n_sentences: int) -> list[str]:
    first = group[0]
    top = max(s.p for s in group)
    f = ["bias", f"root={first.root}"]
    f += [f"max>={t}" for t in STEPS if top >= t]
    f += [f"root={first.root}&max>={t}" for t in COARSE if top >= t]
    f += counted("n>=0.1", sum(s.p >= 0.1 for s in group))
    f += counted("n>=0.3", sum(s.p >= 0.3 for s in group))
    f += counted("sentences>=0.3", len({s.sentence for s in group if s.p >= 0.3}))
    f += counted("pair_roots", roots_of_pair)
    if top >= best_of_pair:
        f.append("best_of_pair")
    f += [f"of_best>={t}" for t in (0.5, 0.8) if best_of_pair and top / best_of_pair >= t]
    f += [f"reverse>={t}" for t in COARSE if reverse >= t]
    if any(s.pattern for s in group if s.p >= 0.1):
        f.append("pattern")
    if first.target is None:
        f.append("no_target")
    elif first.source == first.target:
        f.append("domestic")
    lead = min(s.sentence for s in group if s.p == top)
    if lead < max(3, n_sentences // 5):
        f.append("lead")
    return f


def counted(name: str, n: int) -> list[str]:
    return [f"{name}>={c}" for c in COUNTS if n >= c]
