"""Blocks -> metadata (title, level, year, doc_type, organization, themes), each from weighed evidence.

Clues and weights are in metadata.yml; they are matched on the simplified text, so traditional characters
read alike. `explain_metadata` gives the rankings behind each field, for `--explain`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from scripts.convert.clean.head import is_title
from scripts.convert.infer.evidence import Ranking, add, pick, weigh
from scripts.convert.infer.places import find_place_levels, level_of_place
from scripts.convert.infer.themes import find_report_themes
from scripts.convert.model import Block, Meta
from scripts.convert.rules import Rules
from scripts.convert.rules.metadata import Clue, MetadataRules
from scripts.convert.simplify import to_simplified

_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")
_LATEST_YEAR = 2100
_SUBTITLE_MAX_CHARS = 100


@dataclass(frozen=True)
class Evidence:
    own_title: str
    organization: str
    doc_type: Ranking
    level: Ranking
    year: Ranking


def extract_metadata(blocks: tuple[Block, ...], source: str, part_of: tuple, rules: Rules) -> Meta:
    evidence = weigh_evidence(blocks, rules)
    meta_rules = rules.metadata
    doc_type = pick(evidence.doc_type, meta_rules.doc_type) or meta_rules.doc_type_default
    year = pick(evidence.year, meta_rules.year)
    return Meta(
        title=evidence.own_title or describe_title(evidence.organization, year, doc_type, meta_rules),
        level=pick(evidence.level, meta_rules.level) or meta_rules.level_unknown,
        year=year,
        doc_type=doc_type,
        organization=evidence.organization,
        themes=find_report_themes(blocks, rules.themes, meta_rules.theme_min_mentions),
        source=source,
        chars=sum(len(block.text) for block in blocks),
        part=part_of[0],
        parts=part_of[1],
    )


def weigh_evidence(blocks: tuple[Block, ...], rules: Rules) -> Evidence:
    meta_rules = rules.metadata
    following = blocks[1].text if len(blocks) > 1 else ""
    own_title = blocks[0].text if blocks and is_title(blocks[0].text, rules.head, following) else ""
    parts = report_parts(blocks, own_title, rules)
    doc_types = weigh(meta_rules.doc_type.clues, parts)
    doc_type = pick(doc_types, meta_rules.doc_type) or meta_rules.doc_type_default
    organization = guess_organization(parts, meta_rules)
    return Evidence(own_title, organization, doc_types, weigh_level(parts, meta_rules),
                    weigh_year(parts, doc_type, meta_rules))


def report_parts(blocks: tuple[Block, ...], own_title: str, rules: Rules) -> dict[str, str]:
    """The simplified text of each part that clues look in: title (with subtitle lines), opening, closing,
    headings, text."""
    meta_rules = rules.metadata
    rest = list(blocks[1 if own_title else 0:])
    subtitles = [block.text for block in rest[:4]
                 if len(block.text) <= _SUBTITLE_MAX_CHARS and rules.head.subtitle.search(to_simplified(block.text))]
    rest = [block for block in rest if block.text not in subtitles]
    paragraphs = [block.text for block in rest if block.kind == "paragraph"]
    texts = {
        "title": "\n".join([own_title, *subtitles]),
        "opening": _opening(paragraphs, meta_rules.opening_chars),
        "closing": "\n".join(paragraphs[-meta_rules.closing_paragraphs:]),
        "headings": "\n".join(block.text for block in rest if block.kind != "paragraph"),
        "text": "\n".join(block.text for block in blocks),
    }
    return {part: to_simplified(text).translate(_HALF_WIDTH) for part, text in texts.items()}


def _opening(paragraphs: list[str], chars: int) -> str:
    """The first paragraphs, up to about `chars` characters: salutation, speaker and first sentences."""
    opening, size = [], 0
    for paragraph in paragraphs:
        if size >= chars:
            break
        opening.append(paragraph)
        size += len(paragraph)
    return "\n".join(opening)


_HALF_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")  # years written in full-width digits

def guess_organization(parts: dict[str, str], rules: MetadataRules) -> str:
    """The author office: named in the title, else the body it speaks for (我代表…), else starting a clause of
    the opening, else the office named most often."""
    return _find_organization(parts, rules)[0]


def _find_organization(parts: dict[str, str], rules: MetadataRules) -> tuple[str, bool]:
    """(office, named as the author): from the title, the body it speaks for or a clause of the opening; else
    the office named most often, which may as well be a superior (not named as the author)."""
    opening = rules.superior_clause.sub("", parts["opening"])
    speaks_for = rules.speaks_for.search(opening)
    clauses = _CLAUSE_BREAK.split(opening)
    found = (
        _first_office(rules.office.finditer(parts["title"]))
        or (speaks_for["body"] if speaks_for else "")
        or _first_office(match for clause in clauses if (match := rules.office_in_clause.match(clause)))
    )
    named = bool(found)
    if not found:
        found = _most_named_office(rules.office.finditer(rules.superior_clause.sub("", parts["text"])), rules.min_mentions)
    for pattern, replace in rules.aliases:
        found = pattern.sub(replace, found)
    return found, named


def weigh_level(parts: dict[str, str], rules: MetadataRules) -> Ranking:
    """Scope words, national bodies, the author office (the most local place in its name) and the most local
    place in the title."""
    ranking = weigh(rules.level.clues, parts)
    organization, named = _find_organization(parts, rules)
    if level := level_of_office(organization, rules):
        weight = rules.office_weight if named else rules.office_weight // 2
        add(ranking, level, weight, f"单位「{organization}」{'' if named else '（文中提到最多）'}")
    if local := _most_local(find_place_levels(parts["title"])):
        add(ranking, local[1], rules.place_weight, f"标题中的地名「{local[0]}」")
    return ranking


_LOCAL_ORDER = ("中央", "省级", "市级", "县级", "乡镇")


def level_of_office(organization: str, rules: MetadataRules) -> str | None:
    """The level of an office: the most local place of the gazetteer in its name (宜宾市翠屏区 is a district,
    义乌市 a county-level city), else the level word it ends with (县委, XX镇)."""
    matches = list(rules.office.finditer(organization))
    if not matches:
        return None
    if local := _most_local(find_place_levels(organization)):
        return local[1]
    return rules.level_prefixes.get(matches[-1]["prefix"])


def _most_local(places: list[tuple[str, str]]) -> tuple[str, str] | None:
    return max(places, key=lambda place: _LOCAL_ORDER.index(place[1]), default=None)


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
    return year if year and rules.year_earliest <= year <= _LATEST_YEAR else None


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
    high = min((cue.until for cue in found if cue.until), default=_LATEST_YEAR)
    if low > high:
        return 0, _LATEST_YEAR, []
    return low, high, [cue.suggests for cue in found if cue.suggests and low <= cue.suggests <= high]


_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _number(words: str) -> int:
    """一 … 九十九 in words -> an int."""
    tens, ten, ones = words.partition("十")
    if not ten:
        return _DIGITS.get(words, 0)
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)


def _office_name(match: re.Match) -> str:
    """The office with the place named just before it (浙江省交通运输厅), when the gazetteer knows the place;
    a redacted place (XX镇, **县) is left out, so that such offices group together."""
    start, before = match.start("prefix"), match.string[max(0, match.start("prefix") - 8):match.start("prefix")]
    for size in range(len(before), 0, -1):
        place = before[-size:]
        if level_of_place(place + match["prefix"]) or level_of_place(place):
            return place + match.string[start:match.end()]
    return match.string[start:match.end()]


def _first_office(matches: Iterable[re.Match]) -> str:
    return next((_office_name(match) for match in matches), "")


def _most_named_office(matches: Iterable[re.Match], min_mentions: int) -> str:
    counts = Counter(_office_name(match) for match in matches)
    best = max(counts, key=counts.get, default="")  # ties: the first named
    return best if counts[best] >= min_mentions else ""


def describe_title(organization: str, year: int | None, doc_type: str, rules: MetadataRules) -> str:
    """A title for a report that has none, e.g. 县政府办公室2021年工作总结."""
    kind = rules.title_kinds.get(doc_type, rules.untitled)
    return rules.title_template.format(organization=organization, year=f"{year}年" if year else "", kind=kind)
