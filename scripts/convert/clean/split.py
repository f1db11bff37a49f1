"""Split a compilation (…汇编（3篇）) into one text per report; its header and contents list are recorded."""
from __future__ import annotations

import re

from scripts.convert.model import Change
from scripts.convert.rules import SplitRules

_CHINESE_NUMBERS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def split_compilation(text: str, rules: SplitRules) -> tuple[list[str], list[Change]]:
    """One text per report. A text that is not a compilation, or whose parts cannot be found, stays whole."""
    lines = text.split("\n")
    found = _find_header(lines, rules.compilation_header, rules.header_within_lines)
    starts = _choose_titles(lines, found, rules.report_title) if found else []
    if len(starts) < 2:
        body = text.strip()
        return ([body] if body else []), []
    index = found[0]
    dropped = [Change("compilation-header", lines[index])]
    dropped += [Change("compilation-preamble", line) for line in lines[index + 1:starts[0]] if line.strip()]
    parts = ["\n".join(lines[a:b]).strip() for a, b in zip(starts, starts[1:] + [len(lines)])]
    return parts, dropped


def _find_header(lines: list[str], header: re.Pattern[str], within: int) -> tuple[int, int | None] | None:
    """(line index, announced number of reports or None) of the compilation header near the top."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()][:within]
    for i in nonblank:
        if match := header.match(lines[i].strip()):
            return i, _to_number(next((group for group in match.groups() if group), None))
    return None


def _choose_titles(lines: list[str], found: tuple[int, int | None], title: re.Pattern[str]) -> list[int]:
    """Title lines after the header that are followed by body text (a contents list is not).

    Titles set off by a blank line above are preferred, unless only the looser set matches the number."""
    index, count = found
    is_title = [bool(title.match(line.strip())) for line in lines]
    candidates = [i for i in range(index + 1, len(lines)) if is_title[i] and _followed_by_text(lines, is_title, i)]
    set_off = [i for i in candidates if not lines[i - 1].strip()]
    for choice in (set_off, candidates):
        if count and len(choice) == count:
            return choice
    return set_off if len(set_off) >= 2 else candidates


def _followed_by_text(lines: list[str], is_title: list[bool], i: int) -> bool:
    following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return following is not None and not is_title[following]


def _to_number(count: str | None) -> int | None:
    """"3", "三", "十二", "二十" -> an int; None when the header gives no number."""
    if not count or count.isdigit():
        return int(count) if count else None
    tens, ten, ones = count.partition("十")
    if not ten:
        return _CHINESE_NUMBERS.get(count)
    return _CHINESE_NUMBERS.get(tens, 1) * 10 + _CHINESE_NUMBERS.get(ones, 0)
