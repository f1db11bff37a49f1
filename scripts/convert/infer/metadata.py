"""Blocks -> metadata (title, level, year, doc_type, organization, themes), guessed with the rules in metadata.yml."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from scripts.convert.infer.themes import find_report_themes
from scripts.convert.model import Block, Meta
from scripts.convert.rules import compile_pattern

_FILE = "metadata.yml"
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")


def extract_metadata(blocks, source, part_of, rules, taxonomy) -> Meta:
    blocks = tuple(blocks)
    own_title = find_own_title(blocks, rules["title_line"])
    body = "\n".join(block.text for block in blocks[1 if own_title else 0:])
    organization = guess_organization(own_title, find_opening(blocks, own_title), body, rules["organization"])
    year = guess_year(own_title, body, rules["year"])
    doc_type = guess_doc_type(own_title, body, rules["doc_type"])
    return Meta(
        title=own_title or describe_title(organization, year, doc_type, rules["descriptive_title"]),
        level=guess_level(organization, body, rules),
        year=year,
        doc_type=doc_type,
        organization=organization,
        themes=find_report_themes(blocks, taxonomy, rules["themes"]["min_mentions"]),
        source=source,
        chars=sum(len(block.text) for block in blocks),
        part=part_of[0],
        parts=part_of[1],
    )


def find_own_title(blocks: tuple[Block, ...], title_line: str) -> str:
    """The first block's text when it reads as a title (short, ends like one, no sentence punctuation)."""
    pattern = compile_pattern(_FILE, "title_line", title_line)
    return blocks[0].text if blocks and pattern.match(blocks[0].text) else ""


def find_opening(blocks: tuple[Block, ...], own_title: str, paragraphs: int = 2) -> str:
    """The first paragraphs before any heading (salutation, introduction): where a report names its author."""
    opening = []
    for block in blocks[1 if own_title else 0:][:paragraphs]:
        if block.kind != "paragraph":
            break
        opening.append(block.text)
    return "\n".join(opening)


def guess_organization(own_title: str, opening: str, body: str, rules: dict) -> str:
    """The author office: named in the title, else starting a clause of the opening, else named most often."""
    office = compile_pattern(_FILE, "organization.office", rules["office"])
    office_in_clause = compile_pattern(_FILE, "organization.place", rules["place"] + rules["office"])
    superiors = compile_pattern(_FILE, "organization.superior_clause", rules["superior_clause"])
    clauses = _CLAUSE_BREAK.split(superiors.sub("", opening))
    found = (
        _first_office(office.finditer(own_title))
        or _first_office(match for clause in clauses if (match := office_in_clause.match(clause)))
        or _most_named_office(office.finditer(superiors.sub("", body)), rules["min_mentions"])
    )
    return _apply_aliases(found, rules["aliases"])


def _office_name(match: re.Match) -> str:
    return match.string[match.start("prefix"):match.end()]


def _first_office(matches: Iterable[re.Match]) -> str:
    return next((_office_name(match) for match in matches), "")


def _most_named_office(matches: Iterable[re.Match], min_mentions: int) -> str:
    counts = Counter(_office_name(match) for match in matches)
    best = max(counts, key=counts.get, default="")  # ties: the first named
    return best if counts[best] >= min_mentions else ""


def _apply_aliases(organization: str, aliases: list[dict]) -> str:
    for alias in aliases:
        organization = compile_pattern(_FILE, alias["name"], alias["pattern"]).sub(alias["replace"], organization)
    return organization


def guess_level(organization: str, body: str, rules: dict) -> str:
    """The office's level from its first word; without an office, the scope the text names most (全县…)."""
    level = rules["level"]
    office = compile_pattern(_FILE, "organization.office", rules["organization"]["office"])
    if match := office.match(organization):
        return level["prefixes"][match["prefix"]]
    scopes = Counter({scope: body.count(scope) for scope in level["scopes"]})
    scope, mentions = max(scopes.items(), key=lambda item: item[1], default=("", 0))
    return level["scopes"][scope] if mentions >= level["min_scope_mentions"] else level["unknown"]


def guess_year(own_title: str, body: str, rules: dict) -> int | None:
    """The year the report covers: explicit years weighed, checked against dated context; None when unsure."""
    low, high, suggestions = _context_bounds(own_title + "\n" + body, rules["cues"])
    title_years = _weigh_years(own_title, rules, rules["title_weight"])
    scores = _weigh_years(body, rules, 1) + title_years
    candidates = {year: score for year, score in scores.items()
                  if score > 0 and (low <= year <= high or year in title_years)}
    if candidates:
        return max(candidates, key=lambda year: (candidates[year], year))
    if low == high:
        return low
    inside = [year for year in suggestions if low <= year <= high]
    return max(inside) if inside else None


def _weigh_years(text: str, rules: dict, weight: int) -> Counter:
    scores: Counter = Counter()
    mention = compile_pattern(_FILE, "year.mention", rules["mention"])
    for match in mention.finditer(text):
        scores[int(match["year"])] += weight
    for rule in rules["emphasis"]:
        for match in compile_pattern(_FILE, rule["name"], rule["pattern"]).finditer(text):
            scores[int(match["year"])] += rule["weight"]
    return scores


def _context_bounds(text: str, cues: list[dict]) -> tuple[int, int, list[int]]:
    """The years the dated context allows (from, until) and suggests; contradictory context is ignored."""
    found = [cue for cue in cues if compile_pattern(_FILE, cue["name"], cue["pattern"]).search(text)]
    low = max((cue["from"] for cue in found if "from" in cue), default=0)
    high = min((cue["until"] for cue in found if "until" in cue), default=9999)
    if low > high:  # a text pieced together from several years: its context dates nothing
        return 0, 9999, []
    return low, high, [cue["suggests"] for cue in found if "suggests" in cue]


def guess_doc_type(own_title: str, body: str, rules: dict) -> str:
    """The first rule matching the title, else the first matching the text, else the default."""
    for where, subject in (("title", own_title), ("text", body)):
        for rule in rules[where]:
            if subject and compile_pattern(_FILE, rule["name"], rule["pattern"]).search(subject):
                return rule["name"]
    return rules["default"]


def describe_title(organization: str, year: int | None, doc_type: str, rules: dict) -> str:
    """A title for a report that has none, e.g. 县政府办公室2021年工作总结."""
    kind = rules["kinds"].get(doc_type, rules["untitled"])
    return rules["template"].format(organization=organization, year=f"{year}年" if year else "", kind=kind)
