"""Checks of metadata.yml and themes.yml, and the vocabulary they define (levels, document types, themes)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scripts.convert.rules.checks import RuleError, check_kind, compile_pattern, named_rules, optional, require

METADATA, THEMES = "metadata.yml", "themes.yml"
# What metadata.py reads, by dotted path. Patterns list the named groups the code takes from a match.
_PATTERNS = {"title_line": (), "organization.office": ("prefix",), "organization.place": (),
             "organization.superior_clause": (), "year.mention": ("year",)}
_NUMBERS = ("organization.min_mentions", "level.min_scope_mentions", "year.title_weight", "themes.min_mentions")
_TEXTS = ("level.unknown", "doc_type.default", "descriptive_title.template", "descriptive_title.untitled")
_TEXT_MAPPINGS = ("level.prefixes", "level.scopes", "descriptive_title.kinds")
# Lists of named rules with a pattern: the other keys each rule needs, and its pattern's named groups.
_RULE_LISTS = {"organization.aliases": ({"replace": str}, ()), "year.emphasis": ({"weight": int}, ("year",)),
               "year.cues": ({}, ()), "doc_type.title": ({}, ()), "doc_type.text": ({}, ())}
_CUE_YEARS = ("from", "until", "suggests")


@dataclass(frozen=True)
class Vocabulary:
    """The values the metadata rules can give, and so the values a correction may set."""
    levels: tuple[str, ...]
    doc_types: tuple[str, ...]
    themes: tuple[str, ...]


def check_metadata(data: Any) -> dict:
    for path, groups in _PATTERNS.items():
        _check_groups(path, compile_pattern(METADATA, path, _find(data, path, str)), groups)
    compile_pattern(METADATA, "organization.place", _find(data, "organization.place", str)
                    + _find(data, "organization.office", str))  # metadata.py matches them joined
    for path in _NUMBERS:
        _find(data, path, int)
    for path in _TEXTS:
        _find(data, path, str)
    for path in _TEXT_MAPPINGS:
        if not all(isinstance(key, str) and isinstance(value, str) for key, value in _find(data, path, dict).items()):
            raise RuleError(METADATA, path, "must map words to words")
    for path, (keys, groups) in _RULE_LISTS.items():
        for name, rule in named_rules(METADATA, path, _find(data, path, list)):
            _check_rule(name, rule, keys, groups)
    return data


def check_themes(data: Any) -> list[dict]:
    """Each theme: a unique name and slug, a non-empty list of keywords, optionally phrases to exclude."""
    seen: set[str] = set()
    for name, theme in named_rules(THEMES, "", data):
        slug = require(THEMES, theme, "slug", str, name)
        keywords = require(THEMES, theme, "keywords", list, name)
        exclude = check_kind(THEMES, name, "exclude", theme.get("exclude") or [], list)
        if not keywords or not all(isinstance(word, str) and word for word in keywords + exclude):
            raise RuleError(THEMES, name, "keywords (and exclude) must be lists of words")
        if name in seen or slug in seen:
            raise RuleError(THEMES, name, "name or slug used twice")
        seen |= {name, slug}
    return data


def find_vocabulary(metadata: dict, themes: list[dict]) -> Vocabulary:
    level, doc_type = metadata["level"], metadata["doc_type"]
    return Vocabulary(
        levels=_unique([*level["prefixes"].values(), *level["scopes"].values(), level["unknown"]]),
        doc_types=_unique([rule["name"] for rule in doc_type["title"] + doc_type["text"]] + [doc_type["default"]]),
        themes=tuple(theme["name"] for theme in themes),
    )


def _find(data: Any, path: str, kind: type) -> Any:
    """The value at a dotted path such as `year.mention`; the path names the rule in an error."""
    *parents, key = path.split(".")
    for parent in parents:
        data = require(METADATA, data, parent, dict, path)
    return require(METADATA, data, key, kind, path)


def _check_rule(name: str, rule: dict, keys: dict[str, type], groups: tuple[str, ...]) -> None:
    _check_groups(name, compile_pattern(METADATA, name, require(METADATA, rule, "pattern", str, name)), groups)
    for key, kind in keys.items():
        require(METADATA, rule, key, kind, name)
    for key in _CUE_YEARS:  # only cues have them
        optional(METADATA, rule, key, int, None, name)


def _check_groups(rule: str, pattern, groups: tuple[str, ...]) -> None:
    if missing := [group for group in groups if group not in pattern.groupindex]:
        raise RuleError(METADATA, rule, f"pattern needs the named group(s) {', '.join(missing)}: (?P<{missing[0]}>…)")


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
