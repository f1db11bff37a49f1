"""Browse pages: the reports grouped by level, year, document type and organization, each with counts.

Each page lists every report: its groups are made straight into HTML when the page is written (BrowseSections,
in the place of DEFERRED_MARK in the page's Markdown), as tables of thousands of rows are slow in Python-Markdown.
"""
from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass

from scripts.convert.model import Meta, Report, report_digest
from scripts.convert.render import Heading
from scripts.site.common import (
    DEFERRED_MARK,
    DOC_TYPE_ORDER,
    LEVEL_ORDER,
    UNKNOWN_YEAR,
    anchors_for,
    count_chip,
    format_count,
    front_matter,
    group_reports,
    html_link,
    in_fixed_order,
    organization_label,
    report_uri,
    year_label,
)

_TABLE_HEAD = "<table>\n<thead>\n<tr>\n" + "".join(f"<th>{name}</th>\n" for name in ("标题", "级别", "年份", "文种", "单位"))


@dataclass(frozen=True)
class Dimension:
    uri: str
    title: str  # 按级别
    name: str  # 级别
    label: Callable[[Meta], str]
    order: Callable[[tuple[str, list[Report]]], object]


def _newest_year_first(group: tuple[str, list[Report]]) -> object:
    label, reports = group
    return (label == UNKNOWN_YEAR, -(reports[0].meta.year or 0))


def _most_reports_first(group: tuple[str, list[Report]]) -> object:
    label, reports = group
    return (-len(reports), label)


DIMENSIONS = {
    "level": Dimension("browse/level.md", "按级别浏览", "级别", lambda m: m.level, in_fixed_order(LEVEL_ORDER)),
    "year": Dimension("browse/year.md", "按年份浏览", "年份", lambda m: year_label(m.year), _newest_year_first),
    "doc_type": Dimension("browse/type.md", "按文种浏览", "文种", lambda m: m.doc_type, in_fixed_order(DOC_TYPE_ORDER)),
    "organization": Dimension("browse/organization.md", "按单位浏览", "单位",
                              lambda m: organization_label(m.organization), _most_reports_first),
}


def browse_groups(reports: tuple[Report, ...]) -> dict[str, list[tuple[str, list[Report]]]]:
    """For each dimension, its groups in page order: (label, reports)."""
    return {key: group_reports(reports, dim.label, dim.order) for key, dim in DIMENSIONS.items()}


def browse_anchors(groups: dict[str, list[tuple[str, list[Report]]]]) -> dict[str, dict[str, str]]:
    """For each dimension, the HTML id of each group on its browse page (report cards link to them)."""
    return {key: anchors_for(label for label, _ in dimension_groups) for key, dimension_groups in groups.items()}


@dataclass(frozen=True)
class BrowseSections:
    """A browse page's groups, each a heading and a table of its reports: made into HTML when the page is written."""
    groups: tuple[tuple[str, tuple[Report, ...]], ...]
    anchors: dict[str, str]
    page: str

    def headings(self) -> tuple[Heading, ...]:
        return tuple(Heading(2, self.anchors[label], _group_title(label, reports)) for label, reports in self.groups)

    def digest(self) -> str:
        """A digest of what the groups are made from: taken much faster than making them."""
        listed = [(label, self.anchors[label], [report_digest(report) for report in reports])
                  for label, reports in self.groups]
        return hashlib.sha256(repr((self.page, listed)).encode()).hexdigest()

    def html(self) -> str:
        return "\n".join(f'<h2 id="{heading.anchor}">{heading.html}</h2>\n{_table(reports, self.page)}'
                         for heading, (_, reports) in zip(self.headings(), self.groups))


def browse_pages(groups, anchors, total: int) -> tuple[dict[str, str], dict[str, BrowseSections]]:
    """The pages' Markdown, and their groups."""
    pages = {dim.uri: _browse_page(dim, groups[key], anchors[key], total) for key, dim in DIMENSIONS.items()}
    sections = {dim.uri: BrowseSections(tuple((label, tuple(reports)) for label, reports in groups[key]),
                                        anchors[key], dim.uri) for key, dim in DIMENSIONS.items()}
    return pages, sections


def _browse_page(dim: Dimension, groups: list[tuple[str, list[Report]]], anchors: dict[str, str],
                 total: int) -> str:
    parts = [front_matter(dim.title), f"# {dim.title}\n",
             f"共 {format_count(total)} 篇报告，分属 {len(groups)} 个{dim.name}。点击{dim.name}跳到该组的报告列表。\n",
             _summary(dim, groups, anchors), f"{DEFERRED_MARK}\n"]
    return "\n".join(parts)


def _group_title(label: str, reports) -> str:
    return f"{html.escape(label, quote=False)}（{len(reports)} 篇）"


def _table(reports, page: str) -> str:
    """A table of reports, as Markdown's `tables` extension writes one: title (linked), level, year, type, unit."""
    rows = [_TABLE_HEAD + "</tr>\n</thead>\n<tbody>"]
    for report in reports:
        meta = report.meta
        cells = [html_link(meta.title, report_uri(report), page), *map(_literal, [
            meta.level, year_label(meta.year), meta.doc_type, organization_label(meta.organization)])]
        rows.append("<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in cells) + "</tr>")
    return "\n".join(rows) + "\n</tbody>\n</table>"


def _literal(text: str) -> str:
    return html.escape(text, quote=False)


def _summary(dim: Dimension, groups, anchors) -> str:
    """One chip per group, with its count, linking to the group further down the page."""
    chips = [count_chip(label, len(reports), dim.uri, dim.uri, anchors[label]) for label, reports in groups]
    return " ".join(chips) + "\n"
