"""The draft check in headless Chromium on the seed site: a draft made of archive sentences, parts of
sentences and new text is pasted; what is highlighted is checked against a brute-force scan of the archive's
own folded text, and no request made while checking carries any of the draft."""
from __future__ import annotations

import random
import re
from urllib.parse import unquote

import pytest
from conftest import SEEDS

from scripts.convert.archive import build_archive
from scripts.search.fingerprints import split_sentences
from scripts.search.fold import fold

NEW_TEXT = ["本单位将继续探索月球背面的政务服务新模式", "我们计划在明年举办一次全员参加的象棋比赛", "关于草稿中的这一句话，文库里肯定没有"]


@pytest.fixture(scope="module")
def archive_text():
    """The folded text of every paragraph, and every sentence of the archive as written."""
    reports = build_archive(SEEDS).reports
    folded = [fold(block.text) for report in reports for block in report.blocks]
    sentences = ["，".join(clauses) for report in reports for block in report.blocks
                 for clauses in split_sentences(block.text)]
    return folded, [s for s in sentences if len(fold(s)) >= 10]


def in_archive(folded_text: str, folded: list[str]) -> bool:
    return any(folded_text in paragraph for paragraph in folded)


def make_draft(sentences: list[str], seed: int) -> str:
    """Whole archive sentences, the tail clauses of some, an edited one, and sentences of our own."""
    rng = random.Random(seed)
    parts = rng.sample(sentences, 12)
    tails = ["，".join(s.split("，")[1:]) for s in rng.sample(sentences, 6) if s.count("，") >= 2]
    edited = [s[:len(s) // 2] + "嘛" + s[len(s) // 2 + 1:] for s in rng.sample(sentences, 2)]
    mixed = parts + tails + edited + NEW_TEXT
    rng.shuffle(mixed)
    return "。".join(mixed) + "。"


def run_check(page, url: str, draft: str):
    page.goto(url)
    page.wait_for_selector("#draft-app[data-ready='true']")
    page.fill(".draft-input", draft)
    page.click(".draft-submit")
    page.wait_for_selector("#draft-app[data-complete='true']")


@pytest.mark.parametrize("seed", [1, 2])
def test_every_sentence_in_the_archive_is_highlighted_and_nothing_else(page, seed_url, archive_text, seed):
    folded, sentences = archive_text
    draft = make_draft(sentences, seed)
    requests = []
    page.on("request", lambda request: requests.append(request))
    run_check(page, f"{seed_url}/tools/draft-check.html", draft)
    marks = [fold(text) for text in page.locator(".draft-text mark").all_inner_texts()]
    want = [fold("，".join(s)) for s in split_sentences(draft) if len(fold("，".join(s))) >= 10]
    found = [s for s in want if in_archive(s, folded)]
    assert found and len(found) < len(want)
    for sentence in found:
        assert sentence in marks
    for mark in marks:
        assert in_archive(mark, folded), mark
    summary = page.locator(".draft-summary")
    assert int(summary.get_attribute("data-found")) == sum(len(m) for m in marks)
    assert int(summary.get_attribute("data-total")) == len(fold(draft))
    checked = [r for r in requests if "draft-index/" in r.url]
    assert checked and all(r.method == "GET" and not r.post_data for r in checked)
    assert all(re.search(r"/draft-index/(meta|[fr]/\d+)\.js$", r.url) for r in checked)
    for request in requests:  # nothing the page asked for, before or after the check, names the draft
        url = fold(unquote(request.url))
        assert not any(sentence[:6] in url for sentence in want)


def test_each_highlight_links_to_paragraphs_that_hold_it(page, seed_url, archive_text):
    folded, sentences = archive_text
    reports = {r.slug: r for r in build_archive(SEEDS).reports}
    run_check(page, f"{seed_url}/tools/draft-check.html", make_draft(sentences, 3))
    for item in page.locator(".draft-source").all()[:8]:
        quote = fold(item.locator(".draft-quote").inner_text())
        for href in item.locator(".draft-where-list a").evaluate_all("links => links.map((a) => a.href)"):
            slug, anchor = re.search(r"/reports/([^/]+)\.html#(.+)$", href).groups()
            block = next(b for b in reports[unquote(slug)].blocks if b.anchor == unquote(anchor))
            assert quote in fold(block.text)
    top = page.locator(".draft-top li a")
    assert top.count() >= 1


def test_the_check_works_from_disk(page, seed_site, archive_text):
    _, sentences = archive_text
    run_check(page, (seed_site / "tools" / "draft-check.html").as_uri(), sentences[0] + "。")
    assert [fold(m) for m in page.locator(".draft-text mark").all_inner_texts()] == [fold(sentences[0])]


def test_draft_text_stays_text(page, seed_url):
    run_check(page, f"{seed_url}/tools/draft-check.html", "<img src=x onerror=window.hacked=1>为进一步加强督查督办工作。")
    assert page.evaluate("window.hacked") is None
    assert "<img" in page.locator(".draft-text").inner_text()
