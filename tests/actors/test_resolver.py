"""Actors from noun phrases in real parses."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors.resolver import ArticleContext


@pytest.fixture(scope="module")
def subject_of(coder):
    def run(text: str, published: date = date(2019, 10, 1)):
        doc = coder.nlp(text)
        ctx = ArticleContext(published=published, names=coder.names.find(doc))
        subj = next(t for t in doc if t.dep_ == "nsubj")
        return coder.resolver.resolve(subj, ctx)

    return run


def test_apposition_says_who_an_unknown_person_is(subject_of):
    actor = subject_of("Bruno Parrilla, the foreign affairs minister of Cuba, criticized the United States.")
    assert (actor.country, actor.sector) == ("CUB", "GOV")


def test_relative_clause_description(subject_of):
    actor = subject_of("Brett McGurk, who was Trump's special envoy, criticized Turkey.")
    assert actor.country == "USA"


def test_dated_role_and_former_office(subject_of):
    assert subject_of("Putin criticized Turkey.", date(2024, 10, 11)).code == "RUSGOV"
    obama = subject_of("Former US President Barack Obama criticized Turkey.", date(2019, 1, 1))
    assert obama.country == "USA" and obama.sector == "GOV"


def test_possessive_and_agent(subject_of):
    assert subject_of("Iran's foreign minister criticized Turkey.").code == "IRNGOV"
    assert subject_of("Russian troops attacked Kharkiv.").code == "RUSMIL"
    assert subject_of("Protesters attacked the embassy.").code == "---PRO"


def test_seat_of_government(subject_of):
    assert subject_of("The Kremlin criticized Turkey.").code == "RUSGOV"
