"""Search data written by another process: under `mkdocs serve` it takes its place in the site only when complete,
and never once a newer build has cancelled it; its process never outlives the build."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from scripts.site.background import BackgroundWriter, hold, put_back
from scripts.site.last_site import LastSite

ROOT = Path(__file__).resolve().parents[1]


def write_index(text: str, started: Path | None = None):
    """A writer (it runs in another process): the index, or with `started`, the index begun, that mark
    written, and then no end."""
    def write(folder):
        (folder / "search-index").mkdir()
        if started:
            started.write_text("", encoding="utf-8")
            time.sleep(60)
        (folder / "search-index" / "meta.js").write_text(text, encoding="utf-8")
    return write


def test_complete_data_takes_the_place_of_the_old(tmp_path):
    (tmp_path / "search-index").mkdir()
    (tmp_path / "search-index" / "old.js").write_text("old", encoding="utf-8")
    writer = BackgroundWriter(tmp_path, write_index("new"))
    writer.join(30)
    assert [path.name for path in tmp_path.iterdir()] == ["search-index"]  # the staging folder is gone
    assert [path.name for path in (tmp_path / "search-index").iterdir()] == ["meta.js"]


def test_a_cancelled_writer_is_stopped_and_puts_nothing_in_place(tmp_path):
    site, started = tmp_path / "site", tmp_path / "started"
    site.mkdir()
    writer = BackgroundWriter(site, write_index("stale", started))
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists()
    writer.cancel()
    writer.join(30)
    assert not writer.thread.is_alive() and not writer.process.process.is_alive()  # not left to sleep out its 60 s
    assert list(site.iterdir()) == []


def test_a_failed_writer_is_said_and_puts_nothing_in_place(tmp_path, monkeypatch):
    def fail(folder):
        (folder / "search-index").mkdir()
        raise OSError("disk full")

    raised = []
    monkeypatch.setattr(threading, "excepthook", lambda args: raised.append(args.exc_type))
    BackgroundWriter(tmp_path, fail).join(30)
    assert raised == [RuntimeError]
    assert list(tmp_path.iterdir()) == []


def test_held_search_data_outlasts_the_clearing_and_comes_back(tmp_path):
    (tmp_path / "search-index").mkdir()
    (tmp_path / "search-index" / "meta.js").write_text("last", encoding="utf-8")
    (tmp_path / "index.html").write_text("page", encoding="utf-8")
    hold(tmp_path, ["search-index", "not-written-yet"])
    last = LastSite(tmp_path)
    last.discard()
    last.join()
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith(".")] == []
    (tmp_path / "index.html").write_text("new page", encoding="utf-8")
    put_back(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["index.html", "search-index"]
    assert (tmp_path / "search-index" / "meta.js").read_text(encoding="utf-8") == "last"


def test_a_writer_whose_build_is_killed_stops_too(tmp_path):
    """A build killed with no time to stop its writer (SIGKILL, say) leaves no process behind writing."""
    pid_file = tmp_path / "writer.pid"
    build = subprocess.run([sys.executable, "-c", f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from scripts.site.background import ForkedWriter

def write(folder):
    (folder / "writer.pid").write_text(str(os.getpid()))
    time.sleep(60)

ForkedWriter(Path({str(tmp_path)!r}), write)
while not Path({str(pid_file)!r}).exists():
    time.sleep(0.05)
os._exit(0)  # as if killed: nothing runs after this
"""], timeout=60)
    assert build.returncode == 0
    writer = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while _alive(writer) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(writer)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
