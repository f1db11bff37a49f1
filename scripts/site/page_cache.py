"""A page whose Markdown has not changed since an earlier build is not converted again.

MkDocs converts every page's Markdown on every build: at 10,000 reports the theme pages alone take seconds.
The hook calls start_build once per build (with the build's store), skip_if_unchanged on each page's
Markdown, reuse_if_unchanged on its HTML and finish_build at the end: an unchanged page gets the HTML,
table of contents and title it had. The last build's pages are kept in memory (`mkdocs serve`) and in the
store, under a digest of the configuration and the code that converts Markdown, so nothing stale outlives
a change to either.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.store import Store

LABEL = "markdown-pages"
SCRIPTS = Path(__file__).resolve().parents[1]  # the fingerprint also covers the installed packages (Markdown's)
_previous: dict[tuple[str, str], tuple] = {}
_current: dict[tuple[str, str], tuple] = {}
_build: dict = {"digest": "", "key": "", "store": None, "since": 0.0}


def start_build(config, store: Store | None = None, since: float = 0.0) -> None:
    """The pages of the last build of this process, else of the store's; `since`: when this build started."""
    global _previous, _current
    config_digest = hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest()
    key = hashlib.sha256(f"{LABEL}\0{config_digest}\0{code_fingerprint(SCRIPTS)}".encode()).hexdigest()
    if _build["key"] != key or not _current:
        _current = store.get_many([key]).get(key, {}) if store else {}
    _previous, _current = _current, {}
    _build.update(digest=config_digest, key=key, store=store, since=since)


def skip_if_unchanged(markdown: str, page) -> str:
    """The Markdown to convert: none at all when the page's HTML from the last build still holds."""
    page.archive_cache_key = (page.file.src_uri, hashlib.sha256((_build["digest"] + markdown).encode()).hexdigest())
    return "" if page.archive_cache_key in _previous else markdown


def reuse_if_unchanged(html: str, page) -> str:
    key = getattr(page, "archive_cache_key", None)
    if key in _previous:
        html, page.toc, page._title_from_render, page.present_anchor_ids = _previous[key]
        page.links_to_anchors = {}  # their anchors were checked when the page was first converted
    if key is not None:
        _current[key] = (html, page.toc, page._title_from_render, page.present_anchor_ids)
    return html


def finish_build() -> None:
    """Keep this build's pages in the store, unless they are the ones it holds already."""
    store, key = _build["store"], _build["key"]
    if store and _current.keys() != _previous.keys():
        store.put_many([(key, LABEL, _current)])
    elif store:
        store.touch([key])
    if store:
        store.supersede([LABEL], _build["since"])
    _build["store"] = None
