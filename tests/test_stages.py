"""Table-driven tests of the cleaning stages: the cases live in tests/cases/<stage>.yml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts.censor import restore_censored
from scripts.noise import strip_noise
from scripts.rules import RuleError, load_rules
from scripts.split import split_compilation
from scripts.structure import detect_structure

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
    assert len(case["input"].replace("\n", "")) == len(text.replace("\n", "")) + sum(len(r.before) for r in removals)


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


BROKEN_RULES = [
    pytest.param(strip_noise, {"inline": [{"pattern": "x"}], "lines": []}, "noise.yml", "inline #1",
                 id="noise-no-name"),
    pytest.param(strip_noise, {"inline": [], "lines": [{"name": "ad"}]}, "noise.yml", "ad", id="noise-no-pattern"),
    pytest.param(strip_noise, {"inline": [{"name": "bad", "pattern": "(("}], "lines": []}, "noise.yml", "bad",
                 id="noise-bad-regex"),
    pytest.param(strip_noise, {"inline": [], "lines": [{"name": "ad", "pattern": "正文"}], "between_ads": {"name": "x"}},
                 "noise.yml", "between_ads", id="noise-filler-incomplete"),
    pytest.param(restore_censored, [{"pattern": "D", "replace": "党"}], "censor.yml", "#1", id="censor-no-name"),
    pytest.param(restore_censored, [{"name": "D"}], "censor.yml", "D", id="censor-no-pattern"),
    pytest.param(split_compilation, {"compilation_header": "汇编"}, "split.yml", "report_title", id="split-missing"),
    pytest.param(detect_structure, {"section": "一、"}, "structure.yml", "subsection", id="structure-missing"),
]


@pytest.mark.parametrize("stage, rules, file, rule", BROKEN_RULES)
def test_broken_rule_names_file_and_rule(stage, rules, file, rule):
    with pytest.raises(RuleError) as error:
        stage("一、正文", rules)
    assert str(error.value).startswith(f"{file}: rule {rule!r}")
