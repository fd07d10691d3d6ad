"""Throughput of eventwire at scale, against bare spaCy parsing (the ceiling).

    python bench/bench_scale.py [--input FILE] [--repeat N] [--files K] [--rounds R] [--no-spark]

Input: ../shared/data/wikinews_2019.csv when present (columns url,date,title,text), else the bundled sample
(src/eventwire/data/sample/news.jsonl); repeated N times (ids made unique) and split into K JSONL files.
Every measurement runs in a fresh process, so model loading and peak memory are its own:

  spacy       bare nlp.pipe over the texts (same model, same batch size): the ceiling
  code        Coder.code_articles in one process (what `eventwire code` runs)
  paired      the coder's overhead over bare parsing, paired: in one process that holds a Coder, bare parsing
              (the Coder's own pipeline) and Coder.code_articles alternate over slices of the input, so that
              what else the machine is doing slows both alike (see measure_paired)
  local-1/2   `batch --engine local` with 1 and 2 workers (wall time, including worker start-up)
  spark       `batch --engine spark` on local[2] (wall time of the job, without creating the session; the
              first job of the session, then a second one for comparison once the JVM and workers are warm).
              The JVM maps its class archive if an earlier run recorded one (batch.jvm_archive), else it
              records it, when it exits after the measurement; the report says which, round by round.
              --no-jvm-archive measures a JVM without one.

For each: seconds, words/s, sentences/s, ratio to the ceiling, peak RSS per worker process. Then the checks of
issue 5, including that batch output holds the same events as Coder.code_articles. Every measurement runs --rounds
times (default 3), one round after the other, and the report takes each one's fastest round: on a machine shared
with other work, the least disturbed run is the best estimate of what the code costs. Every second round runs the
measurements in reverse order. The coder-overhead check reads the paired measurement (the median of its rounds):
two separate processes a minute apart can meet a different machine (on two shared virtual cores the same code's
time moves by 10-20% from one minute to the next), slices a few seconds apart meet the same one. The overhead of
the separate runs is printed beside it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "data" / "wikinews_2019.csv"
SAMPLE = REPO / "src" / "eventwire" / "data" / "sample" / "news.jsonl"
KEY_COLUMNS = ("article_id", "sentence_start", "trigger_start", "cameo", "source_code", "target_code")


# -- input -----------------------------------------------------------------------------------------
def load_corpus(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".csv":
        csv.field_size_limit(1 << 30)
        with open(path, encoding="utf-8", newline="") as handle:
            return [{"id": r["url"], "url": r["url"], "title": r["title"], "published": r["date"],
                     "text": r["text"]} for r in csv.DictReader(handle)]
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_inputs(records: list[dict[str, Any]], repeat: int, files: int, folder: Path) -> None:
    folder.mkdir(parents=True)
    rows = [{**r, "id": f"{r['id']}#{k}"} for k in range(repeat) for r in records]
    per_file = -(-len(rows) // files)
    for i in range(files):
        with open(folder / f"part-{i:03d}.jsonl", "w", encoding="utf-8") as out:
            for row in rows[i * per_file:(i + 1) * per_file]:
                out.write(json.dumps(row) + "\n")


def read_inputs(folder: Path):
    from eventwire.batch.inputs import discover_inputs, iter_articles

    for source in discover_inputs(folder):
        for _, article in iter_articles(source, lambda where, reason: None):
            yield article


# -- measurements (each in its own process) --------------------------------------------------------
def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_spacy(work: Path, batch_size: int) -> dict[str, Any]:
    from eventwire.pipeline import load_nlp

    texts = [a.text for a in read_inputs(work / "in")]
    nlp = load_nlp()
    started, cpu_started = time.perf_counter(), time.process_time()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=batch_size))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "work_cpu": time.process_time() - cpu_started, "sentences": sentences,
            "words": sum(len(t.split()) for t in texts),
            "articles": len(texts), "rss": {str(os.getpid()): _peak_mb()}}


def measure_code(work: Path, batch_size: int) -> dict[str, Any]:
    from eventwire.pipeline import Coder

    articles = list(read_inputs(work / "in"))
    coder = Coder()
    started, cpu_started = time.perf_counter(), time.process_time()
    keys = []
    for _, events in coder.code_articles(articles, batch_size=batch_size):
        keys.extend([e.article_id, e.sentence_start, e.trigger_start, e.cameo, e.source.code,
                     e.target.code if e.target else None] for e in events)
    seconds = time.perf_counter() - started
    (work / "code-keys.json").write_text(json.dumps(keys))
    return {"seconds": seconds, "work_cpu": time.process_time() - cpu_started, "events": len(keys),
            "rss": {str(os.getpid()): _peak_mb()}}


def measure_paired(work: Path, batch_size: int, slice_size: int = 32) -> dict[str, Any]:
    """Bare parsing and coding of the same slices, alternated in one process.

    The Coder is built and both paths run once on the first slice before anything is timed, so that neither
    pays the other's first-call costs (spaCy's tokenizer and lemmatizer caches, dateparser's locale data).
    Then, slice by slice (a multiple of the batch size, so both see the same batches), `coder.nlp.pipe` and
    `coder.code_articles` each run over the slice, parsing first in even slices and coding first in odd ones.
    The overhead is the coding time over the parsing time, minus one."""
    from eventwire.pipeline import Coder

    articles = list(read_inputs(work / "in"))
    coder = Coder()
    slice_size = max(batch_size, slice_size - slice_size % batch_size)

    def parse(chunk: list) -> None:
        for doc in coder.nlp.pipe([a.text for a in chunk], batch_size=batch_size):
            len(list(doc.sents))

    def code(chunk: list) -> None:
        for _ in coder.code_articles(chunk, batch_size=batch_size):
            pass

    parse(articles[:slice_size])
    code(articles[:slice_size])
    spent = {parse: 0.0, code: 0.0}
    slices = [articles[i:i + slice_size] for i in range(0, len(articles), slice_size)]
    for k, chunk in enumerate(slices):
        for step in (parse, code) if k % 2 == 0 else (code, parse):
            started = time.perf_counter()
            step(chunk)
            spent[step] += time.perf_counter() - started
    return {"seconds": spent[code], "parse_seconds": spent[parse], "slices": len(slices),
            "overhead": spent[code] / spent[parse] - 1, "rss": {str(os.getpid()): _peak_mb()}}


def measure_local(work: Path, batch_size: int, workers: int) -> dict[str, Any]:
    from eventwire.batch.local import run_local

    output = work / f"out-local-{workers}"
    started = time.perf_counter()
    report = run_local(work / "in", output, workers=workers, batch_size=batch_size, overwrite=True)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "work_cpu": sum(r.cpu_seconds for r in report.results),
            "events": report.totals.events, "output": str(output),
            "rss": {str(pid): mb for pid, mb in report.peak_rss_mb().items()}, "ok": report.ok}


def measure_spark(work: Path, batch_size: int, workers: int, use_jvm_archive: bool = True) -> dict[str, Any]:
    from eventwire.batch.spark import jvm_archive_state, run_spark, spark_session, stop_session

    started = time.perf_counter()
    session = spark_session(f"local[{workers}]", use_jvm_archive=use_jvm_archive)
    session.sparkContext.setLogLevel("ERROR")
    session_seconds = time.perf_counter() - started
    output = work / "out-spark"
    report = run_spark(str(work / "in"), str(output), spark=session, batch_size=batch_size, overwrite=True)
    # The same job again in the same session: what a long-running Spark application pays once its JVM is
    # warm and its Python workers hold the model (the first job pays both; the check uses the first).
    warm = run_spark(str(work / "in"), str(work / "out-spark-warm"), spark=session, batch_size=batch_size,
                     overwrite=True)
    archive = (jvm_archive_state(session) or "none").split(" ")[0]
    file_system = session.sparkContext.getConf().get("spark.hadoop.fs.file.impl", "Hadoop's own")
    stop_session(session)
    return {"seconds": report.seconds, "work_cpu": report.cpu_seconds, "session_seconds": session_seconds,
            "jvm_archive": archive, "file_system": file_system,
            "events": report.stats.events,
            "output": str(output), "rss": {str(pid): mb for pid, mb in report.peak_rss_mb.items()},
            "partitions": report.partitions, "warm_seconds": warm.seconds}


def run_measurement(name: str, work: Path, batch_size: int, use_jvm_archive: bool = True) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return what it printed."""
    command = [sys.executable, __file__, "--measure", name, "--work", str(work),
               "--batch-size", str(batch_size)] + ([] if use_jvm_archive else ["--no-jvm-archive"])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{name} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def measure_here(name: str, work: Path, batch_size: int, use_jvm_archive: bool = True) -> dict[str, Any]:
    if name == "spacy":
        return measure_spacy(work, batch_size)
    if name == "code":
        return measure_code(work, batch_size)
    if name == "paired":
        return measure_paired(work, batch_size)
    if name.startswith("local-"):
        return measure_local(work, batch_size, int(name.split("-")[1]))
    if name.startswith("spark-"):
        return measure_spark(work, batch_size, int(name.split("-")[1]), use_jvm_archive)
    raise ValueError(name)


# -- report ----------------------------------------------------------------------------------------
def output_keys(output: str) -> set[tuple]:
    from eventwire.batch import read_output

    table = read_output(output).select(list(KEY_COLUMNS))
    return {tuple(row.values()) for row in table.to_pylist()}


def print_report(results: dict[str, dict[str, Any]], words: int, sentences: int, articles: int,
                 corpus: str) -> None:
    ceiling = words / results["spacy"]["seconds"]
    print(f"\ninput: {corpus}: {articles} articles, {words:,} words, {sentences:,} sentences; "
          f"{os.cpu_count()} cores; load average now {os.getloadavg()[0]:.1f}")
    print(f"{'run':<10} {'seconds':>8} {'words/s':>9} {'sents/s':>8} {'x ceiling':>9} {'coding cpu s':>12} "
          f"{'words/cpu-s':>11}  peak RSS per worker (MB)")
    for name, r in results.items():
        wps = words / r["seconds"]
        peaks = ", ".join(f"{mb:.0f}" for mb in sorted(r["rss"].values()))
        sps = sentences / r["seconds"]
        print(f"{name:<10} {r['seconds']:8.1f} {wps:9.0f} {sps:8.1f} {wps / ceiling:9.2f} "
              f"{r['work_cpu']:12.1f} {words / r['work_cpu']:11.0f}  {peaks}")
    if "spark-2" in results:
        spark = results["spark-2"]
        print(f"(spark: session start {spark['session_seconds']:.1f}s not counted; {spark['partitions']} "
              f"partitions; JVM class archive: {spark['jvm_archive']}; local file system: "
              f"{spark.get('file_system', '?')}; a second job in the same warm session: "
              f"{spark['warm_seconds']:.1f}s, {words / spark['warm_seconds']:.0f} words/s)")


def print_checks(results: dict[str, dict[str, Any]], paired: list[dict[str, Any]], work: Path) -> None:
    checks = []
    overhead = results["code"]["seconds"] / results["spacy"]["seconds"] - 1
    cpu_overhead = results["code"]["work_cpu"] / results["spacy"]["work_cpu"] - 1
    separate = f"separate processes, fastest rounds: {overhead:.0%}, by CPU time {cpu_overhead:.0%}"
    if paired:
        median = statistics.median(r["overhead"] for r in paired)
        checks.append((f"coder overhead over bare parsing {median:.0%} (paired in one process, median of "
                       f"{len(paired)} rounds; {separate})", median <= 0.25))
    else:
        checks.append((f"coder overhead over bare parsing {overhead:.0%} ({separate})", overhead <= 0.25))
    if "local-1" in results and "local-2" in results:
        speedup = results["local-1"]["seconds"] / results["local-2"]["seconds"]
        checks.append((f"local 2 workers vs 1: {speedup:.2f}x", speedup >= 1.7))
    if "spark-2" in results and "local-2" in results:
        ratio = results["local-2"]["seconds"] / results["spark-2"]["seconds"]
        checks.append((f"spark local[2] vs local 2 workers: {ratio:.2f}x", ratio >= 0.8))
    peak = max(mb for r in [*results.values(), *paired] for mb in r["rss"].values())
    checks.append((f"peak memory per worker {peak:.0f} MB", peak <= 600))
    expected = {tuple(k) for k in json.loads((work / "code-keys.json").read_text())}
    for name, r in results.items():
        if "output" in r:
            got = output_keys(r["output"])
            checks.append((f"{name} output = Coder.code_articles ({len(got)} vs {len(expected)} events)",
                           got == expected))
    print()
    for text, ok in checks:
        print(f"[{'ok' if ok else 'FAIL'}] {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, help="CSV (url,date,title,text) or JSONL of articles")
    parser.add_argument("--repeat", type=int, default=None, help="repeat the corpus N times (default: "
                        "2 for the shared corpus, 10 for the sample)")
    parser.add_argument("--files", type=int, default=12, help="JSONL files to split the input into")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3,
                        help="run every measurement N times, one round after the other, and report each one's "
                        "fastest round: the one least disturbed by other work on a shared machine (default 3)")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-jvm-archive", action="store_true",
                        help="spark: a JVM without its class archive (neither mapped nor recorded)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure_here(args.measure, args.work, args.batch_size, not args.no_jvm_archive)))
        return 0

    corpus = args.input or (SHARED_CORPUS if SHARED_CORPUS.exists() else SAMPLE)
    repeat = args.repeat or (2 if corpus == SHARED_CORPUS else 10)
    if os.getloadavg()[0] > 0.5:
        print(f"note: the machine is busy (load average {os.getloadavg()[0]:.1f}); wall-time ratios are only "
              "reliable on an idle machine", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    try:
        write_inputs(load_corpus(corpus), repeat, args.files, work / "in")
        runs = ["spacy", "code", "paired", "local-1", "local-2"] + ([] if args.no_spark else ["spark-2"])
        rounds = []
        for k in range(max(1, args.rounds)):
            results = {}
            # every other round in reverse order, so that a machine getting busier or quieter over the run
            # does not always favour the measurements that come first
            for name in runs if k % 2 == 0 else runs[::-1]:
                load = os.getloadavg()[0]
                print(f"round {k + 1}: measuring {name} ... (load average {load:.1f})", file=sys.stderr, flush=True)
                results[name] = run_measurement(name, work, args.batch_size, not args.no_jvm_archive)
            rounds.append(results)
        timed = [name for name in runs if name != "paired"]
        best = {name: min((r[name] for r in rounds), key=lambda r: r["seconds"]) for name in timed}
        paired = [r["paired"] for r in rounds]
        base = best["spacy"]
        print_report(best, base["words"], base["sentences"], base["articles"], f"{corpus.name} x{repeat}")
        if len(rounds) > 1:
            print(f"(fastest of {len(rounds)} rounds; seconds in each round: " + "; ".join(
                f"{name} " + " / ".join(f"{r[name]['seconds']:.1f}" for r in rounds) for name in timed) + ")")
            if "local-1" in timed and "local-2" in timed:
                print("(local 2 workers vs 1, round by round: " + " / ".join(
                    f"{r['local-1']['seconds'] / r['local-2']['seconds']:.2f}x" for r in rounds) + ")")
            if "spark-2" in runs:
                print("(spark JVM class archive, round by round: "
                      + " / ".join(r["spark-2"]["jvm_archive"] for r in rounds) + ")")
        print("(paired, round by round: coding " + " / ".join(f"{r['seconds']:.1f}" for r in paired)
              + " s against parsing " + " / ".join(f"{r['parse_seconds']:.1f}" for r in paired)
              + f" s, in {paired[0]['slices']} alternated slices: overhead "
              + " / ".join(f"{r['overhead']:.0%}" for r in paired) + ")")
        print_checks(best, paired, work)
    finally:
        if args.keep:
            print(f"work folder: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
