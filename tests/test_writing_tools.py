"""The writing tools' data builders on small tables of reports: facet data, outlines and their common headings,
trend counts and charts, and the data script that carries them to the browser."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from scripts.convert.model import Block, Meta, Report
from scripts.site.facets import facet_data
from scripts.site.outlines import common_headings, heading_core, outline, outline_pages, outline_text, type_uri
from scripts.site.trends import (
    heat_map_svg,
    level_year_counts,
    paragraph_year_counts,
    stacked_bars_svg,
    theme_year_counts,
    trends_section,
    year_span,
)


def report(slug, level="县级", year=2021, doc_type="述职述廉报告", organization="县委", themes=("党建",),
           blocks=(), title=None):
    meta = Meta(title=title or f"{organization}{year}年报告{slug}", level=level, year=year, doc_type=doc_type,
                organization=organization, themes=tuple(themes), source=f"{slug}.txt", chars=100)
    return Report(slug, meta, tuple(Block(kind, text, anchor) for kind, text, anchor in blocks))


DUTY = [("section", "一、强化政治引领：", "a"), ("subsection", "（一）抓学习", "b"), ("paragraph", "正文", "p3"),
        ("section", "二、存在的问题", "c"), ("section", "三、下一步打算。", "d")]
REPORTS = (
    report("a", blocks=DUTY),
    report("b", level="市级", year=2022, blocks=[("section", "1.强化政治引领", "x"), ("section", "二、存在的问题", "y")]),
    report("c", level="未知", year=None, doc_type="年度工作总结", organization="", themes=("党建", "督查督办")),
    report("d", level="省级", year=2022, doc_type="工作汇报", themes=()),
)


@pytest.mark.parametrize("heading, core", [
    ("一、强化政治引领：", "强化政治引领"),
    ("（二）抓学习。", "抓学习"),
    ("3．存在的问题", "存在的问题"),
    ("第一部分 工作回顾", "工作回顾"),
    ("十二、下一步打算", "下一步打算"),
    ("一以贯之抓落实", "一以贯之抓落实"),  # a heading that starts with 一 but is no number: kept whole
    ("二〇二三年工作", "二〇二三年工作"),
])
def test_heading_core_drops_numbering_and_closing_punctuation(heading, core):
    assert heading_core(heading) == core


def test_outline_is_the_heading_tree_indented_by_depth():
    assert outline(REPORTS[0]) == [(0, "一、强化政治引领：", "a"), (1, "（一）抓学习", "b"), (0, "二、存在的问题", "c"),
                                  (0, "三、下一步打算。", "d")]
    assert outline_text(REPORTS[0]).splitlines() == [REPORTS[0].meta.title, "　　一、强化政治引领：", "　　　　（一）抓学习",
                                                     "　　二、存在的问题", "　　三、下一步打算。"]
    assert outline(REPORTS[2]) == []


def test_common_headings_count_reports_not_occurrences():
    twice = report("e", blocks=[("section", "一、存在的问题", "q"), ("section", "二、存在的问题", "r")])
    assert common_headings([*REPORTS[:2], twice]) == [("存在的问题", 3), ("强化政治引领", 2)]
    assert common_headings([REPORTS[0]]) == []  # one report alone shows nothing common


def test_outline_pages_page_the_reports_with_headings_and_escape_text():
    hostile = report("h", title="<img src=x onerror=alert(1)>", blocks=[("section", "一、<b>粗</b>", "s")])
    many = [report(f"r{i}", year=2000 + i % 20, blocks=DUTY) for i in range(65)]
    pages = outline_pages([*many, hostile, REPORTS[2]])
    duty = [uri for uri in pages if uri.startswith("outlines/duty")]
    assert sorted(duty) == ["outlines/duty-2.md", "outlines/duty-3.md", "outlines/duty.md"]
    assert sum(page.count('class="outline-card"') for uri, page in pages.items() if uri in duty) == 66
    assert "<img" not in "".join(pages.values()) and "&lt;img src=x" in pages["outlines/duty.md"]
    assert "<b>" not in "".join(pages.values())
    assert "本文种的报告都没有分章节标题" in pages[type_uri("年度工作总结")]
    assert "| 强化政治引领 | 65 |" in pages["outlines/duty.md"]
    assert "更早的" not in "".join(pages.values())


def test_outline_pages_stop_at_the_newest_reports_and_point_to_the_others():
    many = [report(f"r{i}", year=1990 + i, blocks=DUTY) for i in range(65)]
    pages = outline_pages(many, max_pages=2)
    assert sorted(uri for uri in pages if uri.startswith("outlines/duty")) == ["outlines/duty-2.md", "outlines/duty.md"]
    shown = "".join(pages["outlines/duty.md"] + pages["outlines/duty-2.md"])
    assert shown.count('class="outline-card"') == 60 and "1990" not in shown and "2054" in shown
    assert "这里并列最新的 60 篇" in pages["outlines/duty.md"] and "browse/all.html?type=" in pages["outlines/duty.md"]
    assert "| 强化政治引领 | 65 |" in pages["outlines/duty.md"]  # the counts cover every report


def test_facet_data_numbers_each_value_once_and_orders_rows_newest_first():
    data = facet_data(REPORTS)
    assert data["levels"] == ["省级", "市级", "县级", "未知"]  # the site's level order, only those present
    assert data["types"] == ["年度工作总结", "述职述廉报告", "工作汇报"]
    assert data["orgs"][0] == "县委" and "单位未知" in data["orgs"]
    assert data["themes"] == ["党建", "督查督办"]  # by count
    assert [row[0] for row in data["reports"]] == ["b", "d", "a", "c"]
    row = dict(zip(("slug", "title", "level", "year", "type", "org", "themes"), data["reports"][-1]))
    assert (data["levels"][row["level"]], row["year"], [data["themes"][t] for t in row["themes"]]) == \
        ("未知", 0, ["党建", "督查督办"])
    counts = Counter(data["levels"][r[2]] for r in data["reports"])
    assert counts == Counter(r.meta.level for r in REPORTS)


def test_trend_counts():
    assert level_year_counts(REPORTS) == {2021: Counter({"县级": 1}), 2022: Counter({"市级": 1, "省级": 1})}
    themes = theme_year_counts(REPORTS, [{"name": "党建"}, {"name": "督查督办"}, {"name": "营商环境"}])
    assert themes == {"党建": Counter({2021: 1, 2022: 1}), "督查督办": Counter(), "营商环境": Counter()}
    passages = {"a": [Block("paragraph", "x", "p1")] * 3, "b": [Block("paragraph", "y", "p1")]}
    assert paragraph_year_counts(REPORTS, passages) == Counter({2021: 3, 2022: 1})
    assert year_span({2019, 2016}) == [2016, 2017, 2018, 2019] and year_span(set()) == []


def test_charts_are_inline_svg_with_escaped_labels_and_a_table():
    svg = stacked_bars_svg([2020, 2021], [("<县级>", [1, 0], "#000"), ("乡镇", [2, 3], "#111")], "标题&")
    assert svg.startswith("<svg") and "&lt;县级&gt;" in svg and "标题&amp;" in svg and "<县级>" not in svg
    assert svg.count("<rect") == 3  # no rectangle for a zero
    heat = heat_map_svg([2020, 2021], [("党建", [0, 4])], "热力图")
    assert ">4</text>" in heat and 'fill="#ffffff"' in heat
    section = trends_section(REPORTS, [{"name": "党建"}, {"name": "督查督办"}])
    assert section.count("<svg") == 2 and "另有 1 篇年份未知" in section
    assert "<tr><th>2022年</th><td>1</td><td>1</td><td>0</td><td>2</td></tr>" in section
    blocks = re.findall(r'<div class="trend[ "].*?\n</div>\n', section, re.S)
    assert len(blocks) == 2 and not any("\n\n" in block for block in blocks)  # Markdown keeps each block whole
    assert trends_section((REPORTS[2],), []) == ""
