"""The phrase search in headless Chromium on the seed site, checked against a brute-force scan of the
cleaned report text (the same archive the site is built from)."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from conftest import SEEDS, build_site, serve_folder
from test_search_index import FOLD_CASES, QUERY_CASES

from scripts.convert.archive import build_archive
from scripts.convert.simplify import simplified_table
from scripts.search.fold import fold, gram_hash, matches, parse_query
from scripts.search.index import order_reports

QUERIES = ["全天候、无缝隙、快节奏、零差错", "全天候，无缝隙", "全天候 无缝隙", "党", "党建", "办文办会", "政务督查",
           "12345", "GEP", "ｇｅｐ", "放管服", '"参谋助手" "督查"', "疫情防控", "督查督办"]
COUNT = re.compile(r"共 (\d+) 段，分布在 (\d+) 篇报告中")


@pytest.fixture(scope="module")
def paragraphs():
    """Every block of every report, in result order: (report, block)."""
    return [(r, b) for r in order_reports(build_archive(SEEDS).reports) for b in r.blocks]


def expected(paragraphs, query, keep=lambda report: True):
    phrases = parse_query(query)
    return [(r, b) for r, b in paragraphs if keep(r) and matches(phrases, b.text)]


def open_search(page, base: str, query: str):
    page.goto(f"{base}/search/index.html?q={quote(query)}")
    page.wait_for_selector("#search-app[data-complete='true'], .search-error")


def shown(page):
    """(count of paragraphs, count of reports, texts listed) as a reader sees them."""
    summary = page.locator(".search-output").inner_text()
    found = COUNT.search(summary)
    texts = page.locator(".search-text").all_inner_texts()
    return (int(found[1]), int(found[2]), texts) if found else (0, 0, texts)


@pytest.mark.parametrize("query", QUERIES)
def test_results_are_exactly_the_paragraphs_holding_the_phrase(page, seed_url, paragraphs, query):
    want = expected(paragraphs, query)
    open_search(page, seed_url, query)
    count, reports, texts = shown(page)
    assert (count, reports) == (len(want), len({r.slug for r, _ in want}))
    assert texts == [b.text for _, b in want][:page.evaluate("SearchPage.pageSize")]
    if not want:
        assert "没有找到" in page.locator(".search-output").inner_text()


@pytest.mark.parametrize("query", ["全天候，无缝隙", '"参谋助手" "督查"', "党建"])
def test_every_occurrence_is_highlighted(page, seed_url, paragraphs, query):
    open_search(page, seed_url, query)
    phrases = parse_query(query)
    for result in page.locator(".search-text").all()[:10]:
        text = result.inner_text()
        marked = [fold(m) for m in result.locator("mark").all_inner_texts()]
        for phrase in phrases:
            assert marked.count(phrase) == fold(text).count(phrase)


def test_more_results_page_by_page_to_the_end(page, seed_url, paragraphs):
    want = [b.text for _, b in expected(paragraphs, "党")]
    open_search(page, seed_url, "党")
    more = page.get_by_role("button", name="显示更多")
    while more.count():
        listed = page.locator(".search-text").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('.search-text').length > {listed}")
    assert page.locator(".search-text").all_inner_texts() == want


def test_never_matches_across_words(page, seed_url, paragraphs):
    open_search(page, seed_url, "放管服")
    assert all("放管服" in fold(t) for t in shown(page)[2])


def test_filters_narrow_the_results_and_update_counts(page, seed_url, paragraphs):
    query = "党建"
    open_search(page, seed_url, query)
    year = max(r.meta.year for r, _ in expected(paragraphs, query) if r.meta.year)
    page.locator(".search-facet", has_text="年份").get_by_role("button", name=re.compile(f"^{year} ")).click()
    want = expected(paragraphs, query, keep=lambda r: r.meta.year == year)
    page.wait_for_function("n => document.querySelector('.search-count').textContent.includes(`共 ${n} 段`)",
                           arg=len(want))
    assert shown(page)[2] == [b.text for _, b in want][:page.evaluate("SearchPage.pageSize")]
    assert f"year={year}" in page.url


def test_result_link_lands_on_and_highlights_the_paragraph(page, seed_url, paragraphs):
    query = "办文办会"
    reports_block = expected(paragraphs, query)[0][1]
    open_search(page, seed_url, query)
    page.locator(".search-result__link").first.click()
    page.wait_for_selector(".search-target")
    target = page.locator(".search-target")
    assert target.get_attribute("id") == reports_block.anchor
    assert [fold(m) for m in target.locator("mark").all_inner_texts()] == ["办文办会"] * fold(reports_block.text).count("办文办会")
    assert page.evaluate(  # the highlighted words are on screen, even in a long paragraph
        "() => { const r = document.querySelector('.search-target mark').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }")


def test_header_box_leads_to_the_search_page(page, seed_url, paragraphs):
    page.goto(f"{seed_url}/")
    page.locator(".archive-search input").fill("督查督办")
    page.locator(".archive-search input").press("Enter")
    page.wait_for_selector("#search-app[data-complete='true']")
    assert "q=" in page.url and shown(page)[0] == len(expected(paragraphs, "督查督办"))


def test_bookmarked_directory_url_works_on_a_web_server(page, seed_url, paragraphs):
    page.goto(f"{seed_url}/search/?q={quote('参谋助手')}")
    page.wait_for_selector("#search-app[data-complete='true']")
    assert shown(page)[0] == len(expected(paragraphs, "参谋助手")) > 0


def test_works_from_disk(page, seed_site, paragraphs):
    open_search(page, seed_site.as_uri(), "党建")
    assert shown(page)[0] == len(expected(paragraphs, "党建"))
    page.locator(".search-result__link").first.click()
    page.wait_for_selector(".search-target")
    assert page.url.startswith("file://")


def test_a_new_query_in_the_open_page(page, seed_url, paragraphs):
    open_search(page, seed_url, "党建")
    page.locator(".search-input").fill("政务督查")
    page.locator(".search-input").press("Enter")
    page.wait_for_selector("#search-app[data-shown='政务督查'][data-complete='true']")
    assert shown(page)[0] == len(expected(paragraphs, "政务督查"))
    assert "q=%E6%94%BF" in page.url


def test_python_and_javascript_fold_alike(page, seed_url):
    page.goto(f"{seed_url}/search/index.html")
    folded = page.evaluate("cases => cases.map(c => SearchIndex.fold(c.text))", FOLD_CASES)
    assert folded == [fold(c["text"]) for c in FOLD_CASES] == [c["folded"] for c in FOLD_CASES]
    queries = page.evaluate("cases => cases.map(c => SearchIndex.parseQuery(c.query))", QUERY_CASES)
    assert queries == [parse_query(c["query"]) for c in QUERY_CASES]
    grams = ["党建", "gep", "𠀀党", "12"]
    assert page.evaluate("grams => grams.map(SearchIndex.gramHash)", grams) == [gram_hash(g) for g in grams]


def test_the_browser_has_the_python_simplified_table(page, seed_url):
    page.goto(f"{seed_url}/search/index.html")
    table = page.evaluate("() => Object.fromEntries(SearchT2S)")
    assert table == {chr(code): simple for code, simple in simplified_table().items()}


TRADITIONAL_REPORT = """縣政府辦公室2022年工作總結
今年以來，縣政府辦公室堅持黨建引領，全面加強黨的建設，推進「放管服」改革，辦文辦會質量穩步提升。
全年督查督辦事項一百二十件，按期辦結率達到百分之百。
"""
SIMPLIFIED_REPORT = """县财政局2023年工作总结
今年以来，县财政局坚持党建引领，强化预算管理，全年组织收入稳步增长。
"""


@pytest.fixture(scope="module")
def mixed_script_site(tmp_path_factory):
    """A tiny site of one report written in traditional characters and one in simplified characters."""
    seeds = tmp_path_factory.mktemp("mixed-script")
    (seeds / "traditional.txt").write_text(TRADITIONAL_REPORT, encoding="utf-8")
    (seeds / "simplified.txt").write_text(SIMPLIFIED_REPORT, encoding="utf-8")
    site = tmp_path_factory.mktemp("mixed-script-site")
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    url, server = serve_folder(site)
    yield url, [(r, b) for r in order_reports(build_archive(seeds).reports) for b in r.blocks]
    server.shutdown()


@pytest.mark.parametrize("query, reports", [("党建", 2), ("黨建", 2), ("党建引领", 2), ("黨建引領", 2), ("辦文辦會", 1),
                                            ("办文办会", 1)])
def test_either_script_finds_both_shown_as_written(page, mixed_script_site, query, reports):
    url, paragraphs = mixed_script_site
    want = expected(paragraphs, query)
    assert len({r.slug for r, _ in want}) == reports
    open_search(page, url, query)
    assert shown(page) == (len(want), reports, [b.text for _, b in want])
    for result in page.locator(".search-text").all():
        marked = result.locator("mark").all_inner_texts()
        assert marked and all(fold(m) == fold(query) and m in result.inner_text() for m in marked)


def test_simplified_query_shows_the_traditional_paragraph_as_written(page, mixed_script_site):
    url, _ = mixed_script_site
    open_search(page, url, "党建")
    texts = shown(page)[2]
    assert "今年以來，縣政府辦公室堅持黨建引領，全面加強黨的建設，推進「放管服」改革，辦文辦會質量穩步提升。" in texts
    assert "今年以来，县财政局坚持党建引领，强化预算管理，全年组织收入稳步增长。" in texts
    assert page.locator(".search-text mark", has_text="黨建").count() == 1
    page.locator(".search-result", has_text="縣政府辦公室堅持").locator(".search-result__link").click()
    page.wait_for_selector(".search-target")
    assert page.locator(".search-target mark").all_inner_texts() == ["黨建"]
    assert "縣政府辦公室堅持黨建引領" in page.locator(".search-target").inner_text()


def test_traditional_query_finds_the_simplified_paragraph(page, mixed_script_site):
    url, _ = mixed_script_site
    open_search(page, url, "強化預算管理")
    assert shown(page)[2] == ["今年以来，县财政局坚持党建引领，强化预算管理，全年组织收入稳步增长。"]
    assert page.locator(".search-text mark").all_inner_texts() == ["强化预算管理"]
