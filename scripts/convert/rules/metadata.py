"""Read metadata.yml into compiled rules: clues with weights for doc_type, year and level, and the office patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scripts.convert.rules.checks import (
    RuleError,
    compile_pattern,
    named_rules,
    optional,
    require,
)

FILE = "metadata.yml"
PARTS = ("title", "opening", "closing", "headings", "text")
_CUE_YEARS = ("from", "until", "suggests")


@dataclass(frozen=True)
class Clue:
    """One piece of evidence: where it is looked for, what it finds, and what a match counts for."""
    name: str
    parts: tuple[str, ...]
    pattern: re.Pattern[str]
    value: str | None  # the candidate it supports; None for year clues (the year comes from the match)
    weight: int
    count: int = 1  # matches counted, at most
    table: str | None = None  # year clues: the table that turns a term or congress number into a year
    shift: int = 0  # year clues: added to the year found
    only: str | None = None  # year clues: only for reports of this doc_type
    first: bool = False  # of the clues marked first, only the first that matches counts
    weak_for: str | None = None  # year clues: alone, they do not date a report of this doc_type


@dataclass(frozen=True)
class Weighing:
    clues: tuple[Clue, ...]
    min_score: int
    min_margin: int


@dataclass(frozen=True)
class YearCue:
    name: str
    pattern: re.Pattern[str]
    since: int | None
    until: int | None
    suggests: int | None


@dataclass(frozen=True)
class MetadataRules:
    doc_type: Weighing
    doc_type_default: str
    year: Weighing
    year_earliest: int
    not_a_year: re.Pattern[str]
    year_tables: dict[str, dict[str, int]]
    year_cues: tuple[YearCue, ...]
    level: Weighing
    level_unknown: str
    level_prefixes: dict[str, str]
    office_weight: int
    place_weight: int
    office: re.Pattern[str]
    office_in_clause: re.Pattern[str]
    superior_clause: re.Pattern[str]
    speaks_for: re.Pattern[str]
    min_mentions: int
    aliases: tuple[tuple[re.Pattern[str], str], ...]
    opening_chars: int
    closing_paragraphs: int
    title_template: str
    untitled: str
    title_kinds: dict[str, str]
    theme_min_mentions: int


def read_metadata(data: Any) -> MetadataRules:
    doc_type, year, level, organization = (require(FILE, data, key, dict) for key in
                                           ("doc_type", "year", "level", "organization"))
    titles = require(FILE, data, "descriptive_title", dict)
    office = _pattern(organization, "office", "organization.office", ("prefix",))
    return MetadataRules(
        doc_type=_weighing(doc_type, "doc_type", value_needed=True),
        doc_type_default=require(FILE, doc_type, "default", str, "doc_type.default"),
        year=_weighing(year, "year", value_needed=False),
        year_earliest=optional(FILE, year, "earliest", int, 1900, "year.earliest"),
        not_a_year=_pattern(year, "not_a_year", "year.not_a_year"),
        year_tables=_tables(require(FILE, year, "tables", dict, "year.tables")),
        year_cues=tuple(_cue(name, rule) for name, rule in named_rules(FILE, "year.cues", year.get("cues", []))),
        level=_weighing(level, "level", value_needed=True),
        level_unknown=require(FILE, level, "unknown", str, "level.unknown"),
        level_prefixes=_words(level, "prefixes", "level.prefixes"),
        office_weight=require(FILE, level, "office_weight", int, "level.office_weight"),
        place_weight=require(FILE, level, "place_weight", int, "level.place_weight"),
        office=office,
        office_in_clause=compile_pattern(FILE, "organization.place", require(FILE, organization, "place", str)
                                         + office.pattern),
        superior_clause=_pattern(organization, "superior_clause", "organization.superior_clause"),
        speaks_for=_pattern(organization, "speaks_for", "organization.speaks_for", ("body",)),
        min_mentions=require(FILE, organization, "min_mentions", int, "organization.min_mentions"),
        aliases=tuple((compile_pattern(FILE, name, require(FILE, rule, "pattern", str, name)),
                       require(FILE, rule, "replace", str, name))
                      for name, rule in named_rules(FILE, "organization.aliases", organization.get("aliases", []))),
        opening_chars=optional(FILE, data, "opening_chars", int, 400),
        closing_paragraphs=optional(FILE, data, "closing_paragraphs", int, 2),
        title_template=require(FILE, titles, "template", str, "descriptive_title.template"),
        untitled=require(FILE, titles, "untitled", str, "descriptive_title.untitled"),
        title_kinds=_words(titles, "kinds", "descriptive_title.kinds"),
        theme_min_mentions=require(FILE, require(FILE, data, "themes", dict), "min_mentions", int, "themes.min_mentions"),
    )


def metadata_values(rules: MetadataRules) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The levels and the document types these rules can give."""
    levels = [*(clue.value for clue in rules.level.clues), *rules.level_prefixes.values()]
    doc_types = [clue.value for clue in rules.doc_type.clues]
    return _unique(levels, rules.level_unknown), _unique(doc_types, rules.doc_type_default)


def _unique(values: list[str], last: str) -> tuple[str, ...]:
    """Each value once, in order of appearance, the fallback value last."""
    return (*(value for value in dict.fromkeys(values) if value != last), last)


def _weighing(data: dict, field: str, value_needed: bool) -> Weighing:
    clues = tuple(_clue(field, name, rule, value_needed)
                  for name, rule in named_rules(FILE, f"{field}.clues", require(FILE, data, "clues", list, field)))
    return Weighing(clues, optional(FILE, data, "min_score", int, 1, field), optional(FILE, data, "min_margin", int, 1, field))


def _clue(field: str, name: str, rule: dict, value_needed: bool) -> Clue:
    parts = tuple(require(FILE, rule, "in", str, name).split())
    if unknown := [part for part in parts if part not in PARTS]:
        raise RuleError(FILE, name, f"unknown part {unknown[0]!r}: use {', '.join(PARTS)}")
    pattern = compile_pattern(FILE, name, require(FILE, rule, "pattern", str, name))
    if not value_needed and not {"year", "year_words", "term", "congress", "event"} & set(pattern.groupindex):
        raise RuleError(FILE, name, "a year clue needs a group (?P<year>…), (?P<year_words>…), (?P<term>…), "
                                    "(?P<congress>…) or (?P<event>…)")
    return Clue(name, parts, pattern,
                value=require(FILE, rule, "value", str, name) if value_needed else None,
                weight=require(FILE, rule, "weight", int, name),
                count=optional(FILE, rule, "count", int, 1, name),
                table=optional(FILE, rule, "table", str, None, name),
                shift=optional(FILE, rule, "shift", int, 0, name),
                only=optional(FILE, rule, "only", str, None, name),
                first=optional(FILE, rule, "first", bool, False, name),
                weak_for=optional(FILE, rule, "weak_for", str, None, name))


def _cue(name: str, rule: dict) -> YearCue:
    years = [optional(FILE, rule, key, int, None, name) for key in _CUE_YEARS]
    return YearCue(name, compile_pattern(FILE, name, require(FILE, rule, "pattern", str, name)), *years)


def _pattern(data: dict, key: str, rule: str, groups: tuple[str, ...] = ()) -> re.Pattern[str]:
    pattern = compile_pattern(FILE, rule, require(FILE, data, key, str, rule))
    if missing := [group for group in groups if group not in pattern.groupindex]:
        raise RuleError(FILE, rule, f"pattern needs the named group(s) {', '.join(missing)}: (?P<{missing[0]}>…)")
    return pattern


def _words(data: dict, key: str, rule: str) -> dict[str, str]:
    words = require(FILE, data, key, dict, rule)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in words.items()):
        raise RuleError(FILE, rule, "must map words to words")
    return words


def _tables(tables: dict) -> dict[str, dict[str, int]]:
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(v, int) for v in table.values()):
            raise RuleError(FILE, f"year.tables.{name}", "must map numbers in words to years")
    return tables
