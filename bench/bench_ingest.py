"""Benchmark: bare coding vs ingest into a fresh DuckDB store (articles/s, words/s, storage overhead %).

    python bench/bench_ingest.py [CSV_OR_JSONL] [--rounds N] [--chunk N]

Uses ../shared/data/wikinews_2019.csv when present, else the bundled sample news. Both paths use the same
coder instance and the same articles, after a warm-up of both (one-time costs of a process, and spaCy's
first sight of each word, are not the per-article speed being compared).

The two are timed *interleaved*: a full ingest into a new file runs (dedup, Arrow writes, one transaction per
batch, the read snapshot at the end) while its input iterator, before handing over each chunk of articles,
codes that chunk bare and times it. So bare coding and ingest share the same minutes of machine load, and a
busy neighbour on a shared machine slows both alike. ingest time = the whole run minus the bare chunks in it.
The time the ingest spends outside the coder (everything the store adds) is reported too.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.ingest.sources import CsvColumns, SourceError, iter_articles
from eventwire.pipeline import Coder
from eventwire.records import Article
from eventwire.store.writer import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "wikinews_2019.csv"
SAMPLE = ROOT / "src" / "eventwire" / "data" / "sample" / "news.jsonl"


@dataclass
class Clock:
    """Wall and CPU seconds (CPU: this process, all threads), added up over timed sections."""

    wall: float = 0.0
    cpu: float = 0.0

    def start(self) -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def stop(self, started: tuple[float, float]) -> None:
        self.wall += time.perf_counter() - started[0]
        self.cpu += time.process_time() - started[1]


def load_articles(path: Path) -> list[Article]:
    columns = CsvColumns(id=None, text="text", title="title", published="date", url="url")
    articles = [a for a in iter_articles(str(path), csv_columns=columns) if not isinstance(a, SourceError)]
    if not articles:
        raise SystemExit(f"no articles in {path}")
    return articles


class TimedCoder:
    """Passes coding through to the coder and adds up the time spent in it."""

    def __init__(self, coder: Coder) -> None:
        self.coder = coder
        self.clock = Clock()

    def code_articles(self, articles, batch_size: int = 16):
        results = iter(self.coder.code_articles(articles, batch_size=batch_size))
        while True:
            started = self.clock.start()
            item = next(results, None)
            self.clock.stop(started)
            if item is None:
                return
            yield item


def with_bare_chunks(articles: list[Article], coder: Coder, chunk: int, bare: Clock,
                     events: list[int]) -> Iterator[Article]:
    """Yield the articles; before each chunk, code it bare and time that."""
    for i in range(0, len(articles), chunk):
        part = articles[i:i + chunk]
        started = bare.start()
        events.append(sum(len(found) for _, found in coder.code_articles(part)))
        bare.stop(started)
        yield from part


@dataclass
class Round:
    bare: Clock
    ingest: Clock
    storing: Clock
    events: int
    totals: dict[str, int]


def run_round(coder: Coder, articles: list[Article], db_path: Path, chunk: int) -> Round:
    bare, whole, events = Clock(), Clock(), []
    inner = TimedCoder(coder)
    started = whole.start()
    with Store(db_path) as store:
        totals = store.ingest(with_bare_chunks(articles, coder, chunk, bare, events), inner).totals
    whole.stop(started)
    ingest = Clock(whole.wall - bare.wall, whole.cpu - bare.cpu)
    storing = Clock(ingest.wall - inner.clock.wall, ingest.cpu - inner.clock.cpu)
    return Round(bare, ingest, storing, sum(events), totals)


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:+.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="?", type=Path, default=SHARED if SHARED.exists() else SAMPLE)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=16, help="articles coded bare between ingest steps")
    args = parser.parse_args()
    articles = load_articles(args.input)
    n, words = len(articles), sum(len(a.text.split()) for a in articles)
    coder = Coder.default()
    with tempfile.TemporaryDirectory() as tmp:
        # Warm-up: the first pass over a text adds its words to spaCy's vocabulary, which later passes reuse;
        # without it the first side to see each chunk would pay for that.
        list(coder.code_articles(articles))
        run_round(coder, articles[:8], Path(tmp) / "warmup.duckdb", args.chunk)
        rounds = [run_round(coder, articles, Path(tmp) / f"bench{i}.duckdb", args.chunk)
                  for i in range(args.rounds)]
    print(f"input: {args.input} ({n} articles, {words} words, {rounds[0].events} events)")
    print(f"store: {rounds[-1].totals}")
    print(f"{'round':6}{'bare art/s':>11}{'words/s':>9}{'ingest art/s':>13}{'words/s':>9}"
          f"{'overhead wall':>15}{'CPU':>8}{'  storing (outside the coder)'}")
    for i, r in enumerate(rounds, 1):
        print(f"{i:<6}{n / r.bare.wall:11.2f}{words / r.bare.wall:9.0f}{n / r.ingest.wall:13.2f}"
              f"{words / r.ingest.wall:9.0f}{percent(r.ingest.wall - r.bare.wall, r.bare.wall):>15}"
              f"{percent(r.ingest.cpu - r.bare.cpu, r.bare.cpu):>8}  {r.storing.wall:.2f} s wall = "
              f"{percent(r.storing.wall, r.bare.wall)} of bare, {r.storing.cpu:.2f} s CPU")
    bare_wall = sum(r.bare.wall for r in rounds)
    ingest_wall = sum(r.ingest.wall for r in rounds)
    storing_wall = sum(r.storing.wall for r in rounds)
    print(f"all rounds: bare coding {n * len(rounds) / bare_wall:.2f} articles/s, ingest into DuckDB "
          f"{n * len(rounds) / ingest_wall:.2f} articles/s; storage overhead "
          f"{percent(ingest_wall - bare_wall, bare_wall)} "
          f"(the store's own work: {percent(storing_wall, bare_wall)})")


if __name__ == "__main__":
    main()
