"""`eventwire batch INPUT OUTPUT [--engine local|spark] [--workers N]`: a corpus into partitioned Parquet."""

from __future__ import annotations

import argparse
import os
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "batch", help="code a corpus of JSONL/Parquet articles into Parquet, on every core or on Spark",
        description="Code a corpus into Parquet event mentions (the columns of the store's export), "
        "partitioned by event month: OUTPUT/event_month=YYYY-MM/part-*.parquet. INPUT is a folder, a glob "
        "or a file of JSON lines (.jsonl, .ndjson, .json, optionally .gz) or Parquet articles with a 'text' "
        "field and optional 'id', 'published', 'title', 'url', 'source', 'language'. The local engine codes "
        "each input file in its own process and is resumable: a rerun skips the input files already done.")
    p.add_argument("input", metavar="INPUT", help="folder, glob or file of articles (spark: also hdfs://, s3a://)")
    p.add_argument("output", metavar="OUTPUT", help="output folder (spark: any Hadoop-compatible path)")
    p.add_argument("--engine", choices=("local", "spark"), default="local")
    p.add_argument("--workers", type=_positive, default=None,
                   help="processes (local) or local[N] cores (spark); default: all cores")
    p.add_argument("--batch-size", type=_positive, default=16, help="articles per spaCy batch (default 16)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace OUTPUT instead of resuming (local) or failing because it exists (spark)")
    spark = p.add_argument_group("spark engine")
    spark.add_argument("--master",
                       help="Spark master URL (default: the spark-submit one, else local[WORKERS])")
    spark.add_argument("--partitions", type=_positive, help="partitions to code (default: 3 per core)")
    spark.add_argument("--input-format", choices=("jsonl", "parquet"),
                       help="format of a remote INPUT whose name doesn't say (default: from its suffix)")
    spark.add_argument("--no-jvm-archive", action="store_true",
                       help="local Spark: neither map nor record the JVM's class archive, which makes later "
                       "starts faster (kept in $XDG_CACHE_HOME/eventwire/jvm; see docs/scale.md)")
    spark.add_argument("--no-local-fs-helper", action="store_true",
                       help="local Spark: write local files through Hadoop's own class, which starts a chmod "
                       "process for each file and folder, instead of eventwire's (compiled once with the JDK's "
                       "javac into $XDG_CACHE_HOME/eventwire/jvm; see docs/scale.md)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _print_problems(problems: list[str], total_bad: int) -> None:
    for problem in problems:
        print(f"eventwire batch: skipped {problem}", file=sys.stderr)
    if total_bad > len(problems):
        print(f"eventwire batch: ... and {total_bad - len(problems)} more bad records", file=sys.stderr)


def run_local_engine(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from eventwire.batch.local import FileResult, run_local

    bar = tqdm(unit="file", desc="batch", disable=args.quiet, file=sys.stderr)

    def on_result(result: FileResult) -> None:
        bar.update(1)
        if result.status == "failed":
            tqdm.write(f"eventwire batch: {result.source.path}: failed: {result.error}", file=sys.stderr)
        for problem in result.stats.problems:
            tqdm.write(f"eventwire batch: skipped {problem}", file=sys.stderr)

    with bar:
        report = run_local(args.input, args.output, workers=args.workers, batch_size=args.batch_size,
                           overwrite=args.overwrite, on_result=on_result)
    totals = report.totals
    print(f"{len(report.results)} input files ({report.count('coded')} coded, {report.count('done')} done "
          f"before, {report.count('failed')} failed) with {report.workers} workers in {report.seconds:.1f}s: "
          f"{totals.articles} articles, {totals.events} events, {totals.skipped} not coded, "
          f"{totals.bad} bad records -> {args.output}", file=sys.stderr)
    if not report.ok:
        print("eventwire batch: rerun the same command to retry the failed files", file=sys.stderr)
    return 0 if report.ok else 1


def run_spark_engine(args: argparse.Namespace) -> int:
    try:
        from eventwire.batch.spark import run_spark, spark_session, stop_session
    except ImportError as exc:
        print(f"eventwire batch: the spark engine needs pyspark: pip install 'eventwire[spark]' ({exc})",
              file=sys.stderr)
        return 2
    master = args.master
    if not master and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        master = f"local[{args.workers or os.cpu_count() or 1}]"
    from pyspark.errors import AnalysisException

    session = spark_session(master, use_jvm_archive=not args.no_jvm_archive, use_local_fs=not args.no_local_fs_helper)
    try:
        report = run_spark(args.input, args.output, spark=session, partitions=args.partitions,
                           batch_size=args.batch_size, overwrite=args.overwrite,
                           input_format_name=args.input_format)
    except AnalysisException as exc:  # e.g. OUTPUT exists, INPUT path not found
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"eventwire batch: spark: {first_line}", file=sys.stderr)
        if "already exists" in str(exc):
            print("eventwire batch: pass --overwrite to replace it", file=sys.stderr)
        return 2
    finally:
        recorded = stop_session(session)
    if report.jvm_archive and report.jvm_archive.startswith("mapped"):
        print(f"spark: JVM class archive {report.jvm_archive}", file=sys.stderr)
    if recorded:
        print(f"spark: JVM class archive {recorded}; later runs start faster", file=sys.stderr)
    stats = report.stats
    _print_problems(stats.problems, stats.bad)
    print(f"spark: {report.partitions} partitions in {report.seconds:.1f}s: {stats.articles} articles, "
          f"{stats.events} events, {stats.skipped} not coded, {stats.bad} bad records -> {args.output}",
          file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    from eventwire.batch.inputs import InputError
    from eventwire.batch.local import OutputError

    try:
        if args.engine == "spark":
            return run_spark_engine(args)
        return run_local_engine(args)
    except (InputError, OutputError) as exc:
        print(f"eventwire batch: {exc}", file=sys.stderr)
        return 2
