"""Training the event model on a few gold articles written for the tests (tests/fixtures/gold)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventwire.model.event_model import EventModel, ModelFileError
from eventwire.model.gold import GoldError, read_gold
from eventwire.model.training import (
    cross_validate,
    fit_model,
    folds_of,
    gold_by_sentence,
    parse_corpus,
    precision_recall_curve,
)
from eventwire.records import Article


@pytest.fixture(scope="module")
def rules_coder(coder):
    return coder  # (the rules alone; the tests below set a model and a confidence floor and put them back)


@pytest.fixture(scope="module")
def corpus(rules_coder, fixtures):
    return parse_corpus(rules_coder, read_gold([fixtures / "gold", fixtures / "gold" / "plover.jsonl"]))


@pytest.fixture(scope="module")
def tiny_model(corpus):
    return fit_model([e for ex in corpus.examples.values() for e in ex], C=1.0, threshold=0.3, seed=3)


def test_gold_folders_and_plover_records_are_read(fixtures):
    gold = read_gold([fixtures / "gold", fixtures / "gold" / "plover.jsonl"])
    assert [g.article.id for g in gold] == ["t1", "t2", "t3", "t4", "t5", "t6", "P1", "P2"]
    assert str(gold[0].article.published) == "2023-03-02"
    assert gold[0].article.text.startswith("French President Emmanuel Macron met")
    threat = gold[6]
    assert threat.kind == "plover"
    assert [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in threat.events] == [("NOR", "130", "SWE")]


def test_bad_gold_is_named(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold" / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"x\.json: not a gold file"):
        read_gold([tmp_path])
    (tmp_path / "gold" / "x.json").write_text('{"article_id": "x", "events": []}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"its article .*x\.txt is missing"):
        read_gold([tmp_path])
    bad = tmp_path / "records.jsonl"
    bad.write_text('{"id": 1, "text": "Hi.", "event": "AGREE"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"records\.jsonl:2: not a PLOVER record"):
        read_gold([bad])


def test_each_gold_event_is_placed_in_the_one_sentence_that_states_it():
    sentences = ['"', "France met Germany in Paris.", "Germany praised France."]
    placed = gold_by_sentence([{"sentence": "France met Germany in Paris."},
                               {"sentence": "Germany praised France, officials said."}], sentences)
    assert list(placed) == [1, 2]


def test_candidates_are_labelled_with_the_gold_events_they_match(corpus):
    examples = corpus.examples["t3"]
    accuse = [e for e in examples if e.roots == ["11"]]
    assert accuse, "the accusation's pair should be among the candidates"
    assert all(e.mode == "asserted" and "11" in {c[:2] for c in e.codes} for e in accuse)
    assert any(not e.roots for e in examples), "pairs the gold does not code are negative examples"


def test_the_trained_model_finds_the_events_it_was_trained_on(rules_coder, tiny_model, corpus):
    rules_coder.event_model = tiny_model
    try:
        gold = next(g for g in corpus.gold if g.article.id == "t1")
        events = rules_coder.code_article(gold.article)
    finally:
        rules_coder.event_model = None
    triples = {(e.source.country, e.cameo[:2], e.target.country if e.target else None) for e in events}
    assert ("FRA", "11", "RUS") in triples
    accusation = next(e for e in events if e.cameo[:2] == "11" and e.target and e.target.country == "RUS")
    assert 0.0 < accusation.confidence <= 1.0
    assert accusation.rule.startswith("model:11 p=") and "construction:" in accusation.rule
    assert accusation.sentence.startswith("France accused Russia")
    assert accusation.trigger


def test_training_is_deterministic(corpus):
    examples = [e for ex in corpus.examples.values() for e in ex]
    a = fit_model(examples, seed=5)
    b = fit_model(examples, seed=5)
    assert a.events.vocabulary == b.events.vocabulary
    assert np.array_equal(a.events.weights, b.events.weights)
    assert np.array_equal(a.roots.weights, b.roots.weights)
    assert a.codes == b.codes


def test_a_model_file_round_trips_with_its_provenance(tiny_model, tmp_path):
    tiny_model.provenance = {"articles": 6, "data": ["tests"]}
    path = tmp_path / "m.npz"
    tiny_model.save(path)
    loaded = EventModel.load(path)
    assert loaded.provenance == {"articles": 6, "data": ["tests"]}
    assert loaded.threshold == tiny_model.threshold
    features = ["bias", "trig=accuse", "dict=11", "rule=11"]
    assert loaded.events_of(features, features) == tiny_model.events_of(features, features)
    assert loaded.codes == tiny_model.codes


def test_the_story_stage_is_fitted_and_stored_with_the_model(corpus, tiny_model, tmp_path):
    assert tiny_model.stories is not None, "eight gold documents make three folds for the story stage"
    path = tmp_path / "m.npz"
    tiny_model.save(path)
    loaded = EventModel.load(path)
    assert loaded.story_threshold == tiny_model.story_threshold
    assert np.array_equal(loaded.stories.weights, tiny_model.stories.weights)
    without = fit_model([e for ex in corpus.examples.values() for e in ex], story_folds=0)
    assert without.stories is None
    without.save(path)
    assert EventModel.load(path).stories is None


def test_an_events_confidence_is_its_storys_probability(rules_coder, tiny_model):
    article = Article("x", "Canada accused Mexico of ignoring the agreement. Canada again accused Mexico on Friday. "
                           "Mexico's minister was in Ottawa.")
    rules_coder.event_model = tiny_model
    try:
        events = rules_coder.code_article(article)
    finally:
        rules_coder.event_model = None
    accusations = [e for e in events if e.cameo[:2] == "11" and e.target is not None]
    assert accusations
    story = {round(e.confidence, 6) for e in accusations}
    assert len(story) == 1, "every mention of one story event carries the story's probability"
    assert all(f"story={e.confidence:.2f}" in e.rule for e in accusations)


def test_a_file_that_is_no_model_is_refused_by_name(tmp_path):
    path = tmp_path / "m.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(ModelFileError, match=r"m\.npz: not a readable event model"):
        EventModel.load(path)
    with pytest.raises(ModelFileError, match="no such file"):
        EventModel.load(tmp_path / "missing.npz")
    np.savez(path, header=np.frombuffer(json.dumps({"format": "other"}).encode(), dtype=np.uint8))
    with pytest.raises(ModelFileError, match="not an eventwire event model"):
        EventModel.load(path)


def test_folds_are_article_level_and_fixed_by_the_seed():
    ids = [f"a{i}" for i in range(10)]
    folds = folds_of(ids, 3, seed=1)
    assert sorted(i for f in folds for i in f) == sorted(ids)
    assert folds == folds_of(ids, 3, seed=1)
    assert folds != folds_of(ids, 3, seed=2)


def test_cross_validation_scores_every_level_and_the_spread(rules_coder, corpus):
    result = cross_validate(rules_coder, corpus, k=3, seed=1, threshold=0.3)
    assert rules_coder.event_model is None  # the coder is left as it was
    assert {"story root+countries", "sentence root+countries", "attributes"} <= set(result.scores)
    assert 0.0 <= result.scores["story root+countries"]["f1"] <= 1.0
    assert len(result.fold_f1) == 3
    assert set(result.spread) == {"mean", "sd", "min", "max"}
    assert result.plover is not None and result.plover["sentences"] == 2
    curve = precision_recall_curve(corpus.gold, result.predictions, [0.0, 0.99])
    assert curve[1]["story"]["p"] >= 0.0
    kept = sum(len(v) for v in result.predictions.values())
    assert kept > 0, "the held-out articles are coded through the pipeline"


def test_a_line_or_two_is_left_to_the_mention_stage(rules_coder, tiny_model):
    rules_coder.event_model = tiny_model
    try:
        events = rules_coder.code_article(Article("x", "Canada accused Mexico of ignoring the agreement."))
    finally:
        rules_coder.event_model = None
    assert events
    assert all(f"p={e.confidence:.2f} story={e.confidence:.2f}" in e.rule for e in events)
    assert all(e.confidence >= tiny_model.threshold for e in events)


def test_min_confidence_leaves_out_less_certain_events(rules_coder, tiny_model):
    article = Article("x", "Canada accused Mexico of ignoring the agreement. Mexico met Canada in Ottawa.")
    rules_coder.event_model = tiny_model
    try:
        everything = rules_coder.code_article(article)
        rules_coder.config.min_confidence = 0.999
        sure = rules_coder.code_article(article)
    finally:
        rules_coder.event_model = None
        rules_coder.config.min_confidence = 0.0
    assert everything
    assert all(e.confidence >= 0.999 for e in sure)
    assert len(sure) < len(everything)
