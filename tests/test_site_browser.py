"""What a reader sees and clicks in headless Chromium: home, browse, theme and report pages of the seed site,
the same site opened from disk, and a report whose corrected title is hostile markup."""
from __future__ import annotations

import re
import shutil
from urllib.parse import unquote

import pytest
from conftest import SEEDS, build_site, serve_folder

from scripts.convert.archive import build_archive
from scripts.convert.infer.themes import find_themes
from scripts.convert.rules import load_rules

ARCHIVE = build_archive(SEEDS)
TAXONOMY = load_rules().themes
REPORTS = {report.slug: report for report in ARCHIVE.reports}


def year_text(year):
    return f"{year}年" if year else "年份未知"


def test_home_shows_the_counts_and_its_chips_lead_to_the_groups(page, seed_url):
    page.goto(f"{seed_url}/index.html")
    assert page.locator("h1").inner_text() == "政府工作报告文库"
    assert f"本文库收录 {len(ARCHIVE.reports)} 篇报告" in page.locator("article").inner_text()
    year = max(report.meta.year for report in ARCHIVE.reports if report.meta.year)
    chip = page.locator("a.chip", has_text=f"{year}年").first
    count = sum(report.meta.year == year for report in ARCHIVE.reports)
    assert chip.locator(".chip-count").inner_text() == str(count)
    chip.click()
    assert unquote(page.url).endswith(f"browse/year.html#{year}年")
    heading = page.locator(f"h2[id='{year}年']")
    assert heading.inner_text() == f"{year}年（{count} 篇）"
    assert heading.is_visible()


def test_browse_page_lists_reports_and_a_title_opens_the_report(page, seed_url):
    page.goto(f"{seed_url}/browse/type.html")
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(ARCHIVE.reports)
    row = rows.first
    title, level, year, doc_type = (row.locator("td").nth(i).inner_text() for i in range(4))
    row.locator("a").click()
    report = REPORTS[re.search(r"reports/(.+)\.html", page.url).group(1)]
    assert page.locator("h1").inner_text() == report.meta.title == title
    assert (level, year, doc_type) == (report.meta.level, year_text(report.meta.year), report.meta.doc_type)


def test_theme_page_passage_links_to_its_paragraph_in_the_report(page, seed_url):
    theme = next(theme for theme in TAXONOMY if theme["name"] == "督查督办")
    page.goto(f"{seed_url}/themes/{theme['slug']}.html")
    assert page.locator("h1").inner_text() == "督查督办"
    passage = page.locator("article p.passage").first
    assert passage.locator("mark").count() >= 1
    excerpt = passage.inner_text().removesuffix("原文").strip()
    passage.locator("a", has_text="原文").click()
    page.wait_for_url("**/reports/*.html#*")
    slug, anchor = re.search(r"reports/(.+)\.html#(.+)$", page.url).groups()
    block = next(block for block in REPORTS[slug].blocks if block.anchor == anchor)
    assert "督查督办" in find_themes(block.text, TAXONOMY)
    target = page.locator(f"[id='{anchor}']")
    target.wait_for(state="visible")
    assert target.is_visible() and target.inner_text() == block.text == excerpt
    assert target.evaluate("element => element.matches(':target')")


def test_report_card_shows_the_metadata_and_its_links_work(page, seed_url):
    report = next(report for report in ARCHIVE.reports if report.meta.parts)
    page.goto(f"{seed_url}/reports/{report.slug}.html")
    card = page.locator(".report-card")
    values = {item.locator(".card-label").inner_text(): item.locator(".card-value").inner_text()
              for item in card.locator("li").all()}
    meta = report.meta
    assert values["级别"] == meta.level and values["年份"] == year_text(meta.year)
    assert values["文种"] == meta.doc_type and values["单位"] == (meta.organization or "单位未知")
    assert values["主题"].split("、") == list(meta.themes)
    assert values["字数"] == f"{meta.chars:,} 字"
    assert values["汇编"].startswith(f"第{meta.part}篇/共{meta.parts}篇")
    download = card.locator("a[download]")
    assert download.inner_text() == meta.source
    response = page.request.get(download.evaluate("link => link.href"))
    assert response.ok and response.body() == (SEEDS / meta.source).read_bytes()
    card.locator("a", has_text=meta.themes[0]).click()
    assert page.locator("h1").inner_text() == meta.themes[0]
    assert page.locator(f"h2[id='{report.slug}']").count() == 1


def test_redaction_asterisks_show_literally(page, seed_url):
    report = next(report for report in ARCHIVE.reports if report.meta.source.startswith("001_"))
    page.goto(f"{seed_url}/reports/{report.slug}.html")
    text = page.locator("article").inner_text()
    assert "为**街道**村协调资金**余万元" in text
    assert page.locator("article strong, article em").count() == 0


def test_site_opened_from_disk_can_be_browsed(page, seed_site):
    page.goto((seed_site / "index.html").as_uri())
    page.locator(".md-tabs a", has_text="浏览").click()
    assert page.locator("h1").inner_text() == "按级别浏览"
    page.locator("article table a").first.click()
    page.wait_for_url("**/reports/*.html")
    page.locator(".report-card").wait_for(state="visible")  # the click navigates: wait for the page it opens
    assert page.url.startswith("file://")


HOSTILE_TITLE = '<img src=x onerror="window.hacked=1">**要点** | [链接](javascript:window.hacked=2) {{ x }}'


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """One seed whose sidecar gives it a title and organization made of markup."""
    seeds = tmp_path_factory.mktemp("hostile-seeds")
    shutil.copy(SEEDS / "002_34b1f4cb1bc013ad.txt", seeds)
    sidecar = f"title: '{HOSTILE_TITLE}'\norganization: '<b>县政府办</b> | *办公室*'\n"
    (seeds / "002_34b1f4cb1bc013ad.yml").write_text(sidecar, encoding="utf-8")
    site = tmp_path_factory.mktemp("hostile-site")
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    url, server = serve_folder(site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", ["reports/002_34b1f4cb1bc013ad.html", "browse/year.html",
                                  "browse/organization.html", "themes/index.html"])
def test_hostile_title_shows_as_text_everywhere(page, hostile_url, path):
    page.goto(f"{hostile_url}/{path}")
    assert page.evaluate("window.hacked") is None
    assert page.locator("article img, article b, article strong").count() == 0
    if path.startswith("reports/"):
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        assert page.title().startswith(HOSTILE_TITLE)
        assert page.locator(".md-header__topic").last.inner_text() == HOSTILE_TITLE
    elif path.startswith("browse/"):
        row = page.locator("article table tbody tr").first
        assert row.locator("td").first.inner_text() == HOSTILE_TITLE
        assert row.locator("td").last.inner_text() == "<b>县政府办</b> | *办公室*"
