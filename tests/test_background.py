"""Under `mkdocs serve`, search data written in the background takes its place in the site only when complete,
and never once a newer build has cancelled it."""
from __future__ import annotations

import threading

from scripts.site.background import DELETING, BackgroundWriter, clear_in_background


def write_index(text: str, started: threading.Event | None = None, go_on: threading.Event | None = None):
    def write(folder):
        (folder / "search-index").mkdir()
        if started:
            started.set()
            go_on.wait(10)
        (folder / "search-index" / "meta.js").write_text(text, encoding="utf-8")
    return write


def test_complete_data_takes_the_place_of_the_old(tmp_path):
    (tmp_path / "search-index").mkdir()
    (tmp_path / "search-index" / "old.js").write_text("old", encoding="utf-8")
    writer = BackgroundWriter(tmp_path, write_index("new"))
    writer.join(10)
    assert [path.name for path in tmp_path.iterdir()] == ["search-index"]  # the staging folder is gone
    assert [path.name for path in (tmp_path / "search-index").iterdir()] == ["meta.js"]


def test_a_cancelled_writer_puts_nothing_in_place(tmp_path):
    started, go_on = threading.Event(), threading.Event()
    writer = BackgroundWriter(tmp_path, write_index("stale", started, go_on))
    assert started.wait(10)
    writer.cancel()
    go_on.set()
    writer.join(10)
    assert list(tmp_path.iterdir()) == []


def test_the_last_site_is_cleared_as_mkdocs_clears_it_but_hidden_names(tmp_path):
    (tmp_path / "reports" / "deep").mkdir(parents=True)
    (tmp_path / "reports" / "deep" / "a.html").write_text("a", encoding="utf-8")
    (tmp_path / "index.html").write_text("i", encoding="utf-8")
    (tmp_path / ".keep").write_text("k", encoding="utf-8")
    (tmp_path / f"{DELETING}left-by-a-failed-build").mkdir()
    clearing = clear_in_background(tmp_path)
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith(DELETING)] == [".keep"]
    clearing.join(10)
    assert [path.name for path in tmp_path.iterdir()] == [".keep"]
    assert clear_in_background(tmp_path / "not-built-yet") is None
