"""The last search index is kept and reused for the same reports, never for others."""
from __future__ import annotations

import dataclasses

from conftest import SEEDS

from scripts.convert.archive import build_archive
from scripts.search import kept
from scripts.search.index import build_search_index
from scripts.search.kept import BUILDERS, build_or_reuse

REPORTS = build_archive(SEEDS).reports


def build_or_reuse_both(reports, site, cache) -> tuple[bool, ...]:
    """Both indexes, as the hook builds them (each on its own); whether each was reused."""
    return tuple(build_or_reuse(reports, site, cache, index=index) for index in BUILDERS)


def index_files(site) -> dict[str, bytes]:
    """The files of the search and draft-check indexes."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for folder in ("search-index", "draft-index")
            for path in (site / folder).rglob("*") if path.is_file()}


def test_the_same_reports_reuse_the_kept_index_and_other_reports_do_not(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    assert not any(build_or_reuse_both(REPORTS, tmp_path / "first", cache))
    assert all(build_or_reuse_both(REPORTS[::-1], tmp_path / "again", cache))  # the same reports, in any order
    assert index_files(tmp_path / "again") == index_files(tmp_path / "first")
    assert any(name.startswith("draft-index/") for name in index_files(tmp_path / "again"))
    first = REPORTS[0]
    edited = dataclasses.replace(first, blocks=(*first.blocks[:-1], dataclasses.replace(first.blocks[-1], text="改")),
                                 digest="")  # edited after conversion: its digest is of its contents
    assert not any(build_or_reuse_both((edited, *REPORTS[1:]), tmp_path / "edited", cache))
    assert index_files(tmp_path / "edited") != index_files(tmp_path / "first")
    assert sorted(path.name for path in (cache / kept.KEPT_DIR).iterdir()) == sorted(BUILDERS)
    assert all(len(list((cache / kept.KEPT_DIR / index).iterdir())) == 1 for index in BUILDERS)  # the latest
    monkeypatch.setattr(kept, "code_fingerprint", lambda package: "other search code")
    assert not any(build_or_reuse_both((edited, *REPORTS[1:]), tmp_path / "recoded", cache))


def test_a_kept_index_is_not_changed_when_the_site_is_indexed_again(tmp_path):
    """The site's index files are links to the kept ones: writing the site's index anew must not write into them."""
    cache = tmp_path / "cache"
    build_or_reuse_both(REPORTS, tmp_path / "site", cache)
    expected = index_files(tmp_path / "site")
    build_search_index(REPORTS[1:], tmp_path / "site")
    assert all(build_or_reuse_both(REPORTS, tmp_path / "other", cache))
    assert index_files(tmp_path / "other") == expected
