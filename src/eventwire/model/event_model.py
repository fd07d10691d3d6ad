"""The trained event model: which candidates are events, of which CAMEO root and code, and in which mode.

Three parts, each learnt from annotated news (see training.py):
- `events` and `roots`: a logistic regression over a candidate's features says whether it is an event, and a
  multinomial one which CAMEO root (01-20) it is of if it is one; a candidate whose P(event) x P(root | event)
  reaches `threshold` is an event of that root (a candidate may be several events: "X accused and threatened
  Y"). That probability is the event's confidence. Where a pattern of the trigger dictionary fired for the
  same parties, its root is taken instead (with P(event) as the confidence): see Coder.decide.
- `codes`: the full CAMEO code of an event of a root, as the training data codes that root with that trigger
  word (else the root's most frequent code); a rule of the trigger dictionary with the same root and parties
  gives its own, more specific code.
- `modes`: a multinomial logistic regression over mode features (asserted, negated, future, hypothetical,
  claimed, historical).
- `stories` (optional): the story stage (story.py), a logistic regression over what all the sentences of an
  article said of one (root, source, target); where present, an event's confidence is its probability, and a
  candidate is an event when its own probability reaches `threshold` and its story's reaches `story_threshold`.

Stored as one .npz file (numpy arrays and a JSON header; no pickle: a model file is data, never code).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from eventwire.model.linear import LinearModel
from eventwire.model.story import SHORT, Sighting, story_features

ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
FORMAT = "eventwire-event-model/1"
Candidates = Sequence[tuple[list[str], list[str], list[str]]]  # (features, root features, pattern roots) each


class ModelFileError(ValueError):
    """A model file that cannot be read: names the file and what is wrong."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path


@dataclass
class EventModel:
    events: LinearModel  # is the candidate an event at all ("ovr", one class)
    roots: LinearModel  # which root, given that it is one ("softmax")
    modes: LinearModel
    codes: dict[str, str]  # "root|trigger lemma" and "root" -> full CAMEO code
    threshold: float = 0.5
    provenance: dict = field(default_factory=dict)
    stories: LinearModel | None = None
    story_threshold: float = 0.5

    def p_event(self, features: list[str]) -> float:
        return float(self.events.predict_proba(features)[0])

    def events_of(self, features: list[str], root_features: list[str], pattern_roots: list[str] = ()
                  ) -> list[tuple[str, float]]:
        """The roots this candidate is an event of, with their probabilities, most probable first: none below
        the threshold (see `events_of_many`)."""
        return self.events_of_many([(features, root_features, list(pattern_roots))])[0]

    def events_of_many(self, candidates: Candidates, floor: float | None = None) -> list[list[tuple[str, float]]]:
        """`weigh_mentions` with this model's mention stage; `floor`: the threshold unless given."""
        return weigh_mentions(self.events, self.roots, candidates, self.threshold if floor is None else floor)

    def weighs_stories(self, n_sentences: int) -> bool:
        """Whether the story stage decides a text's events (it has one, and the text is no line or two)."""
        return self.stories is not None and n_sentences > SHORT

    def story_probabilities(self, sightings: list[Sighting], n_sentences: int) -> dict[tuple, float]:
        """P(the article reports it) of each (root, source, target) the sightings vote for (by the story stage:
        see `weighs_stories`)."""
        features = story_features(sightings, n_sentences)
        triples = list(features)
        probs = self.stories.predict_proba_many([features[t] for t in triples])[:, 0] if triples else []
        return dict(zip(triples, map(float, probs), strict=True))

    def code_for(self, root: str, trigger_lemma: str, rule_codes: list[str]) -> str:
        same_root = [c for c in rule_codes if c[:2] == root]
        if same_root:
            return max(same_root, key=len)
        return self.codes.get(f"{root}|{trigger_lemma}") or self.codes.get(root) or root + "0"

    def mode_of(self, features: list[str]) -> tuple[str, float]:
        probs = self.modes.predict_proba(features)
        k = int(np.argmax(probs))
        return self.modes.classes[k], float(probs[k])

    # -- storage ----------------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        header = {"format": FORMAT, "threshold": self.threshold, "story_threshold": self.story_threshold,
                  "codes": self.codes, "provenance": self.provenance, "events": self.events.meta(),
                  "roots": self.roots.meta(), "modes": self.modes.meta(),
                  "stories": self.stories.meta() if self.stories is not None else None}
        arrays = {**self.events.to_arrays("events"), **self.roots.to_arrays("roots"), **self.modes.to_arrays("modes"),
                  **(self.stories.to_arrays("stories") if self.stories is not None else {})}
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, header=np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8),
                                **arrays)

    @classmethod
    def load(cls, path: Path) -> EventModel:
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as arrays:
                header = json.loads(bytes(arrays["header"]).decode("utf-8"))
                if header.get("format") != FORMAT:
                    raise ModelFileError(path, f"not an eventwire event model (format {header.get('format')!r})")
                events = LinearModel.from_stored(header["events"], arrays, "events")
                roots = LinearModel.from_stored(header["roots"], arrays, "roots")
                modes = LinearModel.from_stored(header["modes"], arrays, "modes")
                stories = (LinearModel.from_stored(header["stories"], arrays, "stories")
                           if header.get("stories") else None)
        except ModelFileError:
            raise
        except FileNotFoundError:
            raise ModelFileError(path, "no such file") from None
        except (OSError, ValueError, KeyError) as err:
            raise ModelFileError(path, f"not a readable event model ({err})") from None
        return cls(events, roots, modes, dict(header["codes"]), float(header["threshold"]), dict(header["provenance"]),
                   stories, float(header.get("story_threshold", 0.5)))

    @staticmethod
    def default_path() -> Path:
        return Path(str(resources.files("eventwire") / "data" / "model" / "event_model.npz"))

    @classmethod
    def load_default(cls) -> EventModel | None:
        """The model that ships with the package; None where it has not been trained (a source checkout
        before `eventwire train`)."""
        path = cls.default_path()
        return cls.load(path) if path.exists() else None


def weigh_mentions(events: LinearModel, roots: LinearModel, candidates: Candidates, floor: float
                   ) -> list[list[tuple[str, float]]]:
    """The roots each (features, root features, pattern roots) may be an event of, with their probabilities,
    most probable first, none below `floor`: where trigger patterns fired for its parties, their roots with
    P(event) (they beat the model's own choice in cross-validation: story F1 0.337 against 0.326, PLOVER type
    recall 0.689 against 0.659); else P(event) x P(root | event) for each root. Each model is applied to all the
    candidates at once. (The mention stage, shared by coding and by the story stage's training.)"""
    if not candidates:
        return []
    p_events = events.predict_proba_many([features for features, _, _ in candidates])[:, 0]
    out: list[list[tuple[str, float]]] = [[] for _ in candidates]
    need_root: list[tuple[int, float]] = []
    for k, ((_, _, pattern_roots), p) in enumerate(zip(candidates, p_events.tolist(), strict=True)):
        if p < floor:
            continue
        if pattern_roots:
            out[k] = [(root, p) for root in pattern_roots]
        else:
            need_root.append((k, p))
    if need_root:
        probs = roots.predict_proba_many([candidates[k][1] for k, _ in need_root])
        for (k, p_event), row in zip(need_root, probs, strict=True):
            found = [(root, p) for root, p in zip(roots.classes, (row * p_event).tolist(), strict=True) if p >= floor]
            out[k] = sorted(found, key=lambda x: -x[1])
    return out
