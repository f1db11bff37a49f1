"""`mkdocs serve` on a 100-report archive: a file dropped into seeds/ appears, changes and disappears;
repeated builds of unchanged input give identical sites."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, build_site

from scripts.bench.preview import (
    DROPPED_LINES,
    DROPPED_NAME,
    drop_change_remove,
    fetch,
    make_archive,
    seconds_until,
    serve,
)
from scripts.convert.slugs import slugify_source


@pytest.fixture
def served_archive(tmp_path):
    seeds = tmp_path / "seeds"
    make_archive(seeds, 100)
    with serve(seeds, tmp_path / "serve.log") as base:
        yield seeds, base
    said = (tmp_path / "serve.log").read_text(encoding="utf-8")  # stopped as a service manager stops it
    assert "Shutting down" in said and "Traceback" not in said, said[-2000:]


def test_a_dropped_file_appears_changes_and_disappears(served_archive):
    """Correctness only: the timing against the 5 s target is measured by `python -m scripts.bench --preview 100`."""
    seeds, base = served_archive
    drop_change_remove(seeds, base, limit=60)


def test_the_last_search_data_serves_until_the_next_is_written(served_archive):
    """The search data (here the 提法 bank's, which lists every report) is written after the pages, by another
    process; meanwhile the last build's is served, not none."""
    seeds, base = served_archive
    data, slug = f"{base}/formulations/data.js", slugify_source(DROPPED_NAME)
    seconds_until(lambda: fetch(data) is not None, limit=60)
    (seeds / DROPPED_NAME).write_text("\n".join(DROPPED_LINES), encoding="utf-8")
    seconds_until(lambda: "全年开展专项督查18次" in (fetch(f"{base}/reports/{slug}.html") or ""), limit=60)
    assert fetch(data) is not None
    seconds_until(lambda: f'"{slug}"' in (fetch(data) or ""), limit=60)


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_repeated_builds_give_identical_sites_also_from_the_page_cache(tmp_path, monkeypatch):
    """A fresh `mkdocs build`, and builds in one process as `mkdocs serve` does them, give the same bytes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    assert build_site(SEEDS, tmp_path / "fresh").returncode == 0
    expected = site_files(tmp_path / "fresh")
    monkeypatch.setenv("ARCHIVE_SEEDS", str(SEEDS))
    for round_number in range(2):  # the second round converts nothing and reuses every page
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / f"site{round_number}")))
        assert site_files(tmp_path / f"site{round_number}") == expected
