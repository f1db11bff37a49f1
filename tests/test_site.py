"""A real `mkdocs build` of the seeds: every page the archive calls for exists, lists the right reports
(computed here from the archive itself), stays offline, and keeps reports out of the navigation."""
from __future__ import annotations

import re
import shutil
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from conftest import SEEDS, build_site

from scripts.convert.archive import build_archive
from scripts.convert.infer.themes import find_themes, tag_themes
from scripts.convert.model import Block, Meta, Report
from scripts.convert.rules import load_rules
from scripts.site.common import anchors_for, table_row
from scripts.site.browse import DIMENSIONS
from scripts.site.report import ReportView, report_html
from scripts.site.common import report_order
from scripts.site.themes import (
    PAGE_MAX_REPORTS,
    PAGE_MIN_REPORTS,
    PASSAGES_PER_REPORT,
    REPORTS_PER_PAGE,
    split_pages,
    highlight,
    keyword_pattern,
    select_passages,
)

ARCHIVE = build_archive(SEEDS)
TAXONOMY = load_rules().themes
# build_site passes -q, which drops warnings before `--strict` can count them; a later -v brings them back.
SHOW_WARNINGS = ("--verbose",)
EXTERNAL = re.compile(r"""^\s*(?:https?:)?//""", re.IGNORECASE)


class Article(HTMLParser):
    """The content of a built page: its h2 sections (id, text) and, per section, the links (href, text)."""

    def __init__(self, html: str):
        super().__init__()
        self.sections: list[tuple[str, str]] = [("", "")]
        self.links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._open: str | None = None  # "h2" or "a" while inside one
        self._href, self._text = "", []
        self.feed(html.split("<article", 1)[1].split("</article>", 1)[0])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2":
            self._open, self._text = "h2", []
            self.sections.append((attrs.get("id", ""), ""))
        elif tag == "a" and self._open is None:
            self._open, self._href, self._text = "a", attrs.get("href", ""), []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "h2" and self._open == "h2":
            self.sections[-1] = (self.sections[-1][0], "".join(self._text).strip())
        elif tag == "a" and self._open == "a":
            self.links[self.sections[-1][0]].append((self._href, "".join(self._text).strip()))
        else:
            return
        self._open = None


def read(site: Path, path: str) -> Article:
    return Article((site / path).read_text(encoding="utf-8"))


def linked_reports(links: list[tuple[str, str]]) -> list[str]:
    return [m.group(1) for href, _ in links if (m := re.search(r"reports/([^/#]+)\.html", href))]


def section_reports(article: Article) -> dict[str, list[str]]:
    """Group label (the h2 text before its count) -> slugs of the reports listed under it."""
    return {text.split("（")[0]: linked_reports(article.links[anchor]) for anchor, text in article.sections[1:]}


def expected_groups(label) -> dict[str, set[str]]:
    groups = defaultdict(set)
    for report in ARCHIVE.reports:
        groups[label(report.meta)].add(report.slug)
    return groups


def test_every_report_has_a_page_with_its_title(seed_site):
    assert len(ARCHIVE.reports) == 7  # the compilation in seed 004 holds three
    for report in ARCHIVE.reports:
        html = (seed_site / "reports" / f"{report.slug}.html").read_text(encoding="utf-8")
        assert 'class="report-card"' in html


@pytest.mark.parametrize("path, label", [
    ("browse/level.html", lambda meta: meta.level),
    ("browse/type.html", lambda meta: meta.doc_type),
    ("browse/organization.html", lambda meta: meta.organization or "单位未知"),
    ("browse/year.html", lambda meta: f"{meta.year}年" if meta.year else "年份未知"),
])
def test_browse_pages_list_each_group_with_its_reports_and_count(seed_site, path, label):
    article = read(seed_site, path)
    listed = section_reports(article)
    expected = expected_groups(label)
    assert {group: set(slugs) for group, slugs in listed.items()} == expected
    for anchor, text in article.sections[1:]:
        assert f"（{len(listed[text.split('（')[0]])} 篇）" in text


def test_years_run_newest_first_with_unknown_last(seed_site):
    labels = [text.split("（")[0] for _, text in read(seed_site, "browse/year.html").sections[1:]]
    years = [int(label[:-1]) for label in labels if label != "年份未知"]
    assert years == sorted(years, reverse=True) and len(years) >= 3
    assert "年份未知" not in labels[:-1]


@pytest.mark.parametrize("theme", TAXONOMY, ids=lambda theme: theme["slug"])
def test_theme_page_lists_its_reports_and_links_their_best_passages(seed_site, theme):
    article = read(seed_site, f"themes/{theme['slug']}.html")
    treating = {report.slug for report in ARCHIVE.reports if theme["name"] in report.meta.themes}
    assert {anchor for anchor, _ in article.sections[1:]} == treating
    for report in ARCHIVE.reports:
        if report.slug not in treating:
            continue
        on_theme = [block for block in report.blocks if theme["name"] in find_themes(block.text, TAXONOMY)]
        passages = [href.split("#", 1)[1] for href, text in article.links[report.slug] if text == "原文"]
        assert passages == [block.anchor for block in select_passages(on_theme, theme)]
        assert len(passages) == min(len(on_theme), PASSAGES_PER_REPORT)
        report_html = (seed_site / "reports" / f"{report.slug}.html").read_text(encoding="utf-8")
        assert all(f'id="{anchor}"' in report_html for anchor in passages)


def test_shown_passages_are_those_that_mention_the_theme_most_in_report_order():
    theme = {"name": "督查督办", "keywords": ["督查", "督办"]}
    blocks = list(tag_themes(tuple(Block("paragraph", text, f"p{i}") for i, text in enumerate(
        ["督查一次。", "没有。", "督查督办，再督查。", "督办两次，督查一次。", "督办一次。", "督查督办。"], start=1)), [theme]))
    assert [block.anchor for block in select_passages(blocks, theme)] == ["p3", "p4", "p6"][:PASSAGES_PER_REPORT]
    assert select_passages(blocks[:1], theme) == blocks[:1]


@pytest.fixture(scope="module")
def large_theme_site(tmp_path_factory) -> tuple[Path, Path]:
    """Seeds and site where each report treats a theme in more paragraphs than shown, and the theme spans
    several pages (more reports than a page holds)."""
    seeds = tmp_path_factory.mktemp("many")
    paragraph = "{office}加强督查督办，建立督办台账，第{n}项批示件按期办结率100%。"
    for number in range(PAGE_MAX_REPORTS + 2):
        lines = [f"第{number}县政府办公室2022年工作总结"]
        lines += [paragraph.format(office=f"第{number}县政府办公室", n=n) for n in range(PASSAGES_PER_REPORT + 2)]
        (seeds / f"{number:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("many-site")
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    return seeds, site


def test_a_theme_of_many_reports_is_paged_and_each_report_shows_a_few_passages(large_theme_site):
    seeds, site = large_theme_site
    theme = next(theme for theme in TAXONOMY if theme["name"] == "督查督办")
    treating = [r for r in sorted(build_archive(seeds).reports, key=report_order) if theme["name"] in r.meta.themes]
    expected = split_pages(treating)
    assert len(expected) >= 2
    pages = [read(site, f"themes/{theme['slug']}{'' if n == 1 else f'-{n}'}.html") for n in range(1, len(expected) + 1)]
    assert [[anchor for anchor, _ in page.sections[1:]] for page in pages] == [[r.slug for r in p] for p in expected]
    assert not (site / "themes" / f"{theme['slug']}-{len(expected) + 1}.html").exists()
    first, second = pages[:2]
    assert {text: href for href, text in first.links[""] if text in ("2", "下一页 »")} == {
        "2": f"{theme['slug']}-2.html", "下一页 »": f"{theme['slug']}-2.html"}
    assert (f"{theme['slug']}.html", "« 上一页") in second.links[""] + second.links[second.sections[-1][0]]
    anchor, _ = first.sections[1]
    assert [text for _, text in first.links[anchor]].count("原文") == PASSAGES_PER_REPORT
    html = (site / "themes" / f"{theme['slug']}.html").read_text(encoding="utf-8")
    assert html.count("本篇另有 2 段论及本主题") == len(expected[0])


def _slugs(count: int, seed: int) -> list[Report]:
    meta = Meta("t", "县级", 2022, "其他", "", (), "s.txt", 1)
    return [Report(f"r{seed}-{number}", meta, ()) for number in range(count)]


def test_theme_pages_hold_a_bounded_number_of_reports_each_in_order():
    reports = _slugs(5_000, 1)
    pages = split_pages(reports)
    assert [report for page in pages for report in page] == reports
    assert all(PAGE_MIN_REPORTS <= len(page) <= PAGE_MAX_REPORTS for page in pages[:-1])
    assert 0.8 * REPORTS_PER_PAGE <= len(reports) / len(pages) <= 1.2 * REPORTS_PER_PAGE
    assert split_pages([]) == [[]]


def test_a_report_added_to_a_theme_changes_few_of_its_pages():
    """Pages are written again only where their reports changed: a report added changes its own page and rarely
    another, where pages of a fixed size would all change after it."""
    reports, extra = _slugs(4_000, 2), _slugs(200, 3)
    before = {tuple(page) for page in split_pages(reports)}
    changed = []
    for number, report in enumerate(extra):
        position = number * len(reports) // len(extra)
        after = split_pages(reports[:position] + [report] + reports[position:])
        changed.append(sum(tuple(page) not in before for page in after))
    assert min(changed) >= 1 and sum(changed) / len(changed) <= 2.0


def test_home_counts_link_to_every_group_and_theme(seed_site):
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert f"<strong>{len(ARCHIVE.reports)}</strong> 篇报告" in home
    chips = re.findall(r'<a class="chip" href="([^"]+)">([^<]+)<span class="chip-count">(\d+)</span>', home)
    by_theme = {theme["slug"]: sum(theme["name"] in r.meta.themes for r in ARCHIVE.reports) for theme in TAXONOMY}
    assert {href: int(count) for href, _, count in chips if href.startswith("themes/")} == {
        f"themes/{slug}.html": count for slug, count in by_theme.items()}
    levels = expected_groups(lambda meta: meta.level)
    assert {label: int(count) for href, label, count in chips if href.startswith("browse/level")} == {
        level: len(slugs) for level, slugs in levels.items()}


def test_report_card_downloads_the_raw_file_byte_for_byte(seed_site):
    for report in ARCHIVE.reports:
        html = (seed_site / "reports" / f"{report.slug}.html").read_text(encoding="utf-8")
        href = re.search(r'<a download="" href="([^"]+)"', html).group(1)
        copied = seed_site / "reports" / unquote(href)
        assert copied.read_bytes() == ARCHIVE.sources[report.meta.source].read_bytes()


def test_no_page_requests_anything_from_another_host(seed_site):
    pages = list(seed_site.rglob("*.html"))
    assert len(pages) >= len(ARCHIVE.reports) + len(TAXONOMY) + 6
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for attribute, value in re.findall(r"""\s(src|href|srcset|poster|data|action)\s*=\s*["']([^"']*)""", html):
            assert not EXTERNAL.match(value), f"{path.relative_to(seed_site)}: {attribute}={value}"
        assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html), path
    for css in seed_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"""(?:url\(|@import)\s*["']?\s*(?:https?:)?//""", text), css


def test_navigation_never_lists_reports(seed_site):
    for path in seed_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<article" in html:
            navigation = html.split('<div class="md-content"', 1)[0]
            assert "reports/" not in navigation, path.relative_to(seed_site)


def test_links_between_pages_resolve_to_built_files(seed_site):
    for path in [seed_site / "index.html", *seed_site.glob("browse/*.html"), *seed_site.glob("themes/*.html"),
                 *seed_site.glob("reports/*.html")]:
        for links in read(seed_site, str(path.relative_to(seed_site))).links.values():
            for href, _ in links:
                target = unquote(urljoin(path.relative_to(seed_site).as_posix(), href.split("#")[0]))
                assert not href or href.startswith("#") or (seed_site / target).is_file(), f"{path}: {href}"


def test_problems_page_says_when_there_are_none(seed_site):
    assert not ARCHIVE.problems
    assert "没有问题文件" in (seed_site / "problems.html").read_text(encoding="utf-8")


def test_strict_build_of_the_seeds_has_no_warning(tmp_path):
    result = build_site(SEEDS, tmp_path / "site", "--strict", *SHOW_WARNINGS)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def troubled_seeds(tmp_path_factory) -> Path:
    """Two good seeds, a copy of one of them, an empty file and an image renamed .txt."""
    seeds = tmp_path_factory.mktemp("troubled")
    for name in ("001_0b808da05fd04239.txt", "002_34b1f4cb1bc013ad.txt"):
        shutil.copy(SEEDS / name, seeds / name)
    shutil.copy(SEEDS / "001_0b808da05fd04239.txt", seeds / "001-副本.txt")
    (seeds / "空白文件.txt").write_bytes(b"")
    (seeds / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return seeds


def test_problem_files_are_listed_and_warned_but_do_not_fail_a_normal_build(troubled_seeds, tmp_path):
    archive = build_archive(troubled_seeds)
    assert {problem.source for problem in archive.problems} >= {"空白文件.txt", "photo.txt"}
    normal = build_site(troubled_seeds, tmp_path / "normal", *SHOW_WARNINGS)
    assert normal.returncode == 0, normal.stderr
    problems = (tmp_path / "normal" / "problems.html").read_text(encoding="utf-8")
    for problem in archive.problems:
        assert problem.source in problems
        assert problem.source in normal.stderr  # warned in the build output
    for dropped, kept in archive.duplicates:
        assert dropped in problems and kept in problems
    assert [set(pair) for pair in archive.duplicates] == [{"001-副本.txt", "001_0b808da05fd04239.txt"}]
    assert len(list((tmp_path / "normal" / "reports").glob("*.html"))) == len(archive.reports) == 2


def test_problem_files_fail_a_strict_build(troubled_seeds, tmp_path):
    strict = build_site(troubled_seeds, tmp_path / "strict", "--strict", *SHOW_WARNINGS)
    assert strict.returncode != 0
    assert "photo.txt" in strict.stderr


@pytest.mark.parametrize("cells, expected", [
    (["县政府办 | 办公室", "2021年"], r"| 县政府办 \| 办公室 | 2021年 |"),
    ([r"已转义 \| 竖线"], r"| 已转义 \| 竖线 |"),
    ([r"反斜杠\\|后的竖线"], r"| 反斜杠\\\|后的竖线 |"),
])
def test_a_pipe_in_a_cell_never_splits_the_table(cells, expected):
    assert table_row(cells) == expected


def test_group_anchors_are_readable_and_unique():
    anchors = anchors_for(["县政府办公室", "县政府·办公室", "2023年", "<b>", "Office of X"])
    assert anchors == {"县政府办公室": "县政府办公室", "县政府·办公室": "县政府办公室-2", "2023年": "2023年",
                       "<b>": "b", "Office of X": "OfficeofX"}


@pytest.mark.parametrize("text, expected", [
    ("强化督查督办，狠抓落实", "强化<mark>督查督办</mark>，狠抓落实"),
    ("党员干部带头，党员**名", "党员干部带头，<mark>党员</mark>**名"),
    ("<督查> & <b>", "&lt;<mark>督查</mark>&gt; &amp; &lt;b&gt;"),
    ("督查\n\n督办", "<mark>督查</mark>  <mark>督办</mark>"),
])
def test_highlight_marks_keyword_runs_but_not_excluded_phrases(text, expected):
    pattern = keyword_pattern({"keywords": ["督查", "督办", "党员"], "exclude": ["党员干部"]})
    assert highlight(text, pattern) == expected


@pytest.mark.parametrize("blocks", [[Block("paragraph", "甲", "p1"), Block("paragraph", "正文", "p2")],
                                    [Block("paragraph", "正文", "p2")]], ids=["title block", "descriptive title"])
def test_card_goes_under_the_title(blocks):
    meta = Meta(title="甲", level="县级", year=2021, doc_type="其他", organization="", themes=(), source="甲.txt", chars=3)
    view = ReportView(Report("jia", meta, tuple(blocks)), (), {key: {} for key in DIMENSIONS}, {}, lambda text: text)
    lines = report_html(view).split("\n")
    assert re.fullmatch(r'<h1 id="(p1|甲)">甲</h1>', lines[0]) and lines[1] == '<div class="report-card">'
    assert lines[-1] == '<p id="p2">正文</p>' and lines[-2] == "</div>"
