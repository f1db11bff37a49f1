"""Rule files are checked and compiled once, when they are loaded: a broken rule names its file and itself."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS

from scripts.convert.overrides import check_overrides
from scripts.convert.pipeline import convert_source
from scripts.convert.rules import RULES_DIR, RuleError, load_rules

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "rules.yml").read_text(encoding="utf-8"))
SHIPPED = load_rules()


def rules_copy(folder: Path) -> Path:
    shutil.copytree(RULES_DIR, folder)
    return folder


def _index(data, parents: list, key):
    """`name=年份` in a path stands for the index of the rule of that name in its list."""
    if not (isinstance(key, str) and key.startswith("name=")):
        return key
    for parent in parents:
        data = data[parent]
    return next(i for i, rule in enumerate(data) if rule.get("name") == key[5:])


def edit_rule_file(folder: Path, file: str, path: list, value=None, delete: bool = False) -> None:
    data = yaml.safe_load((folder / file).read_text(encoding="utf-8"))
    path = [_index(data, path[:i], key) for i, key in enumerate(path)]
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if delete:
        del target[last]
    else:
        target[last] = value
    (folder / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("case", [pytest.param(case, id=case["label"]) for case in CASES])
def test_a_broken_rule_is_refused_at_load_naming_file_and_rule(tmp_path, case):
    folder = rules_copy(tmp_path / "rules")
    if "text" in case:
        (folder / case["file"]).write_text(case["text"], encoding="utf-8")
    else:
        edit_rule_file(folder, case["file"], case["path"], case.get("value"), case.get("delete", False))
    with pytest.raises(RuleError) as error:
        load_rules(folder)
    message = str(error.value)
    assert message.startswith(f"{case['file']}: rule {case['rule']!r}: "), message
    assert case["cause"] in message


def test_every_shipped_rule_file_loads_compiled():
    raw = {file.stem: yaml.safe_load(file.read_text(encoding="utf-8")) for file in RULES_DIR.glob("*.yml")}
    assert sorted(raw) == ["censor", "head", "metadata", "noise", "pdf", "rejoin", "split", "structure", "themes"]
    assert [rule.name for rule in SHIPPED.noise.lines] == [rule["name"] for rule in raw["noise"]["lines"]]
    inline = [rule["pattern"] for rule in raw["noise"]["inline"]]
    assert [rule.pattern.pattern for rule in SHIPPED.noise.inline] == inline
    assert SHIPPED.split.report_title.pattern == raw["split"]["report_title"]
    assert SHIPPED.structure.section.pattern == raw["structure"]["section"]
    words = sum(len(rule.get("words", {})) or 1 for rule in raw["censor"])
    assert len(SHIPPED.censor) == words  # one compiled replacement per dictionary word
    assert all(isinstance(rule.pattern, re.Pattern) for rule in SHIPPED.censor)


def test_vocabulary_is_what_the_metadata_rules_can_give():
    raw = yaml.safe_load((RULES_DIR / "metadata.yml").read_text(encoding="utf-8"))
    level_clues = {clue["value"] for clue in raw["level"]["clues"]}
    assert set(SHIPPED.vocabulary.levels) == {*raw["level"]["prefixes"].values(), *level_clues, raw["level"]["unknown"]}
    assert "中央" in SHIPPED.vocabulary.levels
    assert SHIPPED.vocabulary.doc_types[-1] == raw["doc_type"]["default"]
    assert set(SHIPPED.vocabulary.doc_types) == {clue["value"] for clue in raw["doc_type"]["clues"]}
    for path in sorted(SEEDS.iterdir()):
        for report in convert_source(path.name, path.read_bytes(), SHIPPED):
            assert report.meta.level in SHIPPED.vocabulary.levels
            assert report.meta.doc_type in SHIPPED.vocabulary.doc_types
            assert set(report.meta.themes) <= set(SHIPPED.vocabulary.themes)


def test_a_doc_type_added_to_metadata_yml_becomes_a_valid_correction(tmp_path):
    folder = rules_copy(tmp_path / "rules")
    correction = {"doc_type": "调研报告", "level": "乡镇"}
    _, problems = check_overrides("材料.yml", correction, SHIPPED.vocabulary)
    assert [problem.reason for problem in problems if "调研报告" in problem.reason]
    assert all("工作报告" in problem.reason for problem in problems)  # the message lists the valid ones
    clues = yaml.safe_load((folder / "metadata.yml").read_text(encoding="utf-8"))["doc_type"]["clues"]
    new_clue = {"name": "标题·调研", "in": "title", "pattern": "调研", "value": "调研报告", "weight": 10}
    edit_rule_file(folder, "metadata.yml", ["doc_type", "clues"], [*clues, new_clue])
    checked, problems = check_overrides("材料.yml", correction, load_rules(folder).vocabulary)
    assert checked[0] == correction and not problems


def test_fingerprint_follows_the_files(tmp_path):
    folder = rules_copy(tmp_path / "rules")
    assert load_rules(folder).fingerprint == SHIPPED.fingerprint
    long_pattern = yaml.safe_load((folder / "split.yml").read_text(encoding="utf-8"))["report_title"]
    edit_rule_file(folder, "split.yml", ["report_title"], long_pattern.replace("工作计划", "工作安排"))
    assert load_rules(folder).fingerprint != SHIPPED.fingerprint  # an edit past a repr's 200 characters
