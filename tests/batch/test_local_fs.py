from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from eventwire.batch import jvm_archive, local_fs

JAVA = jvm_archive.java_command()
needs_javac = pytest.mark.skipif(JAVA is None or local_fs.javac_command(JAVA) is None,
                                 reason="no JDK (java and javac) on this machine")
CLASSES = {"eventwire/hadoop/LocalFileSystem.class", "eventwire/hadoop/RawLocalFileSystem.class"}


@pytest.fixture(scope="module")
def spark_jars() -> Path:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")
    from pyspark.find_spark_home import _find_spark_home

    return Path(_find_spark_home()) / "jars"


def _copy_sources(folder: Path) -> list[Path]:
    folder.mkdir()
    return [Path(shutil.copy(source, folder)) for source in local_fs.sources()]


def test_the_java_sources_ship_with_the_package():
    assert {path.name for path in local_fs.sources()} == {"LocalFileSystem.java", "RawLocalFileSystem.java"}


@needs_javac
def test_the_jar_is_compiled_once_then_reused(tmp_path, spark_jars):
    folder = tmp_path / "jvm"

    jar = local_fs.helper_jar(folder, spark_jars)

    assert jar is not None and jar.parent == folder and jar.name.startswith("localfs-")
    with zipfile.ZipFile(jar) as archive:
        assert set(archive.namelist()) == CLASSES
    written = jar.stat().st_mtime_ns
    assert local_fs.helper_jar(folder, spark_jars) == jar
    assert jar.stat().st_mtime_ns == written
    assert [p.name for p in folder.iterdir()] == [jar.name]  # no temporary files left


@needs_javac
def test_changed_sources_make_another_jar(tmp_path, spark_jars):
    sources = _copy_sources(tmp_path / "src")
    first = local_fs.helper_jar(tmp_path / "jvm", spark_jars, sources)
    sources[0].write_text(sources[0].read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")

    second = local_fs.helper_jar(tmp_path / "jvm", spark_jars, sources)

    assert first is not None and second is not None and first != second and second.is_file()


@needs_javac
def test_sources_that_do_not_compile_give_no_jar(tmp_path, spark_jars):
    sources = _copy_sources(tmp_path / "src")
    sources[0].write_text("package eventwire.hadoop; public class Broken { int x = ; }", encoding="utf-8")

    assert local_fs.helper_jar(tmp_path / "jvm", spark_jars, sources) is None
    assert list((tmp_path / "jvm").iterdir()) == []


def test_no_jar_without_javac_or_a_writable_folder(tmp_path, spark_jars, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    assert local_fs.helper_jar(tmp_path / "file" / "jvm", spark_jars) is None

    monkeypatch.setattr(local_fs, "javac_command", lambda java: None)
    assert local_fs.helper_jar(tmp_path / "jvm", spark_jars) is None
    assert not (tmp_path / "jvm").exists()


def test_javac_is_taken_from_the_jdk_of_java(tmp_path):
    jdk = tmp_path / "jdk" / "bin"
    jdk.mkdir(parents=True)
    for name in ("java", "javac"):
        (jdk / name).write_text("#!/bin/sh\n")
        (jdk / name).chmod(0o755)
    (tmp_path / "java").symlink_to(jdk / "java")

    assert local_fs.javac_command(str(tmp_path / "java")) == str(jdk / "javac")


SESSION_SCRIPT = """
import json, os, sys
from pathlib import Path
from eventwire.batch.spark import spark_session

folder, cache = Path(sys.argv[1]), Path(sys.argv[2])
session = spark_session("local[1]", jvm_cache_dir=cache, use_jvm_archive=False, use_local_fs=sys.argv[3] == "on")
jvm = session.sparkContext._jvm
hadoop = jvm.org.apache.hadoop
fs = hadoop.fs.FileSystem.get(jvm.java.net.URI("file:///"), session.sparkContext._jsc.hadoopConfiguration())
path = lambda p: hadoop.fs.Path("file://" + str(folder / p))
mode = lambda p: oct(os.stat(folder / p).st_mode & 0o7777)
stream = fs.create(path("a/b/part.txt"))
stream.write(b"eventwire")
stream.close()
fs.mkdirs(path("c"), hadoop.fs.permission.FsPermission(0o750))
fs.setPermission(path("a/b/part.txt"), hadoop.fs.permission.FsPermission(0o640))
fs.setPermission(path("a"), hadoop.fs.permission.FsPermission(0o1777))  # sticky: Hadoop's own chmod
session.range(10).write.parquet(str(folder / "out"))
parts = sorted(p.name for p in (folder / "out").glob("part-*.parquet"))
print(json.dumps({"class": fs.getClass().getName(), "text": (folder / "a/b/part.txt").read_text(),
                  "part": mode("a/b/part.txt"), "checksum": mode("a/b/.part.txt.crc"), "c": mode("c"),
                  "a": mode("a"), "rows": session.read.parquet(str(folder / "out")).count(),
                  "parquet": mode("out/" + parts[0])}))
session.stop()
"""


@pytest.mark.slow
@needs_javac
def test_a_local_session_writes_through_the_helper_with_the_same_permissions(tmp_path, spark_jars, json_script):
    umask = os.umask(0)
    os.umask(umask)
    file_mode = oct(0o666 & ~umask)
    for name in ("helper", "hadoop"):
        (tmp_path / name).mkdir()

    helper = json_script(SESSION_SCRIPT, str(tmp_path / "helper"), str(tmp_path / "jvm"), "on")
    hadoop = json_script(SESSION_SCRIPT, str(tmp_path / "hadoop"), str(tmp_path / "jvm"), "off")

    assert helper["class"] == local_fs.FILE_SYSTEM_CLASS
    assert hadoop["class"] != local_fs.FILE_SYSTEM_CLASS  # Hadoop's (or Hive's proxy of it, from Spark's jars)
    for result in (helper, hadoop):
        assert result["text"] == "eventwire" and result["rows"] == 10
        assert result["part"] == result["checksum"] == "0o640"  # a file's checksum file follows it
        assert result["c"] == oct(0o750 & ~umask) and result["a"] == "0o1777"
        assert result["parquet"] == file_mode
    assert {key: value for key, value in helper.items() if key != "class"} == \
        {key: value for key, value in hadoop.items() if key != "class"}
