"""Read rejoin.yml: when a line break inside a paragraph is a break to undo, and what ends a paragraph."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scripts.convert.rules.checks import (
    NamedPattern,
    RuleError,
    compile_pattern,
    named_rules,
    optional,
    require,
)


@dataclass(frozen=True)
class Width:
    """Lines cut at a page width: about as long as a neighbour that is cut too, in running text."""
    min_chars: int
    max_chars: int
    similar_percent: int
    prose: re.Pattern[str]


@dataclass(frozen=True)
class JoinRule:
    """Join the paragraph so far and the next line when each pattern finds something in its part."""
    name: str
    before: re.Pattern[str] | None  # in the paragraph so far
    last_line: re.Pattern[str] | None  # in the line just before the break, as it was read
    after: re.Pattern[str] | None  # in the next line
    width: Width | None = None
    min_blank_lines: int = 0
    max_blank_lines: int = 0
    after_sentence_end: bool = False
    after_heading: bool = False


@dataclass(frozen=True)
class RejoinRules:
    sentence_end: re.Pattern[str]
    sentence_stop: re.Pattern[str]
    block_start: tuple[NamedPattern, ...]
    heading_max_chars: int
    repeat_chars: int
    joins: tuple[JoinRule, ...]



def read_rejoin(data: Any, file: str = "rejoin.yml") -> RejoinRules:
    """Check and compile the rules of rejoin.yml; a broken rule raises a RuleError naming the file and the rule."""
    blocks = named_rules(file, "block_start", require(file, data, "block_start", list))
    return RejoinRules(
        sentence_end=compile_pattern(file, "sentence_end", require(file, data, "sentence_end", str)),
        sentence_stop=compile_pattern(file, "sentence_stop", require(file, data, "sentence_stop", str)),
        block_start=tuple(NamedPattern(name, compile_pattern(file, name, require(file, rule, "pattern", str, name)))
                          for name, rule in blocks),
        heading_max_chars=_count(file, "heading_max_chars", optional(file, data, "heading_max_chars", int, 50)),
        repeat_chars=_count(file, "repeat_chars", optional(file, data, "repeat_chars", int, 12), least=1),
        joins=tuple(_read_join(file, name, rule)
                    for name, rule in named_rules(file, "joins", require(file, data, "joins", list))),
    )


_PATTERN_KEYS = ("before", "last_line", "after")
_JOIN_KEYS = {"name", *_PATTERN_KEYS, "width", "min_blank_lines", "max_blank_lines", "after_sentence_end",
              "after_heading"}


def _read_join(file: str, name: str, rule: dict) -> JoinRule:
    if unknown := sorted(set(rule) - _JOIN_KEYS):
        raise RuleError(file, name, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_JOIN_KEYS))})")
    if not any(key in rule for key in (*_PATTERN_KEYS, "width")):
        raise RuleError(file, name, "needs a pattern (`before`, `last_line`, `after`) or a `width`")
    patterns = (compile_pattern(file, name, require(file, rule, key, str, name)) if key in rule else None
                for key in _PATTERN_KEYS)
    width = _read_width(file, name, require(file, rule, "width", dict, name)) if "width" in rule else None
    fewest, most = (_count(file, name, optional(file, rule, key, int, 0, name))
                    for key in ("min_blank_lines", "max_blank_lines"))
    if fewest > most:
        raise RuleError(file, name, "min_blank_lines is more than max_blank_lines")
    return JoinRule(name, *patterns, width, fewest, most, _flag(file, name, rule, "after_sentence_end"),
                    _flag(file, name, rule, "after_heading"))


def _read_width(file: str, name: str, width: dict) -> Width:
    min_chars, max_chars, percent = (_count(file, name, require(file, width, key, int, name))
                                     for key in ("min_chars", "max_chars", "similar_percent"))
    if not 1 <= min_chars <= max_chars or not 1 <= percent <= 100:
        raise RuleError(file, name, "width needs 1 <= min_chars <= max_chars and similar_percent from 1 to 100")
    return Width(min_chars, max_chars, percent, compile_pattern(file, name, require(file, width, "prose", str, name)))


def _flag(file: str, name: str, rule: dict, key: str) -> bool:
    value = rule.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(file, name, f"{key} must be true or false, not {value!r}")
    return value


def _count(file: str, rule: str, value: int, least: int = 0) -> int:
    if value < least:
        raise RuleError(file, rule, f"must be at least {least}, not {value}")
    return value
