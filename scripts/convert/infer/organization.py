"""The office that wrote a report: named in its title, the body it speaks for, an office opening a clause, or
the office named most often; with the place the gazetteer knows before it."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from scripts.convert.infer.places import level_of_place
from scripts.convert.rules.metadata import MetadataRules

_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")


def guess_organization(parts: dict[str, str], rules: MetadataRules) -> str:
    """The author office: named in the title, else the body it speaks for (我代表…), else starting a clause of
    the opening, else the office named most often."""
    return find_organization(parts, rules)[0]


def find_organization(parts: dict[str, str], rules: MetadataRules) -> tuple[str, bool]:
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
