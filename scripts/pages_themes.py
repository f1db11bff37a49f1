"""Theme pages: an index of the taxonomy, and per theme the reports that treat it with the paragraphs that do."""
from __future__ import annotations

import re
from collections import defaultdict

from .model import Block, Report
from .pages_common import (
    format_count, front_matter, link, organization_label, report_order, report_uri, table_row, theme_uri, year_label,
)
from .render import escape_text
from .themes import find_themes

INDEX_URI = "themes/index.md"
Passages = dict[str, dict[str, list[Block]]]  # theme name -> report slug -> its blocks on that theme


def find_passages(reports: tuple[Report, ...], taxonomy: list[dict]) -> Passages:
    """Every block of every report, filed under each theme it treats (one pass over the text)."""
    passages: Passages = defaultdict(lambda: defaultdict(list))
    for report in reports:
        for block in report.blocks:
            for theme in find_themes(block.text, taxonomy):
                passages[theme][report.slug].append(block)
    return passages


def theme_pages(reports: tuple[Report, ...], taxonomy: list[dict], passages: Passages) -> dict[str, str]:
    by_theme: dict[str, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=report_order):
        for theme in report.meta.themes:
            by_theme[theme].append(report)
    pages = {INDEX_URI: _index_page(taxonomy, by_theme, passages)}
    for theme in taxonomy:
        pages[theme_uri(theme["slug"])] = _theme_page(theme, by_theme[theme["name"]], passages[theme["name"]])
    return pages


def _index_page(taxonomy, by_theme, passages) -> str:
    rows = ["| 主题 | 说明 | 报告数 | 段落数 |", "|---|---|--:|--:|"]
    for theme in taxonomy:
        name = theme["name"]
        paragraphs = sum(len(blocks) for blocks in passages[name].values())
        cells = [link(name, theme_uri(theme["slug"]), INDEX_URI), escape_text(theme.get("description", "")),
                 str(len(by_theme[name])), str(paragraphs)]
        rows.append(table_row(cells))
    intro = ("每个主题页列出论及该主题的报告，并在每篇报告下摘出相关段落，"
             "便于对照不同单位、不同年份对同一项工作的写法。点击段落末尾的“原文”可跳到报告中的该段。\n")
    return front_matter("主题") + "# 主题\n\n" + intro + "\n" + "\n".join(rows) + "\n"


def _theme_page(theme: dict, reports: list[Report], passages: dict[str, list[Block]]) -> str:
    page, name = theme_uri(theme["slug"]), theme["name"]
    paragraphs = sum(len(passages.get(report.slug, ())) for report in reports)
    parts = [front_matter(name), f"# {escape_text(name)}\n"]
    if theme.get("description"):
        parts.append(f"{escape_text(theme['description'])}\n")
    parts.append(f"共 {format_count(len(reports))} 篇报告论及本主题，摘录 {format_count(paragraphs)} 段。"
                 f"{link('← 全部主题', INDEX_URI, page)}\n")
    keywords = keyword_pattern(theme)
    for report in reports:
        parts.append(_report_section(report, passages.get(report.slug, []), keywords, page))
    if not reports:
        parts.append("目前没有报告论及本主题。\n")
    return "\n".join(parts)


def _report_section(report: Report, blocks: list[Block], keywords: re.Pattern | None, page: str) -> str:
    meta = report.meta
    facts = " · ".join([escape_text(meta.level), year_label(meta.year), escape_text(meta.doc_type),
                        escape_text(organization_label(meta.organization))])
    lines = [f"## {escape_text(meta.title)} {{ #{report.slug} }}\n",
             f'<p class="report-facts" markdown="span">{facts} · {link("阅读全文", report_uri(report), page)}</p>\n']
    for block in blocks:
        source_link = link("原文", report_uri(report), page, block.anchor)
        lines.append(f"{highlight(block.text, keywords)} {source_link}{{ .passage-link }}\n{{: .passage }}\n")
    if not blocks:
        lines.append("（本篇没有单独论述本主题的段落，主题由全文判断。）\n")
    return "\n".join(lines)


def keyword_pattern(theme: dict) -> re.Pattern | None:
    """Runs of the theme's keywords to mark; its excluded phrases (which contain a keyword) match first, unmarked."""
    def alternatives(words) -> str:
        return "|".join(map(re.escape, sorted((str(word) for word in words or () if word), key=len, reverse=True)))
    keywords, excluded = alternatives(theme.get("keywords")), alternatives(theme.get("exclude"))
    if not keywords:
        return None
    return re.compile((f"(?P<skip>{excluded})|" if excluded else "") + f"(?P<mark>(?:{keywords})+)")


def highlight(text: str, keywords: re.Pattern | None) -> str:
    """Escaped text with the theme's keywords marked."""
    if keywords is None:
        return escape_text(text)
    pieces, position = [], 0
    for match in keywords.finditer(text):
        if match.lastgroup == "mark":
            pieces += [escape_text(text[position:match.start()]), f"<mark>{escape_text(match.group())}</mark>"]
            position = match.end()
    return "".join(pieces) + escape_text(text[position:])
