"""Table-driven tests of the cleaning stages: the cases live in tests/cases/<stage>.yml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts.convert.clean.censor import restore_censored
from scripts.convert.clean.noise import strip_noise
from scripts.convert.clean.split import split_compilation
from scripts.convert.clean.structure import detect_structure
from scripts.convert.rules import load_rules

CASES = Path(__file__).parent / "cases"
RULES = load_rules()


def load_cases(stage: str) -> list:
    cases = yaml.safe_load((CASES / f"{stage}.yml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["label"]) for case in cases]


def nonblank_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("case", load_cases("noise"))
def test_strip_noise(case):
    text, removals = strip_noise(case["input"], RULES.noise)
    assert nonblank_lines(text) == nonblank_lines(case["expected"])
    assert [removal.rule for removal in removals] == case["removed"]
    # nothing disappears silently: what is gone is exactly what the removals recorded
    removed = sum(len(r.before.replace("\n", "")) for r in removals)  # a block at the end is recorded whole, with its lines
    assert len(case["input"].replace("\n", "")) == len(text.replace("\n", "")) + removed


@pytest.mark.parametrize("case", load_cases("censor"))
def test_restore_censored(case):
    text, restorations = restore_censored(case["input"], RULES.censor)
    assert text == case["expected"]
    if "rules" in case:
        assert [change.rule for change in restorations] == case["rules"]
    if "recorded" in case:
        assert [[change.before, change.after] for change in restorations] == case["recorded"]
    replayed = case["input"]
    for change in restorations:  # the record alone is enough to redo every restoration
        replayed = replayed.replace(change.before, change.after)
    assert replayed == text


@pytest.mark.parametrize("case", load_cases("split"))
def test_split_compilation(case):
    parts, dropped = split_compilation(case["input"], RULES.split)
    assert parts == case["expected"]
    assert [change.before for change in dropped] == case["dropped"]


@pytest.mark.parametrize("case", load_cases("structure"))
def test_detect_structure(case):
    blocks = detect_structure(case["input"], RULES.structure)
    assert [[block.kind, block.text] for block in blocks] == case["expected"]
    if "anchors" in case:
        assert [block.anchor for block in blocks] == case["anchors"]
    assert len({block.anchor for block in blocks}) == len(blocks)
