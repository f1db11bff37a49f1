"""Remove ads, paywall markers and HTML residue; record every removal with the rule that made it."""
from __future__ import annotations

import re

from .model import Change
from .rules import RuleError, compile_pattern

FILE = "noise.yml"


def strip_noise(text: str, rules: dict) -> tuple[str, list[Change]]:
    """Whole ad lines go first, so that an ad is recorded as one removal; then inline noise."""
    lines = text.split("\n")
    ad_rules = _named_patterns(rules, "lines")
    prose_stops = rules.get("prose_min_full_stops", 2)
    verdicts = _mark_fillers(lines, [_find_ad_rule(line, ad_rules, prose_stops) for line in lines], rules)
    removals = [Change(rule, line) for line, rule in zip(lines, verdicts) if rule]
    text = "\n".join("" if rule else line for line, rule in zip(lines, verdicts))
    for name, pattern in _named_patterns(rules, "inline"):
        removals += [Change(name, match.group(0)) for match in pattern.finditer(text)]
        text = pattern.sub("", text)
    return text, removals


def _find_ad_rule(line: str, ad_rules: list[tuple[str, re.Pattern[str]]], prose_stops: int) -> str | None:
    """The rule that finds an ad earliest in this line, unless the line reads like report prose:
    several full stops, or a full sentence before the ad (then only inline rules may cut the ad off)."""
    if not line or line.count("。") >= prose_stops:
        return None
    found = [(match.start(), name) for name, pattern in ad_rules if (match := pattern.search(line))]
    if not found or "。" in line[:min(found)[0]]:
        return None
    return min(found)[1]


def _mark_fillers(lines: list[str], verdicts: list[str | None], rules: dict) -> list[str | None]:
    """Short slogan lines sandwiched between two ad lines belong to the ad block (seed 002's header)."""
    filler = rules.get("between_ads")
    if not filler:
        return verdicts
    if missing := [key for key in ("name", "max_chars", "keep_if") if key not in filler]:
        raise RuleError(FILE, "between_ads", f"missing {', '.join(missing)}")
    keep = compile_pattern(FILE, filler["name"], filler["keep_if"])
    ads = [i for i, rule in enumerate(verdicts) if rule]
    marked = list(verdicts)
    for before, after in zip(ads, ads[1:]):
        between = range(before + 1, after)
        if all(_is_filler(lines[i], filler["max_chars"], keep) for i in between):
            for i in between:
                marked[i] = filler["name"] if lines[i] else None
    return marked


def _is_filler(line: str, max_chars: int, keep: re.Pattern[str]) -> bool:
    return not line or (len(line) <= max_chars and "。" not in line and not keep.search(line))


def _named_patterns(rules: dict, group: str) -> list[tuple[str, re.Pattern[str]]]:
    """The rules of one group, checked: each needs a name and a pattern."""
    if not isinstance(rules, dict) or not isinstance(rules.get(group), list):
        raise RuleError(FILE, group, "missing list of rules")
    named = []
    for number, rule in enumerate(rules[group], start=1):
        name = rule.get("name") if isinstance(rule, dict) else None
        if not name:
            raise RuleError(FILE, f"{group} #{number}", "missing name")
        if not rule.get("pattern"):
            raise RuleError(FILE, name, "missing pattern")
        named.append((name, compile_pattern(FILE, name, rule["pattern"])))
    return named
