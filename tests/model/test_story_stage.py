"""The story stage: what the sentences of an article said of one (root, source, target), read as features."""

from __future__ import annotations

from eventwire.model.story import Sighting, story_features


def test_an_event_stated_in_several_sentences_counts_them():
    sightings = [Sighting("11", "FRA", "RUS", 0.62, 0), Sighting("11", "FRA", "RUS", 0.35, 4),
                 Sighting("11", "FRA", "RUS", 0.12, 4), Sighting("05", "FRA", "RUS", 0.2, 4)]
    features = story_features(sightings, n_sentences=10)
    accuse = features[("11", "FRA", "RUS")]
    assert {"max>=0.6", "n>=0.1>=3", "n>=0.3>=2", "sentences>=0.3>=2", "best_of_pair", "lead"} <= set(accuse)
    assert "max>=0.7" not in accuse
    cooperate = features[("05", "FRA", "RUS")]
    # the same parties have a likelier root: this one is not their best, and less than half as likely
    assert "best_of_pair" not in cooperate and "of_best>=0.5" not in cooperate
    assert "pair_roots>=2" in cooperate


def test_reverse_direction_domestic_and_targetless_events_are_told_apart():
    sightings = [Sighting("11", "USA", "CHN", 0.5, 7), Sighting("11", "CHN", "USA", 0.45, 8),
                 Sighting("14", "HKG", None, 0.3, 9), Sighting("17", "USA", "USA", 0.3, 9)]
    features = story_features(sightings, n_sentences=40)
    assert "reverse>=0.3" in features[("11", "USA", "CHN")]
    assert "no_target" in features[("14", "HKG", None)]
    assert "domestic" in features[("17", "USA", "USA")]
    assert "lead" not in features[("17", "USA", "USA")]  # its surest sentence is deep in the article


def test_pattern_sightings_are_marked():
    features = story_features([Sighting("04", "RUS", "IRN", 0.4, 0, pattern=True)], n_sentences=3)
    assert "pattern" in features[("04", "RUS", "IRN")]

