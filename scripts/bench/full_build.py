"""One timed site build: a real `mkdocs build` in a fresh process, stage by stage, with its peak memory.

The stages are timed by wrapping the functions the MkDocs hook calls (done before MkDocs loads the hook,
so that it imports the wrapped ones): conversion, page generation, Markdown to HTML (the pages that still
have Markdown), report pages to HTML, MkDocs' templates and writing; the search data (search and
draft-check indexes, the 提法 bank's and shared passages' data) is written by another process meanwhile, so
its stage is the time the build still waits for it once the pages are written. The rest is everything else (copying the raw
files, MkDocs' own bookkeeping).
The same runner builds a bare mkdocs-material site, the anchor that the archive's build is compared with.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import resource
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from scripts.bench.synth import seed_paragraphs, synth_reports, write_sources

ROOT = Path(__file__).resolve().parents[2]
STAGES = {"archive": "报告转换（seeds/ → 报告）", "pages": "生成页面", "markdown": "MkDocs：Markdown → HTML（其余页面）",
          "reports": "报告页 HTML", "templates": "MkDocs：模板、写页面",
          "search": "检索、比对索引与提法库、重复段落数据：页面写完后仍需等待（另一进程与页面同时写）", "other": "其余"}
RULE_CHANGE = ("bench-rule", "某某某某某某", "某")  # a censor rule that matches nothing, but changes the rules


def write_synthetic_seeds(size: int, folder: Path) -> Path:
    """A seeds folder of `size` synthetic reports (~10,000 characters each), written once per size."""
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != size:
        write_sources(synth_reports(size, seed_paragraphs(ROOT / "seeds")), folder)
    return folder


def time_full_build(size: int, out: Path, profile: Path | None = None, cache: Path | None = None,
                    change_rule: bool = False, seeds: Path | None = None) -> dict[str, float]:
    """Seconds per stage of `mkdocs build` on `size` synthetic reports, total, peak memory (MB) and site size.
    `cache` is the store's folder (a new one when not given); `change_rule` adds a rule, as if one was edited;
    `seeds` is a seeds folder to build instead of the synthetic one."""
    seeds = seeds or write_synthetic_seeds(size, out / f"seeds-{size}")
    cache = cache or Path(tempfile.mkdtemp(prefix=f"cache-{size}-", dir=out))
    environment = {"ARCHIVE_SEEDS": str(seeds), "ARCHIVE_CACHE": str(cache)}
    return run_in_child(_archive_build, ROOT / "mkdocs.yml", out / f"mkdocs-{size}", environment,
                        profile, change_rule)


def run_in_child(target, config_file: Path, site_dir: Path, environment: dict, *args) -> dict[str, float]:
    """Run `target` in a fresh interpreter, so that its imports, memory and workers are its own."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=target, args=(config_file, site_dir, environment, queue, *args))
    child.start()
    result = queue.get()
    child.join()
    return result


def _archive_build(config_file: Path, site_dir: Path, environment: dict, queue, profile, change_rule) -> None:
    os.environ.update(environment, NO_MKDOCS_2_WARNING="1")
    spent = _wrap_stages(change_rule)
    queue.put(_build(config_file, site_dir, spent, profile))


def bare_build(config_file: Path, site_dir: Path, environment: dict, queue) -> None:
    os.environ.update(environment, NO_MKDOCS_2_WARNING="1")
    queue.put(_build(config_file, site_dir, defaultdict(float), None))


def _build(config_file: Path, site_dir: Path, spent: dict[str, float], profile: Path | None) -> dict[str, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    memory = MemorySampler()
    memory.start()
    config = load_config(str(config_file), site_dir=str(site_dir))
    if profile:
        import cProfile
        cProfile.runctx("build(config)", globals(), {"build": build, "config": config}, str(profile))
    else:
        build(config)
    spent["total"] = time.perf_counter() - start
    spent["templates"] -= spent["reports"]  # made while the page's template renders
    spent["other"] = spent["total"] - sum(spent[stage] for stage in STAGES if stage != "other")
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    spent["cpu_s"] = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime  # less sensitive to load
    spent["peak_mb"], spent["worker_peak_mb"] = own.ru_maxrss / 1024, workers.ru_maxrss / 1024
    spent["all_peak_mb"] = memory.stop()
    spent["site_mb"] = sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file()) / 2**20
    return dict(spent)


class MemorySampler(threading.Thread):
    """The build's memory all told, at its peak: the proportional set size of this process and of every process
    under it (shared pages count once, split between those sharing them), every half second. Linux only:
    elsewhere it reads 0."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak_kb, self.stopped = 0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            self.peak_kb = max(self.peak_kb, _tree_pss_kb(os.getpid()))

    def stop(self) -> float:
        """The peak in MB."""
        self.stopped.set()
        self.join()
        return self.peak_kb / 1024


def _tree_pss_kb(pid: int) -> int:
    total, pending = 0, [pid]
    while pending:
        process = pending.pop()
        try:
            total += int(re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{process}/smaps_rollup").read_text(), re.M)[1])
            for thread in Path(f"/proc/{process}/task").iterdir():
                pending += map(int, (thread / "children").read_text().split())
        except (OSError, TypeError):  # ended meanwhile, or no /proc
            continue
    return total


def _wrap_stages(change_rule: bool) -> dict[str, float]:
    """Time the functions the hook calls; with `change_rule`, every build's rules hold one rule more."""
    from mkdocs.commands import build

    from scripts.convert import archive, rules
    from scripts.site import page_cache, pages, report
    from scripts.site.background import ForkedWriter

    spent: dict[str, float] = defaultdict(float)
    for module, name, stage in ((archive, "build_archive", "archive"), (pages, "generate_pages", "pages"),
                                (ForkedWriter, "join", "search"), (report, "report_html", "reports"),
                                (build, "_build_page", "templates")):
        setattr(module, name, _timed(getattr(module, name), stage, spent))
    if change_rule:
        rules.load_rules = _with_rule_changed(rules.load_rules)
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


def _with_rule_changed(load_rules):
    from scripts.convert.rules import Replacement

    def load_changed(*args, **kwargs):
        loaded = load_rules(*args, **kwargs)
        name, pattern, replace = RULE_CHANGE
        return dataclasses.replace(loaded, censor=(*loaded.censor, Replacement(name, re.compile(pattern), replace)),
                                   fingerprint=loaded.fingerprint + "+" + name)
    return load_changed


def _timed(function, stage: str, spent: dict[str, float]):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - start
    return timed
