"""Shared fixtures: a real `mkdocs build` of a seeds folder, a static server for it, headless Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def build_site(seeds_dir: Path, site_dir: Path, *extra_args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` on a seeds folder; returns the finished process (output captured).
    `env` adds environment variables (another cache folder, a setting)."""
    env = {**os.environ, "ARCHIVE_SEEDS": str(seeds_dir), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir), *extra_args],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(SEEDS, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder: Path):
    """Serve a folder over HTTP on a free loopback port; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def seed_url(seed_site):
    url, server = serve_folder(seed_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def pytest_configure(config):
    """Builds in the tests keep converted reports in a store of their own, not in the project's .cache/."""
    if "ARCHIVE_CACHE" not in os.environ:
        os.environ["ARCHIVE_CACHE"] = tempfile.mkdtemp(prefix="archive-cache-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop("ARCHIVE_CACHE"), ignore_errors=True))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.md from the current output (read the diff before committing)")
