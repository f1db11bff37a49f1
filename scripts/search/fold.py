"""Search normalisation, shared rule with docs/assets/search-shared.js: fold each character on its own.

A character folds to its NFKC form in lower case (，->, １２->12 Ｇ->g), each ideograph of that in its
simplified form (黨->党, 縣->县; after NFKC, so that the Kangxi radical ⾨ folds like 門, to 门); punctuation,
spaces, control and format characters fold to nothing, so `全天候、无缝隙` and `全天候 无缝隙` both fold to
`全天候无缝隙`. Folding is for matching only: pages always show the text as written.
"""
from __future__ import annotations

import operator
import re
import unicodedata

from scripts.convert.simplify import simplified_table

_DROPPED = ("P", "Z")  # categories that fold to nothing, plus the two below
_DROPPED_EXACT = ("Cc", "Cf")
_QUOTE = re.compile('["“”＂]')


def _is_dropped(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in _DROPPED or category in _DROPPED_EXACT


def fold_char(char: str) -> str:
    if _is_dropped(char):
        return ""
    simplified = simplified_table()
    normalised = unicodedata.normalize("NFKC", char).lower()
    return "".join(simplified.get(ord(c), c) for c in normalised if not _is_dropped(c))


class _FoldTable(dict):
    """str.translate table that learns each character the first time it sees it."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    return text.translate(_TABLE)


def parse_query(query: str) -> list[str]:
    """The folded phrases of a query. Quote marks separate phrases: `"参谋助手" "督查"` is two phrases
    that must both occur in one paragraph. Without quotes the whole query is one phrase.
    """
    folded = (fold(part) for part in _QUOTE.split(query))
    return list(dict.fromkeys(phrase for phrase in folded if phrase))


def grams_of_phrase(phrase: str) -> list[str]:
    """Index keys that every paragraph containing the phrase must hold: its bigrams, or the one character."""
    if len(phrase) == 1:
        return [phrase]
    return list(dict.fromkeys(phrase[i:i + 2] for i in range(len(phrase) - 1)))


def grams_of_text(folded: str) -> set[str]:
    """All index keys of a folded paragraph: every character and every pair of neighbours."""
    return {*folded, *map(operator.add, folded, folded[1:])}


def matches(phrases: list[str], text: str) -> bool:
    """The reference meaning of a query: every phrase occurs in the folded paragraph."""
    folded = fold(text)
    return bool(phrases) and all(phrase in folded for phrase in phrases)


def gram_hash(gram: str) -> int:
    """FNV-1a over code points; search-shared.js computes the same number to pick a shard."""
    value = 0x811C9DC5
    for char in gram:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value
