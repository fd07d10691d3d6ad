"""Subcommands of the `eventwire` CLI: one module each, with `register(subparsers)` that adds a parser whose
`func` default runs the command and returns the exit status."""
