"""Undo censoring substitutions (D委 -> 党委, 哒哒君起草 -> 公文起草) that are safe to undo."""
from __future__ import annotations

import re

from scripts.convert.model import Change
from scripts.convert.rules import Replacement

_SENTENCE_BREAKS = "。！？；\n"


def restore_censored(text: str, rules: tuple[Replacement, ...]) -> tuple[str, list[Change]]:
    """Each restoration is recorded with a neighbour on each side, so the record shows where it happened."""
    restorations: list[Change] = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            restorations.append(_change_in_context(rule.name, text, match, match.expand(rule.replace)))
        text = rule.pattern.sub(rule.replace, text)
    return text, restorations


def _change_in_context(name: str, text: str, match: re.Match[str], replacement: str) -> Change:
    start, end = match.span()
    before = text[start - 1] if start > 0 and text[start - 1] not in _SENTENCE_BREAKS else ""
    after = text[end] if end < len(text) and text[end] not in _SENTENCE_BREAKS else ""
    return Change(name, before + match.group(0) + after, before + replacement + after)
