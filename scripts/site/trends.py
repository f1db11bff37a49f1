"""Trends drawn at build time as inline SVG (no library, no script): reports per year by level, a theme × year
heat map, and on a theme page that theme's paragraphs per year. Every chart has its numbers in a table beside it,
and its colours differ in lightness too, so it still reads when printed in black and white."""
from __future__ import annotations

from collections import Counter, defaultdict
from html import escape

from scripts.convert.model import Block, Report
from scripts.convert.render import escape_text
from scripts.site.common import LEVEL_ORDER, format_count

LEVEL_COLOURS = dict(zip(LEVEL_ORDER, ("#5c1410", "#9f2a22", "#d0603f", "#eea86b", "#f7dcb4", "#b9b9b9")))
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 520, 220, 40, 28, 12
_HEAT_ROW, _HEAT_LEFT = 20, 96


def level_year_counts(reports) -> dict[int, Counter]:
    """year -> Counter of levels, for the reports whose year is known."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for report in reports:
        if report.meta.year:
            counts[report.meta.year][report.meta.level] += 1
    return dict(counts)


def theme_year_counts(reports, taxonomy: list[dict]) -> dict[str, Counter]:
    """theme -> Counter of years: how many reports of each year treat the theme (taxonomy order, unknown years out)."""
    counts: dict[str, Counter] = {theme["name"]: Counter() for theme in taxonomy}
    for report in reports:
        for theme in report.meta.themes:
            if report.meta.year and theme in counts:
                counts[theme][report.meta.year] += 1
    return counts


def paragraph_year_counts(reports, passages: dict[str, list[Block]]) -> Counter:
    """year -> paragraphs on the theme in that year's reports (passages: report slug -> its blocks on the theme)."""
    counts: Counter = Counter()
    for report in reports:
        if report.meta.year and passages.get(report.slug):
            counts[report.meta.year] += len(passages[report.slug])
    return counts


def year_span(years) -> list[int]:
    """Every year from the first to the last (a gap shows as an empty bar, not as a shorter axis)."""
    return list(range(min(years), max(years) + 1)) if years else []


def stacked_bars_svg(years: list[int], series: list[tuple[str, list[int], str]], label: str) -> str:
    """A bar per year, stacked by series (name, values by year, colour); each segment has a tooltip."""
    totals = [sum(values[i] for _, values, _ in series) for i in range(len(years))]
    top = max(totals, default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    step = plot_w / max(1, len(years))
    parts = [_axis(top, plot_h)]
    for i, year in enumerate(years):
        base, x = 0, LEFT + i * step + step * 0.12
        for name, values, colour in series:
            if values[i]:
                y0, y1 = _y(base, top, plot_h), _y(base + values[i], top, plot_h)
                parts.append(f'<rect x="{x:.1f}" y="{y1:.1f}" width="{step * 0.76:.1f}" height="{y0 - y1:.1f}" '
                             f'fill="{colour}" stroke="#fff" stroke-width="0.5"><title>{year}年 {escape(name)}：'
                             f'{values[i]}</title></rect>')
                base += values[i]
        if _shows_label(i, len(years)):
            parts.append(f'<text x="{LEFT + (i + 0.5) * step:.1f}" y="{HEIGHT - 10}" text-anchor="middle">{year}</text>')
    return _svg(WIDTH, HEIGHT, label, parts)


def _axis(top: int, plot_h: float) -> str:
    ticks = sorted({0, top // 2, top}) if top > 1 else [0, 1]
    lines = [f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{_y(t, top, plot_h):.1f}" y2="{_y(t, top, plot_h):.1f}" '
             f'stroke="#ccc"/><text x="{LEFT - 6}" y="{_y(t, top, plot_h) + 4:.1f}" text-anchor="end">{t}</text>'
             for t in ticks]
    return "".join(lines)


def _y(value: float, top: int, plot_h: float) -> float:
    return TOP + plot_h - value / top * plot_h


def _shows_label(i: int, count: int) -> bool:
    every = max(1, -(-count // 12))
    return i % every == 0 or i == count - 1 and count <= 12


def heat_map_svg(years: list[int], rows: list[tuple[str, list[int]]], label: str) -> str:
    """A row per theme, a column per year, darker for more; the number is written in the cell when it fits."""
    top = max((v for _, values in rows for v in values), default=0) or 1
    cell = (WIDTH - _HEAT_LEFT - 4) / max(1, len(years))
    parts = []
    for r, (name, values) in enumerate(rows):
        y = TOP + r * _HEAT_ROW
        parts.append(f'<text x="{_HEAT_LEFT - 6}" y="{y + 14}" text-anchor="end">{escape(name)}</text>')
        for c, value in enumerate(values):
            x, share = _HEAT_LEFT + c * cell, value / top
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{cell:.1f}" height="{_HEAT_ROW}" fill="{_heat(share)}" '
                         f'stroke="#fff"><title>{escape(name)} {years[c]}年：{value}</title></rect>')
            if value and cell >= 18:
                ink = "#fff" if share > 0.55 else "#222"
                parts.append(f'<text x="{x + cell / 2:.1f}" y="{y + 14}" text-anchor="middle" fill="{ink}">{value}</text>')
    bottom = TOP + len(rows) * _HEAT_ROW + 16
    for c, year in enumerate(years):
        if _shows_label(c, len(years)):
            parts.append(f'<text x="{_HEAT_LEFT + (c + 0.5) * cell:.1f}" y="{bottom}" text-anchor="middle">{year}</text>')
    return _svg(WIDTH, bottom + 8, label, parts)


def _heat(share: float) -> str:
    """White to the site's dark red, by the share of the largest cell."""
    low, high = (255, 255, 255), (125, 31, 25)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high))


def _svg(width: int, height: int, label: str, parts: list[str]) -> str:
    return (f'<svg class="trend-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
            f'<title>{escape(label)}</title>{"".join(parts)}</svg>')


def table(corner: str, columns: list[str], rows: list[tuple[str, list[int]]], total: bool = True) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in [corner, *columns, *(["合计"] if total else [])])
    body = "".join("<tr><th>" + escape(name) + "</th>" + "".join(f"<td>{v}</td>" for v in values)
                   + (f"<td>{sum(values)}</td>" if total else "") + "</tr>" for name, values in rows)
    return f'<div class="trend-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _legend(levels: list[str]) -> str:
    items = "".join(f'<span><i style="background:{LEVEL_COLOURS.get(level, "#888")}"></i>{escape(level)}</span>'
                    for level in levels)
    return f'<p class="trend-legend">{items}</p>'


def trends_section(reports, taxonomy: list[dict]) -> str:
    """The home page's trends: reports per year by level, and the theme × year heat map, each with its table."""
    by_year = level_year_counts(reports)
    if not by_year:
        return ""
    years = year_span(by_year)
    levels = [level for level in LEVEL_ORDER if any(c[level] for c in by_year.values())]
    series = [(level, [by_year.get(y, Counter())[level] for y in years], LEVEL_COLOURS[level]) for level in levels]
    unknown = sum(1 for report in reports if not report.meta.year)
    note = f"另有 {format_count(unknown)} 篇年份未知，未计入。" if unknown else ""
    year_rows = [(f"{y}年", [by_year.get(y, Counter())[level] for level in levels]) for y in reversed(years)]
    bars = stacked_bars_svg(years, series, "各年份报告数（按级别）")
    themes = theme_year_counts(reports, taxonomy)
    heat_years = sorted({y for counts in themes.values() for y in counts})
    heat_rows = [(name, [counts[y] for y in heat_years]) for name, counts in themes.items() if sum(counts.values())]
    parts = ["## 趋势\n", f"各年份的报告数，按级别分色。{note}\n",
             f'<div class="trend">\n<figure>{bars}{_legend(levels)}</figure>\n{table("年份", levels, year_rows)}\n</div>\n']
    if heat_rows:
        heat = heat_map_svg(heat_years, heat_rows, "各主题各年份的报告数")
        parts += ["各主题在各年份论及它的报告数，颜色越深越多。\n",
                  f'<div class="trend trend-wide">\n<figure>{heat}</figure>\n'
                  f'{table("主题", [f"{y}" for y in heat_years], heat_rows)}\n</div>\n']
    return "\n".join(parts)


def theme_trend(name: str, reports: list[Report], passages: dict[str, list[Block]]) -> str:
    """A theme page's chart: the theme's paragraphs per year, with the table beside it."""
    counts = paragraph_year_counts(reports, passages)
    if not counts:
        return ""
    years = year_span(counts)
    bars = stacked_bars_svg(years, [(name, [counts[y] for y in years], LEVEL_COLOURS["省级"])],
                            f"“{name}”各年份的相关段落数")
    rows = [(f"{y}年", [counts[y]]) for y in reversed(years)]
    return (f"各年份报告中论及“{escape_text(name)}”的段落数：\n\n"
            f'<div class="trend">\n<figure>{bars}</figure>\n{table("年份", ["段落数"], rows, total=False)}\n</div>\n')
