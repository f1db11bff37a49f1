"""Rejoining broken lines: the cases of tests/cases/rejoin.yml, and what must hold for any text."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from scripts.convert.clean.rejoin import BREAK, rejoin_lines
from scripts.convert.rules.rejoin import read_rejoin
from scripts.convert.rules import RuleError

ROOT = Path(__file__).resolve().parent.parent
RULES_FILE = ROOT / "scripts" / "convert" / "rules" / "rejoin.yml"
RULES = read_rejoin(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "rejoin.yml").read_text(encoding="utf-8"))
CORPUS = sorted((ROOT / "tests" / "corpus" / "texts").glob("*.txt"))


def case_param(case: dict):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, id=case["label"], marks=marks)


@pytest.mark.parametrize("case", [case_param(case) for case in CASES])
def test_rejoin_lines(case):
    text, changes = rejoin_lines(case["input"], RULES)
    assert text == case["expected"]
    if "rules" in case:
        assert [change.rule for change in changes] == case["rules"]


def shuffled_text(seed: int) -> str:
    """Lines of the cases in a random order, with blank lines and lone fragments: odd neighbours for every rule."""
    rng = random.Random(seed)
    lines = [line for case in CASES for line in case["input"].split("\n")]
    lines += ["", "", "　　", "[", "1", "]", "。", "，", "（一）", "告", "国务院总理", "李 强"]
    return "\n".join(rng.choice(lines) for _ in range(60))


TEXTS = ([pytest.param(case["input"], id=case["label"]) for case in CASES]
         + [pytest.param(path.read_text(encoding="utf-8"), id=path.name) for path in CORPUS]
         + [pytest.param(shuffled_text(seed), id=f"shuffled-{seed}") for seed in range(30)])


def non_space(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("text", TEXTS)
def test_nothing_lost_nothing_added(text):
    joined, _ = rejoin_lines(text, RULES)
    assert non_space(joined) == non_space(text)


@pytest.mark.parametrize("text", TEXTS)
def test_rejoining_twice_gives_the_same_as_once(text):
    once, _ = rejoin_lines(text, RULES)
    assert rejoin_lines(once, RULES) == (once, [])


@pytest.mark.parametrize("text", TEXTS)
def test_every_removed_line_break_is_recorded(text):
    joined, changes = rejoin_lines(text, RULES)
    assert text.count("\n") - joined.count("\n") == sum(change.before.count(BREAK) for change in changes)
    for change in changes:
        assert non_space(change.before.replace(BREAK, "")) == non_space(change.after)


BROKEN = [  # (path to the value in rejoin.yml, new value, rule named in the error, words of the cause)
    (["joins", 0, "after"], "[unclosed", "continuation-punctuation", "bad pattern"),
    (["joins", 1, "max_blank_line"], 2, "footnote-marker", "unknown key 'max_blank_line'"),
    (["joins", 2, "after_heading"], "yes", "footnote-label", "true or false"),
    (["block_start", 0, "pattern"], None, "word-heading-mark", "pattern must be"),
    (["sentence_end"], "", "sentence_end", "non-empty"),
]


@pytest.mark.parametrize("path, value, rule, cause", BROKEN, ids=[case[2] for case in BROKEN])
def test_a_broken_rule_is_refused_naming_file_and_rule(path, value, rule, cause):
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    target[last] = value
    with pytest.raises(RuleError, match=f"^rejoin.yml: rule {rule!r}: .*{cause}"):
        read_rejoin(data)
