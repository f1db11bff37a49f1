"""Outlines (提纲): per document type, the heading trees of its reports side by side, so that a writer sees how
a 述职述廉报告 is usually built, with the section headings its reports use most. A report's own page copies
its outline with one click (docs/assets/outline.js reads the headings there; nothing is added to the page)."""
from __future__ import annotations

import re
from collections import Counter
from html import escape
from urllib.parse import quote

from scripts.convert.model import Report
from scripts.convert.render import escape_text
from scripts.site.facets import FACETS_URI
from scripts.site.common import (
    DOC_TYPE_ORDER,
    built_href,
    format_count,
    front_matter,
    link,
    organization_label,
    report_order,
    report_uri,
    table_row,
    year_label,
)

INDEX_URI = "outlines/index.md"
REPORTS_PER_PAGE = 30
MAX_PAGES = 10  # the newest 300 of a type side by side; the headings' counts cover them all
COMMON_HEADINGS = 15
TYPE_SLUGS = dict(zip(DOC_TYPE_ORDER, ("annual", "half-year", "duty", "briefing", "work-report", "speech", "other")))
_NUMBER = "[一二三四五六七八九十百零\\d]+"
_NUMBERING = re.compile(rf"^\s*(?:第{_NUMBER}(?:部分|章|节|篇|个方面)?\s*|[（(]{_NUMBER}[)）][、.．\s]*|{_NUMBER}[、.．:：]\s*)")
_TRAILING = re.compile(r"[\s：:。；;，,！!]+$")
_INDENT = {"section": 0, "subsection": 1}


def outline(report: Report) -> list[tuple[int, str, str]]:
    """The report's headings below its title: (depth 0 or 1, text, anchor), in order."""
    return [(_INDENT[b.kind], b.text.strip(), b.anchor) for b in report.blocks if b.kind in _INDENT]


def outline_text(report: Report) -> str:
    """The outline as the copy button writes it: the title, then one heading a line, indented by depth."""
    return "\n".join([report.meta.title, *("　　" * (depth + 1) + text for depth, text, _ in outline(report))])


def heading_core(text: str) -> str:
    """A section heading without its numbering and closing punctuation: “一、强化政治引领：” -> “强化政治引领”."""
    return _TRAILING.sub("", _NUMBERING.sub("", text, count=1))


def common_headings(reports: list[Report], limit: int = COMMON_HEADINGS, outlines=None) -> list[tuple[str, int]]:
    """The first-level headings that most reports use (counted once a report), at least two reports each; of
    those used as often, the first met first (the same order on every build)."""
    outlines = outlines or {}
    counts = Counter(core for report in reports
                     for core in dict.fromkeys(heading_core(text) for depth, text, _
                                               in outlines.get(report.slug) or outline(report) if depth == 0) if core)
    return [(text, n) for text, n in counts.most_common(limit) if n >= 2]


def type_uri(doc_type: str, number: int = 1) -> str:
    slug = TYPE_SLUGS.get(doc_type) or "type-" + (re.sub(r"[^\w-]+", "", doc_type) or "x")
    return f"outlines/{slug}.md" if number == 1 else f"outlines/{slug}-{number}.md"


def outline_pages(reports, max_pages: int = MAX_PAGES) -> dict[str, str]:
    """The index of document types, and per type the outlines of its newest reports, REPORTS_PER_PAGE to a page
    and at most `max_pages` pages: enough examples to compare, and a build cost that stops growing."""
    by_type: dict[str, list[Report]] = {}
    for report in sorted(reports, key=report_order):
        by_type.setdefault(report.meta.doc_type, []).append(report)
    types = [t for t in DOC_TYPE_ORDER if t in by_type] + sorted(set(by_type) - set(DOC_TYPE_ORDER))
    outlines = {report.slug: outline(report) for report in reports}
    pages = {INDEX_URI: _index_page(types, by_type, outlines)}
    for doc_type in types:
        pages |= _type_pages(doc_type, by_type[doc_type], outlines, max_pages)
    return pages


def _index_page(types: list[str], by_type: dict[str, list[Report]], outlines) -> str:
    rows = ["| 文种 | 报告数 | 有提纲的 | 最常用的一级标题 |", "|---|--:|--:|---|"]
    for doc_type in types:
        members = by_type[doc_type]
        with_outline = sum(1 for r in members if outlines[r.slug])
        top = "、".join(escape_text(text) for text, _ in common_headings(members, 3, outlines)) or "—"
        rows.append(table_row([link(doc_type, type_uri(doc_type), INDEX_URI), str(len(members)), str(with_outline), top]))
    intro = ("同一文种的报告并排列出各自的提纲（一级、二级标题），并统计最常用的一级标题，"
             "方便看出一类材料通常怎样谋篇。每篇报告页的“复制提纲”按钮可一键复制它的提纲。\n")
    return front_matter("提纲") + "# 提纲\n\n" + intro + "\n" + "\n".join(rows) + "\n"


def _type_pages(doc_type: str, reports: list[Report], outlines, max_pages: int) -> dict[str, str]:
    outlined = [r for r in reports if outlines[r.slug]]
    count = max(1, min(max_pages, -(-len(outlined) // REPORTS_PER_PAGE)))
    pages = {}
    for number in range(1, count + 1):
        page = type_uri(doc_type, number)
        members = outlined[(number - 1) * REPORTS_PER_PAGE:number * REPORTS_PER_PAGE]
        title = f"{doc_type}的提纲" + (f"（第 {number} 页）" if number > 1 else "")
        parts = [front_matter(title, hide=("navigation", "toc")), f"# {escape_text(title)}\n",
                 f"共 {format_count(len(reports))} 篇{escape_text(doc_type)}，其中 {format_count(len(outlined))} 篇分了章节标题，"
                 f"新的在前，每页 {REPORTS_PER_PAGE} 篇。{link('← 全部文种', INDEX_URI, page)}\n"]
        if number == 1:
            parts.append(_common_section(reports, outlines))
        if len(outlined) > count * REPORTS_PER_PAGE:
            parts.insert(2, _older_note(doc_type, count * REPORTS_PER_PAGE, page))
        pager = _pager(doc_type, number, count, page)
        cards = "\n".join(_card(report, outlines[report.slug], page) for report in members)
        parts += [pager, f'<div class="outline-grid">\n{cards}\n</div>\n' if cards else "本文种的报告都没有分章节标题。\n",
                  pager]
        pages[page] = "\n".join(part for part in parts if part)
    return pages


def _older_note(doc_type: str, shown: int, page: str) -> str:
    browse = f'<a href="{built_href(FACETS_URI, page)}?type={quote(doc_type)}">组合筛选</a>'
    return (f"这里并列最新的 {format_count(shown)} 篇；更早的可在{browse}中按文种找到，"
            "每篇报告页都能一键复制它的提纲。\n")


def _common_section(reports: list[Report], outlines) -> str:
    common = common_headings(reports, outlines=outlines)
    if not common:
        return ""
    rows = ["| 一级标题（去掉序号） | 用它的报告数 |", "|---|--:|"]
    rows += [table_row([escape_text(text), str(n)]) for text, n in common]
    return "## 常用的一级标题\n\n" + "\n".join(rows) + "\n\n## 各篇提纲\n"


def _card(report: Report, headings: list[tuple[int, str, str]], page: str) -> str:
    meta = report.meta
    facts = " · ".join([meta.level, year_label(meta.year), organization_label(meta.organization)])
    target = built_href(report_uri(report), page)  # anchors are letters, digits and CJK: no quoting needed
    groups: list[tuple[str, list[str]]] = []  # a section's link and its subsections' links
    for depth, text, anchor in headings:
        entry = f'<a href="{target}#{anchor}">{escape(text)}</a>'
        if depth == 0 or not groups:
            groups.append((entry if depth == 0 else "", []))
        if depth:
            groups[-1][1].append(f"<li>{entry}</li>")
    items = "".join(f"<li>{head}" + (f"<ul>{''.join(subs)}</ul>" if subs else "") + "</li>" for head, subs in groups)
    title = f'<a href="{target}">{escape(meta.title)}</a>'
    return (f'<div class="outline-card"><p class="outline-title">{title}</p>'
            f'<p class="outline-facts">{escape(facts)}</p><ul class="outline-tree">{items}</ul></div>')


def _pager(doc_type: str, number: int, count: int, page: str) -> str:
    if count == 1:
        return ""
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    items, previous = [], 0
    for other in shown:
        if other > previous + 1:
            items.append("…")
        items.append(f"**{other}**" if other == number else link(str(other), type_uri(doc_type, other), page))
        previous = other
    return f"第 {number}/{count} 页：" + " ".join(items) + "\n{: .theme-pager }\n"
