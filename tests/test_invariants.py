"""Invariants of the whole conversion over every seed: nothing lost, no ads, no censoring, deterministic."""
from __future__ import annotations

import re

import pytest
from conftest import SEEDS

from scripts.convert.model import Report
from scripts.convert.pipeline import convert_source
from scripts.convert.read.decode import decode
from scripts.convert.rules import load_rules

RULES = load_rules()
SEED_FILES = sorted(path for path in SEEDS.iterdir() if path.is_file())
SENTENCE_BREAKS = re.compile("[。！？；\n]")
# Words that only ads use; none may reach a report, whatever the rules say.
AD_WORDS = ("##paid", "素材库", "代笔", "会员群", "QQ群", "svip", "仅供学习", "禁止外传", "倒卖", "订阅立享",
            "添加客服", "公众号：", "哒哒", "style=", "<span", "</xx")


@pytest.fixture(scope="module", params=SEED_FILES, ids=lambda path: path.name)
def converted(request) -> tuple[str, list[Report]]:
    path = request.param
    reports = convert_source(path.name, path.read_bytes(), RULES)
    assert isinstance(reports, list), reports
    return decode(path.read_bytes()).text, reports


def report_text(reports: list[Report]) -> str:
    return "\n".join(block.text for report in reports for block in report.blocks)


def restore(text: str, changes) -> str:
    """Redo the recorded restorations (D委 -> 党委 …) on raw text."""
    for change in (change for change in changes if change.after):
        text = text.replace(change.before, change.after)
    return text


def test_nothing_is_lost(converted):
    """Every sentence of the raw text is in a report or in the record of removals (restorations applied)."""
    raw, reports = converted
    changes = reports[0].changes
    removed = [change.before for change in changes if not change.after]
    text = report_text(reports)
    for sentence in filter(None, (s.strip() for s in SENTENCE_BREAKS.split(raw))):
        for cut in (r for r in removed if r in sentence):
            sentence = sentence.replace(cut, "").strip()
        sentence = restore(sentence, changes)
        assert not sentence or sentence in text or any(sentence in r for r in removed), sentence


def test_no_ad_or_censoring_left(converted):
    _, reports = converted
    text = report_text(reports)
    assert [word for word in AD_WORDS if word in text] == []
    assert re.findall(r"D[委员建的]|[管治入]D", text) == []
    removed_lines = [c.before for c in reports[0].changes if not c.after and len(c.before) > 8]
    assert [line for line in removed_lines if line in text] == []


def test_every_change_is_named_and_real(converted):
    raw, reports = converted
    restored = restore(raw, reports[0].changes)
    for change in reports[0].changes:
        assert change.rule and change.before and change.before != change.after
        assert change.before in (raw if change.after else raw + restored)


def test_same_input_same_output():
    for path in SEED_FILES:
        data = path.read_bytes()
        assert convert_source(path.name, data, RULES) == convert_source(path.name, data, load_rules())


def test_compilation_seed_becomes_its_three_reports():
    path = SEEDS / "004_a013bd0005226764.txt"
    reports = convert_source(path.name, path.read_bytes(), RULES)
    announced = int(re.search(r"汇编（(\d+)篇）", decode(path.read_bytes()).text).group(1))
    assert len(reports) == announced == 3
    assert [report.meta.part for report in reports] == [1, 2, 3]
    assert reports[1].blocks[0].text == "领导班子2023年述职述廉述德述法述安报告"
    assert not any("汇编" in block.text for report in reports for block in report.blocks)


def test_anchors_are_unique_and_readable(converted):
    _, reports = converted
    for report in reports:
        anchors = [block.anchor for block in report.blocks]
        assert len(set(anchors)) == len(anchors)
        for number, block in enumerate(report.blocks, start=1):
            if block.kind == "paragraph":
                assert block.anchor == f"p{number}"
            else:
                assert re.search("[\u4e00-\u9fff]", block.anchor), block.anchor
