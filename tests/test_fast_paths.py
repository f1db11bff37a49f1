"""The shortcuts taken for speed give exactly what the plain way gives, on random and on tricky inputs."""
from __future__ import annotations

import posixpath
import random
from urllib.parse import quote

import pytest
import yaml

from scripts.convert.infer.themes import count_mentions, find_themes
from scripts.convert.render import dump_yaml
from scripts.convert.rules import load_rules
from scripts.site.common import href

TAXONOMY = load_rules().themes


def plain_find_themes(text: str, taxonomy: list[dict]) -> tuple[str, ...]:
    return tuple(theme["name"] for theme in taxonomy if count_mentions(text, theme))


def test_themes_found_with_one_scan_are_those_found_theme_by_theme():
    rng = random.Random(7)
    alphabet = "督查办党员建设干部信息公开政务"
    for _ in range(300):
        taxonomy = [{"name": f"主题{n}", "keywords": ["".join(rng.choices(alphabet, k=rng.randint(1, 4)))
                                                       for _ in range(rng.randint(1, 4))],
                     "exclude": ["".join(rng.choices(alphabet, k=rng.randint(2, 5))) for _ in range(rng.randint(0, 2))]}
                    for n in range(rng.randint(1, 6))]
        for _ in range(20):
            text = "".join(rng.choices(alphabet + "，。", k=rng.randint(0, 30)))
            assert find_themes(text, taxonomy) == plain_find_themes(text, taxonomy), (text, taxonomy)


@pytest.mark.parametrize("text", [
    "全面从严治党员干部", "政务信息公开工作", "推进依法治理，法治建设", "党员干部带头，党员示范", "12345热线", "没有主题的句子。",
])
def test_themes_of_tricky_paragraphs_are_found_as_theme_by_theme(text):
    assert find_themes(text, TAXONOMY) == plain_find_themes(text, TAXONOMY)


@pytest.mark.parametrize("value", [
    "县政府办公室2021年工作总结", "标题: 带冒号", "#井号开头", "*星号", "&锚", "'单引号'", '"双引号"', "yes", "null", "2021",
    " 前导空格", "𠮷字（扩展B）", "行\u2028分隔", "制表\t符", "😀", "",
])
def test_front_matter_is_what_the_python_dumper_writes(value):
    data = {"title": value, "year": 2021, "themes": [value, "党建"], "part": None}
    assert dump_yaml(data) == yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    assert yaml.safe_load(dump_yaml(data)) == data


@pytest.mark.parametrize("target, page", [
    ("reports/a.md", "themes/x.md"), ("index.md", "reports/a.md"), ("sources/子 目录/原 文.txt", "reports/a.md"),
    ("themes/index.md", "themes/x.md"), ("browse/level.md", "browse/level.md"), ("a.md", "b.md"), ("x/y/z.md", "x/q.md"),
])
def test_links_are_the_relative_paths_posixpath_gives(target, page):
    assert href(target, page, "p1") == quote(posixpath.relpath(target, posixpath.dirname(page) or ".")) + "#p1"
