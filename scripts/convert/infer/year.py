"""The year of a report from weighed evidence: years named and where, sessions and congresses, anniversaries,
and the dated context (a plenum, a campaign) that bounds what is possible."""
from __future__ import annotations

import re

from scripts.convert.infer.evidence import Ranking, add, weigh
from scripts.convert.rules.metadata import Clue, MetadataRules

LATEST_YEAR = 2100


def weigh_year(parts: dict[str, str], doc_type: str, rules: MetadataRules) -> Ranking:
    """Years named, weighed by where and how; targets (到2035年) skipped; context bounds what is possible."""
    def value_of(clue: Clue, match: re.Match) -> int | None:
        year = _year_of(clue, match, rules)
        if year is None or (clue.only and clue.only != doc_type) or _is_target(match, rules):
            return None
        return year + clue.shift

    ranking = weigh(rules.year.clues, parts, value_of)
    if not weigh([clue for clue in rules.year.clues if clue.weak_for != doc_type], parts, value_of):
        ranking = {}  # only years merely named, in a report where that dates nothing
    low, high, suggestions = _context_bounds(parts["text"], rules)
    titled = set(weigh([clue for clue in rules.year.clues if "title" in clue.parts], {"title": parts["title"]}, value_of))
    ranking = {year: candidate for year, candidate in ranking.items()
               if candidate.score > 0 and (low <= year <= high or year in titled)}
    if not ranking and high - low <= 1:  # context alone dates a report only when it leaves a year or two
        year = low if low == high else max([year for year in suggestions if low <= year <= high] or [high])
        add(ranking, year, rules.year.min_score, "时代背景")
    return ranking


def _year_of(clue: Clue, match: re.Match, rules: MetadataRules) -> int | None:
    """The year a match names: digits, digits in words (二〇二一), or a table's year for a congress, a term and
    session of the NPC, or the anniversary of an event."""
    groups = match.groupdict()
    table = rules.year_tables.get(clue.table or "", {})
    if groups.get("term") in table:
        year = table[groups["term"]] + _number(groups.get("session") or "一") - 1
    elif groups.get("event"):
        event = next((name for name in table if _same_event(name, groups["event"])), None)
        year = table[event] + _count(groups["count"]) if event else None
    elif clue.table:
        year = table.get(groups.get("congress"))
    elif groups.get("year_words"):
        year = int("".join(str(_DIGIT_WORDS.index(char)) for char in groups["year_words"].replace("○", "〇").replace("零", "〇")))
    else:
        year = int(text) if (text := groups.get("year") or groups.get("year2")) else None
    return year if year and rules.year_earliest <= year <= LATEST_YEAR else None


_DIGIT_WORDS = "〇一二三四五六七八九"


def _same_event(name: str, found: str) -> bool:
    """抗日战争胜利 names 抗日战争暨世界反法西斯战争胜利 too."""
    return found == name or (found.startswith(name[:2]) and found.endswith(name[-2:]))


def _count(text: str) -> int:
    if text.isdigit():
        return int(text)
    hundreds, hundred, rest = text.partition("百")
    return (_DIGITS.get(hundreds, 1) * 100 if hundred else 0) + (_number(rest) if rest else 0) if hundred \
        else _number(text)


def _is_target(match: re.Match, rules: MetadataRules) -> bool:
    before = match.string[max(0, match.start() - 3):match.start()]
    after = match.string[match.end():match.end() + 4]
    return bool(rules.not_a_year.search(before) or rules.not_a_year.match(after))


def _context_bounds(text: str, rules: MetadataRules) -> tuple[int, int, list[int]]:
    """The years the dated context allows (from, until) and suggests; contradictory context is ignored."""
    found = [cue for cue in rules.year_cues if cue.pattern.search(text)]
    low = max((cue.since for cue in found if cue.since), default=0)
    high = min((cue.until for cue in found if cue.until), default=LATEST_YEAR)
    if low > high:
        return 0, LATEST_YEAR, []
    return low, high, [cue.suggests for cue in found if cue.suggests and low <= cue.suggests <= high]


_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _number(words: str) -> int:
    """一 … 九十九 in words -> an int."""
    tens, ten, ones = words.partition("十")
    if not ten:
        return _DIGITS.get(words, 0)
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)
