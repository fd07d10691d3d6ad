"""PETRARCH mode: code text with a user's PETRARCH2/TABARI-format dictionaries, as PETRARCH composes codes.

- `dictionaries.py`: actor, agent and discard files -> phrase indexes with dated codes (`PetrarchActors`)
- `verbs.py`: verb pattern files -> verb entries, synonym sets and patterns (`VerbDictionary`)
- `nouns.py`: a noun phrase of a spaCy parse -> its actor codes (country + agents, compounds expanded)
- `patterns.py`: a verb's clause -> the most specific pattern of its dictionary that matches
- `coder.py`: sentences -> events (`PetrarchCoder`, what `Coder.from_files` returns)

See docs/petrarch.md for what of PETRARCH2's dictionary language is supported and what differs.
"""
