"""The local batch engine: one process per core, each with its own Coder, one input file per task.

Resumable: every input file is written to its own part files (`event_month=M/part-<name>.parquet`), first
under a hidden temporary name and renamed when the whole file is coded; then a done-marker
(`_eventwire/done/<name>.json`, with the input's size and mtime) is written atomically. A rerun skips the
inputs whose marker matches, removes the leftovers of inputs that were interrupted, and codes those again.
Results are collected in input order.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import multiprocessing
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from eventwire.batch import (
    PART_SCHEMA,
    PARTITION_COLUMN,
    CoderLike,
    CodingStats,
    code_numbered,
    event_rows,
    limit_threads,
    partition_value,
    rows_table,
    single_threaded_env,
    worker_coder,
)
from eventwire.batch.inputs import InputFile, discover_inputs, iter_articles

STATE_DIR = "_eventwire"
SUCCESS_FILE = "_SUCCESS"
FLUSH_ROWS = 2000  # rows buffered per month before they go to the part file as a row group


class OutputError(ValueError):
    """OUTPUT can't be used (not a batch output folder, or not writable)."""


@dataclass(frozen=True)
class FileTask:
    source: InputFile
    output: str
    batch_size: int = 16


@dataclass
class FileResult:
    source: InputFile
    status: str  # coded | done (by an earlier run) | failed
    stats: CodingStats = field(default_factory=CodingStats)
    parts: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of this worker on this file (not counting model loading)
    max_rss_mb: float = 0.0
    pid: int = 0
    error: str | None = None


@dataclass
class BatchReport:
    output: str
    workers: int
    results: list[FileResult]
    seconds: float

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def totals(self) -> CodingStats:
        total = CodingStats()
        for result in self.results:
            total.add(result.stats)
        return total

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    def peak_rss_mb(self) -> dict[int, float]:
        """Peak resident memory of each worker process (MB), from the files it coded."""
        peaks: dict[int, float] = {}
        for r in self.results:
            if r.pid:
                peaks[r.pid] = max(peaks.get(r.pid, 0.0), r.max_rss_mb)
        return peaks


def _marker_path(output: str, source: InputFile) -> Path:
    return Path(output) / STATE_DIR / "done" / f"{source.name}.json"


def _fingerprint(path: str) -> dict[str, int]:
    st = os.stat(path)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _read_marker(output: str, source: InputFile) -> dict[str, Any] | None:
    try:
        return json.loads(_marker_path(output, source).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_done(output: str, source: InputFile) -> bool:
    """Whether an earlier run finished this input (same size and mtime) and its parts are all there."""
    marker = _read_marker(output, source)
    if not marker or marker.get("fingerprint") != _fingerprint(source.path):
        return False
    return all((Path(output) / part).is_file() for part in marker.get("parts", []))


def _earlier_result(output: str, source: InputFile) -> FileResult:
    marker = _read_marker(output, source) or {}
    stats = CodingStats(**{k: marker.get(k, 0) for k in ("articles", "skipped", "bad", "events")})
    return FileResult(source=source, status="done", stats=stats, parts=list(marker.get("parts", [])))


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _part_name(source: InputFile) -> str:
    return f"part-{source.name}.parquet"


def _remove_leftovers(output: str, source: InputFile) -> None:
    """Delete what an interrupted or outdated run left for this input: temp files, parts, its marker."""
    root = Path(output)
    part = _part_name(source)
    for directory in root.glob(f"{PARTITION_COLUMN}=*"):
        for stale in [*directory.glob(f".{part}.*.tmp"), directory / part]:
            stale.unlink(missing_ok=True)
    _marker_path(output, source).unlink(missing_ok=True)


class MonthParts:
    """The part files of one input, one per event month, written under temp names until commit()."""

    def __init__(self, output: str, source: InputFile) -> None:
        self.root = Path(output)
        self.part = _part_name(source)
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.temps: dict[str, Path] = {}

    def add(self, row: dict[str, Any]) -> None:
        month = partition_value(row.get(PARTITION_COLUMN))
        rows = self.pending.setdefault(month, [])
        rows.append(row)
        if len(rows) >= FLUSH_ROWS:
            self._flush(month)

    def _flush(self, month: str) -> None:
        rows = self.pending.pop(month, [])
        if not rows:
            return
        if month not in self.writers:
            directory = self.root / f"{PARTITION_COLUMN}={month}"
            directory.mkdir(parents=True, exist_ok=True)
            self.temps[month] = directory / f".{self.part}.{os.getpid()}.tmp"
            self.writers[month] = pq.ParquetWriter(self.temps[month], PART_SCHEMA, compression="zstd")
        self.writers[month].write_table(rows_table(rows, PART_SCHEMA))

    def commit(self) -> list[str]:
        """Close every part file and move it into place; returns the parts, relative to the output."""
        for month in list(self.pending):
            self._flush(month)
        parts = []
        for month, writer in sorted(self.writers.items()):
            writer.close()
            final = self.temps[month].with_name(self.part)
            os.replace(self.temps[month], final)
            parts.append(str(final.relative_to(self.root)))
        self.writers.clear()
        return parts

    def abort(self) -> None:
        for month, writer in self.writers.items():
            with contextlib.suppress(Exception):
                writer.close()
            self.temps[month].unlink(missing_ok=True)
        self.writers.clear()


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def code_file(task: FileTask, coder: CoderLike) -> FileResult:
    """Code one input file into its part files and done-marker. Runs in a worker (or in-process)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    source, stats = task.source, CodingStats()
    _remove_leftovers(task.output, source)
    fingerprint = _fingerprint(source.path)
    parts = MonthParts(task.output, source)
    try:
        numbered = iter_articles(source, stats.report)
        for article, events in code_numbered(coder, numbered, stats, task.batch_size):
            for row in event_rows(article, events):
                parts.add(row)
        written = parts.commit()
    except BaseException:
        parts.abort()
        raise
    marker = {"input": os.path.abspath(source.path), "fingerprint": fingerprint, "parts": written,
              **stats.to_dict()}
    _write_atomically(_marker_path(task.output, source), json.dumps(marker, indent=1))
    return FileResult(source=source, status="coded", stats=stats, parts=written,
                      seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu_started,
                      max_rss_mb=_max_rss_mb(), pid=os.getpid())


def _exit_without_teardown() -> None:
    """The last thing a worker does: end the process at once. Its results are with the parent (sent through a
    pipe, synchronously) and its part files are closed, but Python's own shutdown would free the model and the
    dictionaries object by object, ~0.5 s (measured) that every batch run waited for. The exit status is 0:
    the pool notices a worker that dies during a task by itself, not by its status."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _init_worker() -> None:
    limit_threads()
    atexit.register(_exit_without_teardown)  # registered last, so it runs first
    # Load the model now, once per process, not inside the first file's timing. If it can't be loaded,
    # each task hits the same error again and reports it (an initializer error would only break the pool).
    with contextlib.suppress(Exception):
        worker_coder()


def _run_task(task: FileTask) -> FileResult:
    try:
        return code_file(task, worker_coder())
    except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop the others
        return FileResult(source=task.source, status="failed", error=f"{type(exc).__name__}: {exc}",
                          max_rss_mb=_max_rss_mb(), pid=os.getpid())


@contextlib.contextmanager
def _environment(overrides: dict[str, str]) -> Iterator[None]:
    """Set variables that spawned workers inherit, and restore this process's values afterwards."""
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def prepare_output(output: str, overwrite: bool = False) -> None:
    """Create OUTPUT, or check that it is batch output we may resume (or replace, with overwrite)."""
    root = Path(output)
    if root.exists() and not root.is_dir():
        raise OutputError(f"output {output!r} exists and is not a folder")
    ours = (root / STATE_DIR).is_dir() or (root / SUCCESS_FILE).exists()
    if root.is_dir() and any(root.iterdir()) and not ours:
        raise OutputError(f"output {output!r} is a non-empty folder that is not eventwire batch output; "
                          "choose a new folder")
    if overwrite and root.is_dir():
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / SUCCESS_FILE).unlink(missing_ok=True)


def _code_in_pool(tasks: list[FileTask], workers: int,
                  on_result: Callable[[FileResult], None]) -> list[FileResult]:
    results: list[FileResult] = []
    context = multiprocessing.get_context("spawn")
    with _environment(single_threaded_env()), ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
        try:
            for result in pool.map(_run_task, tasks):
                results.append(result)
                on_result(result)
        except BrokenProcessPool as exc:
            # A worker died (killed, out of memory): the files not yet returned are reported as failed,
            # and a rerun picks them up.
            for task in tasks[len(results):]:
                result = FileResult(source=task.source, status="failed", error=f"worker process died: {exc}")
                results.append(result)
                on_result(result)
    return results


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def run_local(input_spec: str | os.PathLike[str], output: str | os.PathLike[str], workers: int | None = None,
              batch_size: int = 16, overwrite: bool = False,
              on_result: Callable[[FileResult], None] | None = None) -> BatchReport:
    """Code every input file into OUTPUT with `workers` processes (default: one per core)."""
    started = time.perf_counter()
    output = os.fspath(output)
    sources = discover_inputs(input_spec)
    prepare_output(output, overwrite)
    notify = on_result or (lambda _result: None)
    results: list[FileResult] = []
    tasks = []
    for source in sources:
        if is_done(output, source):
            results.append(_earlier_result(output, source))
        else:
            tasks.append(FileTask(source=source, output=output, batch_size=batch_size))
    n_workers = max(1, min(workers or os.cpu_count() or 1, len(tasks) or 1))
    if tasks:
        # Largest files first: the last file to finish keeps one core busy while the others idle, so it
        # had better be a small one. (The report is in input order all the same.)
        tasks.sort(key=lambda task: -_size(task.source.path))
        results.extend(_code_in_pool(tasks, n_workers, notify))
    order = {s.path: i for i, s in enumerate(sources)}
    results.sort(key=lambda r: order[r.source.path])
    report = BatchReport(output=output, workers=n_workers, results=results,
                         seconds=time.perf_counter() - started)
    if report.ok:
        _write_atomically(Path(output) / SUCCESS_FILE, "")
    return report
