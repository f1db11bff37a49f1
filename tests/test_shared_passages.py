"""Shared passages: the decision on a table of Chinese pairs, precision and recall on synthetic pairs with known
edits, and in headless Chromium the "亦见于" marks on a site whose seeds add two reports that reuse seed paragraphs
(one verbatim, one with other numbers and place names), checked against an all-pairs scan."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from conftest import SEEDS, build_site, serve_folder

from scripts.bench.synth import seed_paragraphs
from scripts.bench.tools import edited_pairs, pair_scores
from scripts.convert.archive import build_archive
from scripts.site.shared_passages import near_duplicate

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "shared_passages.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_decision(case):
    assert near_duplicate(case["a"], case["b"]) is case["same"]
    assert near_duplicate(case["b"], case["a"]) is case["same"]


def test_precision_and_recall_on_pairs_with_known_edits():
    scores = pair_scores(edited_pairs(seed_paragraphs(SEEDS), 200))
    assert scores["rule_precision"] == 1.0 and scores["rule_recall"] >= 0.95
    assert scores["lsh_precision"] == 1.0 and scores["lsh_recall"] >= 0.9


def reuse_seeds(folder: Path) -> Path:
    """The seeds, plus a report copying four seed paragraphs verbatim and one changing their numbers and places."""
    shutil.copytree(SEEDS, folder)
    paragraphs = [b.text for r in build_archive(SEEDS).reports for b in r.blocks if b.kind == "paragraph"
                  and len(b.text) >= 80][::7][:4]
    edited = [re.sub(r"\d", "7", text).replace("县", "区") for text in paragraphs]
    own = "本局认真开展月球背面的政务服务新模式探索，举办全员参加的象棋比赛，丰富了干部职工的业余文化生活。"
    (folder / "reuse-verbatim.txt").write_text("某市交通运输局2023年工作总结\n" + "\n".join(paragraphs + [own]) + "\n",
                                               encoding="utf-8")
    (folder / "reuse-edited.txt").write_text("某区水利局2024年工作总结\n" + "\n".join(edited) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reuse_site(tmp_path_factory):
    seeds = reuse_seeds(tmp_path_factory.mktemp("reuse") / "seeds")
    site = tmp_path_factory.mktemp("reuse-site")
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    url, server = serve_folder(site)
    yield seeds, site, url
    server.shutdown()


def expected_marks(seeds: Path) -> dict[str, dict[str, set[str]]]:
    """slug -> anchor -> slugs of the other reports holding the same passage, by comparing every pair."""
    blocks = [(r.slug, b) for r in build_archive(seeds).reports for b in r.blocks if b.kind == "paragraph"]
    marks: dict[str, dict[str, set[str]]] = {}
    for slug, block in blocks:
        others = {other for other, b in blocks if other != slug and near_duplicate(block.text, b.text)}
        if others:
            marks.setdefault(slug, {})[block.anchor] = others
    return marks


def test_report_pages_mark_every_shared_paragraph(page, reuse_site):
    seeds, _, url = reuse_site
    want = expected_marks(seeds)
    assert len(want) >= 3  # the two new reports and the seeds they copy from
    for slug in sorted({r.slug for r in build_archive(seeds).reports}):
        page.goto(f"{url}/reports/{slug}.html")
        page.wait_for_selector("body[data-shared-passages]")
        if slug not in want:
            assert page.locator(".passage-also").count() == 0, slug
            continue
        shown = {}
        for line in page.locator(".passage-also").all():
            anchor = line.evaluate("el => el.previousElementSibling.id")
            hrefs = line.locator("a").evaluate_all("links => links.map((a) => a.href)")
            shown[anchor] = {unquote(re.search(r"/reports/([^/#]+)\.html#", h)[1]) for h in hrefs}
        assert shown == want[slug], slug


def test_the_overview_ranks_passages(page, reuse_site):
    seeds, _, url = reuse_site
    page.goto(f"{url}/tools/shared-passages.html")
    page.wait_for_selector("#shared-passages-app[data-complete]")
    headings = page.locator("article h2").all_inner_texts()
    counts = [int(re.search(r"见于 (\d+) 篇", h)[1]) for h in headings]
    assert counts and counts == sorted(counts, reverse=True)
    want = passages_by_scan(seeds)
    assert len(headings) == len(want)
    assert counts == sorted((len({slug for slug, _ in group}) for group in want), reverse=True)
    for section in range(len(want)):  # each lists where it appears, linked to the paragraph
        links = page.locator(f"#passage-{section + 1} ~ ul").first.locator("a")
        places = {(unquote(re.search(r"/reports/([^/#]+)\.html#", h)[1]), unquote(h.split("#")[1]))
                  for h in links.evaluate_all("links => links.map((a) => a.href)")}
        assert places in want, places


def passages_by_scan(seeds: Path) -> list[set[tuple[str, str]]]:
    """The passages as groups of (slug, anchor): paragraphs joined when near_duplicate says so, in 2+ reports."""
    blocks = [(r.slug, b) for r in build_archive(seeds).reports for b in r.blocks if b.kind == "paragraph"]
    groups: list[set[tuple[str, str]]] = []
    for slug, block in blocks:
        joined = [g for g in groups if any(near_duplicate(block.text, text) for text in g_texts(g, blocks))]
        merged = {(slug, block.anchor)}.union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    return [g for g in groups if len({slug for slug, _ in g}) > 1]


def g_texts(group, blocks):
    return [b.text for slug, b in blocks if (slug, b.anchor) in group]


def test_passage_text_stays_text_on_the_overview(page, reuse_site, tmp_path):
    """Text with markup in it (the pipeline strips markup, so the reports are made here) is shown as text."""
    from scripts.convert.model import Block, Meta, Report
    from scripts.site.shared_passages import OVERVIEW_PATH, find_shared_passages, shared_passage_files

    text = "<img src=x onerror=\"document.title='pwned'\">县政府办公室坚持全天候、无缝隙、快节奏、零差错的工作要求，扎实做好各项工作。"
    reports = [Report(slug, Meta(f"<b>{slug}</b>", "县级", 2023, "工作汇报", "办公室", (), f"{slug}.txt", 0),
                      (Block("paragraph", text, "p1"),)) for slug in ("a", "b")]
    site = tmp_path / "site"
    shutil.copytree(reuse_site[1], site)
    overview = f"{OVERVIEW_PATH}.js"
    (site / overview).write_text(shared_passage_files(reports, find_shared_passages(reports), False)[overview],
                                 encoding="utf-8")
    url, server = serve_folder(site)
    try:
        page.goto(f"{url}/tools/shared-passages.html")
        page.wait_for_selector("#shared-passages-app[data-complete]")
        assert page.locator(".passage-text").all_inner_texts() == [text]
        assert page.locator("#shared-passages-app a").all_inner_texts()[0].startswith("<b>a</b>")
        assert page.locator("#shared-passages-app img, #shared-passages-app b").count() == 0
        assert page.title() != "pwned"
    finally:
        server.shutdown()
