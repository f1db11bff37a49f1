"""Page numbers and running headers and footers, by the rules of rules/pdf.yml; each removal recorded."""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.convert.model import Change
from scripts.convert.rules.checks import NamedPattern, RuleError, compile_pattern, named_rules, require

RULES_FILE = Path(__file__).resolve().parents[1] / "rules" / "pdf.yml"
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Running:
    """A line at the same page edge on at least `min_pages` pages and `min_share` of them."""
    name: str
    min_pages: int
    min_share: float
    max_chars: int


@dataclass(frozen=True)
class PageRules:
    edge_lines: int
    page_numbers: tuple[NamedPattern, ...]
    running: Running


def read_page_rules(data, file: str = "pdf.yml") -> PageRules:
    """Check and compile pdf.yml; a broken rule raises a RuleError naming the file and the rule."""
    numbers = named_rules(file, "page_numbers", require(file, data, "page_numbers", list))
    running = require(file, data, "running", dict)
    name = require(file, running, "name", str)
    share = require(file, running, "min_share", (int, float), name)
    if not 0 < share <= 1:
        raise RuleError(file, name, f"min_share must be more than 0 and at most 1, not {share}")
    return PageRules(
        edge_lines=_positive(file, "edge_lines", require(file, data, "edge_lines", int)),
        page_numbers=tuple(NamedPattern(rule, compile_pattern(file, rule, require(file, body, "pattern", str, rule)))
                           for rule, body in numbers),
        running=Running(name, _positive(file, name, require(file, running, "min_pages", int, name)), share,
                        _positive(file, name, require(file, running, "max_chars", int, name))))


@functools.cache
def load_page_rules(path: Path = RULES_FILE) -> PageRules:
    return read_page_rules(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def is_page_number(line: str) -> bool:
    return _find_page_number(line.strip(), load_page_rules()) is not None


def strip_page_furniture(pages: list[str], rules: PageRules | None = None) -> tuple[str, list[Change]]:
    """The pages' text as one, without page numbers and running headers and footers at the page edges."""
    rules = rules or load_page_rules()
    page_lines = [[line for line in page.split("\n") if line.strip()] for page in pages]
    running = _find_running_lines(page_lines, rules)
    kept, changes = [], []
    for lines in page_lines:
        for number, line in enumerate(lines):
            rule = _find_furniture(line.strip(), _is_at_edge(number, len(lines), rules.edge_lines), running, rules)
            if rule:
                changes.append(Change(rule, line))
            else:
                kept.append(line)
    return "\n".join(kept), changes


def _find_furniture(line: str, at_edge: bool, running: set[str], rules: PageRules) -> str | None:
    if not at_edge:
        return None
    if rule := _find_page_number(line, rules):
        return rule
    return rules.running.name if _DIGITS.sub("#", line) in running else None


def _find_page_number(line: str, rules: PageRules) -> str | None:
    return next((rule.name for rule in rules.page_numbers if rule.pattern.search(line)), None)


def _find_running_lines(page_lines: list[list[str]], rules: PageRules) -> set[str]:
    """Edge lines (digits as #) found on enough pages to be a running header or footer."""
    pages = Counter()
    for lines in page_lines:
        edges = {_DIGITS.sub("#", line.strip()) for number, line in enumerate(lines)
                 if _is_at_edge(number, len(lines), rules.edge_lines)}
        pages.update(line for line in edges if len(line) <= rules.running.max_chars)
    least = max(rules.running.min_pages, rules.running.min_share * len(page_lines))
    return {line for line, count in pages.items() if count >= least}


def _is_at_edge(number: int, count: int, edge_lines: int) -> bool:
    return number < edge_lines or number >= count - edge_lines


def _positive(file: str, rule: str, value: int) -> int:
    if value < 1:
        raise RuleError(file, rule, f"must be at least 1, not {value}")
    return value
