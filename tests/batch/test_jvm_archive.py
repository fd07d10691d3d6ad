from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.batch import jvm_archive
from eventwire.batch.jvm_archive import ClassArchive, keep_recording, prepare, supports_archives

needs_java = pytest.mark.skipif(jvm_archive.java_command() is None, reason="no java on this machine")


@pytest.mark.parametrize(("description", "expected"), [
    ('openjdk version "17.0.15" 2025-04-15\nOpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode)', True),
    ('openjdk version "21" 2023-09-19', True),
    ('openjdk version "11.0.22" 2024-01-16', False),
    ('openjdk version "1.8.0_392"', False),
    ('openjdk version "17.0.9" 2023-10-17\nEclipse OpenJ9 VM (build openj9-0.41.0)', False),
    ("not a java", False),
])
def test_only_hotspot_from_java_13_makes_archives(description, expected):
    assert supports_archives(description) is expected


def test_options_map_an_archive_or_record_one_quietly(tmp_path):
    mapped = ClassArchive(tmp_path / "a b.jsa")
    assert mapped.java_options() == f'-XX:SharedArchiveFile="{tmp_path / "a b.jsa"}" -Xlog:cds=off'
    recording = ClassArchive(tmp_path / "a.jsa", recording=tmp_path / ".a.1.jsa.tmp")
    assert recording.java_options().startswith(f'-XX:ArchiveClassesAtExit="{tmp_path / ".a.1.jsa.tmp"}"')


def _jars(tmp_path: Path) -> Path:
    jars = tmp_path / "jars"
    jars.mkdir()
    (jars / "spark-core.jar").write_bytes(b"1")
    return jars


@needs_java
def test_the_first_jvm_records_and_later_ones_map_what_was_kept(tmp_path):
    jars, folder = _jars(tmp_path), tmp_path / "cache"
    first = prepare(folder, jars, "-XX:+UseSerialGC")
    assert first is not None and first.recording is not None
    assert first.recording.parent == folder and str(os.getpid()) in first.recording.name

    # Not an archive: the JVM ignores it and starts, so it is kept (a real one is recorded by the JVM).
    first.recording.write_bytes(b"not an archive")
    assert keep_recording(first, exit_code=0)
    assert first.path.read_bytes() == b"not an archive" and not first.recording.exists()
    assert jvm_archive.is_intact(first.path)
    assert prepare(folder, jars, "-XX:+UseSerialGC") == ClassArchive(first.path)

    first.path.write_bytes(b"changed since")  # another size: no longer the file that was checked
    again = prepare(folder, jars, "-XX:+UseSerialGC")
    assert again.recording is not None and not first.path.exists()


@needs_java
def test_an_archive_fits_only_its_jars_and_options(tmp_path):
    jars, folder = _jars(tmp_path), tmp_path / "cache"
    base = prepare(folder, jars, "-XX:+UseSerialGC").path
    assert prepare(folder, jars, "-XX:+UseParallelGC").path != base
    (jars / "extra.jar").write_bytes(b"2")
    assert prepare(folder, jars, "-XX:+UseSerialGC").path != base


def test_a_failed_recording_is_dropped(tmp_path):
    archive = ClassArchive(tmp_path / "a.jsa", recording=tmp_path / ".a.1.jsa.tmp")
    archive.recording.write_bytes(b"half")
    assert not keep_recording(archive, exit_code=137)
    assert not archive.recording.exists() and not archive.path.exists()
    assert not keep_recording(archive, exit_code=0)  # nothing was written


@needs_java
def test_recordings_of_dead_processes_are_removed(tmp_path):
    jars, folder = _jars(tmp_path), tmp_path / "cache"
    folder.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = folder / f".spark-0123456789abcdef.{gone.pid}.jsa.tmp"
    alive = folder / f".spark-0123456789abcdef.{os.getppid()}.jsa.tmp"
    dead.write_bytes(b"x")
    alive.write_bytes(b"x")
    prepare(folder, jars, "")
    assert not dead.exists() and alive.exists()


@needs_java
def test_archives_unused_for_a_month_are_removed_and_mapping_one_marks_it_used(tmp_path):
    jars, folder = _jars(tmp_path), tmp_path / "cache"
    folder.mkdir()
    current = prepare(folder, jars, "").path
    old, recent = folder / "spark-00000000000000aa.jsa", folder / "spark-00000000000000bb.jsa"
    for archive in (current, old, recent):
        archive.write_bytes(b"archive")
        jvm_archive._stamp_path(archive).write_text(jvm_archive._stamp(archive))  # noqa: SLF001 - as if kept
    month_ago = time.time() - 31 * 86400
    for stamp in (jvm_archive._stamp_path(old), jvm_archive._stamp_path(current)):  # noqa: SLF001
        os.utime(stamp, (month_ago, month_ago))

    mapped = prepare(folder, jars, "")

    assert mapped == ClassArchive(current)  # the one this JVM needs is never removed ...
    assert jvm_archive._stamp_path(current).stat().st_mtime > month_ago + 86400  # noqa: SLF001 - ... and now used
    assert not old.exists() and not jvm_archive._stamp_path(old).exists()  # noqa: SLF001
    assert recent.exists()


@needs_java
def test_no_archive_where_the_folder_cannot_be_made(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    assert prepare(tmp_path / "file" / "jvm", _jars(tmp_path), "") is None


SESSION_SCRIPT = """
import json, re, subprocess, sys
from pathlib import Path
from eventwire.batch.spark import jvm_archive_state, spark_session, stop_session

session = spark_session("local[1]", jvm_cache_dir=Path(sys.argv[1]))
rows = session.range(100).selectExpr("sum(id)").collect()[0][0]
pid = session.sparkContext._jvm.ProcessHandle.current().pid()
counters = subprocess.run(["jcmd", str(pid), "PerfCounter.print"], capture_output=True, text=True).stdout
shared = int(re.search(r"java.cls.sharedLoadedClasses=(\\d+)", counters).group(1))
state = jvm_archive_state(session)
print(json.dumps({"sum": rows, "state": state, "recorded": stop_session(session), "shared": shared}))
"""


@pytest.mark.slow
@needs_java
def test_a_local_session_records_the_archive_then_maps_it_and_survives_a_damaged_one(tmp_path, monkeypatch,
                                                                                     json_script):
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")
    if shutil.which("jcmd") is None:
        pytest.skip("jcmd (from the JDK) is needed to count the classes the JVM maps")
    folder = tmp_path / "jvm"

    first = json_script(SESSION_SCRIPT, str(folder))
    assert first["sum"] == 4950 and first["state"].startswith("recording to ")
    archive = Path(first["recorded"].removeprefix("recorded "))
    assert archive.parent == folder and archive.stat().st_size > 1_000_000
    assert not list(folder.glob("*.tmp"))

    second = json_script(SESSION_SCRIPT, str(folder))
    assert second["sum"] == 4950 and second["state"] == f"mapped {archive}" and second["recorded"] is None
    assert second["shared"] > first["shared"] + 1000  # Spark's classes came from the archive

    # Truncated (a JVM that maps it dies of SIGBUS): not mapped but recorded again.
    archive.write_bytes(archive.read_bytes()[:4096])
    monkeypatch.chdir(tmp_path)
    assert not jvm_archive.starts_cleanly(jvm_archive.java_command(), archive)
    assert not list(tmp_path.glob("hs_err_pid*.log"))  # the crashing JVM's report stays out of the cwd
    third = json_script(SESSION_SCRIPT, str(folder))
    assert third["sum"] == 4950 and third["state"].startswith("recording to ")
    assert third["recorded"] == f"recorded {archive}" and jvm_archive.is_intact(archive)


def test_no_home_folder_no_archive_and_no_helper(monkeypatch):
    """A container user without a passwd entry and without $HOME: Spark runs without an archive and with
    Hadoop's own local file system."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")
    from eventwire.batch import spark

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert jvm_archive.default_folder() is None
    from pyspark.sql import SparkSession

    options = spark._local_jvm(SparkSession.Builder(), None, True, True)._options  # noqa: SLF001
    assert options == {"spark.driver.extraJavaOptions": spark.LOCAL_JVM_OPTIONS}
