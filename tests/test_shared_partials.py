"""The navigation made once for the pages outside it reads exactly as the navigation made for each page."""
from __future__ import annotations

from conftest import SEEDS, build_site


def test_pages_with_the_shared_navigation_are_the_pages_made_one_by_one(tmp_path):
    sites = {}
    for share in ("1", "0"):
        site = tmp_path / f"site-{share}"
        result = build_site(SEEDS, site, env={"ARCHIVE_SHARED_PARTIALS": share, "ARCHIVE_CACHE": str(tmp_path / f"cache-{share}")})
        assert result.returncode == 0, result.stderr
        sites[share] = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*.html")}
    shared, made_each = sites["1"], sites["0"]
    assert shared.keys() == made_each.keys()
    assert sum(uri.startswith("reports/") for uri in shared) >= 5  # pages outside the navigation, in one folder
    assert [uri for uri in shared if shared[uri] != made_each[uri]] == []
    report = next(uri for uri in shared if uri.startswith("reports/"))
    assert b"md-nav--primary" in shared[report] and b"md-tabs" in shared[report]  # the navigation is there
