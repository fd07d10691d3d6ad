"""Training and cross-validating the event model on annotated news.

- `read_examples`: every candidate the coder proposes in the gold articles, labelled with the gold events it
  matches (same sentence, same source and target as the scorer compares them: country, IGO or bloc by name,
  else sector).
- `fit_model`: the three parts of an EventModel (roots, codes, modes) from labelled candidates.
- `cross_validate`: article-level folds; each fold's model codes its held-out articles through the whole
  pipeline and the pooled predictions are scored at every level of the scorer, with the spread across folds.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from eventwire.eval.score import actor_key, norm, root, score_gold, score_plover_records
from eventwire.model.event_model import ROOTS, EventModel, weigh_mentions
from eventwire.model.gold import GoldArticle
from eventwire.model.linear import LinearModel
from eventwire.model.story import SIGHTING_FLOOR, Sighting, story_features
from eventwire.records import MODES

WORD = re.compile(r"\w+")
DEFAULT_SEED = 13
DEFAULT_C = 0.5
DEFAULT_THRESHOLD = 0.15  # a mention is an event from here, when its story reaches DEFAULT_STORY_THRESHOLD
MODE_C = 0.5
STORY_C = 1.0
STORY_FOLDS = 3  # the story stage learns from 3-fold predictions of the mention stage (training costs 3x)
DEFAULT_STORY_THRESHOLD = 0.15  # the best story F1 of the 10-fold CV curve (docs/model.md)
ROOT_C = 1.0


@dataclass
class Example:
    """One candidate of a gold article, with what the gold says of it."""

    article_id: str
    features: list[str]
    roots: list[str]  # the roots of the gold events it matches (none: not an event)
    mode_features: list[str]
    mode: str | None  # the gold mode of the first event it matches
    root_features: list[str]  # its features and its sentence's predicates
    trigger: str  # trigger lemma
    codes: list[str] = field(default_factory=list)  # the gold full codes it matches
    sentence: int = 0  # its sentence's index in the article
    pair: tuple = (None, None)  # its source and target as the scorer compares them
    patterns: list[str] = field(default_factory=list)  # the roots trigger patterns gave its parties
    article_sentences: int = 0  # how many sentences its article has


@dataclass
class Corpus:
    """Gold articles parsed once, with their labelled candidates: what training and CV read."""

    gold: list[GoldArticle]
    docs: list  # spaCy Docs, in the order of `gold`
    examples: dict[str, list[Example]]  # article id -> its candidates


def parse_corpus(coder, gold: list[GoldArticle], progress: Callable[[int], None] | None = None) -> Corpus:
    docs = []
    for i, doc in enumerate(coder.nlp.pipe((g.article.text for g in gold), batch_size=16)):
        docs.append(doc)
        if progress:
            progress(i + 1)
    return Corpus(gold, docs, {g.article.id: read_examples(coder, g, doc) for g, doc in zip(gold, docs, strict=True)})


def read_examples(coder, gold: GoldArticle, doc) -> list[Example]:
    was = coder.propose_always
    coder.propose_always = True
    try:
        reading = coder.read(doc, gold.article)
        placed = gold_by_sentence(gold.events, [s.text for s in reading.sentences])
        out = []
        for n, (_sent, _frames, candidates) in enumerate(coder.proposals(reading)):
            for cand in candidates:
                out.append(label(gold.article.id, cand, placed.get(n, []),
                                 lambda c, r=reading: coder.mode_features(c, r), n, len(reading.sentences)))
        return out
    finally:
        coder.propose_always = was


def gold_by_sentence(events: list[dict], sentences: list[str]) -> dict[int, list[dict]]:
    """Each gold event in the one parsed sentence that shares most of its words (the parser may cut sentences
    differently from the annotator; a stray quotation mark is no sentence of its own)."""
    words = [set(WORD.findall(norm(s))) for s in sentences]
    out: dict[int, list[dict]] = {}
    for e in events:
        gold_words = set(WORD.findall(norm(e.get("sentence"))))
        if not gold_words:
            continue
        overlap = [len(gold_words & w) / len(gold_words) for w in words]
        best = max(range(len(words)), key=overlap.__getitem__, default=None)
        if best is not None and overlap[best] >= 0.5:
            out.setdefault(best, []).append(e)
    return out


def label(article_id: str, cand, gold_events: list[dict], mode_features: Callable, sentence: int = 0,
          article_sentences: int = 0) -> Example:
    src = actor_key(cand.source.actor.to_dict(), False)
    tgt = actor_key(cand.target.actor.to_dict(), False) if cand.target is not None else None
    matched = [e for e in gold_events
               if actor_key(e.get("source"), False) == src and actor_key(e.get("target"), False) == tgt
               and root(e.get("cameo")) in ROOTS]
    return Example(article_id, cand.features, sorted({root(e["cameo"]) for e in matched}),
                   mode_features(cand) if matched else [],
                   (matched[0].get("mode") or "asserted") if matched else None, cand.root_features,
                   cand.trigger.lemma_.lower(), [str(e["cameo"]) for e in matched], sentence, (src, tgt),
                   sorted({f.pattern.root for f in cand.frames if f.pattern.cameo}), article_sentences)


def fit_model(examples: Iterable[Example], C: float = DEFAULT_C, threshold: float = DEFAULT_THRESHOLD,
              seed: int = DEFAULT_SEED, provenance: dict | None = None, story_folds: int = STORY_FOLDS,
              story_threshold: float = DEFAULT_STORY_THRESHOLD) -> EventModel:
    """The mention stage (events, roots), the modes and the code table from all the examples; the story
    stage (story_folds >= 2 and enough articles) from the mention stage's predictions on articles it was
    not fitted on (story_folds-fold, by article), so that it learns how far to trust unseen news."""
    examples = list(examples)
    events, roots = fit_mention_stage(examples, C, seed)
    moded = [e for e in examples if e.roots and e.mode in MODES]
    modes = LinearModel.fit([e.mode_features for e in moded], [[e.mode] for e in moded], MODES, "softmax",
                            C=MODE_C, random_state=seed)
    model = EventModel(events, roots, modes, code_table(examples), threshold, provenance or {})
    stories = fit_story_stage(examples, C, seed, story_folds)
    if stories is not None:
        model.stories, model.story_threshold = stories, story_threshold
    return model


def fit_mention_stage(examples: list[Example], C: float, seed: int) -> tuple[LinearModel, LinearModel]:
    events = LinearModel.fit([e.features for e in examples], [["event"] if e.roots else [] for e in examples],
                             ["event"], "ovr", C=C, random_state=seed)
    positive = [(e, r) for e in examples for r in e.roots]  # one row per root of a candidate of several
    roots = LinearModel.fit([e.root_features for e, _ in positive], [[r] for _, r in positive], ROOTS, "softmax",
                            C=ROOT_C, random_state=seed)
    return events, roots


def fit_story_stage(examples: list[Example], C: float, seed: int, k: int) -> LinearModel | None:
    by_article: dict[str, list[Example]] = defaultdict(list)
    for e in examples:
        by_article[e.article_id].append(e)
    if k < 2 or len(by_article) < 2 * k:
        return None
    X: list[list[str]] = []
    Y: list[list[str]] = []
    for held_out in folds_of(list(by_article), k, seed):
        held = set(held_out)
        events, roots = fit_mention_stage([e for e in examples if e.article_id not in held], C, seed)
        for article_id in held_out:
            article = by_article[article_id]
            judged = weigh_mentions(events, roots, [(e.features, e.root_features, e.patterns) for e in article],
                                    SIGHTING_FLOOR)
            sightings = [Sighting(root, *e.pair, p, e.sentence, bool(e.patterns))
                         for e, roots in zip(article, judged, strict=True) for root, p in roots]
            # (texts of a line or two are left to the mention stage when coding, but what they show of one
            # strong mention still teaches the stage: without them CV story F1 fell from 0.395 to 0.381)
            n_sentences = max(e.article_sentences for e in article)
            true = {(r, *e.pair) for e in article for r in e.roots}
            for triple, features in story_features(sightings, n_sentences).items():
                X.append(features)
                Y.append(["event"] if triple in true else [])
    return LinearModel.fit(X, Y, ["event"], "ovr", C=STORY_C, random_state=seed)


def code_table(examples: list[Example]) -> dict[str, str]:
    """Each root's most frequent full code, overall and with each trigger word seen at least twice."""
    by_root: dict[str, Counter] = defaultdict(Counter)
    by_word: dict[str, Counter] = defaultdict(Counter)
    for e in examples:
        for code in e.codes:
            by_root[code[:2]][code] += 1
            by_word[f"{code[:2]}|{e.trigger}"][code] += 1
    table = {r: c.most_common(1)[0][0] for r, c in by_root.items()}
    for key, c in by_word.items():
        code, n = c.most_common(1)[0]
        if n >= 2:
            table[key] = code
    return table


# -- cross-validation ---------------------------------------------------------------------------------------
def folds_of(ids: list[str], k: int, seed: int) -> list[list[str]]:
    """Article-level folds: the articles shuffled with `seed` and dealt round-robin."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def stratified_folds(gold: list[GoldArticle], k: int, seed: int) -> list[list[str]]:
    """Folds of articles and of PLOVER records dealt separately, so that every fold holds articles."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        by_kind[g.kind].append(g.article.id)
    folds: list[list[str]] = [[] for _ in range(k)]
    for ids in by_kind.values():
        for fold, part in zip(folds, folds_of(ids, k, seed), strict=True):
            fold.extend(part)
    return folds


@dataclass
class CVResult:
    scores: dict  # the scorer's figures over all held-out predictions pooled
    plover: dict | None
    fold_f1: list[float]  # story root+countries F1 of each fold
    predictions: dict[str, list[dict]]  # article id -> held-out events (confidence kept)
    n_train: list[int] = field(default_factory=list)

    @property
    def spread(self) -> dict:
        f = self.fold_f1
        return {"mean": round(statistics.mean(f), 3), "sd": round(statistics.pstdev(f), 3),
                "min": round(min(f), 3), "max": round(max(f), 3)} if f else {}


def cross_validate(coder, corpus: Corpus, k: int = 10, seed: int = DEFAULT_SEED, C: float = DEFAULT_C,
                   threshold: float = DEFAULT_THRESHOLD, train_size: int | None = None,
                   progress: Callable[[int], None] | None = None,
                   story_threshold: float = DEFAULT_STORY_THRESHOLD) -> CVResult:
    """Train on k-1 folds, code the held-out fold through the pipeline, pool the predictions and score them.
    `train_size` trains each fold on only that many articles (drawn with `seed`) for a learning curve."""
    ids = [g.article.id for g in corpus.gold]
    by_id = dict(zip(ids, zip(corpus.gold, corpus.docs, strict=True), strict=True))
    predictions: dict[str, list[dict]] = {}
    n_train = []
    saved = coder.event_model
    try:
        for n, held_out in enumerate(stratified_folds(corpus.gold, k, seed)):
            held = set(held_out)
            train_ids = [i for i in ids if i not in held]
            if train_size is not None:
                train_ids = sorted(random.Random(seed + n).sample(train_ids, min(train_size, len(train_ids))))
            n_train.append(len(train_ids))
            coder.event_model = fit_model((e for i in train_ids for e in corpus.examples[i]), C=C,
                                          threshold=threshold, seed=seed, story_threshold=story_threshold)
            fold_pred = {}
            for article_id in held_out:
                gold, doc = by_id[article_id]
                fold_pred[article_id] = [e.to_dict() for e in coder.code_doc(doc, gold.article)]
            predictions.update(fold_pred)
            if progress:
                progress(n + 1)
    finally:
        coder.event_model = saved
    scores, plover = score_corpus(corpus.gold, predictions)
    return CVResult(scores, plover, fold_scores(corpus.gold, predictions, k, seed), predictions, n_train)


def fold_scores(gold: list[GoldArticle], predictions: dict[str, list[dict]], k: int, seed: int,
                min_confidence: float = 0.0) -> list[float]:
    """Story root+countries F1 of each fold's held-out articles (the folds of `cross_validate`)."""
    by_id = {g.article.id: g for g in gold}
    out = []
    for held_out in stratified_folds(gold, k, seed):
        golds = [as_scored(by_id[i]) for i in held_out if by_id[i].kind == "articles"]
        if golds:
            kept = {i: [e for e in predictions.get(i, []) if e.get("confidence", 1.0) >= min_confidence]
                    for i in held_out}
            out.append(score_gold(kept, golds)["story root+countries"]["f1"])
    return out


def as_scored(gold: GoldArticle) -> dict:
    return {"article_id": gold.article.id, "events": gold.events}


def score_corpus(gold: list[GoldArticle], predictions: dict[str, list[dict]],
                 min_confidence: float = 0.0) -> tuple[dict, dict | None]:
    kept = {i: [e for e in evs if e.get("confidence", 1.0) >= min_confidence] for i, evs in predictions.items()}
    articles = [as_scored(g) for g in gold if g.kind == "articles"]
    records = [g.record for g in gold if g.kind == "plover"]
    scores = score_gold(kept, articles) if articles else {}
    return scores, (score_plover_records(kept, records) if records else None)


def precision_recall_curve(gold: list[GoldArticle], predictions: dict[str, list[dict]],
                           thresholds: Iterable[float]) -> list[dict]:
    """Story and sentence root+countries P/R/F1 when only events at or above each confidence are kept."""
    out = []
    for t in thresholds:
        scores, plover = score_corpus(gold, predictions, t)
        row = {"min_confidence": round(t, 2), "story": scores.get("story root+countries"),
               "sentence": scores.get("sentence root+countries")}
        if plover:
            row["plover_type_recall"] = plover["type_recall"]
        out.append(row)
    return out


def provenance(gold: list[GoldArticle], sources: list[str], cv: CVResult | None, seed: int, C: float,
               threshold: float, seconds: float, story_threshold: float | None = None) -> dict:
    articles = [g for g in gold if g.kind == "articles"]
    return {
        "trained": date.today().isoformat(),
        "data": sources,
        "articles": len(articles),
        "plover_records": len(gold) - len(articles),
        "gold_events": sum(len(g.events) for g in gold),
        "seed": seed, "C": C, "threshold": threshold, "story_threshold": story_threshold,
        "training_seconds": round(seconds, 1),
        "cv": None if cv is None else {
            "folds": len(cv.n_train),
            "story root+countries": cv.scores.get("story root+countries"),
            "sentence root+countries": cv.scores.get("sentence root+countries"),
            "attributes": cv.scores.get("attributes"),
            "plover": cv.plover,
            "story f1 across folds": cv.spread,
        },
    }
