"""Theme pages: an index of the taxonomy, and per theme the reports that treat it with the paragraphs that do.

A theme page must stay readable at any archive size: its reports are split into pages of REPORTS_PER_PAGE
(themes/<slug>.md, themes/<slug>-2.md, …), and under each report come at most PASSAGES_PER_REPORT of its
paragraphs on the theme, those that mention it most, with a link to the report for the others.
The passages are written as HTML rather than Markdown: they are most of the site's text after the reports
themselves, and Markdown's inline processing of them took longer than everything else in the build.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict

from scripts.convert.model import Block, Report
from scripts.convert.render import escape_text
from scripts.site.common import (
    built_href,
    format_count,
    front_matter,
    link,
    organization_label,
    report_order,
    report_uri,
    table_row,
    theme_uri,
    year_label,
)

INDEX_URI = "themes/index.md"
REPORTS_PER_PAGE = 50
PASSAGES_PER_REPORT = 3
Passages = dict[str, dict[str, list[Block]]]  # theme name -> report slug -> its blocks on that theme


def find_passages(reports: tuple[Report, ...]) -> Passages:
    """Every block of every report, filed under each theme conversion found it treats."""
    passages: Passages = defaultdict(lambda: defaultdict(list))
    for report in reports:
        for block in report.blocks:
            for theme, _ in block.themes:
                passages[theme][report.slug].append(block)
    return passages


def theme_page_uri(slug: str, number: int) -> str:
    """The first page of a theme is themes/<slug>.md (the link everyone has), the next ones <slug>-2.md, …"""
    return theme_uri(slug) if number == 1 else theme_uri(f"{slug}-{number}")


def theme_pages(reports: tuple[Report, ...], taxonomy: list[dict], passages: Passages) -> dict[str, str]:
    by_theme: dict[str, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=report_order):
        for theme in report.meta.themes:
            by_theme[theme].append(report)
    pages = {INDEX_URI: _index_page(taxonomy, by_theme, passages)}
    for theme in taxonomy:
        pages |= _theme_pages(theme, by_theme[theme["name"]], passages[theme["name"]])
    return pages


def _index_page(taxonomy, by_theme, passages) -> str:
    rows = ["| 主题 | 说明 | 报告数 | 段落数 |", "|---|---|--:|--:|"]
    for theme in taxonomy:
        name = theme["name"]
        paragraphs = sum(len(blocks) for blocks in passages[name].values())
        cells = [link(name, theme_uri(theme["slug"]), INDEX_URI), escape_text(theme.get("description", "")),
                 str(len(by_theme[name])), str(paragraphs)]
        rows.append(table_row(cells))
    intro = ("每个主题页列出论及该主题的报告（新的在前），并在每篇报告下摘出最切题的段落，"
             f"便于对照不同单位、不同年份对同一项工作的写法：每篇至多 {PASSAGES_PER_REPORT} 段，"
             f"每页 {REPORTS_PER_PAGE} 篇。点击段落末尾的“原文”可跳到报告中的该段。\n")
    return front_matter("主题") + "# 主题\n\n" + intro + "\n" + "\n".join(rows) + "\n"


def _theme_pages(theme: dict, reports: list[Report], passages: dict[str, list[Block]]) -> dict[str, str]:
    """The theme's reports, REPORTS_PER_PAGE to a page; a theme no report treats still gets its (empty) page."""
    count = max(1, -(-len(reports) // REPORTS_PER_PAGE))
    paragraphs = sum(len(passages.get(report.slug, ())) for report in reports)
    summary = f"共 {format_count(len(reports))} 篇报告论及本主题，相关段落 {format_count(paragraphs)} 段"
    keywords = keyword_pattern(theme)
    pages = {}
    for number in range(1, count + 1):
        page = theme_page_uri(theme["slug"], number)
        members = reports[(number - 1) * REPORTS_PER_PAGE:number * REPORTS_PER_PAGE]
        pager = _pager(theme["slug"], number, count, page)
        parts = [_heading(theme, number), f"{summary}。{link('← 全部主题', INDEX_URI, page)}\n", pager]
        parts += [_report_section(report, theme, passages.get(report.slug, []), keywords, page) for report in members]
        parts.append(pager if members else "目前没有报告论及本主题。\n")
        pages[page] = "\n".join(part for part in parts if part)
    return pages


def _heading(theme: dict, number: int) -> str:
    title = theme["name"] if number == 1 else f"{theme['name']}（第 {number} 页）"
    parts = [front_matter(title), f"# {escape_text(title)}\n"]
    if theme.get("description"):
        parts.append(f"{escape_text(theme['description'])}\n")
    return "\n".join(parts)


def _pager(slug: str, number: int, count: int, page: str) -> str:
    """Links to the first, previous, nearby, next and last pages (a bounded number, whatever the count)."""
    if count == 1:
        return ""
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    items, previous = [], 0
    for other in shown:
        if other > previous + 1:
            items.append("…")
        items.append(f"**{other}**" if other == number else link(str(other), theme_page_uri(slug, other), page))
        previous = other
    if number > 1:
        items.insert(0, link("« 上一页", theme_page_uri(slug, number - 1), page))
    if number < count:
        items.append(link("下一页 »", theme_page_uri(slug, number + 1), page))
    return f"第 {number}/{count} 页：" + " ".join(items) + "\n{: .theme-pager }\n"


def _report_section(report: Report, theme: dict, blocks: list[Block], keywords: re.Pattern | None,
                    page: str) -> str:
    meta = report.meta
    facts = " · ".join([escape_text(meta.level), year_label(meta.year), escape_text(meta.doc_type),
                        escape_text(organization_label(meta.organization))])
    lines = [f"## {escape_text(meta.title)} {{ #{report.slug} }}\n",
             f'<p class="report-facts" markdown="span">{facts} · {link("阅读全文", report_uri(report), page)}</p>\n']
    for block in select_passages(blocks, theme):
        source = built_href(report_uri(report), page, block.anchor)
        lines.append(f'<p class="passage">{highlight(block.text, keywords)} '
                     f'<a class="passage-link" href="{source}">原文</a></p>\n')
    if len(blocks) > PASSAGES_PER_REPORT:
        more = link("阅读全文", report_uri(report), page)
        lines.append(f"本篇另有 {len(blocks) - PASSAGES_PER_REPORT} 段论及本主题，见{more}。\n{{: .report-facts }}\n")
    if not blocks:
        lines.append("（本篇没有单独论述本主题的段落，主题由全文判断。）\n")
    return "\n".join(lines)


def select_passages(blocks: list[Block], theme: dict) -> list[Block]:
    """The PASSAGES_PER_REPORT blocks that mention the theme most (the earlier on a tie), in the report's order."""
    if len(blocks) <= PASSAGES_PER_REPORT:
        return blocks
    mentions = [dict(block.themes).get(theme["name"], 0) for block in blocks]
    ranked = sorted(range(len(blocks)), key=lambda i: (-mentions[i], i))
    return [blocks[i] for i in sorted(ranked[:PASSAGES_PER_REPORT])]


def keyword_pattern(theme: dict) -> re.Pattern | None:
    """Runs of the theme's keywords to mark; its excluded phrases (which contain a keyword) match first, unmarked."""
    def alternatives(words) -> str:
        return "|".join(map(re.escape, sorted((str(word) for word in words or () if word), key=len, reverse=True)))
    keywords, excluded = alternatives(theme.get("keywords")), alternatives(theme.get("exclude"))
    if not keywords:
        return None
    return re.compile((f"(?P<skip>{excluded})|" if excluded else "") + f"(?P<mark>(?:{keywords})+)")


def highlight(text: str, keywords: re.Pattern | None) -> str:
    """HTML of the text with the theme's keywords marked, on one line (a blank line would end the HTML block)."""
    text = " ".join(text.splitlines())
    if keywords is None:
        return _literal(text)
    pieces, position = [], 0
    for match in keywords.finditer(text):
        if match.lastgroup == "mark":
            pieces += [_literal(text[position:match.start()]), f"<mark>{_literal(match.group())}</mark>"]
            position = match.end()
    return "".join(pieces) + _literal(text[position:])


def _literal(text: str) -> str:
    return html.escape(text, quote=False)
