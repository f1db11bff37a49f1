"""Undo censoring substitutions (D委 -> 党委, 哒哒君起草 -> 公文起草) that are safe to undo."""
from __future__ import annotations

from .model import Change
from .rules import compile_pattern


def restore_censored(text: str, rules: list[dict]) -> tuple[str, list[Change]]:
    restorations: list[Change] = []
    for rule in rules:
        pattern = compile_pattern("censor.yml", rule["name"], rule["pattern"])
        restorations += [
            Change(rule["name"], match.group(0), match.expand(rule["replace"])) for match in pattern.finditer(text)
        ]
        text = pattern.sub(rule["replace"], text)
    return text, restorations
