"""Remove ads, paywall markers, site furniture and HTML residue; record every removal with the rule that made it.

Rules are matched on the simplified form of the text (same length, same positions), so that they find noise
in traditional characters too; what they remove is cut from the text as written."""
from __future__ import annotations

import re

from scripts.convert.model import Change
from scripts.convert.rules import FillerRule, NamedPattern, NoiseRules
from scripts.convert.simplify import to_simplified


def strip_noise(text: str, rules: NoiseRules) -> tuple[str, list[Change]]:
    """Site apparatus at the end goes first, then whole ad lines (one removal each), then inline noise."""
    lines, removals = _cut_tail(text.split("\n"), rules)
    lines, contents = _cut_contents(lines, rules)
    removals += contents
    simple = [to_simplified(line) for line in lines]
    verdicts = [_find_sure_rule(line, rules) or _find_ad_rule(line, rules.lines, rules.inline, rules.prose_min_full_stops)
                for line in simple]
    verdicts = _mark_fillers(simple, verdicts, rules.between_ads)
    removals += [Change(rule, line) for line, rule in zip(lines, verdicts) if rule]
    before = "\n".join("" if rule else line for line, rule in zip(lines, verdicts))
    text, simple_text = before, "\n".join("" if rule else line for line, rule in zip(simple, verdicts))
    for rule in rules.inline:
        if spans := [match.span() for match in rule.pattern.finditer(simple_text)]:
            removals += [Change(rule.name, text[start:end]) for start, end in spans]
            text, simple_text = _cut_spans(text, spans), _cut_spans(simple_text, spans)
    return _drop_emptied_lines(before, text, rules.leftover, removals)


def _cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    kept, position = [], 0
    for start, end in spans:
        kept.append(text[position:start])
        position = end
    return "".join(kept) + text[position:]


def _cut_tail(lines: list[str], rules: NoiseRules) -> tuple[list[str], list[Change]]:
    """A licence notice or list of related articles that a site appends: from its first line on, with the short
    pieces of it that links split off just before."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    first = max(0, len(nonblank) - rules.tail_within_lines)
    for position, i in enumerate(nonblank[first:], start=first):
        share = position / len(nonblank)
        line = to_simplified(lines[i])
        if rule := next((rule for rule in rules.tails if share >= rule.after and rule.pattern.search(line)), None):
            if _prose_lines(lines[i:]) > rules.tail_max_prose_lines:
                continue  # report text follows: this is no appendix
            while position > 0 and len(lines[nonblank[position - 1]].strip()) <= rules.tail_lead_max_chars:
                position -= 1
            start = nonblank[position]
            return lines[:start], [Change(rule.name, "\n".join(line for line in lines[start:] if line.strip()))]
    return lines, []


def _cut_contents(lines: list[str], rules: NoiseRules) -> tuple[list[str], list[Change]]:
    """A table of contents: its header (`目 录`) and the entries after it, which end in a page number or come back
    later as the headings they list."""
    header = next((i for i, line in enumerate(lines) if rules.contents_header.fullmatch(to_simplified(line.strip()))),
                  None)
    if header is None:
        return lines, []
    end = header + 1
    while end < len(lines) and (not lines[end].strip() or _is_contents_entry(lines[end], lines[end + 1:], rules)):
        end += 1
    removed = [line for line in lines[header:end] if line.strip()]
    return lines[:header] + [""] * (end - header) + lines[end:], [Change("table-of-contents", "\n".join(removed))]


def _is_contents_entry(line: str, after: list[str], rules: NoiseRules) -> bool:
    entry = line.strip()
    return bool(rules.contents_entry.search(to_simplified(entry))) or (
        len(entry) <= 40 and any(entry in later for later in after))


def _prose_lines(lines: list[str]) -> int:
    return sum(1 for line in lines if len(line) >= 30 and line.rstrip().endswith("。"))


def _find_sure_rule(line: str, rules: NoiseRules) -> str | None:
    """A rule that removes its line even when the line has sentences: words that no report uses (outside what
    an inline rule cuts off anyway, such as a site's name after a title)."""
    for rule in rules.lines:
        if rule.name in rules.even_in_prose and (starts := [match.start() for match in rule.pattern.finditer(line)]):
            spans = _inline_spans(line, rules.inline)
            if any(not _inside(start, spans) for start in starts):
                return rule.name
    return None


def _inline_spans(line: str, inline: tuple[NamedPattern, ...]) -> list[tuple[int, int]]:
    return [match.span() for rule in inline for match in rule.pattern.finditer(line)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _find_ad_rule(line: str, ad_rules: tuple[NamedPattern, ...], inline: tuple[NamedPattern, ...],
                  prose_stops: int) -> str | None:
    """The rule that finds an ad earliest in this line, unless the line reads like report prose: several full
    stops, or a full sentence before the ad (then only inline rules may cut the ad off). An ad inside a span
    that an inline rule removes (【某某素材库】) does not make the rest of the line an ad."""
    if not line or line.count("。") >= prose_stops:
        return None
    found = [(match.start(), rule.name) for rule in ad_rules if (match := rule.pattern.search(line))]
    if not found:
        return None
    spans = _inline_spans(line, inline)
    if not re.search(r"\w", _cut_spans(line, sorted(spans))):  # nothing but noise in the line
        return min(found)[1]
    outside = [match.start() for rule in ad_rules for match in rule.pattern.finditer(line)
               if not _inside(match.start(), spans)]
    if not outside or "。" in line[:min(outside)]:
        return None
    return min(found)[1]


def _drop_emptied_lines(before: str, after: str, leftover: re.Pattern[str], removals: list[Change]) -> tuple[str, list[Change]]:
    """A line that inline removals left with only punctuation (`（）`, `——`) had nothing but the noise."""
    old, new = before.split("\n"), after.split("\n")
    if len(old) != len(new):
        return after, removals
    emptied = [i for i, (a, b) in enumerate(zip(old, new)) if a != b and b.strip() and leftover.fullmatch(b)]
    removals = removals + [Change("noise-leftover", new[i]) for i in emptied]
    for i in emptied:
        new[i] = ""
    return "\n".join(new), removals


def _mark_fillers(lines: list[str], verdicts: list[str | None], filler: FillerRule | None) -> list[str | None]:
    """Short slogan lines sandwiched between two ad lines belong to the ad block (seed 002's header)."""
    if not filler:
        return verdicts
    ads = [i for i, rule in enumerate(verdicts) if rule and (not filler.between or rule in filler.between)]
    marked = list(verdicts)
    for before, after in zip(ads, ads[1:]):
        between = range(before + 1, after)
        if all(_is_filler(lines[i], filler) for i in between):
            for i in between:
                marked[i] = filler.name if lines[i] else None
    return marked


def _is_filler(line: str, filler: FillerRule) -> bool:
    return not line or (len(line) <= filler.max_chars and "。" not in line and not filler.keep_if.search(line))
