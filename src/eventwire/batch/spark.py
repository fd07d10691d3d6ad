"""The Spark batch engine (`pip install eventwire[spark]`): the same coding and the same Parquet output as the
local engine, on `local[N]` or on a cluster through `spark-submit`.

Spark reads the articles (JSON lines or Parquet, any Hadoop-compatible path), `mapInPandas` codes each
partition in the Python workers with Arrow batches between the JVM and Python, and Spark writes Parquet
partitioned by `event_month`.

One Coder per Python worker process: the partition function gets it from `worker_coder()`, i.e.
`Coder.default()`, an `lru_cache` on a function that constructs the Coder. That cache is per-process
construction, not shared state: with `spark.python.worker.reuse` (on by default) a worker loads the model for
its first partition and reuses it for the next ones.

Counts (articles, skipped, bad records, events, peak memory per worker) come back through a Spark
accumulator; Spark may count a retried task twice, so they are exact only when no task was retried.

A local session started here writes local files through `batch.local_fs` (no `chmod` process per file) and maps
the JVM's class archive (`batch.jvm_archive`), or records it on the first run; `stop_session` lets a recording
JVM exit and keeps the archive.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyspark.accumulators import AccumulatorParam

from eventwire.batch import (
    MAX_REPORTED_PROBLEMS,
    PARTITION_COLUMN,
    CodingStats,
    code_numbered,
    event_rows,
    jvm_archive,
    limit_threads,
    local_fs,
    rows_table,
    single_threaded_env,
    worker_coder,
)
from eventwire.batch.inputs import (
    ARTICLE_FIELDS,
    InputError,
    InputFile,
    article_from_record,
    discover_inputs,
    input_format,
)
from eventwire.store.schema import MENTION_COLUMNS

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

CORRUPT_COLUMN = "_corrupt_record"
FILE_COLUMN = "_input_file"
ARROW_BATCH_ROWS = 512  # articles per Arrow batch sent to a Python worker (bounds worker memory)
PARTITIONS_PER_CORE = 3  # more tasks than cores, so a long partition doesn't leave a core idle at the end
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
OPEN_COST_BYTES = 64 * 1024  # Spark's estimate of the cost of opening a file (default 4 MB packs small files)
ARCHIVE_CONF = "spark.eventwire.jvmArchive"  # the class archive this session's JVM maps or records
RECORDING_CONF = "spark.eventwire.jvmArchive.recording"  # set while the JVM records it (to this temp file)


@dataclass
class SparkReport:
    output: str
    partitions: int  # partitions coded (counted by the workers: a retried task counts twice)
    seconds: float
    stats: CodingStats
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # Python worker pid -> peak RSS (MB)
    cpu_seconds: float = 0.0  # CPU time of the Python workers coding (not loading the model, not the JVM)
    jvm_archive: str | None = None  # "mapped PATH" or "recording to PATH" (batch.jvm_archive), else None


class StatsAccumulator(AccumulatorParam):
    """Sums CodingStats-like dicts from the workers; keeps each worker's peak memory by pid."""

    def zero(self, value: dict[str, Any]) -> dict[str, Any]:
        return {"articles": 0, "skipped": 0, "bad": 0, "events": 0, "problems": [], "rss": {}, "cpu": 0.0,
                "partitions": 0}

    def addInPlace(self, total: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        for key in ("articles", "skipped", "bad", "events", "cpu", "partitions"):
            total[key] += more.get(key, 0)
        room = MAX_REPORTED_PROBLEMS - len(total["problems"])
        total["problems"].extend(more.get("problems", [])[:max(room, 0)])
        for pid, mb in more.get("rss", {}).items():
            total["rss"][pid] = max(total["rss"].get(pid, 0.0), mb)
        return total


def _spark_type(sql_type: str):
    from pyspark.sql import types as T

    return {"VARCHAR": T.StringType(), "DATE": T.DateType(), "INTEGER": T.IntegerType(),
            "TINYINT": T.ByteType(), "DOUBLE": T.DoubleType()}[sql_type]


def mention_struct() -> StructType:
    """MENTION_COLUMNS as a Spark schema (the twin of batch.MENTION_SCHEMA)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, _spark_type(sql), True) for name, sql in MENTION_COLUMNS])


def article_struct() -> StructType:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, T.StringType(), True) for name in ARTICLE_FIELDS]
                        + [T.StructField(CORRUPT_COLUMN, T.StringType(), True)])


def _jvm_running() -> bool:
    from pyspark import SparkContext

    return SparkContext._gateway is not None  # noqa: SLF001 - the JVM pyspark launched for this process


def _jvm_cache(cache_dir: Path | None) -> tuple[Path | None, Path]:
    """Where to keep what eventwire derives for the local JVM (None: no home folder), and Spark's jars."""
    from pyspark.find_spark_home import _find_spark_home

    return cache_dir or jvm_archive.default_folder(), Path(_find_spark_home()) / "jars"


def spark_session(master: str | None = None, app_name: str = "eventwire-batch", jvm_cache_dir: Path | None = None,
                  use_jvm_archive: bool = True, use_local_fs: bool = True) -> SparkSession:
    """The active session (under spark-submit), or a new one on `master` (e.g. local[2]).

    A local session that starts the JVM keeps two things in `jvm_cache_dir` (default
    `jvm_archive.default_folder()`): the local file system class of `batch.local_fs` (`use_local_fs`), and the
    JVM's class archive, which it maps or records (`use_jvm_archive`); stop it with `stop_session` to keep a
    recording.
    """
    from pyspark.sql import SparkSession

    limit_threads()  # local-mode Python workers inherit the environment of this process
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # In local mode the workers run this interpreter (with eventwire installed), not `python3`.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            builder = _local_jvm(builder, jvm_cache_dir, use_jvm_archive, use_local_fs)
    for name, value in single_threaded_env().items():
        builder = builder.config(f"spark.executorEnv.{name}", value)
    session = (builder
               .config("spark.python.worker.reuse", "true")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH_ROWS))
               .config("spark.sql.files.openCostInBytes", str(OPEN_COST_BYTES))
               .config("spark.ui.showConsoleProgress", "false")
               .getOrCreate())
    # Split the input into a few partitions per core as it is read, so that no shuffle is needed to give
    # every core work (a repartition adds a stage and, on small jobs, seconds before the first task).
    cores = session.sparkContext.defaultParallelism
    session.conf.set("spark.sql.files.minPartitionNum", str(cores * PARTITIONS_PER_CORE))
    return session


def _on_class_path(jar: Path) -> bool:
    from pyspark import SparkContext

    class_path = SparkContext._jvm.java.lang.System.getProperty("java.class.path")  # noqa: SLF001
    return str(jar) in str(class_path).split(os.pathsep)


def _local_jvm(builder: SparkSession.Builder, cache_dir: Path | None, use_jvm_archive: bool,
               use_local_fs: bool) -> SparkSession.Builder:
    """The options of a local-mode JVM, which shares the cores with the Python workers that do the work: a
    quick JIT and a single-threaded GC leave them more CPU (measured: ~20% shorter jobs on 2 cores). It writes
    files without a process per file (`batch.local_fs`) and maps its classes from the class archive."""
    java_options = LOCAL_JVM_OPTIONS
    folder, jars = _jvm_cache(cache_dir)
    if folder is None:  # no home folder to keep them in
        return builder.config("spark.driver.extraJavaOptions", java_options)
    # The class path and the archive are fixed when the JVM starts: a later session in this process can use
    # the file system class only if the JVM was started with it, and can't change the archive.
    running = _jvm_running()
    java = jvm_archive.find_java() if use_local_fs or use_jvm_archive else None  # `java -version` once
    fs_jar = local_fs.helper_jar(folder, jars, java=java) if use_local_fs and java else None
    if fs_jar is not None and (not running or _on_class_path(fs_jar)):
        builder = (builder.config("spark.driver.extraClassPath", str(fs_jar))
                   .config("spark.hadoop.fs.file.impl", local_fs.FILE_SYSTEM_CLASS))
    archive = None
    if use_jvm_archive and java and not running:
        # An archive fits one class path, so the jar is part of its key.
        archive = jvm_archive.prepare(folder, jars, f"{java_options} -cp {fs_jar}" if fs_jar else java_options,
                                      java)
    if archive is not None:
        java_options = f"{java_options} {archive.java_options()}"
        builder = builder.config(ARCHIVE_CONF, str(archive.path))
        if archive.recording is not None:
            builder = builder.config(RECORDING_CONF, str(archive.recording))
    return builder.config("spark.driver.extraJavaOptions", java_options)


def jvm_archive_state(session: SparkSession) -> str | None:
    """"mapped PATH" or "recording to PATH" for a session from spark_session(), else None."""
    conf = session.sparkContext.getConf()
    path = conf.get(ARCHIVE_CONF, None)
    if not path:
        return None
    return f"recording to {path}" if conf.get(RECORDING_CONF, None) else f"mapped {path}"


def _shut_down_jvm() -> int | None:
    """Let the JVM pyspark launched for this process exit (it exits when its stdin closes) and wait for it.
    Its exit code, or None if it was not ours or did not exit in time."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway  # noqa: SLF001
    process = getattr(gateway, "proc", None)
    if gateway is None or process is None:
        return None
    with contextlib.suppress(Exception):
        gateway.shutdown()
    with contextlib.suppress(OSError):
        process.stdin.close()
    try:
        exit_code = process.wait(timeout=jvm_archive.EXIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        exit_code = None
    SparkContext._gateway = None  # noqa: SLF001 - the next session launches a new JVM
    SparkContext._jvm = None  # noqa: SLF001
    return exit_code


def stop_session(session: SparkSession) -> str | None:
    """Stop a session. If its JVM records the class archive, let the JVM exit now (it writes the archive as
    it exits) and move the archive into place. Returns "recorded PATH" when it did, else None."""
    conf = session.sparkContext.getConf()
    path, recording = conf.get(ARCHIVE_CONF, None), conf.get(RECORDING_CONF, None)
    session.stop()
    if not (path and recording):
        return None
    archive = jvm_archive.ClassArchive(Path(path), recording=Path(recording))
    return f"recorded {path}" if jvm_archive.keep_recording(archive, _shut_down_jvm()) else None


def _is_remote(spec: str) -> bool:
    return "://" in spec


def _format_of(spec: str, given: str | None) -> str:
    if given:
        return given
    return input_format(spec.rstrip("/*")) or "jsonl"


def _read_group(spark: SparkSession, paths: list[str] | str, fmt: str) -> DataFrame:
    from pyspark.sql import functions as F

    if fmt == "parquet":
        frame = spark.read.parquet(*([paths] if isinstance(paths, str) else paths))
        columns = [(F.col(c) if c in frame.columns else F.lit(None)).cast("string").alias(c)
                   for c in ARTICLE_FIELDS]
        frame = frame.select(*columns, F.lit(None).cast("string").alias(CORRUPT_COLUMN))
    else:
        frame = (spark.read.schema(article_struct()).option("mode", "PERMISSIVE")
                 .option("columnNameOfCorruptRecord", CORRUPT_COLUMN).json(paths))
    return frame.withColumn(FILE_COLUMN, F.input_file_name())


def read_articles(spark: SparkSession, input_spec: str, fmt: str | None = None) -> DataFrame:
    """Article records from a local folder/glob/file (discovered as the local engine does) or a remote path
    (hdfs://, s3a://, ...; format from `fmt` or the path's suffix, default JSON lines)."""
    return _read_sources(spark, input_spec, fmt, None if _is_remote(input_spec) else discover_inputs(input_spec))


def _read_sources(spark: SparkSession, input_spec: str, fmt: str | None,
                  sources: list[InputFile] | None) -> DataFrame:
    if sources is None:
        return _read_group(spark, input_spec, _format_of(input_spec, fmt))
    frames = []
    for group in ("jsonl", "parquet"):
        paths = [os.path.abspath(s.path) for s in sources if s.format == group]
        if paths:
            frames.append(_read_group(spark, paths, group))
    combined = frames[0]
    for frame in frames[1:]:
        combined = combined.unionByName(frame)
    return combined


def _record_position(row: dict[str, Any]) -> str:
    name = os.path.basename(str(row.get(FILE_COLUMN) or "input"))
    return f"{name}: article {row['id']!r}" if row.get("id") else name


def _numbered_articles(frames: Iterator[pd.DataFrame], stats: CodingStats):
    for frame in frames:
        for row in frame.to_dict("records"):
            corrupt = row.get(CORRUPT_COLUMN)
            if isinstance(corrupt, str):  # Spark keeps the raw line of a record it could not parse
                stats.report(_record_position(row), f"bad JSON: {corrupt[:80]!r}")
                continue
            try:
                article = article_from_record(row)
            except ValueError as exc:
                stats.report(_record_position(row), str(exc))
                continue
            yield _record_position(row), article


def _as_pandas(rows: list[dict[str, Any]]) -> pd.DataFrame:
    # Nullable integers stay Python ints (not floats with NaN) so Spark casts them exactly.
    return rows_table(rows).to_pandas(date_as_object=True, integer_object_nulls=True)


PartitionFunction = Callable[[Iterator["pd.DataFrame"]], Iterator["pd.DataFrame"]]


def coding_function(batch_size: int, accumulator) -> PartitionFunction:
    """The mapInPandas function: code the articles of one partition, yielding frames of up to 512 rows."""

    def code_partition(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        limit_threads()
        coder = worker_coder()
        cpu_started = time.process_time()
        stats = CodingStats()
        rows: list[dict[str, Any]] = []
        for article, events in code_numbered(coder, _numbered_articles(frames, stats), stats, batch_size):
            rows.extend(event_rows(article, events))
            if len(rows) >= ARROW_BATCH_ROWS:
                yield _as_pandas(rows)
                rows = []
        if rows:
            yield _as_pandas(rows)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        accumulator.add({**stats.to_dict(), "rss": {os.getpid(): peak_mb},
                         "cpu": time.process_time() - cpu_started, "partitions": 1})

    return code_partition


def _splits_into(sources: list[InputFile], partitions: int) -> bool:
    """Whether Spark splits these local files into at least `partitions` partitions as it reads them.

    Uncompressed JSON lines split at any line: Spark cuts the input into pieces of max(open cost, total size /
    spark.sql.files.minPartitionNum) bytes. Gzipped files and small Parquet files are not split.
    """
    if not sources or any(s.format != "jsonl" or s.path.lower().endswith(".gz") for s in sources):
        return False
    return sum(os.path.getsize(s.path) for s in sources) >= partitions * OPEN_COST_BYTES


def _spread(articles: DataFrame, partitions: int | None, cores: int, sources: list[InputFile] | None) -> DataFrame:
    """`partitions` partitions if asked for; else as read, unless that leaves cores idle.

    Asking Spark how many partitions it reads plans the query (on a cold JVM ~0.5 s before the first task), so
    for local files that certainly split into a few partitions per core it isn't asked.
    """
    if partitions:
        return articles.repartition(partitions)
    if sources is not None and _splits_into(sources, cores * PARTITIONS_PER_CORE):
        return articles
    if articles.rdd.getNumPartitions() < cores:
        return articles.repartition(cores * PARTITIONS_PER_CORE)
    return articles


def run_spark(input_spec: str, output: str, spark: SparkSession | None = None, master: str | None = None,
              partitions: int | None = None, batch_size: int = 16, overwrite: bool = False,
              input_format_name: str | None = None) -> SparkReport:
    """Code INPUT into partitioned Parquet at OUTPUT with Spark. Uses `spark`, else the active session (under
    spark-submit), else a new one on `master`."""
    started = time.perf_counter()
    session = spark or spark_session(master)
    sources = None if _is_remote(input_spec) else discover_inputs(input_spec)
    articles = _read_sources(session, input_spec, input_format_name, sources)
    articles = _spread(articles, partitions, session.sparkContext.defaultParallelism, sources)
    accumulator = session.sparkContext.accumulator(StatsAccumulator().zero({}), StatsAccumulator())
    coded = articles.mapInPandas(coding_function(batch_size, accumulator), schema=mention_struct())
    (coded.write.mode("overwrite" if overwrite else "errorifexists")
     .partitionBy(PARTITION_COLUMN).option("compression", "zstd").parquet(output))
    totals = accumulator.value
    stats = CodingStats(articles=totals["articles"], skipped=totals["skipped"], bad=totals["bad"],
                        events=totals["events"], problems=totals["problems"])
    return SparkReport(output=output, partitions=totals["partitions"], seconds=time.perf_counter() - started,
                       stats=stats, peak_rss_mb=dict(totals["rss"]), cpu_seconds=totals["cpu"],
                       jvm_archive=jvm_archive_state(session))


__all__ = ["InputError", "SparkReport", "article_struct", "coding_function", "jvm_archive_state", "mention_struct",
           "read_articles", "run_spark", "spark_session", "stop_session"]
