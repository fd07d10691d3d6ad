"""Where the event store lives when no `--db` is given."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "EVENTWIRE_DB"
DB_FILENAME = "events.duckdb"
DB_HELP = "DuckDB file (default: $EVENTWIRE_DB, else ~/.local/share/eventwire/events.duckdb)"


def default_db_path(environ: dict[str, str] | None = None) -> Path:
    """`$EVENTWIRE_DB`, else `$XDG_DATA_HOME/eventwire/events.duckdb` (XDG default: ~/.local/share)."""
    env = os.environ if environ is None else environ
    if env.get(DB_ENV):
        return Path(env[DB_ENV]).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "eventwire" / DB_FILENAME


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """The database path for a command: the explicit `--db` value, else the default location."""
    return Path(db).expanduser() if db else default_db_path()
