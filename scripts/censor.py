"""Undo censoring substitutions (D委 -> 党委, 哒哒君起草 -> 公文起草) that are safe to undo."""
from __future__ import annotations

import re

from .model import Change
from .rules import RuleError, compile_pattern

FILE = "censor.yml"
_SENTENCE_BREAKS = "。！？；\n"


def restore_censored(text: str, rules: list[dict]) -> tuple[str, list[Change]]:
    """Each restoration is recorded with a neighbour on each side, so the record shows where it happened."""
    restorations: list[Change] = []
    for name, pattern, replace in _checked_rules(rules):
        for match in pattern.finditer(text):
            restorations.append(_change_in_context(name, text, match, match.expand(replace)))
        text = pattern.sub(replace, text)
    return text, restorations


def _change_in_context(name: str, text: str, match: re.Match[str], replacement: str) -> Change:
    start, end = match.span()
    before = text[start - 1] if start > 0 and text[start - 1] not in _SENTENCE_BREAKS else ""
    after = text[end] if end < len(text) and text[end] not in _SENTENCE_BREAKS else ""
    return Change(name, before + match.group(0) + after, before + replacement + after)


def _checked_rules(rules: list[dict]) -> list[tuple[str, re.Pattern[str], str]]:
    """(name, pattern, replacement) per rule: a `pattern` with its `replace`, or a `words` list."""
    if not isinstance(rules, list):
        raise RuleError(FILE, "-", "expected a list of rules")
    checked = []
    for number, rule in enumerate(rules, start=1):
        name = rule.get("name") if isinstance(rule, dict) else None
        if not name:
            raise RuleError(FILE, f"#{number}", "missing name")
        if "words" in rule:
            checked += _word_rules(name, rule)
        elif rule.get("pattern") and "replace" in rule:
            checked.append((name, compile_pattern(FILE, name, rule["pattern"]), rule["replace"]))
        else:
            raise RuleError(FILE, name, "needs `pattern` and `replace`, or `words`")
    return checked


def _word_rules(name: str, rule: dict) -> list[tuple[str, re.Pattern[str], str]]:
    """A dictionary of whole censored words -> restored words; longer words are tried first."""
    words = rule["words"]
    if not isinstance(words, dict) or not words:
        raise RuleError(FILE, name, "`words` must map censored words to restored words")
    guard = f"(?!{rule['not_followed_by']})" if rule.get("not_followed_by") else ""
    return [
        (name, compile_pattern(FILE, name, re.escape(word) + guard), restored.replace("\\", "\\\\"))
        for word, restored in sorted(words.items(), key=lambda item: -len(item[0]))
    ]
