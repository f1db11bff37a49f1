"""Under `mkdocs serve`, search data written in the background takes its place in the site only when complete,
and never once a newer build has cancelled it."""
from __future__ import annotations

import threading

from scripts.site.background import BackgroundWriter


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
