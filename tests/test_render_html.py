"""Report pages are made straight into HTML; the reference is the Markdown page they replaced, rendered by
MkDocs itself: the page a reader sees, its table of contents and its anchors must not differ.

The reference Markdown is render_markdown (also what `python -m scripts.convert` writes, pinned by the
goldens in tests/golden/) with the metadata card as Markdown, as the site wrote it before. The card may
have gained rows since (they exist only in HTML): those it had must read as MkDocs wrote them.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from test_render import LITERAL_TEXTS

from scripts.convert.archive import Archive, build_archive
from scripts.convert.model import Block, Meta, Report
from scripts.convert.render import escape_text, render_markdown
from scripts.convert.rules import load_rules
from scripts.site.browse import DIMENSIONS
from scripts.site.common import format_count, link, organization_label, report_uri, source_uri, theme_uri, year_label
from scripts.site.hook import ReportPage
from scripts.site.pages import generate_pages
from scripts.site.settings import heading_slugify

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
TAXONOMY = load_rules().themes


def reference_card(report: Report, siblings, anchors, theme_slugs) -> str:
    """The metadata card as Markdown, as the site wrote it before report pages skipped Markdown."""
    page, meta = report_uri(report), report.meta
    labels = {"level": meta.level, "year": year_label(meta.year), "doc_type": meta.doc_type,
              "organization": organization_label(meta.organization)}
    rows = [(DIMENSIONS[key].name, link(label, DIMENSIONS[key].uri, page, anchors[key].get(label, "")))
            for key, label in labels.items()]
    themes = "、".join(link(theme, theme_uri(theme_slugs[theme]), page) if theme in theme_slugs else escape_text(theme)
                      for theme in meta.themes) or "—"
    rows += [("主题", themes), ("字数", f"{format_count(meta.chars)} 字"),
             ("来源文件", link(meta.source, source_uri(meta.source), page) + '{ download="" title="下载原始文件" }')]
    if meta.parts:
        others = [link(f"第{other.meta.part}篇", report_uri(other), page) for other in siblings if other is not report]
        rows.append(("汇编", f"第{meta.part}篇/共{meta.parts}篇" + (f"（同一汇编：{'、'.join(others)}）" if others else "")))
    items = "\n".join(f'- <span class="card-label{" card-wide" if name in ("主题", "来源文件", "汇编") else ""}">'
                      f'{name}</span> <span class="card-value">{value}</span>' for name, value in rows)
    return f'<div class="report-card" markdown>\n\n{items}\n\n</div>\n'


def reference_markdown(view) -> str:
    """render_markdown's page with the card after its first `# ` heading (or after its front matter)."""
    markdown = render_markdown(view.report)
    card = reference_card(view.report, view.siblings, view.anchors, view.theme_slugs)
    head, separator, body = markdown.partition("\n# ")
    if separator:
        title, _, rest = body.partition("\n")
        return f"{head}\n# {title}\n\n{card}\n{rest.lstrip()}"
    front, _, body = markdown.partition("\n---\n")
    return f"{front}\n---\n\n{card}\n{body.lstrip()}"


def site_pages(archive: Archive):
    """The archive's pages, and every file of its site as MkDocs sees them (links are resolved against them)."""
    pages = generate_pages(archive, TAXONOMY, heading_slugify(CONFIG))
    uris = [*pages.markdown, *pages.reports, *(source_uri(source) for source in archive.sources)]
    return pages, Files([File(uri, None, CONFIG.site_dir, CONFIG.use_directory_urls) for uri in uris])


def render_both(uri: str, view, files: Files) -> tuple[Page, ReportPage]:
    before = Page(None, files.get_file_from_path(uri), CONFIG)
    before.file.content_string = reference_markdown(view)
    before.read_source(CONFIG)
    before.render(CONFIG, files)
    after = ReportPage(File(uri, None, CONFIG.site_dir, CONFIG.use_directory_urls), CONFIG, view)
    after.read_source(CONFIG)
    after.render(CONFIG, files)
    after.content = view.html()
    return before, after


def without_card(content: str) -> tuple[str, list[str]]:
    """The page without its metadata card, and the card's rows."""
    found = _CARD.search(content)
    assert found, content[:300]
    return content[:found.start()] + content[found.end():], found["rows"].split("\n")


def assert_same_card(after: str, before: str) -> None:
    """Every row the Markdown card had is in the HTML card, in order (rows added since are allowed)."""
    rows = iter(without_card(after)[1])
    assert all(any(row == new for new in rows) for row in without_card(before)[1])


_CARD = re.compile(r'<div class="report-card">\n<ul>\n(?P<rows>.*?)\n</ul>\n</div>\n', re.DOTALL)


def toc_entries(toc) -> list:
    return [(item.level, item.id, html.unescape(item.title), toc_entries(item.children)) for item in toc]


class _Reading(HTMLParser):
    """What a browser makes of the HTML: tags with their attributes, and text with entities resolved."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.events: list = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.events.append((tag, sorted(attrs)))

    def handle_endtag(self, tag):
        self.events.append(f"/{tag}")

    def handle_data(self, data):
        if self.events and isinstance(self.events[-1], str) and self.events[-1].startswith("text:"):
            self.events[-1] += data
        else:
            self.events.append(f"text:{data}")


def as_read(fragment: str) -> list:
    return [event for event in _Reading(fragment).events if event != "text:\n"]


SEED_ARCHIVE = build_archive(SEEDS)
SEED_PAGES, SEED_FILES = site_pages(SEED_ARCHIVE)


@pytest.mark.parametrize("uri", sorted(SEED_PAGES.reports))
def test_a_seed_report_page_is_byte_for_byte_what_markdown_made_of_it(uri):
    before, after = render_both(uri, SEED_PAGES.reports[uri], SEED_FILES)
    assert without_card(after.content)[0] == without_card(before.content)[0]
    assert_same_card(after.content, before.content)
    assert toc_entries(after.toc) == toc_entries(before.toc) and len(after.toc) == 1
    assert after.present_anchor_ids == before.present_anchor_ids
    assert after.meta == before.meta and after.title == before.title


def tricky_archive() -> Archive:
    """Reports whose text, headings and titles are the literal texts of test_render, with and without a title block."""
    meta = dict(level="县级", year=2021, doc_type="年度工作总结", organization="县政府办公室", themes=("督查督办", "未知主题"),
                source="x.txt", chars=100)
    reports = []
    for number, text in enumerate(LITERAL_TEXTS):
        first_line = text.splitlines()[0]
        blocks = (Block("paragraph", first_line, "p1"), Block("section", first_line, "s2"),
                  Block("subsection", first_line, "s3"), Block("paragraph", text, "p4"),
                  Block("section", "一、二级标题", "h"), Block("subsection", "（一）三级", "h-2"))
        with_title = number % 2 == 0
        title = first_line if with_title else f"{first_line} 的描述性标题"
        reports.append(Report(f"r{number}", Meta(title=title, **meta), blocks if with_title else blocks[1:]))
    taken = Report("taken", Meta(title="一、二级标题", **meta), (Block("paragraph", "正文", "一二级标题"),
                                                           Block("paragraph", "正文", "一二级标题_1")))
    parts = [Report(f"part-{n}", Meta(title=f"第{n}篇", **{**meta, "source": "汇编.txt"}, part=n, parts=2),
                    (Block("paragraph", "正文", "p1"),)) for n in (1, 2)]
    return Archive((*reports, taken, *parts), (), {"x.txt": Path("x.txt"), "汇编.txt": Path("汇编.txt")})


TRICKY_PAGES, TRICKY_FILES = site_pages(tricky_archive())


@pytest.mark.parametrize("uri", sorted(TRICKY_PAGES.reports))
def test_tricky_text_reads_the_same_as_markdown_made_it(uri):
    """Markdown writes a few characters as entities (`&#61;` for a line-initial `=`); the reader sees the same."""
    before, after = render_both(uri, TRICKY_PAGES.reports[uri], TRICKY_FILES)
    assert as_read(without_card(after.content)[0]) == as_read(without_card(before.content)[0])
    assert_same_card(after.content, before.content)
    assert toc_entries(after.toc) == toc_entries(before.toc)
    assert after.present_anchor_ids == before.present_anchor_ids


def test_a_descriptive_title_gets_the_anchor_markdown_gives_it_even_when_that_is_taken():
    before, after = render_both("reports/taken.md", TRICKY_PAGES.reports["reports/taken.md"], TRICKY_FILES)
    assert re.match(r'<h1 id="一二级标题_2">', after.content) and after.content.split("\n")[0] in before.content


@pytest.mark.parametrize("page", ["browse/level.html", "browse/organization.html", "themes/party-building.html"])
def test_sections_made_without_markdown_are_in_the_table_of_contents(seed_site, page):
    """Browse and theme pages leave their sections to be made as HTML: the sidebar still lists each of them."""
    text = (seed_site / page).read_text(encoding="utf-8")
    sections = re.findall(r'<h2 id="([^"]+)"', text)
    toc = text.split('md-nav--secondary', 1)[1].split("</nav>", 1)[0]
    assert sections and re.findall(r'href="#([^"]+)"', toc) == [html.escape(anchor) for anchor in sections]
