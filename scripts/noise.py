"""Remove ads, paywall markers and HTML residue; record every removal with the rule that made it."""
from __future__ import annotations

from .model import Change
from .rules import compile_pattern


def strip_noise(text: str, rules: list[dict]) -> tuple[str, list[Change]]:
    removals: list[Change] = []
    for rule in rules:
        pattern = compile_pattern("noise.yml", rule["name"], rule["pattern"])
        removals += [Change(rule["name"], match.group(0)) for match in pattern.finditer(text)]
        text = pattern.sub("", text)
    return text, removals
