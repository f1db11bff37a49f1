"""The store of converted reports: later builds take their results from it; a changed file, rule or piece of
conversion code is converted again; a damaged or outdated store is rebuilt with a warning, never trusted;
two builds at once leave it whole."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

from scripts.convert import batch
from scripts.convert import store as store_module
from scripts.convert.archive import build_archive
from scripts.convert.fingerprint import source_fingerprint
from scripts.convert.store import STORE_NAME, open_store

SOURCES = len(list(SEEDS.iterdir()))


@pytest.fixture(autouse=True)
def forget_the_last_build():
    """Each build here starts as a new process would: with nothing converted in memory."""
    batch._memory.clear()
    yield
    batch._memory.clear()


def build(seeds, cache, **options):
    batch._memory.clear()
    with open_store(cache) as store:
        archive = build_archive(seeds, store=store, **options)
    return archive, store


def stored_rows(cache) -> int:
    with sqlite3.connect(cache / STORE_NAME) as connection:
        return connection.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_a_later_build_takes_every_conversion_from_the_store(tmp_path):
    first, cold = build(SEEDS, tmp_path)
    second, warm = build(SEEDS, tmp_path)
    assert (cold.hits, cold.misses) == (0, SOURCES) and (warm.hits, warm.misses) == (SOURCES, 0)
    assert second == first == build_archive(SEEDS) and not cold.warnings + warm.warnings


def test_a_changed_file_is_converted_again_and_its_old_result_dropped(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    build(seeds, tmp_path)
    changed = seeds / "001_0b808da05fd04239.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充一段。", encoding="utf-8")
    archive, store = build(seeds, tmp_path)
    assert (store.hits, store.misses) == (SOURCES - 1, 1) and "补充一段。" in str(archive.reports)
    assert stored_rows(tmp_path) == SOURCES


def test_other_conversion_code_never_takes_a_result_of_the_old(tmp_path, monkeypatch):
    build(SEEDS, tmp_path)
    monkeypatch.setattr(batch, "code_fingerprint", lambda package: "edited code")
    _, store = build(SEEDS, tmp_path)
    assert (store.hits, store.misses) == (0, SOURCES)


def test_the_conversion_code_fingerprint_covers_every_module(tmp_path):
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "stage.py").write_text("X = 1\n")
    before = source_fingerprint(package)
    (package / "sub" / "stage.py").write_text("X = 2\n")
    assert source_fingerprint(package) != before


@pytest.mark.parametrize("damage", ["not a database", "another version", "truncated"])
def test_a_damaged_or_outdated_store_is_rebuilt_with_a_warning(tmp_path, damage):
    expected, _ = build(SEEDS, tmp_path)
    path = tmp_path / STORE_NAME
    if damage == "not a database":
        path.write_bytes(b"this is not SQLite" * 1000)
    elif damage == "another version":
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA user_version = 99")
    else:
        path.write_bytes(path.read_bytes()[:5000])
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    archive, store = build(SEEDS, tmp_path)
    assert archive == expected and store.warnings and "rebuilt" in store.warnings[0]
    assert build(SEEDS, tmp_path)[1].hits == SOURCES  # and it is a working store again


def test_a_damaged_entry_is_dropped_with_a_warning_and_converted_again(tmp_path):
    expected, _ = build(SEEDS, tmp_path)
    with sqlite3.connect(tmp_path / STORE_NAME) as connection:
        connection.execute("UPDATE data SET value = ? WHERE rowid = (SELECT min(rowid) FROM data)", (b"x" * 64,))
    archive, store = build(SEEDS, tmp_path)
    assert archive == expected and (store.hits, store.misses) == (SOURCES - 1, 1)
    assert len(store.warnings) == 1 and "damaged cache entry" in store.warnings[0]


def test_a_store_kept_busy_by_another_build_is_left_alone_and_the_build_goes_on(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    expected, _ = build(seeds, tmp_path)
    (seeds / "新.txt").write_text("乡政府办公室2024年上半年工作总结\n今年以来，扎实推进各项工作。\n", encoding="utf-8")
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.2)
    other = sqlite3.connect(tmp_path / STORE_NAME)
    other.execute("BEGIN EXCLUSIVE")  # another build in the middle of a long write
    try:
        archive, store = build(seeds, tmp_path)
    finally:
        other.rollback()
        other.close()
    assert len(archive.reports) == len(expected.reports) + 1 and "goes without it" in store.warnings[0]
    assert stored_rows(tmp_path) == SOURCES  # untouched, not rebuilt


def test_two_builds_at_once_leave_the_store_whole(tmp_path):
    """Two real `mkdocs build`s of one archive, started together on one store (several files each, in parallel)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for number, path in enumerate(sorted(SEEDS.glob("00[0-3]_*.txt")) * 3):
        text = path.read_text(encoding="utf-8").replace("2021", str(2000 + number))
        (seeds / f"copy_{number:02d}.txt").write_text(f"第{number}号\n{text}", encoding="utf-8")
    cache = tmp_path / "cache"
    builds = [_start_build(seeds, tmp_path / f"site{n}", cache) for n in range(2)]
    for process in builds:
        assert process.wait(timeout=300) == 0, process.stderr.read()
    with sqlite3.connect(cache / STORE_NAME) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    archive, store = build(seeds, cache)
    assert (store.hits, store.misses) == (len(list(seeds.iterdir())), 0) and not store.warnings
    assert archive == build_archive(seeds)
    assert _site_pages(tmp_path / "site0") == _site_pages(tmp_path / "site1")


def _start_build(seeds, site, cache) -> subprocess.Popen:
    env = {**os.environ, "ARCHIVE_SEEDS": str(seeds), "ARCHIVE_CACHE": str(cache),
           "ARCHIVE_JOBS": "2", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d",
                             str(site)], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)


def _site_pages(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in (site / "reports").glob("*.html")}
