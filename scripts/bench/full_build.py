"""Benchmark of a whole site build: `python -m scripts.bench --full-build 1000`.

Writes N synthetic reports as source files, then runs a real `mkdocs build` of them in a fresh process and
times its stages: archive conversion, page generation, Markdown to HTML, templates and writing, search index.
The stages are timed by wrapping the functions the MkDocs hook calls, so the build itself is the real one.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections import defaultdict
from pathlib import Path

from scripts.bench.synth import seed_paragraphs, synth_reports, write_sources

ROOT = Path(__file__).resolve().parents[2]
STAGES = {"archive": "报告转换（seeds/ → 报告）", "pages": "生成页面 Markdown", "markdown": "MkDocs：Markdown → HTML",
          "templates": "MkDocs：模板、写文件等其余部分", "search": "检索索引"}


def write_synthetic_seeds(size: int, folder: Path) -> Path:
    """A seeds folder of `size` synthetic reports (~10,000 characters each), written once per size."""
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != size:
        write_sources(synth_reports(size, seed_paragraphs(ROOT / "seeds")), folder)
    return folder


def time_full_build(size: int, out: Path, profile: Path | None = None) -> dict[str, float]:
    """Seconds per stage of `mkdocs build` on `size` synthetic reports, plus total and peak memory (MB)."""
    seeds = write_synthetic_seeds(size, out / f"seeds-{size}")
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: the hook must import the timed stages
    queue = context.Queue()
    child = context.Process(target=_build_child, args=(seeds, out / f"mkdocs-{size}", profile, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def _build_child(seeds: Path, site_dir: Path, profile: Path | None, queue) -> None:
    os.environ.update(ARCHIVE_SEEDS=str(seeds), NO_MKDOCS_2_WARNING="1")
    spent = _wrap_stages()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    if profile:
        import cProfile
        cProfile.runctx("build(config)", globals(), {"build": build, "config": config}, str(profile))
    else:
        build(config)
    spent["total"] = time.perf_counter() - start
    spent["templates"] = spent["total"] - sum(spent[stage] for stage in STAGES if stage != "templates")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    spent["peak_mb"] = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    queue.put(dict(spent))


def _wrap_stages() -> dict[str, float]:
    """Time the functions the hook calls; done before MkDocs loads the hook, so it imports the wrapped ones."""
    from scripts.convert import archive
    from scripts.search import index as search_index
    from scripts.site import page_cache, pages

    spent: dict[str, float] = defaultdict(float)
    for module, name, stage in ((archive, "build_archive", "archive"), (pages, "generate_pages", "pages"),
                                (search_index, "build_search_index", "search")):
        setattr(module, name, _timed(getattr(module, name), stage, spent))
    started: dict[int, float] = {}
    skip, reuse = page_cache.skip_if_unchanged, page_cache.reuse_if_unchanged

    def before_markdown(markdown, page):
        started[id(page)] = time.perf_counter()
        return skip(markdown, page)

    def after_markdown(html, page):
        spent["markdown"] += time.perf_counter() - started.pop(id(page), time.perf_counter())
        return reuse(html, page)

    page_cache.skip_if_unchanged, page_cache.reuse_if_unchanged = before_markdown, after_markdown
    return spent


def _timed(function, stage: str, spent: dict[str, float]):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - start
    return timed


def print_full_build(size: int, spent: dict[str, float]) -> None:
    load = os.getloadavg()[0]
    print(f"\n## 完整 mkdocs build：{size} 篇合成报告（每篇约 1 万字）")
    print(f"总计 {spent['total']:.1f} s，峰值内存 {spent['peak_mb']:.0f} MB（构建结束时 1 分钟平均负载 {load:.1f}）")
    print("| 阶段 | 秒 | 占比 |\n|---|--:|--:|")
    for stage, name in STAGES.items():
        seconds = spent.get(stage, 0.0)
        print(f"| {name} | {seconds:.1f} | {seconds / spent['total']:.0%} |")
