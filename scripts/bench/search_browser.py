"""Time the search page in headless Chromium: first results in a fresh browser, a new query in an open page,
bytes of index files downloaded, and the full result list (for recall and precision)."""
from __future__ import annotations

import functools
import http.server
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHELL = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>检索</title>
<link rel="stylesheet" href="../assets/search.css"></head><body>
<script id="__config" type="application/json">{{"base": ".."}}</script>
<article class="md-content">{app}</article>
<script src="../assets/search-t2s.js"></script><script src="../assets/search-shared.js"></script>
<script src="../assets/search-view.js"></script>
<script src="../assets/search-engine.js"></script><script src="../assets/search-controller.js"></script></body></html>"""
WAIT_SHOWN = "q => { const a = document.getElementById('search-app'); return a && a.dataset.shown === q; }"


def write_shell(site_dir: Path, assets_dir: Path) -> None:
    """The search page alone, with the same scripts as the site (used for archives too big to build fully)."""
    (site_dir / "search").mkdir(parents=True, exist_ok=True)
    (site_dir / "search" / "index.html").write_text(SHELL.format(app=search_app_markup(assets_dir.parent)), encoding="utf-8")
    (site_dir / "assets").mkdir(exist_ok=True)
    for name in ("search-t2s.js", "search-shared.js", "search-view.js", "search-engine.js", "search-controller.js",
                 "search.css"):
        (site_dir / "assets" / name).write_bytes((assets_dir / name).read_bytes())


def search_app_markup(docs_dir: Path) -> str:
    """The search form and syntax notes exactly as the site's search page has them."""
    page = (docs_dir / "search" / "index.md").read_text(encoding="utf-8")
    start = page.index('<div id="search-app"')
    return page[start:page.index("\n</div>", start) + len("\n</div>")]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


INDEX_BYTES = """() => performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("/search-index/")).reduce((sum, e) => sum + e.encodedBodySize, 0)"""


def _wait_complete(page) -> None:
    page.wait_for_selector("#search-app[data-complete='true']", timeout=120_000)


def first_results(browser, url: str, query: str, runs: int) -> tuple[float, float, int]:
    """Medians of seconds from opening search/?q=… in a fresh browser context to the first results shown
    and to the whole first page; the bytes of index files downloaded."""
    return _time_query(browser, url, query, runs, opener=None)


def new_query(browser, url: str, query: str, runs: int, opener: str = "督查") -> tuple[float, float, int]:
    """The same for a new query typed into an already open search page."""
    return _time_query(browser, url, query, runs, opener)


def _time_query(browser, url: str, query: str, runs: int, opener: str | None) -> tuple[float, float, int]:
    first, full, sizes = [], [], []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        if opener:
            _open(page, url, opener)
            page.evaluate("() => performance.clearResourceTimings()")
            page.fill(".search-input", query)
        start = time.perf_counter()
        if opener:
            page.press(".search-input", "Enter")
        else:
            page.goto(f"{url}/search/?q={quote(query)}")
        page.wait_for_function(WAIT_SHOWN, arg=query, timeout=120_000)
        first.append(time.perf_counter() - start)
        _wait_complete(page)
        full.append(time.perf_counter() - start)
        sizes.append(page.evaluate(INDEX_BYTES))
        context.close()
    return statistics.median(first), statistics.median(full), max(sizes)


def _open(page, url: str, query: str) -> None:
    page.goto(f"{url}/search/?q={quote(query)}")
    page.wait_for_function(WAIT_SHOWN, arg=query, timeout=120_000)
    _wait_complete(page)


def all_results(browser, url: str, query: str) -> tuple[list[int], bool, int]:
    """Every paragraph id the page lists once all candidates are verified; whether that was needed."""
    page = browser.new_page()
    _open(page, url, query)
    complete = page.evaluate("() => SearchPage.isComplete()")
    candidates = page.evaluate("() => SearchPage.state.candidates.length")
    if not complete:
        page.evaluate("() => document.querySelector('.search-summary button').click()")
        page.wait_for_function("() => SearchPage.isComplete() && !document.querySelector('.is-busy')",
                               timeout=600_000)
    ids = page.evaluate("() => SearchPage.listedIds()")
    page.close()
    return ids, complete, candidates


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
