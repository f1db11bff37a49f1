"""Themes from the YAML taxonomy: which ones a paragraph treats, and which ones a whole report treats."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .model import Block


def find_themes(text: str, taxonomy: list[dict]) -> tuple[str, ...]:
    """The themes one paragraph treats, in taxonomy order."""
    return tuple(theme["name"] for theme in taxonomy if count_mentions(text, theme))


def find_report_themes(blocks: Iterable[Block], taxonomy: list[dict], min_mentions: int) -> tuple[str, ...]:
    """Themes a report treats: mentioned at least min_mentions times, or named in a heading; most mentioned first."""
    blocks = tuple(blocks)
    text = "\n".join(block.text for block in blocks)
    headings = "\n".join(block.text for block in blocks if block.kind != "paragraph")
    counts = {theme["name"]: count_mentions(text, theme) for theme in taxonomy}
    treated = [
        theme["name"] for theme in taxonomy
        if counts[theme["name"]] >= min_mentions or count_mentions(headings, theme)
    ]
    return tuple(sorted(treated, key=lambda name: -counts[name]))


def count_mentions(text: str, theme: dict) -> int:
    """Non-overlapping keyword occurrences, ignoring the theme's excluded phrases."""
    for phrase in theme.get("exclude") or ():
        text = text.replace(phrase, "\n")
    return len(_keyword_pattern(tuple(theme["keywords"])).findall(text))


@lru_cache(maxsize=256)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so that a keyword inside a longer one (提案 in 提案办理) is not counted twice.
    return re.compile("|".join(re.escape(str(k)) for k in sorted(keywords, key=len, reverse=True)))
