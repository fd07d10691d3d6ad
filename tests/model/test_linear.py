"""Applying a linear model to many candidates at once gives the numbers of applying it to each (to the last bit:
the event's probability is its reported confidence), and they are the weighted sums of the features."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.model.event_model import EventModel
from eventwire.model.linear import LinearModel


def random_model(kind: str, n_classes: int, n_features: int = 500, seed: int = 0) -> LinearModel:
    rng = np.random.default_rng(seed)
    weights = (rng.standard_normal((n_features, n_classes)) * rng.choice([0.01, 1.0, 30.0], (n_features, 1)))
    return LinearModel(kind, [f"{k:02d}" for k in range(1, n_classes + 1)], {f"f{i}": i for i in range(n_features)},
                       weights.astype(np.float32), rng.standard_normal(n_classes).astype(np.float32))


def feature_lists(model: LinearModel, sizes, seed: int = 1) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    names = list(model.vocabulary)
    return [[names[i] for i in rng.choice(len(names), size, replace=False)] + ["unknown", "f0"] for size in sizes]


SIZES = [0, 1, 2, 6, 7, 8, 9, 15, 16, 17, 40, 63, 64, 65, 126, 127, 128, 129, 200]


@pytest.mark.parametrize(("kind", "n_classes"), [("ovr", 1), ("ovr", 3), ("softmax", 20), ("softmax", 6)])
def test_many_at_once_are_the_same_numbers_as_one_by_one(kind, n_classes):
    model = random_model(kind, n_classes)
    assert model.decisions([]).shape == (0, n_classes)
    for sizes in (SIZES, [s for s in SIZES if s <= 126], [3], [9, 70], [0, 0]):
        lists = feature_lists(model, sizes)
        one_by_one = np.array([model.predict_proba(f) for f in lists])
        assert np.array_equal(model.predict_proba_many(lists), one_by_one)
        assert np.array_equal(model.decisions(lists), np.array([model.decision(f) for f in lists]))
        expected = [model.weights[sorted({model.vocabulary[x] for x in f if x in model.vocabulary})]
                    .astype(np.float64).sum(axis=0) + model.bias for f in lists]
        assert np.allclose(model.decisions(lists), np.array(expected), rtol=1e-5, atol=1e-3)


def test_the_event_model_weighs_many_candidates_as_it_weighs_each():
    model = EventModel.load_default()
    if model is None:
        pytest.skip("no trained model in this checkout")
    events = list(model.events.vocabulary)
    roots = list(model.roots.vocabulary)
    rng = np.random.default_rng(2)
    candidates = []
    for k in range(300):
        features = [events[i] for i in rng.choice(len(events), int(rng.integers(1, 60)), replace=False)]
        root_features = features + [roots[i] for i in rng.choice(len(roots), int(rng.integers(0, 40)), replace=False)]
        candidates.append((features, root_features, ["11"] if k % 7 == 0 else []))
    assert model.events_of_many(candidates) == [model.events_of(*c) for c in candidates]
    assert any(found for found in model.events_of_many(candidates))
    # a lower floor keeps the less probable events too (as one candidate at a time would)
    for cand, found in zip(candidates, model.events_of_many(candidates, floor=0.05), strict=True):
        p = model.p_event(cand[0])
        probs = model.roots.predict_proba(cand[1]) * p
        expected = [] if p < 0.05 else [(r, p) for r in cand[2]] if cand[2] else sorted(
            ((r, float(q)) for r, q in zip(model.roots.classes, probs, strict=True) if q >= 0.05), key=lambda x: -x[1])
        assert found == expected
