"""Theme pages: an index of the taxonomy, and per theme the reports that treat it with the paragraphs that do.

A theme page must stay readable at any archive size: its reports are split into pages of about
REPORTS_PER_PAGE (themes/<slug>.md, themes/<slug>-2.md, …), and under each report come at most
PASSAGES_PER_REPORT of its paragraphs on the theme, those that mention it most, with a link to the report for
the others. Where a page ends depends on its own reports only (split_pages), so that a report added to a
large archive changes one page of each of its themes, not every page after it: the others are written
from the store as they were.
The reports' sections are made straight into HTML when the page is written (ThemeSections, in the place
of DEFERRED_MARK in the page's Markdown): with their passages they are most of the site's text after the
reports themselves, and Python-Markdown took longer over them than over everything else in the build.
"""
from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from dataclasses import dataclass

from scripts.convert.model import Block, Report, report_digest
from scripts.convert.render import Heading, escape_text
from scripts.search.runs import split_where_slugs_say
from scripts.site.common import (
    DEFERRED_MARK,
    built_href,
    format_count,
    front_matter,
    html_link,
    link,
    organization_label,
    report_order,
    report_uri,
    table_row,
    theme_uri,
    year_label,
)
from scripts.site.trends import theme_trend

INDEX_URI = "themes/index.md"
REPORTS_PER_PAGE = 50  # on average: a page holds PAGE_MIN_REPORTS to PAGE_MAX_REPORTS
PAGE_MIN_REPORTS, PAGE_MAX_REPORTS = 30, 100
PAGE_END_ONE_IN = REPORTS_PER_PAGE - PAGE_MIN_REPORTS  # past the minimum, one report in this many ends a page
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


@dataclass(frozen=True)
class ThemeSections:
    """A theme page's reports, each with its passages on the theme: made into HTML when the page is written."""
    theme: dict
    reports: tuple[Report, ...]
    passages: dict[str, list[Block]]  # report slug -> its blocks on the theme
    page: str

    def headings(self) -> tuple[Heading, ...]:
        return tuple(Heading(2, report.slug, _literal(report.meta.title)) for report in self.reports)

    def digest(self) -> str:
        """A digest of what the sections are made from: taken much faster than making them."""
        members = [report_digest(report) for report in self.reports]  # its passages are the report's
        return hashlib.sha256(repr((self.theme, self.page, members)).encode()).hexdigest()

    def html(self) -> str:
        keywords = keyword_pattern(self.theme)
        return "\n".join(_report_section(report, self.theme, self.passages.get(report.slug, []), keywords, self.page)
                         for report in self.reports)


def theme_pages(reports: tuple[Report, ...], taxonomy: list[dict],
                passages: Passages) -> tuple[dict[str, str], dict[str, ThemeSections]]:
    """The pages' Markdown, and the sections of those that list reports."""
    by_theme: dict[str, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=report_order):
        for theme in report.meta.themes:
            by_theme[theme].append(report)
    pages, sections = {INDEX_URI: _index_page(taxonomy, by_theme, passages)}, {}
    for theme in taxonomy:
        for page, (markdown, listed) in _theme_pages(theme, by_theme[theme["name"]], passages[theme["name"]]).items():
            pages[page] = markdown
            if listed:
                sections[page] = listed
    return pages, sections


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
             f"每页约 {REPORTS_PER_PAGE} 篇。点击段落末尾的“原文”可跳到报告中的该段。\n")
    return front_matter("主题") + "# 主题\n\n" + intro + "\n" + "\n".join(rows) + "\n"


def split_pages(reports: list[Report]) -> list[list[Report]]:
    """The reports in pages of PAGE_MIN_REPORTS to PAGE_MAX_REPORTS, ended where their slugs say: a report added
    or removed moves no other page's ends."""
    return split_where_slugs_say(reports, PAGE_MIN_REPORTS, PAGE_END_ONE_IN, PAGE_MAX_REPORTS)


def _theme_pages(theme: dict, reports: list[Report],
                 passages: dict[str, list[Block]]) -> dict[str, tuple[str, ThemeSections | None]]:
    """The theme's reports in pages (split_pages); a theme no report treats still gets its (empty) page.
    Only the first page counts them, so that the others stay the same while no report joins them."""
    split = split_pages(reports)
    paragraphs = sum(len(passages.get(report.slug, ())) for report in reports)
    pages = {}
    for number, members in enumerate(split, start=1):
        page = theme_page_uri(theme["slug"], number)
        pager = _pager(theme["slug"], number, len(split), page)
        back = link("← 全部主题", INDEX_URI, page)
        summary = (f"共 {format_count(len(reports))} 篇报告论及本主题，相关段落 {format_count(paragraphs)} 段。{back}\n"
                   if number == 1 else f"{link('本主题第 1 页', theme_uri(theme['slug']), page)} · {back}\n")
        parts = [_heading(theme, number), summary, pager]
        if number == 1:
            parts.insert(2, theme_trend(theme["name"], reports, passages))
        parts += [f"{DEFERRED_MARK}\n", pager] if members else ["目前没有报告论及本主题。\n"]
        listed = ThemeSections(theme, tuple(members), passages, page) if members else None
        pages[page] = ("\n".join(part for part in parts if part), listed)
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
    """The report's title, facts and best passages on the theme, in HTML."""
    meta = report.meta
    read = html_link("阅读全文", report_uri(report), page)
    facts = " · ".join(map(_literal, [meta.level, year_label(meta.year), meta.doc_type,
                                      organization_label(meta.organization)]))
    lines = [f'<h2 id="{report.slug}">{_literal(meta.title)}</h2>', f'<p class="report-facts">{facts} · {read}</p>']
    for block in select_passages(blocks, theme):
        source = built_href(report_uri(report), page, block.anchor)
        lines.append(f'<p class="passage">{highlight(block.text, keywords)} '
                     f'<a class="passage-link" href="{source}">原文</a></p>\n')
    if len(blocks) > PASSAGES_PER_REPORT:
        lines.append(f'<p class="report-facts">本篇另有 {len(blocks) - PASSAGES_PER_REPORT} 段论及本主题，见{read}。</p>')
    if not blocks:
        lines.append("<p>（本篇没有单独论述本主题的段落，主题由全文判断。）</p>")
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
    # A match starts with the first character of a word: looking ahead for one first makes the search 3x faster.
    first = "".join(sorted({str(word)[0] for word in [*theme.get("keywords", ()), *(theme.get("exclude") or ())] if word}))
    return re.compile(f"(?=[{re.escape(first)}])(?:" + (f"(?P<skip>{excluded})|" if excluded else "")
                      + f"(?P<mark>(?:{keywords})+))")


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
