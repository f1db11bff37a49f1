"""The home page: what the archive holds, the ways into it, and its groups with their counts."""
from __future__ import annotations

from collections import defaultdict

from scripts.convert.archive import Archive
from scripts.site.browse import DIMENSIONS
from scripts.site.common import (
    GUIDE_URI,
    HOME_URI,
    PROBLEMS_URI,
    SEARCH_URI,
    count_chip,
    format_count,
    front_matter,
    link,
    theme_uri,
)
from scripts.site.themes import INDEX_URI as THEMES_URI
from scripts.site.trends import trends_section


def home_page(archive: Archive, groups, anchors, taxonomy: list[dict]) -> str:
    parts = [front_matter("首页", hide=("navigation",)), "# 政府工作报告文库\n", _introduction(archive)]
    if archive.problems:
        parts.append(f'!!! warning "有 {len(archive.problems)} 个文件未能生成报告"\n\n'
                     f"    原因见{link('问题文件', PROBLEMS_URI, HOME_URI)}页；其他报告不受影响。\n")
    parts += [_ways_in(len(taxonomy)), "## 收录概况\n"]
    for key, dimension in DIMENSIONS.items():
        chips = [count_chip(label, len(members), dimension.uri, HOME_URI, anchors[key][label])
                 for label, members in groups[key]]
        parts.append(f"### 按{dimension.name}\n\n" + " ".join(chips) + "\n")
    parts.append("### 按主题\n\n" + " ".join(_theme_chips(archive.reports, taxonomy)) + "\n")
    parts.append(trends_section(archive.reports, taxonomy))
    return "\n".join(parts)


def _introduction(archive: Archive) -> str:
    chars = sum(report.meta.chars for report in archive.reports)
    files = len(archive.sources) - len(archive.duplicates)
    return (f"本文库收录 **{format_count(len(archive.reports))}** 篇报告，来自 {files} 个原始文件，"
            f"共 {_format_chars(chars)}：各级机关的年度和半年工作总结、述职述廉报告、工作汇报等。"
            "每篇都已清洗——去掉广告、付费提示和网页残留，还原被替换的字（如用字母 D 代替的“党”字）——"
            "并标注级别、年份、文种、单位和主题。原文中的 `**`、`XX` 等脱敏占位符照原样保留。\n")


def _ways_in(theme_count: int) -> str:
    cards = [
        ("按级别浏览", DIMENSIONS["level"].uri, "中央、省级、市级、县级、乡镇机关的报告分组列出。"),
        ("按年份浏览", DIMENSIONS["year"].uri, "从最新年份到最早，年份不明的列在最后。"),
        ("按文种浏览", DIMENSIONS["doc_type"].uri, "年度总结、半年总结、述职述廉报告、工作汇报……"),
        ("按单位浏览", DIMENSIONS["organization"].uri, "同一单位的报告放在一起。"),
        ("主题", THEMES_URI, f"{theme_count} 个主题，摘出相关段落，对照不同单位的写法。"),
        ("全文检索", SEARCH_URI, "按原文措辞逐段精确查找，支持标点不同的写法。"),
        ("添加报告", GUIDE_URI, "把 .txt、.docx 或 .md 文件放进 seeds/ 文件夹即可。"),
    ]
    items = "\n\n".join(f"-   **{link(title, uri, HOME_URI)}**\n\n    {text}" for title, uri, text in cards)
    return f'<div class="grid cards ways-in" markdown>\n\n{items}\n\n</div>\n'


def _theme_chips(reports, taxonomy: list[dict]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for report in reports:
        for theme in report.meta.themes:
            counts[theme] += 1
    return [count_chip(theme["name"], counts[theme["name"]], theme_uri(theme["slug"]), HOME_URI)
            for theme in taxonomy]


def _format_chars(chars: int) -> str:
    return f"{chars / 10000:.1f} 万字" if chars >= 10000 else f"{chars} 字"
