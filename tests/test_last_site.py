"""The last build's site: set aside as MkDocs would clear it (all but hidden names), its pages taken back
only when listed with the same key and size, everything else deleted; and in real builds into one folder,
the pages taken back make the same site as a fresh build."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import SEEDS, build_site

from scripts.site.last_site import MANIFEST, SET_ASIDE, LastSite, write_manifest

LONG_AGO = 946684800  # 2000-01-01: a page still this old was not written again


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def visible(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(site).parts)}


def test_pages_come_back_only_with_the_key_and_size_listed_and_the_rest_goes(tmp_path):
    for path in ("reports/a.html", "reports/b.html", "reports/c.html", "index.html", "search-index/meta.js"):
        write(tmp_path / path, f"last {path}")
    write_manifest(tmp_path, {"reports/a.html": "A", "reports/b.html": "B", "reports/c.html": "C",
                              "index.html": "I", "gone.html": "G"})
    write(tmp_path / "reports" / "c.html", "edited by hand since")  # another size than listed
    write(tmp_path / ".keep", "hidden names are left alone")
    (tmp_path / f"{SET_ASIDE}left-by-a-failed-build").mkdir()
    last = LastSite(tmp_path)
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith(".")] == []
    assert not (tmp_path / MANIFEST).exists()
    taken = last.take({"reports/a.html": "A", "reports/b.html": "B changed", "reports/c.html": "C",
                       "index.html": "I", "new.html": "N"})
    assert taken == {"reports/a.html", "index.html"}
    last.discard()
    last.join()
    assert visible(tmp_path) == {"reports/a.html": b"last reports/a.html", "index.html": b"last index.html"}
    assert sorted(path.name for path in tmp_path.iterdir()) == [".keep", "index.html", "reports"]


def test_a_folder_never_built_or_without_a_manifest_gives_nothing_back(tmp_path):
    assert LastSite(tmp_path / "not-built-yet").take({"index.html": "I"}) == set()
    write(tmp_path / "index.html", "page")
    write(tmp_path / MANIFEST, "not json")
    last = LastSite(tmp_path)
    assert last.take({"index.html": "I"}) == set()
    last.discard()
    last.join()
    assert list(tmp_path.iterdir()) == []


def test_builds_into_one_folder_take_pages_back_and_give_the_fresh_site(tmp_path):
    """Built again into the same folder, with nothing changed and then with one report changed, the site is the
    one a fresh build makes; the changed report's page is written again, the others are taken back."""
    seeds, site = tmp_path / "seeds", tmp_path / "site"
    shutil.copytree(SEEDS, seeds)
    cache = {"ARCHIVE_CACHE": str(tmp_path / "cache")}
    for _ in range(2):
        assert build_site(seeds, site, env=cache).returncode == 0
    assert visible(site) == visible(_fresh(seeds, tmp_path / "fresh-1"))
    changed = sorted(seeds.glob("00[0-3]_*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("工作", "工 作", 1), encoding="utf-8")
    pages = list((site / "reports").glob("*.html"))
    for path in pages:
        os.utime(path, (LONG_AGO, LONG_AGO))
    assert build_site(seeds, site, env=cache).returncode == 0
    assert visible(site) == visible(_fresh(seeds, tmp_path / "fresh-2"))
    kept = [path for path in pages if path.exists() and path.stat().st_mtime == LONG_AGO]
    assert 0 < len(kept) < len(pages)  # taken back, not written again: the changed report's page is not


def _fresh(seeds: Path, site: Path) -> Path:
    assert build_site(seeds, site, env={"ARCHIVE_CACHE": str(site.parent / f"{site.name}-cache")}).returncode == 0
    return site
