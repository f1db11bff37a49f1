"""Faceted browse: one page listing every report, filtered in the browser by level, year, doc_type, organization
and theme. The page is a shell; its data is a static script (browse-data/reports.js) that calls
StaticData.loaded(path, data) (docs/assets/static-data.js), so it loads from file:// too. Values are listed
once and rows refer to them by number: about 75 bytes a report (744 KB at 10,000 reports)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from scripts.convert.model import Report
from scripts.search.datafile import write_data_script
from scripts.site.common import (
    DOC_TYPE_ORDER,
    LEVEL_ORDER,
    front_matter,
    organization_label,
    report_order,
)

FACETS_URI = "browse/all.md"
DATA_PATH = "browse-data/reports"


def facet_data(reports: tuple[Report, ...] | list[Report]) -> dict:
    """{"levels", "types", "orgs", "themes": value lists; "reports": [slug, title, level, year, type, org, themes]}.

    Reports come newest first (the page's default order); year 0 stands for unknown; themes is a list of numbers.
    """
    ordered = sorted(reports, key=report_order)
    levels = _ordered_values((r.meta.level for r in ordered), LEVEL_ORDER)
    types = _ordered_values((r.meta.doc_type for r in ordered), DOC_TYPE_ORDER)
    orgs = _by_count(organization_label(r.meta.organization) for r in ordered)
    themes = _by_count(theme for r in ordered for theme in r.meta.themes)
    index = {name: {value: i for i, value in enumerate(values)}
             for name, values in (("levels", levels), ("types", types), ("orgs", orgs), ("themes", themes))}
    rows = [[r.slug, r.meta.title, index["levels"][r.meta.level], r.meta.year or 0, index["types"][r.meta.doc_type],
             index["orgs"][organization_label(r.meta.organization)], [index["themes"][t] for t in r.meta.themes]]
            for r in ordered]
    return {"levels": levels, "types": types, "orgs": orgs, "themes": themes, "reports": rows}


def _ordered_values(values, known: tuple[str, ...]) -> list[str]:
    present = set(values)
    return [v for v in known if v in present] + sorted(present - set(known))


def _by_count(values) -> list[str]:
    counts = Counter(values)
    return sorted(counts, key=lambda value: (-counts[value], value))


def write_facet_data(site_dir: Path, reports) -> int:
    """Write the page's data file under the site folder; returns its size in bytes."""
    return write_data_script(site_dir, DATA_PATH, facet_data(reports))


def facets_page(total: int) -> str:
    """The page shell: the app fills it in (docs/assets/browse-facets.js); without JavaScript, the browse pages."""
    return (front_matter("筛选全部报告", hide=("navigation", "toc")) + "# 筛选全部报告\n\n"
            f"按级别、年份、文种、单位和主题组合筛选全部 {total:,} 篇报告：同一类中选几项表示“或”，不同类之间表示“且”，"
            "每个选项后的数字是在其余各类条件下具有该项的报告篇数，随筛选即时更新。可按年份或标题排序。"
            "筛选条件写在地址栏里，可以收藏或发给同事。\n\n"
            '<div id="facet-app" class="facet-app" data-total="' + str(total) + '" markdown="0">\n'
            '<noscript><p class="facet-error">筛选在浏览器中运行，需要启用 JavaScript；'
            "也可以使用“按级别”“按年份”等浏览页。</p></noscript>\n</div>\n")
