"""Checks shared by the rule readers: each returns the checked value or raises a RuleError naming file and rule."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NamedPattern:
    """A rule that finds text; its name is recorded with every change it makes."""
    name: str
    pattern: re.Pattern[str]


class RuleError(ValueError):
    """A rule file is broken: the message names the file, the rule and the cause."""

    def __init__(self, file: str, rule: str, cause: str):
        super().__init__(f"{file}: rule {rule!r}: {cause}")


def compile_pattern(file: str, rule: str, pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(file, rule, f"pattern must be a non-empty regular expression, not {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as error:
        raise RuleError(file, rule, f"bad pattern {pattern!r}: {error}") from None


def require(file: str, data: Any, key: str, kind: type, rule: str | None = None) -> Any:
    """data[key], which must be there and of this kind (bool is not an int here)."""
    if not isinstance(data, dict):
        raise RuleError(file, rule or key, f"expected a mapping of keys, not {type(data).__name__}")
    return check_kind(file, rule or key, key, data[key] if key in data else _MISSING, kind)


def optional(file: str, data: Any, key: str, kind: type, default: Any, rule: str | None = None):
    return require(file, data, key, kind, rule) if not isinstance(data, dict) or key in data else default


def check_kind(file: str, rule: str, key: str, value: Any, kind: type) -> Any:
    if value is _MISSING:
        raise RuleError(file, rule, f"missing {key}")
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise RuleError(file, rule, f"{key} must be {_KIND_NAMES[kind]}, not {value!r}")
    return value


def named_rules(file: str, group: str, rules: Any) -> list[tuple[str, dict]]:
    """(name, rule) for each rule of a list: every rule a mapping with a non-empty `name`."""
    if not isinstance(rules, list):
        raise RuleError(file, group or "-", f"expected a list of rules, not {rules!r}")
    named = []
    for number, rule in enumerate(rules, start=1):
        name = rule.get("name") if isinstance(rule, dict) else None
        if not name or not isinstance(name, str):
            raise RuleError(file, f"{group} #{number}".strip(), "missing name")
        named.append((name, rule))
    return named


_MISSING = object()
_KIND_NAMES = {bool: "true or false", str: "text", int: "a whole number", list: "a list", dict: "a mapping", (int, float): "a number"}
