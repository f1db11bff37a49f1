"""Rendering: report text stays literal through Python-Markdown, anchors are kept, front matter stays valid YAML."""
from __future__ import annotations

import html
import re

import markdown
import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from scripts.convert.model import Block, Meta, Report
from scripts.convert.render import escape_text, render_markdown

LITERAL_TEXTS = [
    "为**街道**村协调资金**余万元",
    "***县政府办公室：X局、XX市、xxxx年",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<xx< span=\"\" style=\"box-sizing: border-box;\">",
    "A&B、&amp;、&lt; 不是实体",
    "{{ config.site_name }} 与 {% include 'x' %}",
    "# 以井号开头",
    "> 以大于号开头",
    "- 以减号开头",
    "+ 以加号开头",
    "* 以星号开头",
    "1. 以数字加点开头",
    "---",
    "===",
    "[点我](javascript:alert(1)) 与 ![图](x.png) 与 <https://example.com>",
    "_下划线_ 与 __双下划线__ 与 `反引号`",
    "文末属性 { #evil .cls }",
    "文末属性 {: #evil }",
    "\\反斜杠\\*",
    "    四个空格开头",
    "第一行\n===",
    "~~~",
    "```",
    "!!! note \"提示\"",
    "表头 | 第二列",
    "|---|---|",
    "www.example.com 与 https://example.com",
]
FORBIDDEN_TAGS = re.compile(r"<(strong|em|a|img|script|code|pre|ul|ol|li|blockquote|hr|h\d)\b")


SITE_CONFIG = load_config(str(ROOT / "mkdocs.yml"))


def to_html(markdown_text: str) -> str:
    """Markdown -> HTML with exactly the extensions and settings the site uses."""
    return markdown.markdown(markdown_text, extensions=SITE_CONFIG["markdown_extensions"],
                             extension_configs=SITE_CONFIG["mdx_configs"])


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("text", LITERAL_TEXTS)
def test_paragraph_text_shows_exactly_as_written(text):
    rendered = to_html(f"{escape_text(text)}\n{{: #p7 }}")
    assert rendered.startswith('<p id="p7">') and rendered.count("<p") == 1
    assert not FORBIDDEN_TAGS.search(rendered)
    assert visible_text(rendered) == "\n".join(line.lstrip() for line in text.split("\n"))


@pytest.mark.parametrize("text", LITERAL_TEXTS)
def test_heading_text_shows_exactly_as_written(text):
    rendered = to_html(f"## {escape_text(text.splitlines()[0])} {{ #s1 }}")
    assert rendered.startswith('<h2 id="s1">') and not FORBIDDEN_TAGS.search(rendered.removeprefix("<h2"))
    assert visible_text(rendered) == text.splitlines()[0].lstrip()


def make_report(title: str, blocks: list[Block], **meta) -> Report:
    fields = dict(level="县级", year=2021, doc_type="年度工作总结", organization="县政府办公室",
                  themes=("督查督办",), source="x.txt", chars=100)
    return Report("x", Meta(title=title, **{**fields, **meta}), tuple(blocks))


BLOCKS = [
    Block("paragraph", "今年以来，县政府办公室为**街道**村协调资金**余万元。", "p1"),
    Block("section", "一、强化督查督办", "一强化督查督办"),
    Block("subsection", "（一）完善机制。", "一完善机制"),
    Block("paragraph", "下发《督查通报》12期。", "p4"),
]


def test_a_report_without_a_title_block_gets_its_descriptive_title_as_the_only_h1():
    page = render_markdown(make_report("县政府办公室2021年工作总结", BLOCKS))
    content, meta = get_data(page)
    rendered = to_html(content)
    assert rendered.count("<h1") == 1 and "<h1 id=" in rendered and "县政府办公室2021年工作总结</h1>" in rendered
    assert '<p id="p1">今年以来，县政府办公室为**街道**村协调资金**余万元。</p>' in rendered
    assert '<h2 id="一强化督查督办">一、强化督查督办</h2>' in rendered
    assert '<h3 id="一完善机制">（一）完善机制。</h3>' in rendered
    assert '<p id="p4">' in rendered and "<strong>" not in rendered


def test_fences_in_two_paragraphs_do_not_swallow_the_text_between():
    blocks = [Block("paragraph", "~~~", "p1"), Block("paragraph", "中间的段落", "p2"), Block("paragraph", "~~~", "p3")]
    rendered = to_html(get_data(render_markdown(make_report("标题", blocks)))[0])
    assert "<pre" not in rendered and '<p id="p2">中间的段落</p>' in rendered


def test_a_title_block_becomes_the_h1_with_its_anchor_and_is_not_repeated():
    title = "县政府办2020年上半年工作总结"
    page = render_markdown(make_report(title, [Block("paragraph", title, "p1"), *BLOCKS[1:]]))
    rendered = to_html(get_data(page)[0])
    assert rendered.count(title) == 1 and f'<h1 id="p1">{title}</h1>' in rendered


@pytest.mark.parametrize("title", [
    "县政府办：2021年工作总结", "# 不是注释", '"引号"与\'单引号\'', "*星号开头", "&锚点开头", "---", "{{ 模板 }}",
    "a: b # c", "- 列表开头", "? 问号", "!标签", "%百分号", "@符号", "`反引号", "null", "2021", "yes",
])
def test_front_matter_stays_valid_yaml_for_odd_titles(title):
    report = make_report(title, BLOCKS, year=None, part=2, parts=3)
    content, meta = get_data(render_markdown(report))
    assert meta == {"title": title, "level": "县级", "year": None, "doc_type": "年度工作总结",
                    "organization": "县政府办公室", "themes": ["督查督办"], "source": "x.txt", "chars": 100,
                    "part": 2, "parts": 3, "ocr": False}
    assert content.lstrip().startswith("# ")
