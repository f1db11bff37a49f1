"""The 提法 bank: extraction on a table of Chinese examples, and the page in headless Chromium, its counts
checked against the reports' own text under the reader's filters."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS

from scripts.convert.archive import build_archive
from scripts.search.fold import fold
from scripts.site.formulations import FormulationRuleError, extract_formulations, load_formulation_rules

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "formulations.yml").read_text(encoding="utf-8"))
RULES = load_formulation_rules()


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_extraction(case):
    assert extract_formulations(case["text"], RULES) == case["found"]


def test_a_bad_rule_names_the_file_and_the_rule(tmp_path):
    bad = tmp_path / "formulations.yml"
    bad.write_text("quoted: {pattern: '“(.+)”'}\nexclude:\n  - {name: 坏规则, pattern: '[abc'}\n", encoding="utf-8")
    with pytest.raises(FormulationRuleError, match=r"^formulations.yml: rule '坏规则': "):
        load_formulation_rules(bad)


@pytest.fixture(scope="module")
def reports():
    return build_archive(SEEDS).reports


def expected_rows(reports, keep=lambda meta: True) -> dict[str, tuple[int, int, int]]:
    """Folded formulation -> (uses, reports, offices), counted report by report."""
    uses, members, offices = Counter(), Counter(), {}
    for report in reports:
        if not keep(report.meta):
            continue
        found = Counter(fold(p) for block in report.blocks for p in extract_formulations(block.text, RULES))
        for key, count in found.items():
            uses[key] += count
            members[key] += 1
            offices.setdefault(key, set()).add(report.meta.organization or report.slug)
    return {key: (uses[key], members[key], len(offices[key])) for key in uses}


def shown_rows(page) -> dict[str, tuple[int, int, int]]:
    rows = page.locator(".formulation-table tbody tr")
    data = rows.evaluate_all("""rows => rows.map((row) => [row.querySelector('.col-text').textContent,
        ...['uses', 'reports', 'offices'].map((c) => Number(row.querySelector('.col-' + c).textContent))])""")
    return {fold(text): (uses, members, offices) for text, uses, members, offices in data}


def open_bank(page, base):
    page.goto(f"{base}/tools/formulations.html")
    page.wait_for_selector("#formulation-app[data-complete='true']")


def show_all(page):
    more = page.get_by_role("button", name="显示更多")
    for _ in range(100):
        if not more.is_visible():
            return
        more.click()
    raise AssertionError("显示更多 never ends")


def test_the_page_lists_every_formulation_with_its_counts(page, seed_url, reports):
    open_bank(page, seed_url)
    show_all(page)
    want = expected_rows(reports)
    assert shown_rows(page) == want
    assert page.locator(".formulation-summary").get_attribute("data-count") == str(len(want))


@pytest.mark.parametrize("phrase", ["两个维护", "四个意识", "三重一大", "全天候、无缝隙、快节奏、零差错"])
def test_named_formulations_are_counted_in_every_report_that_has_them(page, seed_url, reports, phrase):
    open_bank(page, seed_url)
    page.fill(".formulation-filters input", phrase)
    holding = [r for r in reports if any(fold(phrase) in fold(b.text) for b in r.blocks)]
    assert holding
    row = shown_rows(page)[fold(phrase)]
    assert row[1] == len(holding)
    years = sorted(r.meta.year for r in holding)
    cells = page.locator(".formulation-table tbody tr").first
    assert cells.locator(".col-first").inner_text() == str(years[0])
    assert cells.locator(".col-latest").inner_text() == str(years[-1])
    assert cells.locator("svg polyline").count() == 1
    assert "search/index.html?q=" in cells.locator("a.formulation-text").get_attribute("href")


@pytest.mark.parametrize("field, attribute", [("level", "level"), ("year", "year"), ("type", "doc_type")])
def test_filters_recount(page, seed_url, reports, field, attribute):
    open_bank(page, seed_url)
    value = str(getattr(reports[-1].meta, attribute))
    page.select_option(f".formulation-filters select[name={field}]", value)
    show_all(page)
    assert shown_rows(page) == expected_rows(reports, lambda meta: str(getattr(meta, attribute)) == value)


def test_sorting_by_first_year(page, seed_url):
    open_bank(page, seed_url)
    page.click("th[data-sort=first]")
    page.click("th[data-sort=first]")  # the second click sorts ascending
    firsts = [int(t) for t in page.locator(".formulation-table tbody .col-first").all_inner_texts()]
    assert firsts == sorted(firsts)
    page.click("th[data-sort=reports]")
    counts = [int(t) for t in page.locator(".formulation-table tbody .col-reports .formulation-toggle").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)


def test_the_reports_of_a_formulation_are_listed(page, seed_url, reports):
    open_bank(page, seed_url)
    page.fill(".formulation-filters input", "两个维护")
    page.locator(".formulation-table tbody tr").first.locator(".formulation-toggle").click()
    titles = page.locator(".formulation-reports a").all_inner_texts()
    assert sorted(titles) == sorted(r.meta.title for r in reports if any("两个维护" in b.text for b in r.blocks))


def test_the_bank_works_from_disk(page, seed_site, reports):
    page.goto((seed_site / "tools" / "formulations.html").as_uri())
    page.wait_for_selector("#formulation-app[data-complete='true']")
    page.fill(".formulation-filters input", "两个维护")
    assert shown_rows(page)[fold("两个维护")] == expected_rows(reports)[fold("两个维护")]
