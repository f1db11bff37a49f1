"""What a reader sees in the built seed site: every sentence of every cleaned report is on its page, and no
ad, paywall marker or censored character is anywhere in the site's text."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import SEEDS

from scripts.convert.archive import build_archive
from scripts.convert.read.decode import decode

ARCHIVE = build_archive(SEEDS)
SENTENCE_BREAKS = re.compile("[。！？；]")
# What the raw seeds hold and the site must not: censored 党, the ad brand, the paywall marker, ad words.
NEVER_SHOWN = ("D委", "D员", "哒哒", "paidbegin", "会员群", "素材库")
INVISIBLE = {"script", "style", "noscript", "template"}


class PageText(HTMLParser):
    """The text a reader sees (text outside script, style, noscript, template) and every attribute value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        self.attributes += [value for _, value in attrs if value]
        self._hidden_depth += tag in INVISIBLE

    def handle_endtag(self, tag):
        if tag in INVISIBLE and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if not self._hidden_depth:
            self.text.append(data)


def read_page(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(report) -> list[str]:
    found = (squeeze(part) for block in report.blocks for part in SENTENCE_BREAKS.split(block.text))
    return [sentence for sentence in found if sentence]


@pytest.mark.parametrize("report", ARCHIVE.reports, ids=lambda report: report.slug)
def test_every_sentence_of_a_report_is_on_its_page(seed_site, report):
    page = seed_site / "reports" / f"{report.slug}.html"
    visible = squeeze("".join(read_page(page).text))
    missing = [sentence for sentence in sentences(report) if sentence not in visible]
    assert not missing, f"{len(missing)} of {len(sentences(report))} sentences missing, first: {missing[0]}"


def words_found(path: Path) -> set[str]:
    parsed = read_page(path)
    text = "".join(parsed.text) + "\n" + "\n".join(parsed.attributes)
    return {word for word in NEVER_SHOWN if word in text}


def test_the_raw_seeds_hold_the_words_the_site_must_not_show():
    """Otherwise the checks below could not fail."""
    raw = "".join(decode(path.read_bytes()).text for path in SEEDS.iterdir() if path.is_file())
    assert [word for word in NEVER_SHOWN if word not in raw] == []


def test_no_ad_paywall_or_censored_text_in_any_page_or_search_result(seed_site):
    pages = list(seed_site.rglob("*.html"))  # the home page and the guide explain the cleaning without quoting it
    assert {f"{report.slug}.html" for report in ARCHIVE.reports} <= {page.name for page in pages}
    found = {(page.name, word) for page in pages for word in words_found(page)}
    shards = sorted((seed_site / "search-index" / "t").glob("*.js"))  # the paragraph text search results show
    assert shards
    shard_text = {shard.name: shard.read_text(encoding="utf-8") for shard in shards}
    found |= {(name, word) for name, text in shard_text.items() for word in NEVER_SHOWN if word in text}
    assert not found


def test_search_page_speaks_the_sites_words_and_states_its_syntax_by_the_box(page, seed_url):
    """Facet labels are the words of the browse navigation (级别, 文种 …); the query syntax stays in view."""
    page.goto(f"{seed_url}/index.html")
    navigation = page.locator("nav.md-nav--primary").text_content()
    page.goto(f"{seed_url}/search/index.html?q={quote('“参谋助手” “督查”')}")
    page.wait_for_selector("#search-app[data-complete='true']")
    labels = page.locator(".search-facet__label").all_inner_texts()
    assert labels and [label for label in labels if label not in navigation] == []
    syntax = page.locator(".search-syntax")
    box, hint = page.locator(".search-input").bounding_box(), syntax.bounding_box()
    assert syntax.is_visible() and 0 <= hint["y"] - (box["y"] + box["height"]) < 40
    assert all(word in syntax.inner_text() for word in ("短语", "标点", "引号"))
