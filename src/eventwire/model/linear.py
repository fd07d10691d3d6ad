"""Logistic regression over string features: fitted with scikit-learn (the `train` extra), applied with numpy.

A model is its vocabulary (feature string -> row), a weight matrix (features x classes) and a bias. Applying it
sums the rows of the features present: no scikit-learn, no pickle, at run time. Two kinds:
- "ovr": one binary classifier per class (an event can be of several roots at once); probabilities by sigmoid;
- "softmax": one multinomial classifier (one mode per event); probabilities by softmax.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np


@dataclass
class LinearModel:
    kind: str  # "ovr" | "softmax"
    classes: list[str]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (n_features, n_classes), float32
    bias: np.ndarray  # (n_classes,), float32
    C: float = 1.0

    def decision(self, features: Iterable[str]) -> np.ndarray:
        return self.decisions([features])[0]

    def predict_proba(self, features: Iterable[str]) -> np.ndarray:
        return self.predict_proba_many([features])[0]

    def decisions(self, feature_lists: Sequence[Iterable[str]]) -> np.ndarray:
        """The weighted sum of each feature list, one row each, for all of them at once. Each row's weights
        are added in the order of its features' rows, whatever the other lists: one candidate weighed alone or
        among a whole article's gets the same numbers to the last bit (its confidence is reported)."""
        lists = [f if isinstance(f, list) else list(f) for f in feature_lists]
        found, owner = self._rows_of_all(lists)
        k = len(self.classes)
        out = np.zeros(len(lists) * k, dtype=self.weights.dtype)
        # (one element at a time, flat: the same additions in the same order as adding whole rows, out[owner] +=
        # weights[found], and several times faster in numpy's unbuffered `at`)
        np.add.at(out, (owner[:, None] * k + np.arange(k)).ravel(), self.weights[found].ravel())
        return out.reshape(len(lists), k) + self.bias

    def _rows_of_all(self, lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The weight rows of the known features of each list, each once and in order, all in one array, with
        the list each came from."""
        sizes = np.fromiter(map(len, lists), dtype=np.intp, count=len(lists))
        found = np.fromiter(map(self.vocabulary.get, chain.from_iterable(lists), repeat(-1)), dtype=np.intp,
                            count=int(sizes.sum()))
        owner = np.repeat(np.arange(len(lists), dtype=np.intp), sizes)
        # (list and row as one number, sorted: by list, then by row)
        width = max(len(self.vocabulary), 1)
        keys = owner * width + found
        keys = np.sort(keys[found >= 0])
        first = np.ones(len(keys), dtype=bool)  # (each row once per list)
        first[1:] = keys[1:] != keys[:-1]
        owner, found = np.divmod(keys[first], width)
        return found, owner

    def predict_proba_many(self, feature_lists: Sequence[Iterable[str]]) -> np.ndarray:
        """P of each class for each feature list, one row each: by sigmoid ("ovr") or softmax."""
        z = self.decisions(feature_lists).astype(np.float64)
        if self.kind == "ovr":
            return 1.0 / (1.0 + np.exp(-z))
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def strongest(self, features: Iterable[str], cls: str, n: int = 3) -> list[tuple[str, float]]:
        """The features that weighed most for `cls` in this decision (largest positive weights)."""
        k = self.classes.index(cls)
        rows = {f: row for f in {*features} if (row := self.vocabulary.get(f)) is not None}
        weights = self.weights[list(rows.values()), k].tolist()
        # (ties by name: the same explanation in every process, whatever its hash seed)
        positive = [(f, w) for f, w in zip(rows, weights, strict=True) if w > 0]
        return [(f, round(w, 2)) for f, w in heapq.nsmallest(n, positive, key=lambda x: (-x[1], x[0]))]

    # -- fitting ----------------------------------------------------------------------------------------
    @classmethod
    def fit(cls, X: Sequence[Sequence[str]], Y: Sequence[Sequence[str]], classes: Sequence[str], kind: str,
            C: float = 1.0, min_count: int = 2, random_state: int = 0) -> LinearModel:
        """Fit on feature lists X and label lists Y (each example may carry several labels for "ovr",
        exactly one for "softmax"). Features seen fewer than `min_count` times are dropped."""
        try:
            from scipy.sparse import csr_matrix
            from sklearn.linear_model import LogisticRegression
        except ImportError as err:  # pragma: no cover - depends on the install
            raise RuntimeError("training needs scikit-learn: pip install 'eventwire[train]'") from err
        counts = Counter(f for feats in X for f in set(feats))
        names = sorted(f for f, c in counts.items() if c >= min_count)
        vocabulary = {f: i for i, f in enumerate(names)}
        indptr, indices = [0], []
        for feats in X:
            indices.extend(sorted({vocabulary[f] for f in feats if f in vocabulary}))
            indptr.append(len(indices))
        matrix = csr_matrix((np.ones(len(indices), dtype=np.float64), indices, indptr),
                            shape=(len(X), len(names)))
        classes = list(classes)
        weights = np.zeros((len(names), len(classes)), dtype=np.float32)
        bias = np.zeros(len(classes), dtype=np.float32)
        if kind == "ovr":
            for k, c in enumerate(classes):
                y = np.array([c in labels for labels in Y], dtype=np.int64)
                if y.sum() == 0:
                    bias[k] = -20.0  # never seen: never predicted
                    continue
                lr = LogisticRegression(C=C, solver="liblinear", random_state=random_state, max_iter=200)
                lr.fit(matrix, y)
                weights[:, k] = lr.coef_[0]
                bias[k] = lr.intercept_[0]
        else:
            y = np.array([classes.index(labels[0]) for labels in Y])
            present = sorted(set(y.tolist()))
            lr = LogisticRegression(C=C, solver="lbfgs", random_state=random_state, max_iter=500)
            if len(present) == 1:
                bias[:] = -20.0
                bias[present[0]] = 0.0
            else:
                lr.fit(matrix, y)
                coef = lr.coef_ if len(present) > 2 else np.vstack([-lr.coef_[0] / 2, lr.coef_[0] / 2])
                intercept = lr.intercept_ if len(present) > 2 else np.array([-lr.intercept_[0] / 2,
                                                                               lr.intercept_[0] / 2])
                bias[:] = -20.0
                for j, k in enumerate(present):
                    weights[:, k] = coef[j]
                    bias[k] = intercept[j]
        return cls(kind, classes, vocabulary, weights, bias, C)

    # -- storage ----------------------------------------------------------------------------------------
    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.weights": self.weights, f"{prefix}.bias": self.bias}

    def meta(self) -> dict:
        vocab = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {"kind": self.kind, "classes": self.classes, "features": vocab, "C": self.C}

    @classmethod
    def from_stored(cls, meta: dict, arrays, prefix: str) -> LinearModel:
        vocabulary = {f: i for i, f in enumerate(meta["features"])}
        weights = np.asarray(arrays[f"{prefix}.weights"], dtype=np.float32)
        bias = np.asarray(arrays[f"{prefix}.bias"], dtype=np.float32)
        if weights.shape != (len(vocabulary), len(meta["classes"])) or bias.shape != (len(meta["classes"]),):
            raise ValueError(f"{prefix}: weights {weights.shape} do not fit {len(vocabulary)} features x "
                             f"{len(meta['classes'])} classes")
        return cls(meta["kind"], list(meta["classes"]), vocabulary, weights, bias, float(meta.get("C", 1.0)))
