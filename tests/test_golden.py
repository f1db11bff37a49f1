"""One golden Markdown page per seed report: the whole conversion, reviewed by reading it.

After a deliberate change, run `pytest tests/test_golden.py --update-golden` and read the diff of tests/golden/.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from scripts.convert.pipeline import convert_source
from scripts.convert.render import render_markdown
from scripts.convert.rules import load_rules

GOLDEN = Path(__file__).parent / "golden"


def render_seeds() -> dict[str, str]:
    rules = load_rules()
    pages = {}
    for path in sorted(SEEDS.iterdir()):
        result = convert_source(path.name, path.read_bytes(), rules)
        assert isinstance(result, list), result
        pages.update({report.slug: render_markdown(report) for report in result})
    return pages


PAGES = render_seeds()


@pytest.fixture(scope="module")
def golden(request) -> Path:
    """The golden folder, rewritten from the current output first when --update-golden is given."""
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        for stale in GOLDEN.glob("*.md"):
            stale.unlink()
        for slug, page in PAGES.items():
            (GOLDEN / f"{slug}.md").write_text(page, encoding="utf-8")
    return GOLDEN


def test_every_seed_report_has_a_golden_page_and_no_other(golden):
    assert sorted(path.stem for path in golden.glob("*.md")) == sorted(PAGES)


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_seed_report_matches_its_golden_page(slug, golden):
    expected = (golden / f"{slug}.md").read_text(encoding="utf-8")
    assert PAGES[slug] == expected, f"{slug}.md differs: read the diff, then rerun with --update-golden"
