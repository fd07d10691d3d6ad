"""Dependency-parse helpers, on real parses."""

from __future__ import annotations

from eventwire.events.syntax import grammatical_subjects


def test_a_purpose_clause_shares_the_main_clauses_subject(nlp):
    doc = nlp("Saudi Arabia has mobilized pressure groups to help support the rights of Palestinians.")
    support = next(t for t in doc if t.lower_ == "support")
    assert [t.text for t in grammatical_subjects(support)] == ["Arabia"]


def test_an_object_controls_the_infinitive_of_a_verb_of_urging(nlp):
    doc = nlp("France urged Iran to release the prisoners.")
    release = next(t for t in doc if t.lower_ == "release")
    assert [t.text for t in grammatical_subjects(release)] == ["Iran"]


def test_a_finite_verb_after_an_infinitive_is_coordinated_with_the_main_verb(nlp):
    doc = nlp("Foreign Secretary Dominic Raab urged the embassy to reconsider and spoke with Mike Pompeo.")
    spoke = next(t for t in doc if t.lower_ == "spoke")
    assert [t.text for t in grammatical_subjects(spoke)] == ["Raab"]
