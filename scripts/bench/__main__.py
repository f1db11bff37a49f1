"""Benchmarks on synthetic archives: `python -m scripts.bench --sizes 1000,10000`, `--full-build N`, `--preview N`.

For each size: index build time and peak memory (in a child process), index size, and in headless Chromium
the time to first results, the time of a new query in an open page and the bytes of index downloaded per
query, plus recall and precision against a brute-force substring scan. Full `mkdocs build`s are timed at the
sizes given by --mkdocs (default 1000,10000), stage by stage: cold, rebuilt unchanged, after adding a file and
after changing a rule, against a bare mkdocs-material build of as many pages; `--full-build 1000` times only
those. Last, the preview server at --serve-size source files (default 1000): a file dropped, changed and removed
until the page shows it; `--preview 1000` times only that.
`--formats` times reading PDF, Word 97-2003 and scanned sources, in pages per second.
`--browse 1000,10000` times the writing tools (outline, copy with citation, faceted browse, trends).
`--tools 1000,10000` times the draft check, the 提法 bank and the shared passages (build and browser).
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from scripts.bench import search_browser as browser_bench
from scripts.bench.browse import print_browse, time_browse
from scripts.bench.formats import print_formats, time_formats
from scripts.bench.preview import print_preview, time_preview
from scripts.bench.rebuilds import print_rebuilds, time_rebuilds
from scripts.bench.synth import seed_paragraphs, synth_reports
from scripts.bench.tools import (edited_pairs, pair_scores, print_pairs, print_tools, print_unique, time_tools,
                                 time_unique)
from scripts.search.fold import fold, parse_query
from scripts.search.index import build_search_index, order_reports

ROOT = Path(__file__).resolve().parents[2]
QUERIES = {"标点短语": "全天候、无缝隙、快节奏、零差错", "二字词": "党建", "罕见词": "数字孪生", "高频词": "工作"}


def _build(size: int, site_dir: Path, queue) -> None:
    reports = synth_reports(size, seed_paragraphs(ROOT / "seeds"))
    start = time.perf_counter()
    stats = build_search_index(reports, site_dir)
    queue.put((time.perf_counter() - start, stats))


def build_in_child(size: int, site_dir: Path):
    """Build in a fresh process, so that its peak memory (and its workers') is measured alone."""
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_build, args=(size, site_dir, queue))
    child.start()
    seconds, stats = queue.get()
    child.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb, stats


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def brute_force(size: int) -> dict[str, list[int]]:
    """Paragraph ids (in index order) whose folded text holds every phrase, for each benchmark query."""
    reports = order_reports(synth_reports(size, seed_paragraphs(ROOT / "seeds")))
    folded = [fold(block.text) for report in reports for block in report.blocks]
    wanted = {name: parse_query(query) for name, query in QUERIES.items()}
    return {name: [i for i, text in enumerate(folded) if all(p in text for p in phrases)]
            for name, phrases in wanted.items()}


def measure_queries(site_dir: Path, truth: dict[str, list[int]], runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    url, server = browser_bench.serve(site_dir)
    rows = []
    with sync_playwright() as playwright:
        chromium = browser_bench.launch(playwright)
        for name, query in QUERIES.items():
            first, first_page, first_bytes = browser_bench.first_results(chromium, url, query, runs)
            again, again_page, again_bytes = browser_bench.new_query(chromium, url, query, runs)
            ids, complete, candidates = browser_bench.all_results(chromium, url, query)
            found, want = set(ids), set(truth[name])
            rows.append({"query": name, "text": query, "results": len(want), "candidates": candidates,
                         "exact_at_once": complete, "first_s": first, "first_page_s": first_page,
                         "first_kb": first_bytes / 1024, "new_s": again, "new_page_s": again_page,
                         "new_kb": again_bytes / 1024,
                         "recall": len(found & want) / len(want) if want else 1.0,
                         "precision": len(found & want) / len(found) if found else 1.0})
        chromium.close()
    server.shutdown()
    return rows


def print_size(size: int, seconds: float, peak_mb: float, stats, index_mb: float, rows: list[dict]) -> None:
    print(f"\n## {size} 篇报告：{stats.paragraphs} 段，{stats.grams} 个检索键，{stats.files} 个索引文件")
    print(f"索引构建 {seconds:.1f} s，峰值内存 {peak_mb:.0f} MB，索引大小 {index_mb:.1f} MB")
    print("打开 search/?q=…：首批结果 / 整页 20 段的秒数（中位数）与下载的索引 KB；新查询：在已打开的检索页中输入新查询。")
    print("| 查询 | 结果段数 | 候选段数 | 打开 s | 整页 s | 下载 KB | 新查询 s | 整页 s | 下载 KB | 召回率 | 精确率 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['query']} `{r['text']}` | {r['results']} | {r['candidates']} | {r['first_s']:.2f} | "
              f"{r['first_page_s']:.2f} | {r['first_kb']:.0f} | {r['new_s']:.2f} | {r['new_page_s']:.2f} | "
              f"{r['new_kb']:.0f} | {r['recall']:.0%} | {r['precision']:.0%} |")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="archive sizes in reports, comma-separated")
    parser.add_argument("--out", type=Path, help="working folder (default: a new temporary folder)")
    parser.add_argument("--runs", type=int, default=5, help="browser runs per measurement (median)")
    parser.add_argument("--mkdocs", default="1000,10000", help="sizes to also build fully with mkdocs ('' for none)")
    parser.add_argument("--serve-size", type=int, default=1000, help="source files to also time the preview "
                                                                     "server on (0 for none)")
    parser.add_argument("--full-build", metavar="SIZES", help="only time full mkdocs builds of these sizes")
    parser.add_argument("--profile", type=Path, help="with --full-build: write a cProfile of the cold build here")
    parser.add_argument("--build-runs", type=int, default=1, help="runs of each full build (median)")
    parser.add_argument("--preview", type=int, metavar="N", help="only time the preview server on N source files")
    parser.add_argument("--formats", action="store_true", help="only time reading PDF, .doc and scanned sources")
    parser.add_argument("--browse", metavar="SIZES", help="only time the writing tools (outline, citation, facets, "
                                                          "trends) at these sizes, e.g. 1000,10000")
    parser.add_argument("--tools", metavar="SIZES", help="only time the draft check, the 提法 bank and the shared "
                                                         "passages at these sizes, e.g. 1000,10000")
    args = parser.parse_args(argv)
    if args.tools:
        out = args.out or Path(tempfile.mkdtemp(prefix="tools-bench-"))
        print_pairs(pair_scores(edited_pairs(seed_paragraphs(ROOT / "seeds"), 1000)))
        for size in (int(s) for s in args.tools.split(",") if s):
            print_tools(time_tools(size, out, args.runs))
            print_unique(size, *time_unique(size))
        return
    if args.preview:
        print_preview(args.preview, time_preview(args.preview, args.runs))
        return
    if args.browse:
        out = args.out or Path(tempfile.mkdtemp(prefix="tools-bench-"))
        for size in (int(s) for s in args.browse.split(",") if s):
            print_browse(size, time_browse(size, out, args.runs))
        return
    if args.formats:
        with tempfile.TemporaryDirectory(prefix="formats-bench-") as work:
            print_formats(time_formats(Path(work), args.runs))
        return
    out = args.out or Path(tempfile.mkdtemp(prefix="search-bench-"))
    print(f"工作目录 {out}")
    if args.full_build is not None:
        args.sizes, args.mkdocs = "", args.full_build
    for size in (int(s) for s in args.sizes.split(",") if s):
        site_dir = out / f"site-{size}"
        seconds, peak_mb, stats = build_in_child(size, site_dir)
        browser_bench.write_shell(site_dir, ROOT / "docs" / "assets")
        rows = measure_queries(site_dir, brute_force(size), args.runs)
        print_size(size, seconds, peak_mb, stats, folder_size(site_dir / "search-index") / 2**20, rows)
    for size in (int(s) for s in args.mkdocs.split(",") if s):
        print_rebuilds(size, time_rebuilds(size, out, args.build_runs, args.profile))
    if args.serve_size and args.full_build is None:
        print_preview(args.serve_size, time_preview(args.serve_size, args.runs))


if __name__ == "__main__":
    main()
