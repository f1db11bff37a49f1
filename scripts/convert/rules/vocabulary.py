"""Checks of themes.yml, and the vocabulary the rules define (levels, document types, themes)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scripts.convert.rules.checks import RuleError, check_kind, named_rules, require
from scripts.convert.rules.metadata import MetadataRules, metadata_values

THEMES = "themes.yml"


@dataclass(frozen=True)
class Vocabulary:
    """The values the metadata rules can give, and so the values a correction may set."""
    levels: tuple[str, ...]
    doc_types: tuple[str, ...]
    themes: tuple[str, ...]


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


def find_vocabulary(metadata: MetadataRules, themes: list[dict]) -> Vocabulary:
    levels, doc_types = metadata_values(metadata)
    return Vocabulary(levels=levels, doc_types=doc_types, themes=tuple(theme["name"] for theme in themes))
