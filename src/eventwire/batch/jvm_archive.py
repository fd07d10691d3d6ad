"""The class archive of the local Spark JVM: for Java what `__pycache__` is for Python.

A cold JVM spends most of the first Spark job loading and verifying classes: about 9,500 of them for a batch
job, on top of the 10,800 the session loads, with the Python workers waiting. Java 13 and later can write the
classes a run loaded to an archive when the JVM exits (`-XX:ArchiveClassesAtExit`, application class-data
sharing) and map that archive at the next start (`-XX:SharedArchiveFile`), verified already. On two cores,
wikinews x2: the session starts in 2.6-3.1 s instead of 5.7-6.5 s, and the first job takes 27-29 s instead of
34-35 s, with the JVM's own CPU time in it down from 8.6 s to 5 s (docs/scale.md).

The first local session on a machine (for one Java, Spark and set of JVM options) records the archive into a
temporary file; `spark.stop_session` lets that JVM exit, waits for it to write the archive (about ten seconds,
once) and keeps it (`keep_recording`). Later sessions map it. An archive that does not fit the JVM (another
version, other jars) is ignored by the JVM, but a truncated one crashes it (SIGBUS while mapping, Java 17): so a
recording is kept only if a JVM starts cleanly with it, and its size and time are written beside it; an archive
that no longer matches them is deleted and recorded again. Archives (about 180 MB) live under
`$XDG_CACHE_HOME/eventwire/jvm` (default `~/.cache/eventwire/jvm`); one that no JVM mapped for 30 days is
deleted, and deleting the folder drops them all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from eventwire.tables import cache_folder

MIN_JAVA = 13  # -XX:ArchiveClassesAtExit (dynamic archives) came with Java 13
QUIET = "-Xlog:cds=off"  # the JVM lists every class it cannot archive (signed jars, generated classes)
JAVA_VERSION_TIMEOUT_S = 20
UNUSED_DAYS = 30  # an archive no JVM mapped for this long is deleted
EXIT_TIMEOUT_S = 300  # writing the archive takes ~10 s on two cores; a JVM that takes longer is abandoned


@dataclass(frozen=True)
class ClassArchive:
    """Where this JVM's class archive is, and whether this JVM records it (`recording`) or maps it."""

    path: Path
    recording: Path | None = None  # the temporary file this JVM writes the archive to when it exits

    def java_options(self) -> str:
        if self.recording is not None:
            return f'-XX:ArchiveClassesAtExit="{self.recording}" {QUIET}'
        return f'-XX:SharedArchiveFile="{self.path}" {QUIET}'


def default_folder() -> Path | None:
    return cache_folder("jvm")


def java_command() -> str | None:
    """The `java` that spark-submit runs: $JAVA_HOME/bin/java, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return os.path.join(home, "bin", "java")
    return shutil.which("java")


def java_description(java: str) -> str | None:
    """What `java -version` says (it names the version and the VM), or None if it can't be run."""
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True,
                              timeout=JAVA_VERSION_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stderr.strip() if done.returncode == 0 else None


def java_major(description: str) -> int | None:
    """The major version in what `java -version` says: 17 for "17.0.15", 8 for "1.8.0_392"."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', description)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):
        major = int(match.group(2))
    return major


@dataclass(frozen=True)
class Java:
    """The `java` that spark-submit will run, and what its `-version` says."""

    command: str
    description: str


def find_java() -> Java | None:
    """The Java that spark-submit will run, asked for its version once; None if there is none that runs."""
    command = java_command()
    description = java_description(command) if command else None
    return Java(command, description) if command and description else None


def supports_archives(description: str) -> bool:
    """HotSpot (OpenJDK and its builds) from Java 13 on; OpenJ9 shares classes another way."""
    major = java_major(description)
    return major is not None and major >= MIN_JAVA and "OpenJ9" not in description


def jvm_key(*parts: str, jars: Path) -> str:
    """A hash of `parts` and of Spark's jars (name, size, time): what is derived from them changes with them."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    for jar in sorted(jars.glob("*.jar")):
        stat = jar.stat()
        digest.update(f"{jar.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def archive_key(java: str, description: str, jars: Path, jvm_options: str) -> str:
    """Changes whenever the JVM, a Spark jar or the JVM options change: an archive fits only its own JVM."""
    return jvm_key(java, description, jvm_options, jars=jars)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, and someone else's
    return True


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _stamp_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".ok")


def is_intact(archive: Path) -> bool:
    """Whether the archive is the file that was checked when it was kept (same size and time)."""
    try:
        return _stamp_path(archive).read_text(encoding="utf-8").strip() == _stamp(archive)
    except OSError:
        return False


def starts_cleanly(java: str, archive: Path) -> bool:
    """Whether a JVM maps `archive` without crashing (a truncated archive kills it with SIGBUS). It runs in a
    scratch folder: a crashing JVM writes its report (hs_err_pid*.log) into its working folder."""
    with tempfile.TemporaryDirectory(prefix="eventwire-jvm-") as scratch:
        try:
            done = subprocess.run([java, f"-XX:SharedArchiveFile={archive}", QUIET, "-version"], cwd=scratch,
                                  capture_output=True, timeout=JAVA_VERSION_TIMEOUT_S, check=False)
        except (OSError, subprocess.SubprocessError):
            return False
    return done.returncode == 0


def remove_abandoned_recordings(folder: Path) -> None:
    """Delete the temporary archives of processes that are gone (ended before `spark.stop_session`)."""
    for recording in folder.glob(".spark-*.jsa.tmp"):
        pid = recording.name.split(".")[2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            with contextlib.suppress(OSError):
                recording.unlink()


def remove_unused_archives(folder: Path, keep: Path, now: float) -> None:
    """Delete the archives (180 MB each) that no JVM has mapped for UNUSED_DAYS: a new Java, Spark or set of
    options, or a new eventwire jar, makes a new one and leaves the old one behind. A mapped archive's stamp
    file is touched each time, so its time says when it was last used."""
    for archive in folder.glob("spark-*.jsa"):
        if archive == keep:
            continue
        stamp = _stamp_path(archive)
        try:
            last_used = (stamp if stamp.exists() else archive).stat().st_mtime
        except OSError:
            continue
        if now - last_used > UNUSED_DAYS * 86400:
            for stale in (archive, stamp):
                with contextlib.suppress(OSError):
                    stale.unlink(missing_ok=True)


def prepare(folder: Path, jars: Path, jvm_options: str, java: Java | None = None) -> ClassArchive | None:
    """The archive for a JVM (`java`, default find_java()) about to start with `jvm_options`: to map if one was
    made, else to record. None when the JVM can't make archives or the folder can't be written."""
    java = java or find_java()
    if java is None or not supports_archives(java.description):
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    remove_abandoned_recordings(folder)
    key = archive_key(java.command, java.description, jars, jvm_options)
    path = folder / f"spark-{key}.jsa"
    remove_unused_archives(folder, keep=path, now=time.time())
    if path.is_file() and is_intact(path):
        with contextlib.suppress(OSError):
            os.utime(_stamp_path(path))  # its last use: see remove_unused_archives
        return ClassArchive(path)
    for stale in (path, _stamp_path(path)):  # damaged or never checked: record it again
        with contextlib.suppress(OSError):
            stale.unlink(missing_ok=True)
    return ClassArchive(path, recording=folder / f".spark-{key}.{os.getpid()}.jsa.tmp")


def keep_recording(archive: ClassArchive, exit_code: int | None) -> bool:
    """After the recording JVM exited: keep its archive (True) if it exited normally and a JVM starts cleanly
    with it, stamped with its size and time; else delete it."""
    recorded = archive.recording
    if recorded is None:
        return False
    java = java_command()
    try:
        if (exit_code == 0 and java and recorded.is_file() and recorded.stat().st_size > 0
                and starts_cleanly(java, recorded)):
            os.replace(recorded, archive.path)
            _stamp_path(archive.path).write_text(_stamp(archive.path), encoding="utf-8")
            return True
        recorded.unlink(missing_ok=True)
    except OSError:
        return False
    return False


__all__ = ["ClassArchive", "Java", "default_folder", "find_java", "is_intact", "java_major", "jvm_key",
           "keep_recording", "prepare", "remove_unused_archives", "starts_cleanly", "supports_archives"]
