"""to_simplified: traditional characters in their simplified form, one for one, nothing else touched."""
from __future__ import annotations

import random
import time

import pytest

from scripts.convert.simplify import CJK_RANGES, simplified_table, to_simplified

CJK = [chr(code) for first, last in CJK_RANGES for code in range(first, last + 1)]


@pytest.mark.parametrize("text, simplified", [
    ("縣政府辦公室2022年工作總結", "县政府办公室2022年工作总结"),
    ("黨建", "党建"),
    ("加強黨的建設，推進「放管服」改革。", "加强党的建设，推进「放管服」改革。"),
    ("與會議員對於後續發展", "与会议员对于后续发展"),
    ("薴", "苎"),  # 薴 -> 苧 -> 苎: the table follows to the end
    ("\uf902", "车"),  # a compatibility ideograph
])
def test_known_pairs(text, simplified):
    assert to_simplified(text) == simplified


@pytest.mark.parametrize("text", ["县政府办公室2022年工作总结", "中国人民政府", "ABC abc １２３，。", "", "𠀀党"])
def test_simplified_and_other_text_is_unchanged(text):
    assert to_simplified(text) == text


def test_length_and_unchanged_characters_are_kept_on_random_cjk_text():
    rng = random.Random(20240611)
    text = "".join(rng.choices(CJK + ["，", "。", " ", "1", "a", "\n"], k=200_000))
    simplified = to_simplified(text)
    assert len(simplified) == len(text)
    assert all(after == before for before, after in zip(text, simplified) if ord(before) not in simplified_table())


def test_every_cjk_character_converts_to_one_character_and_converting_twice_changes_nothing():
    simplified = to_simplified("".join(CJK))
    assert len(simplified) == len(CJK)
    assert to_simplified(simplified) == simplified


def test_table_holds_only_changes_and_builds_fast():
    simplified_table.cache_clear()
    start = time.perf_counter()
    table = simplified_table()
    assert time.perf_counter() - start < 0.5
    assert len(table) > 4000
    assert all(chr(code) != simple and len(simple) == 1 for code, simple in table.items())
