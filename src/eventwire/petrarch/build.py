"""Which coder a set of dictionary files gives (`Coder.from_files`, `eventwire code --actors/--agents/--verbs`).

With actor and verb files, the PETRARCH mode (`PetrarchCoder`): codes exactly as those dictionaries define
them, agents and discards optional. With only some kinds, the default coder with the given files read into its
own dictionaries in place of the shipped ones (actors/petrarch.py, events/petrarch_verbs.py), as before.
Each argument takes one path or several; files of one kind are read in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

PathArg = Path | str | Iterable[Path | str] | None


def paths(value: PathArg) -> list[Path]:
    if value is None:
        return []
    if isinstance(value, (str, Path)):
        return [Path(value)]
    return [Path(v) for v in value]


def coder_from_files(coder_cls, actors: PathArg = None, agents: PathArg = None, verbs: PathArg = None,
                     discards: PathArg = None, nlp=None):
    from eventwire.pipeline import CoderConfig

    actor_files, agent_files, verb_files, discard_files = paths(actors), paths(agents), paths(verbs), paths(discards)
    if actor_files and verb_files:
        from eventwire.petrarch.coder import PetrarchCoder
        from eventwire.petrarch.load import load_dictionaries

        dictionaries = load_dictionaries(actor_files, agent_files, verb_files, discard_files)
        return PetrarchCoder(dictionaries, CoderConfig(), nlp=nlp)
    if discard_files:
        raise ValueError("discard files need the PETRARCH mode: give --actors and --verbs as well")
    config = CoderConfig()
    if actor_files or agent_files:
        config.actors = _actor_dictionary(actor_files, agent_files)
    if verb_files:
        config.triggers = _trigger_dictionary(verb_files)
    return coder_cls(config, nlp=nlp)


def _actor_dictionary(actor_files: list[Path], agent_files: list[Path]):
    from eventwire.actors import petrarch as pa
    from eventwire.actors.dictionary import ActorDictionary

    dictionary = ActorDictionary()
    for path in actor_files:
        dictionary.merge(pa.read_actor_dictionary(path))
    for path in agent_files:
        dictionary.merge(pa.read_agent_dictionary(path))
    base = ActorDictionary.load_default()
    if not actor_files:
        dictionary.merge(ActorDictionary(names=base.names, countries=base.countries))
    if not agent_files:
        dictionary.merge(ActorDictionary(agents=base.agents))
    return dictionary


def _trigger_dictionary(verb_files: list[Path]):
    from eventwire.events import petrarch_verbs
    from eventwire.events.triggers import TriggerDictionary

    triggers = TriggerDictionary()
    for path in verb_files:
        for pattern in petrarch_verbs.read_verb_dictionary(path).patterns():
            triggers.add(pattern)
    return triggers
