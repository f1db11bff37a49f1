"""Metadata from the pipeline's output: the seeds' acceptance table, then made-up reports from cases/metadata.yml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SEEDS

from scripts.convert.infer.themes import find_report_themes, find_themes, tag_themes
from scripts.convert.model import Block
from scripts.convert.pipeline import convert_source
from scripts.convert.rules import load_rules

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "metadata.yml").read_text(encoding="utf-8"))
RULES = load_rules()

# source prefix, part -> what the acceptance table says
ACCEPTANCE = {
    ("000", None): dict(level="县级", year={None, 2023}, doc_type="工作汇报", organization="县政府办公室"),
    ("001", None): dict(level="县级", year={2021}, doc_type="年度工作总结", organization="县政府办公室"),
    ("002", None): dict(level="县级", year={2020}, doc_type="半年工作总结", organization="县政府办公室"),
    ("003", None): dict(level="县级", year={2022}, doc_type="年度工作总结", organization="县政府办公室"),
    ("004", 1): dict(level="省级", year={2023}, doc_type="述职述廉报告", organization="省公路局党委"),
    ("004", 2): dict(level="市级", year={2023}, doc_type="述职述廉报告", organization="市委"),
    ("004", 3): dict(level="县级", year={2023}, doc_type="述职述廉报告", organization="县政府办公室"),
}


def seed_reports():
    reports = []
    for path in sorted(SEEDS.iterdir()):
        reports += convert_source(path.name, path.read_bytes(), RULES)
    return {(report.meta.source[:3], report.meta.part): report for report in reports}


SEED_REPORTS = seed_reports()


def test_the_seeds_hold_exactly_the_accepted_reports():
    assert set(SEED_REPORTS) == set(ACCEPTANCE)


@pytest.mark.parametrize("key", sorted(ACCEPTANCE, key=str), ids=lambda key: f"{key[0]}-{key[1]}")
def test_seed_metadata_matches_the_acceptance_table(key):
    meta, expected = SEED_REPORTS[key].meta, ACCEPTANCE[key]
    assert (meta.level, meta.doc_type, meta.organization) == (
        expected["level"], expected["doc_type"], expected["organization"])
    assert meta.year in expected["year"]


def test_seed_titles_come_from_the_text_or_describe_the_report():
    titles = {key: report.meta.title for key, report in SEED_REPORTS.items()}
    assert titles[("002", None)] == "县政府办2020年上半年工作总结"
    assert titles[("001", None)] == "县政府办公室2021年工作总结"
    assert titles[("004", 3)] == "县政府办公室领导班子2023年述职述廉报告"
    for key in [("000", None), ("001", None), ("003", None)]:  # no title line in the text
        meta = SEED_REPORTS[key].meta
        assert meta.title.startswith(meta.organization) and str(meta.year or "") in meta.title


def test_a_title_taken_from_the_text_stays_the_first_block():
    for report in SEED_REPORTS.values():
        if not report.meta.title.startswith(report.meta.organization):
            assert report.blocks[0].text == report.meta.title


def test_compilation_parts_and_character_counts():
    for (prefix, part), report in SEED_REPORTS.items():
        assert (report.meta.part, report.meta.parts) == ((part, 3) if prefix == "004" else (None, None))
        assert report.meta.chars == sum(len(block.text) for block in report.blocks) > 1000


def test_every_seed_report_gets_themes_from_the_taxonomy():
    names = {theme["name"] for theme in RULES.themes}
    for report in SEED_REPORTS.values():
        assert 3 <= len(report.meta.themes) and set(report.meta.themes) <= names
    assert "疫情防控" in SEED_REPORTS[("002", None)].meta.themes
    assert "信访维稳" in SEED_REPORTS[("000", None)].meta.themes


@pytest.mark.parametrize("case", CASES["reports"], ids=lambda case: case["label"])
def test_made_up_reports(case):
    [report] = convert_source("case.txt", case["text"].encode("utf-8"), RULES)
    actual = {field: getattr(report.meta, field) for field in case["expect"]}
    assert actual == case["expect"]


@pytest.mark.parametrize("case", CASES["paragraph_themes"], ids=lambda case: case["text"][:12])
def test_paragraph_themes(case):
    assert find_themes(case["text"], RULES.themes) == tuple(case["themes"])


def test_a_passing_mention_is_not_a_report_theme_but_a_heading_is():
    blocks = (
        Block("paragraph", "围绕城区供热、安全生产等开展专项督查，下发督查通报。", "p1"),
        Block("section", "二、强化信访工作", "s1"),
        Block("paragraph", "督促落实督查事项，督办领导批示件。", "p3"),
    )
    themes = find_report_themes(tag_themes(blocks, RULES.themes), RULES.themes, RULES.metadata.theme_min_mentions)
    assert "督查督办" in themes and "信访维稳" in themes and "安全生产" not in themes


def test_themes_have_unique_ascii_slugs_and_descriptions():
    slugs = [theme["slug"] for theme in RULES.themes]
    assert len(RULES.themes) >= 14 and len(set(slugs)) == len(slugs)
    assert all(slug.isascii() and slug.replace("-", "").isalnum() for slug in slugs)
    assert all(theme["description"] and theme["keywords"] for theme in RULES.themes)
