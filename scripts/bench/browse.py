"""The writing tools' costs at a given archive size: `python -m scripts.bench --browse 1000,10000`.

Build: the faceted browse data (time, bytes), the outline pages and the trend charts (time to generate them and
to turn their Markdown into HTML with the site's extensions, pages, bytes). Browser, in headless Chromium over
HTTP: the faceted browse page from navigation to a listed page of reports (cold, data included), a filter
click, and on a report page the time the copy and outline buttons take to appear and a copy to reach the
clipboard. The synthetic reports (synth.py) get section headings, every eighth block, so they have outlines.
"""
from __future__ import annotations

import dataclasses
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import markdown
import yaml

from scripts.bench import search_browser
from scripts.bench.synth import seed_paragraphs, synth_reports
from scripts.convert.model import Block, Report
from scripts.convert.rules import load_rules
from scripts.site.facets import write_facet_data
from scripts.site.outlines import outline_pages
from scripts.site.themes import find_passages
from scripts.site.trends import theme_trend, trends_section

ROOT = Path(__file__).resolve().parents[2]
HEADINGS = ("一、坚持政治引领，强化理论武装", "二、聚焦中心工作，服务大局", "三、加强作风建设，提升效能",
            "四、存在的问题和不足", "五、下一步工作打算")
LONG_REPORT_CHARS = 60_000


def with_headings(report: Report) -> Report:
    """The report with every eighth block made a section heading (and every fourth a subsection)."""
    blocks = []
    for i, block in enumerate(report.blocks):
        if i % 8 == 1:
            block = Block("section", HEADINGS[(i // 8) % len(HEADINGS)], f"h{i}")
        elif i % 8 == 5:
            block = Block("subsection", f"（{'一二三四五六七八九十'[(i // 8) % 10]}）{block.text[:12]}", f"s{i}")
        blocks.append(block)
    return dataclasses.replace(report, blocks=tuple(blocks), digest="")  # changed after conversion


def _timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _markdown_seconds(pages: dict[str, str]) -> float:
    """Markdown -> HTML with the site's extensions, as MkDocs would convert these pages."""
    config = yaml.unsafe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    configs = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    start = time.perf_counter()
    for text in pages.values():
        converter.reset().convert(text.split("---\n", 2)[-1])
    return time.perf_counter() - start


def build_costs(reports: list[Report], site_dir: Path) -> dict:
    taxonomy = load_rules().themes
    facets_s, data_bytes = _timed(lambda: write_facet_data(site_dir, reports))
    outlines_s, pages = _timed(lambda: outline_pages(reports))
    passages = find_passages(tuple(reports))

    def trend_pages():
        by_theme = {t["name"]: [r for r in reports if t["name"] in r.meta.themes] for t in taxonomy}
        return {"index.md": trends_section(reports, taxonomy)} | {
            name: theme_trend(name, members, passages[name]) for name, members in by_theme.items()}
    trends_s, trends = _timed(trend_pages)
    return {"facets_s": facets_s, "facets_kb": data_bytes / 1024,
            "outlines_s": outlines_s, "outlines_md_s": _markdown_seconds(pages), "outline_pages": len(pages),
            "outlines_mb": sum(len(p.encode()) for p in pages.values()) / 2**20,
            "largest_outline_kb": max(len(p.encode()) for p in pages.values()) / 1024,
            "trends_s": trends_s, "trends_md_s": _markdown_seconds(trends),
            "home_trends_kb": len(trends["index.md"].encode()) / 1024}


def browser_costs(site_dir: Path, runs: int) -> dict:
    """Median times in headless Chromium over HTTP, each load in a fresh context (nothing cached)."""
    from playwright.sync_api import sync_playwright

    url, server = search_browser.serve(site_dir)
    report = sorted((site_dir / "reports").glob("*.html"), key=lambda p: p.stat().st_size)[-1].name
    loads, clicks, buttons, copies = [], [], [], []
    with sync_playwright() as playwright:
        chromium = search_browser.launch(playwright)
        for _ in range(runs):
            context = chromium.new_context(locale="zh-CN")
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            page = context.new_page()
            page.goto(f"{url}/browse/all.html")
            page.wait_for_selector("#facet-app[data-ready-ms]", timeout=60_000)
            loads.append(int(page.locator("#facet-app").get_attribute("data-ready-ms")) / 1000)
            clicks.append(page.evaluate("""() => { const t = performance.now();
                document.querySelector(".facet-chip[data-facet='level']").click(); return (performance.now() - t) / 1000; }"""))
            page.goto(f"{url}/reports/{report}")
            page.wait_for_selector(".outline-copy")
            buttons.append(page.evaluate("""() => {
                document.querySelectorAll('.copy-cite, .outline-bar').forEach((node) => node.remove());
                const t = performance.now();
                CopyCitation.boot();
                Outline.boot();
                return (performance.now() - t) / 1000; }"""))
            copies.append(page.evaluate("""async () => { const t = performance.now();
                document.querySelector('.copy-cite').click();
                while (!document.querySelector('.copy-cite.is-copied')) await new Promise((r) => setTimeout(r, 1));
                return (performance.now() - t) / 1000; }"""))
            context.close()
        chromium.close()
    server.shutdown()
    paragraphs = (site_dir / "reports" / report).read_text(encoding="utf-8").count('<p id="p')
    return {"load_s": statistics.median(loads), "click_s": statistics.median(clicks),
            "buttons_s": statistics.median(buttons), "copy_s": statistics.median(copies), "paragraphs": paragraphs}


def site_for(out: Path, reports: list[Report]) -> Path:
    """The seed site plus one long synthetic report (about 1,000 paragraphs), built once, with the tools' data
    replaced by that of the synthetic archive."""
    from scripts.bench.full_build import time_full_build
    from scripts.bench.synth import write_sources

    site_dir = out / "mkdocs-0"
    if not (site_dir / "browse" / "all.html").exists():
        seeds = out / "seeds-tools"
        shutil.copytree(ROOT / "seeds", seeds, dirs_exist_ok=True)
        long = with_headings(synth_reports(1, seed_paragraphs(ROOT / "seeds"), chars=LONG_REPORT_CHARS)[0])
        write_sources([long], seeds)
        time_full_build(0, out, seeds=seeds)
    write_facet_data(site_dir, reports)
    return site_dir


def time_browse(size: int, out: Path, runs: int) -> dict:
    reports = [with_headings(r) for r in synth_reports(size, seed_paragraphs(ROOT / "seeds"))]
    work = Path(tempfile.mkdtemp(prefix=f"tools-{size}-", dir=out))
    costs = build_costs(reports, work)
    site_dir = site_for(out, reports)
    return costs | browser_costs(site_dir, runs)


def print_browse(size: int, r: dict) -> None:
    print(f"\n## 写作工具，{size:,} 篇报告")
    print("| 工具 | 构建 | 浏览器 |")
    print("|---|---|---|")
    print(f"| 组合筛选 | 数据 {r['facets_s']:.2f} s，{r['facets_kb']:.0f} KB | 打开到列出 {r['load_s']:.2f} s；"
          f"点一个筛选 {r['click_s'] * 1000:.0f} ms |")
    print(f"| 提纲 | 生成 {r['outlines_s']:.2f} s + Markdown {r['outlines_md_s']:.1f} s，{r['outline_pages']} 页 "
          f"{r['outlines_mb']:.1f} MB（最大一页 {r['largest_outline_kb']:.0f} KB） | "
          f"报告页加按钮 {r['buttons_s'] * 1000:.0f} ms（{r['paragraphs']} 段）|")
    print(f"| 复制并注明出处 | 无（浏览器脚本） | 点击到写入剪贴板 {r['copy_s'] * 1000:.0f} ms |")
    print(f"| 趋势 | 生成 {r['trends_s']:.2f} s + Markdown {r['trends_md_s']:.2f} s；首页图表 {r['home_trends_kb']:.0f} KB | "
          "无脚本（构建时画成 SVG）|")
