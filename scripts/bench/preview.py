"""Benchmark of the preview server: `python -m scripts.bench --preview 1000 [--runs 3]`.

Starts `mkdocs serve` on a synthetic archive (the seeds plus variants of them), drops a report into its
seeds folder, changes it and removes it, and prints how long each took to show in the served site
(median over the rounds). The target is 5 s on a 1,000-report archive.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from scripts.convert.slugs import slugify_source

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
COUNTIES = "东西南北中"
DROPPED_NAME = "新 报告（2024）.txt"
DROPPED_LINES = ["乡政府办公室2024年上半年工作总结", "今年以来，乡政府办公室坚持“快节奏、零差错”，全力做好办文办会工作。",
                 "一、强化督查督办", "全年开展专项督查18次，办结率100%。"]


def make_archive(folder: Path, count: int) -> None:
    """The seeds plus variants of them (another county and year each) up to `count` source files."""
    shutil.copytree(SEEDS, folder)
    seeds = sorted(SEEDS.glob("00[0-3]_*.txt"))  # single reports, so every variant is one report
    for number in range(count - len(list(SEEDS.iterdir()))):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        county, year = f"{COUNTIES[number % 5]}{number}县", 2010 + number % 12
        text = re.sub(r"20\d\d年", f"{year}年", text.replace("县政府办公室", f"{county}政府办公室"))
        (folder / f"variant_{number:03d}.txt").write_text(f"{county}政府办公室{year}年工作总结\n{text}", encoding="utf-8")


def fetch(url: str) -> str | None:
    """The page, or None while it does not exist (the server holds requests while it rebuilds)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def seconds_until(condition, limit: float) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > limit:
            raise TimeoutError(f"not seen within {limit} s")
        time.sleep(0.1)
    return time.monotonic() - started


@contextlib.contextmanager
def serve(seeds: Path, log_path: Path):
    """`mkdocs serve` of a seeds folder on a free loopback port; yields the base URL once it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ARCHIVE_SEEDS": str(seeds), "ARCHIVE_CACHE": str(log_path.parent / "cache"),
           "NO_MKDOCS_2_WARNING": "1"}
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # the hook watches ARCHIVE_SEEDS itself
    try:
        base = f"http://127.0.0.1:{port}"
        seconds_until(lambda: _answers(base), limit=120)
        yield base
    finally:
        server.terminate()  # the hook stops the server as on Ctrl-C: what it still writes is stopped too
        server.wait(timeout=30)


def _answers(base: str) -> bool:
    try:
        return fetch(f"{base}/") is not None
    except OSError:
        return False


def drop_change_remove(seeds: Path, base: str, limit: float = 60) -> tuple[float, float, float]:
    """Seconds until a dropped report appears, until its change shows, and until its page is gone."""
    page = f"{base}/reports/{slugify_source(DROPPED_NAME)}.html"
    if fetch(page) is not None:
        raise RuntimeError(f"{page} exists before the file is dropped")
    text = "\n".join(DROPPED_LINES)
    (seeds / DROPPED_NAME).write_text(text, encoding="gb18030")
    appeared = seconds_until(lambda: "全年开展专项督查18次" in (fetch(page) or ""), limit)
    (seeds / DROPPED_NAME).write_text(text.replace("18次", "21次"), encoding="gb18030")
    changed = seconds_until(lambda: "全年开展专项督查21次" in (fetch(page) or ""), limit)
    (seeds / DROPPED_NAME).unlink()
    removed = seconds_until(lambda: fetch(page) is None, limit)
    return appeared, changed, removed


def time_preview(reports: int, rounds: int) -> list[tuple[float, float, float]]:
    """(appears, changes, disappears) seconds per round under `mkdocs serve` on `reports` source files."""
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        make_archive(seeds, reports)
        with serve(seeds, Path(folder) / "serve.log") as base:
            return [drop_change_remove(seeds, base) for _ in range(rounds)]


def print_preview(reports: int, rounds: list[tuple[float, float, float]]) -> None:
    print(f"mkdocs serve, {reports} source files, median of {len(rounds)} rounds (target 5 s):")
    for label, times in zip(("appears", "changes", "disappears"), zip(*rounds)):
        print(f"  {label:<11} {statistics.median(times):5.2f} s   (all: {', '.join(f'{t:.2f}' for t in times)})")
