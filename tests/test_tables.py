"""The table cache: derived tables kept between processes, named by what they were derived from."""

from __future__ import annotations

import stat

from eventwire.tables import TableCache, default_folder


class Counting:
    """A build function that counts its calls."""

    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_table_is_built_once_and_loaded_by_a_later_cache(tmp_path):
    build = Counting({"baghdad": [1, 2], "kyiv": [3]})
    first = TableCache(tmp_path).load_or_build("places", build, params=1)
    second = TableCache(tmp_path).load_or_build("places", build, params=1)
    assert first == second == {"baghdad": [1, 2], "kyiv": [3]}
    assert build.calls == 1
    assert [p.name for p in tmp_path.iterdir()] == [TableCache(tmp_path).path(
        "places", TableCache(tmp_path).key("places", params=1)).name]


def test_the_folder_is_private(tmp_path):
    folder = tmp_path / "tables"
    TableCache(folder).load_or_build("t", Counting([1]))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_changed_source_or_parameter_builds_a_new_table_and_drops_the_old(tmp_path):
    source = tmp_path / "cities.json"
    source.write_text("[1]")
    folder = tmp_path / "cache"
    cache = TableCache(folder)
    build = Counting("v1")
    cache.load_or_build("gaz", build, sources=[source], params=15000)
    old_files = set(folder.iterdir())
    source.write_text("[1, 2]")  # another size: another table
    build.value = "v2"
    assert cache.load_or_build("gaz", build, sources=[source], params=15000) == "v2"
    assert build.calls == 2
    new_files = set(folder.iterdir())
    assert len(new_files) == 1 and new_files != old_files  # the outdated table was removed
    build.value = "v3"
    assert cache.load_or_build("gaz", build, sources=[source], params=5000) == "v3"
    assert build.calls == 3


def test_other_kinds_are_kept(tmp_path):
    cache = TableCache(tmp_path)
    cache.load_or_build("actors", Counting("a"))
    cache.load_or_build("phrases", Counting("p"))
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["actors", "phrases"]


def test_a_truncated_or_corrupt_table_is_built_again(tmp_path):
    cache = TableCache(tmp_path)
    build = Counting(list(range(1000)))
    cache.load_or_build("big", build)
    path = cache.path("big", cache.key("big"))
    path.write_bytes(path.read_bytes()[:100])
    assert cache.load_or_build("big", build) == list(range(1000))
    assert build.calls == 2
    path.write_bytes(b"not a pickle at all")
    assert cache.load_or_build("big", build) == list(range(1000))
    assert build.calls == 3
    assert cache.load_or_build("big", build) == list(range(1000))  # and the rebuilt one is good
    assert build.calls == 3


def test_a_cache_that_cannot_be_written_still_gives_the_table(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    build = Counting({"x": 1})
    cache = TableCache(blocker / "tables")
    assert cache.load_or_build("t", build) == {"x": 1}
    assert cache.load_or_build("t", build) == {"x": 1}
    assert build.calls == 2
    assert blocker.read_text() == "a file where the cache folder should be"


def test_an_unpicklable_table_is_returned_and_not_stored(tmp_path):
    table = {"key": lambda: None}
    assert TableCache(tmp_path).load_or_build("t", lambda: table) is table
    assert list(tmp_path.iterdir()) == []  # no file, not even a temporary one


def test_the_default_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_folder() == tmp_path / "eventwire" / "tables"
    assert TableCache().where == tmp_path / "eventwire" / "tables"


def test_the_key_follows_the_package_files(tmp_path, monkeypatch):
    """A table built by one version of the code or data is not loaded by another: the key hashes every file
    of the package (here a stand-in package folder)."""
    package = tmp_path / "eventwire"
    (package / "data").mkdir(parents=True)
    (package / "locations.py").write_text("CODE = 1\n")
    (package / "data" / "countries.tsv").write_text("iso3\tname\n")
    (package / "__pycache__").mkdir()
    monkeypatch.setattr("eventwire.tables.eventwire_root", lambda: package)
    cache = TableCache(tmp_path / "cache")
    before = cache.key("gazetteer", params=1)
    (package / "__pycache__" / "locations.cpython-311.pyc").write_bytes(b"bytecode")
    assert cache.key("gazetteer", params=1) == before  # bytecode caches are not the package's files
    (package / "data" / "countries.tsv").write_text("iso3\tname\nIRN\tIran\n")
    after_data = cache.key("gazetteer", params=1)
    assert after_data != before
    (package / "locations.py").write_text("CODE = 2\n")
    assert cache.key("gazetteer", params=1) != after_data


def test_no_home_no_cache(monkeypatch):
    """A container user without a passwd entry and without $HOME has no home folder: the tables are built in
    memory, and nothing fails."""
    from pathlib import Path

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert default_folder() is None
    build = Counting([1, 2])
    assert TableCache().load_or_build("t", build) == [1, 2]
    assert TableCache().load_or_build("t", build) == [1, 2]
    assert build.calls == 2
