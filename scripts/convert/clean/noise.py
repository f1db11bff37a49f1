"""Remove ads, paywall markers and HTML residue; record every removal with the rule that made it."""
from __future__ import annotations

from scripts.convert.model import Change
from scripts.convert.rules import FillerRule, NamedPattern, NoiseRules


def strip_noise(text: str, rules: NoiseRules) -> tuple[str, list[Change]]:
    """Whole ad lines go first, so that an ad is recorded as one removal; then inline noise."""
    lines = text.split("\n")
    verdicts = [_find_ad_rule(line, rules.lines, rules.prose_min_full_stops) for line in lines]
    verdicts = _mark_fillers(lines, verdicts, rules.between_ads)
    removals = [Change(rule, line) for line, rule in zip(lines, verdicts) if rule]
    text = "\n".join("" if rule else line for line, rule in zip(lines, verdicts))
    for rule in rules.inline:
        removals += [Change(rule.name, match.group(0)) for match in rule.pattern.finditer(text)]
        text = rule.pattern.sub("", text)
    return text, removals


def _find_ad_rule(line: str, ad_rules: tuple[NamedPattern, ...], prose_stops: int) -> str | None:
    """The rule that finds an ad earliest in this line, unless the line reads like report prose:
    several full stops, or a full sentence before the ad (then only inline rules may cut the ad off)."""
    if not line or line.count("。") >= prose_stops:
        return None
    found = [(match.start(), rule.name) for rule in ad_rules if (match := rule.pattern.search(line))]
    if not found or "。" in line[:min(found)[0]]:
        return None
    return min(found)[1]


def _mark_fillers(lines: list[str], verdicts: list[str | None], filler: FillerRule | None) -> list[str | None]:
    """Short slogan lines sandwiched between two ad lines belong to the ad block (seed 002's header)."""
    if not filler:
        return verdicts
    ads = [i for i, rule in enumerate(verdicts) if rule]
    marked = list(verdicts)
    for before, after in zip(ads, ads[1:]):
        between = range(before + 1, after)
        if all(_is_filler(lines[i], filler) for i in between):
            for i in between:
                marked[i] = filler.name if lines[i] else None
    return marked


def _is_filler(line: str, filler: FillerRule) -> bool:
    return not line or (len(line) <= filler.max_chars and "。" not in line and not filler.keep_if.search(line))
