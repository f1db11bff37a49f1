"""The archive -> every generated page of the site: a ReportView for each report, Markdown for the others
(where a page lists many reports, its sections are left to be made into HTML when it is written). Pure."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from scripts.convert.archive import Archive
from scripts.convert.model import Report
from scripts.site.browse import BrowseSections, browse_anchors, browse_groups, browse_pages
from scripts.site.common import HOME_URI, PROBLEMS_URI, report_uri
from scripts.site.home import home_page
from scripts.site.problems import problems_page
from scripts.site.report import ReportView
from scripts.site.themes import ThemeSections, find_passages, theme_pages
from scripts.site.writing_tools import tool_pages


@dataclass(frozen=True)
class Pages:
    markdown: dict[str, str]  # path in the site -> Markdown: home, browse, theme and problems pages
    reports: dict[str, ReportView]  # path in the site -> a report's page, made into HTML when it is written
    deferred: dict[str, BrowseSections | ThemeSections]  # path in the site -> the HTML for its DEFERRED_MARK


def generate_pages(archive: Archive, taxonomy: list[dict], slugify: Callable[[str], str]) -> Pages:
    """Every generated page; the work is linear in the number of reports."""
    groups = browse_groups(archive.reports)
    anchors = browse_anchors(groups)
    theme_slugs = {theme["name"]: theme["slug"] for theme in taxonomy}
    by_source: dict[str, list[Report]] = defaultdict(list)
    for report in archive.reports:
        by_source[report.meta.source].append(report)
    markdown = {HOME_URI: home_page(archive, groups, anchors, taxonomy), PROBLEMS_URI: problems_page(archive)}
    browse, deferred = browse_pages(groups, anchors, len(archive.reports))
    themes, theme_sections = theme_pages(archive.reports, taxonomy, find_passages(archive.reports))
    markdown |= browse | themes
    deferred |= theme_sections
    markdown |= tool_pages(archive.reports)
    reports = {report_uri(report): ReportView(report, tuple(by_source[report.meta.source]), anchors, theme_slugs,
                                              slugify) for report in archive.reports}
    return Pages(markdown, reports, deferred)
