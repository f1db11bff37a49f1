"""The writing tools as a reader uses them in headless Chromium, on the seed site: copy an outline, copy a
paragraph with its citation (report, theme and search pages), copy or download all results, filter every
report by facets, read the trend tables. Expectations come from the archive itself."""
from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from urllib.parse import quote

import pytest
from conftest import SEEDS, build_site, serve_folder

from scripts.convert.archive import build_archive
from scripts.convert.rules import load_rules
from scripts.search.fold import fold
from scripts.site.common import organization_label, year_label
from scripts.site.facets import facet_data
from scripts.site.outlines import outline, outline_text
from scripts.site.themes import find_passages
from scripts.site.trends import level_year_counts, paragraph_year_counts

ARCHIVE = build_archive(SEEDS)
REPORTS = ARCHIVE.reports
TAXONOMY = load_rules().themes
READ_CLIPBOARD = """async () => {
  const [item] = await navigator.clipboard.read();
  const html = item.types.includes("text/html") ? await (await item.getType("text/html")).text() : "";
  return { text: await navigator.clipboard.readText(), html };
}"""


@pytest.fixture
def clip_page(browser):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def citation(report, url):
    meta = report.meta
    return (f"出处：{organization_label(meta.organization)}，{meta.level}，{year_label(meta.year)}，"
            f"《{meta.title}》，{url}")


def most_outlined():
    return max(REPORTS, key=lambda report: len(outline(report)))


def test_copy_outline_copies_the_heading_tree(clip_page, seed_url):
    report = most_outlined()
    clip_page.goto(f"{seed_url}/reports/{report.slug}.html")
    button = clip_page.locator(".outline-copy")
    assert f"{len(outline(report))} 个标题" in button.inner_text()
    button.click()
    clip_page.wait_for_function("() => document.querySelector('.outline-copy').textContent === '已复制提纲'")
    copied = clip_page.evaluate(READ_CLIPBOARD)
    assert copied["text"] == outline_text(report)
    assert "　　" + outline(report)[0][1] in copied["text"]


def test_outline_page_shows_each_report_of_the_type_side_by_side(page, seed_url):
    doc_type = Counter(r.meta.doc_type for r in REPORTS if outline(r)).most_common(1)[0][0]
    members = [r for r in REPORTS if r.meta.doc_type == doc_type and outline(r)]
    page.goto(f"{seed_url}/outlines/index.html")
    page.locator("article table a", has_text=doc_type).first.click()
    cards = page.locator(".outline-card")
    assert cards.count() == len(members)
    titles = {cards.nth(i).locator(".outline-title").inner_text() for i in range(cards.count())}
    assert titles == {r.meta.title for r in members}
    card = page.locator(".outline-card", has=page.locator(".outline-title", has_text=members[0].meta.title)).first
    assert card.locator(".outline-tree a").all_inner_texts() == [text for _, text, _ in outline(members[0])]
    card.locator(".outline-tree a").first.click()
    assert page.url.endswith(f"reports/{members[0].slug}.html#{quote(outline(members[0])[0][2])}")


def test_copy_a_report_paragraph_with_its_citation(clip_page, seed_url):
    report = most_outlined()
    block = max((b for b in report.blocks if b.kind == "paragraph"), key=lambda b: len(b.text))
    url = f"{seed_url}/reports/{report.slug}.html"
    clip_page.goto(url)
    assert clip_page.locator(f"#{block.anchor}").text_content().strip() == block.text.strip()  # the text unchanged
    clip_page.locator(f"#{block.anchor} .copy-cite").click()
    clip_page.wait_for_selector(f"#{block.anchor} .copy-cite.is-copied")
    copied = clip_page.evaluate(READ_CLIPBOARD)
    assert copied["text"] == block.text.strip() + "\n" + citation(report, f"{url}#{block.anchor}")
    assert f'href="{url}#{block.anchor}"' in copied["html"] and "<p>" in copied["html"]


def test_copy_without_the_async_clipboard_uses_the_copy_event(clip_page, seed_url):
    """A plain-http intranet server is no secure context: there is no navigator.clipboard.write."""
    report = REPORTS[0]
    block = next(b for b in report.blocks if b.kind == "paragraph")
    clip_page.add_init_script("delete window.ClipboardItem")
    clip_page.goto(f"{seed_url}/reports/{report.slug}.html")
    clip_page.locator(f"#{block.anchor} .copy-cite").click()
    clip_page.wait_for_selector(f"#{block.anchor} .copy-cite.is-copied")
    assert clip_page.evaluate("navigator.clipboard.readText()").startswith(block.text.strip() + "\n出处：")


def test_copy_a_theme_passage_with_its_citation(clip_page, seed_url):
    theme = max(TAXONOMY, key=lambda t: len(find_passages(REPORTS)[t["name"]]))
    clip_page.goto(f"{seed_url}/themes/{theme['slug']}.html")
    passage = clip_page.locator("p.passage").first
    passage.locator(".copy-cite").click()
    clip_page.wait_for_selector("p.passage .copy-cite.is-copied")
    text, line = clip_page.evaluate(READ_CLIPBOARD)["text"].split("\n出处：")
    report = next(r for r in REPORTS if any(b.text.strip() == text for b in r.blocks))
    block = next(b for b in report.blocks if b.text.strip() == text)
    assert "出处：" + line == citation(report, f"{seed_url}/reports/{report.slug}.html#{block.anchor}")


def matching(query):
    return [(r, b) for r in REPORTS for b in r.blocks if query in fold(b.text)]


def test_copy_a_search_result_and_download_all_shown(clip_page, seed_url):
    query = fold(next(b.text for r in REPORTS for b in r.blocks if b.kind == "paragraph"))[:4]
    hits = matching(query)
    clip_page.goto(f"{seed_url}/search/index.html?q={quote(query)}")
    clip_page.wait_for_selector(".search-summary .copy-all")
    results = clip_page.locator("li.search-result")
    results.first.locator(".copy-cite").click()
    clip_page.wait_for_selector("li.search-result .copy-cite.is-copied")
    text, line = clip_page.evaluate(READ_CLIPBOARD)["text"].split("\n出处：")
    report, block = next((r, b) for r, b in hits if b.text.strip() == text)
    assert "出处：" + line == citation(report, f"{seed_url}/reports/{report.slug}.html#{block.anchor}")
    with clip_page.expect_download() as download:
        clip_page.locator(".copy-all__button", has_text=".csv").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["单位", "级别", "年份", "文种", "标题", "段落", "链接"]
    assert len(rows) - 1 == results.count() == min(20, len(hits))
    by_link = {f"{seed_url}/reports/{r.slug}.html#{b.anchor}": (r, b) for r, b in hits}
    for organization, level, year, doc_type, title, paragraph, link in rows[1:]:
        report, block = by_link[link]
        assert (organization, level, year, doc_type, title, paragraph.lstrip("'")) == (
            organization_label(report.meta.organization), report.meta.level, year_label(report.meta.year),
            report.meta.doc_type, report.meta.title, block.text.strip())
    with clip_page.expect_download() as download:
        clip_page.locator(".copy-all__button", has_text=".txt").click()
    assert download.value.path().read_text(encoding="utf-8").count("\n出处：") == results.count()
    clip_page.locator(".copy-all__button", has_text="复制").click()
    assert clip_page.evaluate("navigator.clipboard.readText()").count("出处：") == results.count()


def counts_by(data, column, values):
    return Counter(values[row[column]] for row in data["reports"])


def test_facets_filter_and_count_and_live_in_the_url(page, seed_url):
    data = facet_data(REPORTS)
    page.goto(f"{seed_url}/browse/all.html")
    page.wait_for_selector("#facet-app[data-ready='true']")
    assert page.locator(".facet-total").inner_text() == f"共 {len(REPORTS)} 篇"
    assert page.locator(".facet-list li").count() == len(REPORTS)
    level, level_count = Counter(r.meta.level for r in REPORTS).most_common(1)[0]
    page.locator(f".facet-chip[data-facet='level'][data-value='{level}']").click()
    assert page.locator("#facet-app").get_attribute("data-count") == str(level_count)
    chosen = [r for r in REPORTS if r.meta.level == level]
    years = Counter(str(r.meta.year or "未知") for r in chosen)
    for year, n in years.items():  # the year counts now count within the level
        assert page.locator(f".facet-chip[data-facet='year'][data-value='{year}'] .facet-count").inner_text() == str(n)
    # the level counts do not narrow by the level itself: another level can still be added
    assert dict(counts_by(data, 2, data["levels"])) == {
        v: int(page.locator(f".facet-chip[data-facet='level'][data-value='{v}'] .facet-count").inner_text())
        for v in data["levels"]}
    year = years.most_common(1)[0][0]
    page.locator(f".facet-chip[data-facet='year'][data-value='{year}']").click()
    theme = Counter(t for r in chosen if str(r.meta.year or "未知") == year for t in r.meta.themes).most_common(1)[0][0]
    page.locator(f".facet-chip[data-facet='theme'][data-value='{theme}']").click()
    expected = [r for r in chosen if str(r.meta.year or "未知") == year and theme in r.meta.themes]
    assert page.locator(".facet-total").inner_text() == f"共 {len(expected)} 篇"
    page.locator(".facet-sort[data-sort='title']").click()
    titles = page.locator(".facet-report__title").all_inner_texts()
    assert titles == page.evaluate("t => t.slice().sort((a, b) => a.localeCompare(b, 'zh-CN'))", titles)
    bookmarked = page.url
    assert "level=" in bookmarked and "theme=" in bookmarked and "sort=title" in bookmarked
    page.goto("about:blank")
    page.goto(bookmarked)
    page.wait_for_selector("#facet-app[data-ready='true']")
    assert page.locator(".facet-total").inner_text() == f"共 {len(expected)} 篇"
    assert set(page.locator(".facet-report__title").all_inner_texts()) == {r.meta.title for r in expected}
    page.locator(".facet-report__title").first.click()
    page.locator(".report-card").wait_for(state="visible")  # the click navigates: wait for the page it opens


def test_facets_work_opened_from_disk(page, seed_site):
    page.goto((seed_site / "browse" / "all.html").as_uri() + "?type=" + quote(REPORTS[0].meta.doc_type))
    page.wait_for_selector("#facet-app[data-ready='true']")
    assert page.locator(".facet-total").inner_text() == \
        f"共 {sum(r.meta.doc_type == REPORTS[0].meta.doc_type for r in REPORTS)} 篇"


def table_numbers(page, selector):
    rows = page.locator(f"{selector} tbody tr")
    return {rows.nth(i).locator("th").inner_text(): [int(x) for x in rows.nth(i).locator("td").all_inner_texts()]
            for i in range(rows.count())}


def test_trends_on_the_home_page_match_the_archive(page, seed_url):
    page.goto(f"{seed_url}/index.html")
    assert page.locator(".trend svg.trend-chart").count() == 2
    by_year = level_year_counts(REPORTS)
    table = table_numbers(page, ".trend:not(.trend-wide) .trend-table")
    for year, counts in by_year.items():
        assert table[f"{year}年"][-1] == sum(counts.values())
    assert sum(row[-1] for row in table.values()) == sum(1 for r in REPORTS if r.meta.year)
    heat = table_numbers(page, ".trend-wide .trend-table")
    for theme in TAXONOMY:
        treated = sum(1 for r in REPORTS if r.meta.year and theme["name"] in r.meta.themes)
        if treated:
            assert heat[theme["name"]][-1] == treated


def test_theme_page_trend_counts_its_paragraphs_per_year(page, seed_url):
    passages = find_passages(REPORTS)
    theme = max(TAXONOMY, key=lambda t: len(passages[t["name"]]))
    reports = [r for r in REPORTS if theme["name"] in r.meta.themes]
    page.goto(f"{seed_url}/themes/{theme['slug']}.html")
    expected = paragraph_year_counts(reports, passages[theme["name"]])
    table = table_numbers(page, ".trend-table")
    assert {k: v[0] for k, v in table.items() if v[0]} == {f"{y}年": n for y, n in expected.items()}


HOSTILE = '<img src=x onerror="window.hacked=1">**要点**'


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("tools-hostile-seeds")
    shutil.copy(SEEDS / "003_003b512da5fb798f.txt", seeds)
    (seeds / "003_003b512da5fb798f.yml").write_text(f"title: '{HOSTILE}'\norganization: '<b>办</b>'\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("tools-hostile-site")
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    url, server = serve_folder(site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", ["browse/all.html", "outlines/annual.html", "reports/003_003b512da5fb798f.html"])
def test_hostile_title_stays_text_in_the_tools(clip_page, hostile_url, path):
    clip_page.goto(f"{hostile_url}/{path}")
    clip_page.wait_for_timeout(200)
    assert clip_page.evaluate("window.hacked") is None
    assert clip_page.locator("article img, article b").count() == 0
    assert HOSTILE in clip_page.locator("article").inner_text()
    if path.startswith("reports/"):
        clip_page.locator(".copy-cite").first.click()
        clip_page.wait_for_selector(".copy-cite.is-copied")
        copied = clip_page.evaluate(READ_CLIPBOARD)
        assert f"《{HOSTILE}》" in copied["text"] and "<img" not in copied["html"]


def test_outline_page_copies_one_card_as_the_report_page_does(clip_page, seed_url):
    report = most_outlined()
    clip_page.goto(f"{seed_url}/outlines/index.html")
    clip_page.locator("article table a", has_text=report.meta.doc_type).first.click()
    card = clip_page.locator(".outline-card", has=clip_page.locator(".outline-title", has_text=report.meta.title))
    card.locator(".outline-card-copy").click()
    card.locator(".outline-card-copy.is-copied").wait_for()
    assert clip_page.evaluate("navigator.clipboard.readText()") == outline_text(report)
