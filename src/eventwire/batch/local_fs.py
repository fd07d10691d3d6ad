"""Hadoop's local file system without a process per file, for the local Spark JVM.

PySpark's jars come without Hadoop's native library, and without it Hadoop's RawLocalFileSystem sets the
permission of every file and folder it creates by running `chmod` in a new process. Writing partitioned Parquet
creates a file, its checksum file and folders per month and task: one batch job on wikinews x2 started 263
processes (read from the JVM's flight recorder), about 3 ms each, mostly at the end of each task while its
Python worker waits for the next one.

`java/eventwire/hadoop/*.java` subclasses the local file system to set the same permission bits with a system
call (java.nio). Python packages don't ship compiled Java, so the first local session compiles those sources
with the JDK's `javac` against Spark's own Hadoop jars and keeps the jar beside the JVM class archive
(`$XDG_CACHE_HOME/eventwire/jvm`), named by a hash of the sources, the Java version and Spark's jars; later
sessions reuse it. Without a JDK (a JRE has no `javac`) or if compiling fails, Spark keeps Hadoop's own class:
slower, the same output.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from eventwire.batch import jvm_archive

FILE_SYSTEM_CLASS = "eventwire.hadoop.LocalFileSystem"
SOURCES = Path(__file__).parent / "java" / "eventwire" / "hadoop"
COMPILE_TIMEOUT_S = 120
MIN_RELEASE = 9  # javac --release came with Java 9


def javac_command(java: str) -> str | None:
    """The `javac` of the JDK that `java` belongs to, else the one on PATH (compiled with --release, either
    gives classes that `java` loads)."""
    beside = Path(os.path.realpath(java)).with_name("javac")
    if os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("javac")


def sources() -> list[Path]:
    return sorted(SOURCES.glob("*.java"))


def jar_key(javac: str, java_description: str, jars: Path, java_sources: list[Path]) -> str:
    material = "".join(f"{path.name}\n{path.read_text(encoding='utf-8')}\n" for path in java_sources)
    return jvm_archive.jvm_key(javac, java_description, material, jars=jars)


def compile_jar(javac: str, release: int, jars: Path, java_sources: list[Path], target: Path) -> bool:
    """Compile `java_sources` against the jars in `jars` and write them as the jar `target` (atomically).
    False if javac fails or can't be run."""
    with tempfile.TemporaryDirectory(prefix="eventwire-javac-") as scratch:
        classes = Path(scratch) / "classes"
        command = [javac, "--release", str(release), "-nowarn", "-proc:none", "-encoding", "UTF-8",
                   "-cp", str(jars / "*"), "-d", str(classes), *map(str, java_sources)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=COMPILE_TIMEOUT_S, check=False)
        except (OSError, subprocess.SubprocessError):
            return False
        compiled = sorted(classes.rglob("*.class")) if done.returncode == 0 else []
        if not compiled:
            return False
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as jar:
                for path in compiled:
                    jar.write(path, path.relative_to(classes).as_posix())
            os.replace(partial, target)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()
            return False
    return True


def helper_jar(folder: Path, jars: Path, java_sources: list[Path] | None = None,
               java: jvm_archive.Java | None = None) -> Path | None:
    """The jar of FILE_SYSTEM_CLASS for the JVM (`java`, default the one spark-submit will start), compiled into
    `folder` on first use; None without a JDK, on an older Java than 9 (no --release), or if it does not
    compile."""
    java = java or jvm_archive.find_java()
    release = jvm_archive.java_major(java.description) if java else None
    javac = javac_command(java.command) if java else None
    if not (java and release and release >= MIN_RELEASE and javac):
        return None
    java_sources = sources() if java_sources is None else java_sources
    target = folder / f"localfs-{jar_key(javac, java.description, jars, java_sources)}.jar"
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return target if compile_jar(javac, release, jars, java_sources, target) else None


__all__ = ["FILE_SYSTEM_CLASS", "compile_jar", "helper_jar", "javac_command", "sources"]
