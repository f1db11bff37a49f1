"""Themes from the YAML taxonomy: which ones a paragraph treats, and which ones a whole report treats."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache

from scripts.convert.model import Block


def find_themes(text: str, taxonomy: list[dict]) -> tuple[str, ...]:
    """The themes one paragraph treats, in taxonomy order."""
    return tuple(name for name, _ in count_themes(text, taxonomy))


def count_themes(text: str, taxonomy: list[dict]) -> tuple[tuple[str, int], ...]:
    """(theme, mentions) for each theme one paragraph treats, in taxonomy order.

    One scan for every keyword at once finds the themes that may occur; only those are counted one by one.
    """
    anywhere, themes_near = _keyword_index(taxonomy)
    candidates = set().union(*(themes_near[keyword] for keyword in set(anywhere.findall(text))))
    counted = ((theme["name"], count_mentions(text, theme)) for number, theme in enumerate(taxonomy)
               if number in candidates)
    return tuple((name, mentions) for name, mentions in counted if mentions)


def tag_themes(blocks: tuple[Block, ...], taxonomy: list[dict]) -> tuple[Block, ...]:
    """Each block with the themes it treats and their mentions, so that later stages need not scan again."""
    return tuple(dataclasses.replace(block, themes=themes) if (themes := count_themes(block.text, taxonomy)) else block
                 for block in blocks)


def find_report_themes(blocks: tuple[Block, ...], taxonomy: list[dict], min_mentions: int) -> tuple[str, ...]:
    """Themes a report treats: mentioned at least min_mentions times, or named in a heading; most mentioned first.

    The blocks carry their themes (tag_themes)."""
    counts: Counter = Counter()
    in_heading = set()
    for block in blocks:
        for name, mentions in block.themes:
            counts[name] += mentions
            if block.kind != "paragraph":
                in_heading.add(name)
    treated = [theme["name"] for theme in taxonomy
               if counts[theme["name"]] >= min_mentions or theme["name"] in in_heading]
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


_indexes: dict[int, tuple[list[dict], tuple]] = {}  # by the taxonomy's identity: one is loaded per build


def _keyword_index(taxonomy: list[dict]) -> tuple[re.Pattern[str], dict[str, frozenset[int]]]:
    cached = _indexes.get(id(taxonomy))
    if cached is None or cached[0] is not taxonomy:
        _indexes.clear()
        cached = _indexes[id(taxonomy)] = (taxonomy, _build_keyword_index(taxonomy))
    return cached[1]


def _build_keyword_index(taxonomy: list[dict]) -> tuple[re.Pattern[str], dict[str, frozenset[int]]]:
    """A pattern of all keywords, and for each keyword the themes of the keywords that can start within it.

    The scan takes the longest keyword at each place and skips what it covers; a keyword it skips starts
    within one it took, so the themes of the keywords it took, and of those that can start within them,
    include every theme the text mentions.
    """
    keywords = {str(keyword): [] for theme in taxonomy for keyword in theme["keywords"] if str(keyword)}
    for number, theme in enumerate(taxonomy):
        for keyword in map(str, theme["keywords"]):
            for outer, near in keywords.items():
                if _may_start_within(outer, keyword):
                    near.append(number)
    return _keyword_pattern(tuple(keywords)), {keyword: frozenset(near) for keyword, near in keywords.items()}


def _may_start_within(outer: str, inner: str) -> bool:
    return any(outer[i:].startswith(inner) or inner.startswith(outer[i:]) for i in range(len(outer)))
