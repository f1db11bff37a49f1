"""A report's page, made straight into HTML: its title, a metadata card, then its text (convert/render.py).

Report pages are most of the site; Python-Markdown never reads them. tests/test_render_html.py holds
this HTML to what MkDocs made of the Markdown page that came before: the same text, anchors and table
of contents, and links that read as MkDocs would have written them.
"""
from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass

from scripts.convert.model import Report, report_digest
from scripts.convert.render import Heading, front_matter_data, headings_of, render_html
from scripts.site.browse import DIMENSIONS
from scripts.site.common import (
    built_href,
    format_count,
    html_link,
    organization_label,
    report_uri,
    source_uri,
    theme_uri,
    year_label,
)

_WIDE_ROWS = ("主题", "来源文件", "汇编")  # values that may be long get a whole row of the card


@dataclass(frozen=True)
class ReportView:
    """What a report's page is made of; its parts are made when asked for, its HTML only when it is written."""
    report: Report
    siblings: tuple[Report, ...]  # the reports of the same source file, the report among them
    anchors: dict[str, dict[str, str]]  # group anchors on the browse pages, by dimension and label
    theme_slugs: dict[str, str]
    slugify: Callable[[str], str]  # the site's heading slugs, for a title that has no anchor of its own

    def meta(self) -> dict:
        return front_matter_data(self.report)

    def headings(self) -> tuple[Heading, ...]:
        return headings_of(self.report, self.slugify)

    def anchor_ids(self) -> set[str]:
        return {block.anchor for block in self.report.blocks} | {self.headings()[0].anchor}

    def html(self) -> str:
        return report_html(self)

    def digest(self) -> str:
        """A digest of what the page is made from: taken without making it."""
        meta = self.report.meta
        labels = {"level": meta.level, "year": year_label(meta.year), "doc_type": meta.doc_type,
                  "organization": organization_label(meta.organization)}
        parts = [report_digest(self.report), *(report_digest(other) for other in self.siblings),
                 repr([self.anchors[key].get(label, "") for key, label in labels.items()]),
                 repr([self.theme_slugs.get(theme) for theme in meta.themes])]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def report_html(view: ReportView) -> str:
    """The report's H1, its card, then the rest of its text."""
    title, _, text = render_html(view.report, view.slugify).partition("\n")
    return "\n".join(part for part in (title, metadata_card(view), text) if part)


def metadata_card(view: ReportView) -> str:
    """The report's metadata as a card of labelled values, each linking to where a reader can find more like it."""
    report = view.report
    page, meta = report_uri(report), report.meta
    labels = {"level": meta.level, "year": year_label(meta.year), "doc_type": meta.doc_type,
              "organization": organization_label(meta.organization)}
    rows = [(DIMENSIONS[key].name, html_link(label, DIMENSIONS[key].uri, page, view.anchors[key].get(label, "")))
            for key, label in labels.items()]
    rows.append(("主题", _theme_links(meta.themes, view.theme_slugs, page)))
    rows.append(("字数", f"{format_count(meta.chars)} 字"))
    rows.append(("来源文件", _download_link(meta.source, page)))
    if meta.ocr:
        rows.append(("文字来源", "OCR 识别：原件是扫描件，个别字可能识别错误"))
    if meta.parts:
        rows.append(("汇编", _compilation(report, view.siblings, page)))
    items = "\n".join(_card_row(name, value) for name, value in rows)
    return f'<div class="report-card">\n<ul>\n{items}\n</ul>\n</div>'


def _card_row(name: str, value: str) -> str:
    wide = " card-wide" if name in _WIDE_ROWS else ""
    return f'<li><span class="card-label{wide}">{name}</span> <span class="card-value">{value}</span></li>'


def _download_link(source: str, page: str) -> str:
    return (f'<a download="" href="{built_href(source_uri(source), page)}" title="下载原始文件">'
            f'{html.escape(source, quote=False)}</a>')


def _theme_links(themes: tuple[str, ...], theme_slugs: dict[str, str], page: str) -> str:
    if not themes:
        return "—"
    return "、".join(html_link(theme, theme_uri(theme_slugs[theme]), page) if theme in theme_slugs
                    else html.escape(theme, quote=False) for theme in themes)


def _compilation(report: Report, siblings: tuple[Report, ...], page: str) -> str:
    """第i篇/共n篇, with links to the other reports of the same compilation."""
    others = [html_link(f"第{other.meta.part}篇", report_uri(other), page) for other in siblings if other is not report]
    suffix = f"（同一汇编：{'、'.join(others)}）" if others else ""
    return f"第{report.meta.part}篇/共{report.meta.parts}篇{suffix}"
