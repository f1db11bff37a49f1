"""A report's page: the rendered report with a metadata card under its title."""
from __future__ import annotations

from scripts.convert.model import Report
from scripts.convert.render import escape_text, render_markdown
from scripts.site.browse import DIMENSIONS
from scripts.site.common import (
    format_count,
    link,
    organization_label,
    report_uri,
    source_uri,
    theme_uri,
    year_label,
)

_WIDE_ROWS = ("主题", "来源文件", "汇编")  # values that may be long get a whole row of the card


def report_page(report: Report, siblings: list[Report], anchors: dict[str, dict[str, str]],
                theme_slugs: dict[str, str]) -> str:
    """The rendered report with its card inserted after the title (or before the text if it has no title)."""
    return insert_after_title(render_markdown(report), metadata_card(report, siblings, anchors, theme_slugs))


def insert_after_title(markdown: str, block: str) -> str:
    """Markdown with `block` after its first `# ` heading, or right after its front matter."""
    head, separator, body = markdown.partition("\n# ")
    if separator:
        title, _, rest = body.partition("\n")
        return f"{head}\n# {title}\n\n{block}\n{rest.lstrip()}"
    front, separator, body = markdown.partition("\n---\n") if markdown.startswith("---\n") else ("", "", markdown)
    return f"{front}{separator}\n{block}\n{body.lstrip()}"


def metadata_card(report: Report, siblings: list[Report], anchors, theme_slugs: dict[str, str]) -> str:
    """The report's metadata as a card of labelled values, each linking to where a reader can find more like it."""
    page, meta = report_uri(report), report.meta
    labels = {"level": meta.level, "year": year_label(meta.year), "doc_type": meta.doc_type,
              "organization": organization_label(meta.organization)}
    rows = [(DIMENSIONS[key].name, link(label, DIMENSIONS[key].uri, page, anchors[key].get(label, "")))
            for key, label in labels.items()]
    rows.append(("主题", _theme_links(meta.themes, theme_slugs, page)))
    rows.append(("字数", f"{format_count(meta.chars)} 字"))
    download = link(meta.source, source_uri(meta.source), page) + '{ download="" title="下载原始文件" }'
    rows.append(("来源文件", download))
    if meta.parts:
        rows.append(("汇编", _compilation(report, siblings, page)))
    items = "\n".join(_card_row(name, value) for name, value in rows)
    return f'<div class="report-card" markdown>\n\n{items}\n\n</div>\n'


def _card_row(name: str, value: str) -> str:
    wide = " card-wide" if name in _WIDE_ROWS else ""
    return f'- <span class="card-label{wide}">{name}</span> <span class="card-value">{value}</span>'


def _theme_links(themes: tuple[str, ...], theme_slugs: dict[str, str], page: str) -> str:
    if not themes:
        return "—"
    return "、".join(link(theme, theme_uri(theme_slugs[theme]), page) if theme in theme_slugs else escape_text(theme)
                    for theme in themes)


def _compilation(report: Report, siblings: list[Report], page: str) -> str:
    """第i篇/共n篇, with links to the other reports of the same compilation."""
    others = [link(f"第{other.meta.part}篇", report_uri(other), page) for other in siblings if other is not report]
    suffix = f"（同一汇编：{'、'.join(others)}）" if others else ""
    return f"第{report.meta.part}篇/共{report.meta.parts}篇{suffix}"
