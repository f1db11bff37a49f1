"""Benchmark of builds and rebuilds: `python -m scripts.bench --full-build 1000,10000 [--build-runs 3]`.

For each size, on one store (a cache folder of its own): a cold build (empty store), a warm rebuild with
nothing changed, a rebuild after adding one file, and one after changing a rule; then a bare
mkdocs-material build of as many plain pages of the same text, the anchor that the others are measured
against, in the same run on the same machine. Medians over the runs; each build in a fresh process.
"""
from __future__ import annotations

import shutil
import statistics
from collections import defaultdict
from pathlib import Path

from scripts.bench.full_build import ROOT, STAGES, bare_build, run_in_child, time_full_build, write_synthetic_seeds
from scripts.bench.synth import seed_paragraphs, synth_report, synth_reports, write_sources

SCENARIOS = {"cold": "冷构建（空缓存）", "warm": "重建，无改动", "added": "重建，新增 1 个文件",
             "rule": "重建，改动 1 条规则", "anchor": "对照：同样篇数的纯 Material 页面"}
ANCHOR_CONFIG = """site_name: anchor
theme: {name: material, language: zh, font: false}
plugins: []
nav: [index.md]
not_in_nav: /p/*.md
"""


def time_rebuilds(size: int, out: Path, runs: int = 1, profile: Path | None = None) -> dict[str, list[dict]]:
    """The timings of each scenario, one per run."""
    seeds = write_synthetic_seeds(size, out / f"seeds-{size}")
    cache, anchor = out / f"cache-{size}", write_anchor_site(size, out / f"anchor-{size}")
    timings: dict[str, list[dict]] = defaultdict(list)
    for run in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        timings["cold"].append(time_full_build(size, out, profile if run == 0 else None, cache))
        timings["warm"].append(time_full_build(size, out, cache=cache))
        added = _add_report(seeds, size + run)
        timings["added"].append(time_full_build(size, out, cache=cache, seeds=seeds))
        added.unlink()
        timings["rule"].append(time_full_build(size, out, cache=cache, change_rule=True))
        timings["anchor"].append(run_in_child(bare_build, anchor / "mkdocs.yml", out / f"anchor-site-{size}", {}))
    return timings


def write_anchor_site(size: int, folder: Path) -> Path:
    """A bare mkdocs-material project of `size` plain pages (a title and the paragraphs of a synthetic report)."""
    pages = folder / "docs" / "p"
    if not pages.is_dir() or len(list(pages.glob("*.md"))) != size:
        shutil.rmtree(folder, ignore_errors=True)
        pages.mkdir(parents=True)
        for report in synth_reports(size, seed_paragraphs(ROOT / "seeds")):
            text = "\n\n".join([f"# {report.meta.title}", *(block.text for block in report.blocks)])
            (pages / f"{report.slug}.md").write_text(text + "\n", encoding="utf-8")
        (folder / "docs" / "index.md").write_text("# anchor\n", encoding="utf-8")
        (folder / "mkdocs.yml").write_text(ANCHOR_CONFIG, encoding="utf-8")
    return folder


def _add_report(seeds: Path, number: int) -> Path:
    """One more synthetic report in the seeds folder (another number: another text)."""
    report = synth_report(number, seed_paragraphs(ROOT / "seeds"))
    write_sources([report], seeds)
    return seeds / f"{report.slug}.txt"


def median(timings: list[dict], key: str) -> float:
    return statistics.median(timing.get(key, 0.0) for timing in timings)


def print_rebuilds(size: int, timings: dict[str, list[dict]]) -> None:
    anchor = median(timings["anchor"], "total")
    runs = len(timings["cold"])
    print(f"\n## 整站构建与重建：{size:,} 篇合成报告（每篇约 1 万字），{runs} 次的中位数")
    anchor_cpu = median(timings["anchor"], "cpu_s")
    print("| 情形 | 总计 s | 对照倍数 | CPU s | CPU 对照倍数 | 峰值内存 MB（主进程 / 最大的子进程 / 合计 PSS） | 站点 MB |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for scenario, name in SCENARIOS.items():
        rows = timings[scenario]
        total, cpu = median(rows, "total"), median(rows, "cpu_s")
        print(f"| {name} | {total:.1f} | {total / anchor:.2f} | {cpu:.1f} | {cpu / anchor_cpu:.2f} | "
              f"{median(rows, 'peak_mb'):.0f} / {median(rows, 'worker_peak_mb'):.0f} / {median(rows, 'all_peak_mb'):.0f} | "
              f"{median(rows, 'site_mb'):.0f} |")
    print("\n| 阶段 | " + " | ".join(SCENARIOS[s] for s in ("cold", "warm", "added", "rule")) + " |")
    print("|---|--:|--:|--:|--:|")
    for stage, name in STAGES.items():
        print(f"| {name} | " + " | ".join(f"{median(timings[s], stage):.1f}" for s in ("cold", "warm", "added", "rule"))
              + " |")
