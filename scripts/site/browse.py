"""Browse pages: the reports grouped by level, year, document type and organization, each with counts."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scripts.convert.model import Meta, Report
from scripts.convert.render import escape_text
from scripts.site.common import (
    DOC_TYPE_ORDER,
    LEVEL_ORDER,
    UNKNOWN_YEAR,
    anchors_for,
    count_chip,
    format_count,
    front_matter,
    group_reports,
    in_fixed_order,
    organization_label,
    report_table,
    year_label,
)


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


def browse_pages(groups, anchors, total: int) -> dict[str, str]:
    return {dim.uri: _browse_page(dim, groups[key], anchors[key], total) for key, dim in DIMENSIONS.items()}


def _browse_page(dim: Dimension, groups: list[tuple[str, list[Report]]], anchors: dict[str, str],
                 total: int) -> str:
    parts = [front_matter(dim.title), f"# {dim.title}\n",
             f"共 {format_count(total)} 篇报告，分属 {len(groups)} 个{dim.name}。点击{dim.name}跳到该组的报告列表。\n",
             _summary(dim, groups, anchors)]
    for label, reports in groups:
        parts.append(f"## {escape_text(label)}（{len(reports)} 篇） {{ #{anchors[label]} }}\n")
        parts.append(report_table(reports, dim.uri) + "\n")
    return "\n".join(parts)


def _summary(dim: Dimension, groups, anchors) -> str:
    """One chip per group, with its count, linking to the group further down the page."""
    chips = [count_chip(label, len(reports), dim.uri, dim.uri, anchors[label]) for label, reports in groups]
    return " ".join(chips) + "\n"
