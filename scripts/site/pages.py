"""The archive -> every generated page of the site, as {path in the site: Markdown}. Pure: no MkDocs, no files."""
from __future__ import annotations

from collections import defaultdict

from scripts.convert.archive import Archive
from scripts.convert.model import Report
from scripts.site.browse import browse_anchors, browse_groups, browse_pages
from scripts.site.common import HOME_URI, PROBLEMS_URI, report_uri
from scripts.site.home import home_page
from scripts.site.problems import problems_page
from scripts.site.report import report_page
from scripts.site.themes import find_passages, theme_pages


def generate_pages(archive: Archive, taxonomy: list[dict]) -> dict[str, str]:
    """Every generated page; the work is linear in the number of reports."""
    groups = browse_groups(archive.reports)
    anchors = browse_anchors(groups)
    theme_slugs = {theme["name"]: theme["slug"] for theme in taxonomy}
    by_source: dict[str, list[Report]] = defaultdict(list)
    for report in archive.reports:
        by_source[report.meta.source].append(report)
    pages = {HOME_URI: home_page(archive, groups, anchors, taxonomy), PROBLEMS_URI: problems_page(archive)}
    pages |= browse_pages(groups, anchors, len(archive.reports))
    pages |= theme_pages(archive.reports, taxonomy, find_passages(archive.reports))
    for report in archive.reports:
        pages[report_uri(report)] = report_page(report, by_source[report.meta.source], anchors, theme_slugs)
    return pages
