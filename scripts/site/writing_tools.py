"""The writing tools' share of the build: their pages and their static data files (those of the 提法 bank and
the shared passages: scripts/site/text_reuse.py)."""
from __future__ import annotations

from pathlib import Path

from scripts.site.facets import DATA_PATH, FACETS_URI, facets_page, write_facet_data
from scripts.site.outlines import outline_pages
from scripts.site.text_reuse import text_reuse_pages


def tool_pages(reports) -> dict[str, str]:
    """{path in the site: Markdown} for the faceted browse page, the outline pages, the 提法 bank and the
    shared passages."""
    return {FACETS_URI: facets_page(len(reports))} | outline_pages(reports) | text_reuse_pages()


def write_tool_data(reports, site_dir: Path) -> dict[str, int]:
    """Write the data files the tools' pages load; returns their sizes in bytes."""
    return {DATA_PATH: write_facet_data(site_dir, reports)}
