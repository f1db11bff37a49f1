"""What every generated page shares: page paths, relative links, group labels and anchors, report tables."""
from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from urllib.parse import quote

from scripts.convert.model import Meta, Report
from scripts.convert.render import dump_yaml, escape_text

HOME_URI = "index.md"
PROBLEMS_URI = "problems.md"
SEARCH_URI = "search/index.md"
GUIDE_URI = "guide.md"
LEVEL_ORDER = ("中央", "省级", "市级", "县级", "乡镇", "未知")
DOC_TYPE_ORDER = ("年度工作总结", "半年工作总结", "述职述廉报告", "工作汇报", "工作报告", "讲话", "其他")
UNKNOWN_YEAR = "年份未知"
UNKNOWN_ORGANIZATION = "单位未知"
# Where a generated page's Markdown leaves the HTML that is made only when the page is written (the hook puts it in).
DEFERRED_MARK = "<!-- archive:deferred -->"
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")  # a pipe after an even number of backslashes
_NOT_IN_ANCHOR = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff_-]+")


def report_uri(report: Report) -> str:
    return f"reports/{report.slug}.md"


def theme_uri(slug: str) -> str:
    return f"themes/{slug}.md"


def source_uri(source: str) -> str:
    """Where the raw file is copied in the site. A Markdown source gets `.txt` so it stays a download, not a page."""
    return f"sources/{source}.txt" if source.lower().endswith(_MARKDOWN_SUFFIXES) else f"sources/{source}"


def link(text: str, target: str, page: str, anchor: str = "") -> str:
    """A Markdown link from `page` to `target` (both paths in the site), with escaped text."""
    return f"[{escape_text(text)}]({href(target, page, anchor)})"


def href(target: str, page: str, anchor: str = "") -> str:
    """The URL-quoted path from `page` to `target` (a path in the site), with an optional fragment."""
    folder, name = posixpath.split(target)
    relative = posixpath.join(_relative_folder(folder, posixpath.dirname(page)), name)
    return quote(relative) + (f"#{anchor}" if anchor else "")  # anchors are plain letters, digits and CJK


def built_href(target: str, page: str, anchor: str = "") -> str:
    """href() as it reads in the built site, for raw HTML, whose links MkDocs leaves as written.

    The site uses `use_directory_urls: false` (it must also work opened from disk): a page x.md is x.html.
    """
    base, dot, suffix = target.rpartition(".")
    return href(f"{base}.html" if dot and suffix == "md" else target, page, anchor)


def html_link(text: str, target: str, page: str, anchor: str = "") -> str:
    """An HTML link from `page` to `target` (both paths in the site) as it reads in the built site, escaped text."""
    return f'<a href="{built_href(target, page, anchor)}">{html.escape(text, quote=False)}</a>'


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, page_folder: str) -> str:
    """relpath is slow and a site has few folders: pages link thousands of times between the same two."""
    return "" if folder == page_folder else posixpath.relpath(folder or ".", page_folder or ".")


def count_chip(label: str, count: int, target: str, page: str, anchor: str = "") -> str:
    """A link shown as a chip: a group's name and its number of reports."""
    return f'[{escape_text(label)}<span class="chip-count">{count}</span>]({href(target, page, anchor)}){{ .chip }}'


def year_label(year: int | None) -> str:
    return f"{year}年" if year else UNKNOWN_YEAR


def organization_label(organization: str) -> str:
    return organization.strip() or UNKNOWN_ORGANIZATION


def format_count(number: int) -> str:
    return f"{number:,}"


def group_reports(reports: Iterable[Report], key: Callable[[Meta], str],
                  order: Callable[[tuple[str, list[Report]]], object]) -> list[tuple[str, list[Report]]]:
    """Reports grouped by a label of their metadata; groups in `order`, reports newest first within each."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[key(report.meta)].append(report)
    return sorted(((label, sorted(members, key=report_order)) for label, members in groups.items()), key=order)


def report_order(report: Report) -> tuple:
    year = report.meta.year
    return (year is None, -(year or 0), report.meta.title, report.slug)


def in_fixed_order(known: tuple[str, ...]) -> Callable[[tuple[str, list[Report]]], object]:
    """Sort key for groups: the known values in their given order, then any others by name."""
    return lambda group: (known.index(group[0]) if group[0] in known else len(known), group[0])


def anchors_for(labels: Iterable[str]) -> dict[str, str]:
    """A readable, unique HTML id for each group label (its letters, digits and Chinese characters)."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for label in labels:
        base = _NOT_IN_ANCHOR.sub("", label) or "group"
        anchor, number = base, 2
        while anchor in taken:
            anchor, number = f"{base}-{number}", number + 1
        taken.add(anchor)
        anchors[label] = anchor
    return anchors


def table_row(cells: Iterable[str]) -> str:
    """A Markdown table row of already escaped cells, where any `|` left unescaped is escaped (not a column break)."""
    return "| " + " | ".join(_UNESCAPED_PIPE.sub(r"\1\\|", cell) for cell in cells) + " |"


def front_matter(title: str, hide: tuple[str, ...] = ()) -> str:
    """Front matter for a generated page: plain values (the templates escape them)."""
    meta = {"title": title, **({"hide": list(hide)} if hide else {})}
    return "---\n" + dump_yaml(meta) + "---\n\n"
