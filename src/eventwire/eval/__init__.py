"""Scoring coded events against gold standards (the project's gold formats, see docs/eval.md)."""
