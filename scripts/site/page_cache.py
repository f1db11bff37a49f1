"""Under `mkdocs serve`, a page whose Markdown has not changed since the last build is not converted again.

MkDocs converts every page on every rebuild; on a 100-report archive that alone takes seconds. The hook
calls start_build once per build, skip_if_unchanged on each page's Markdown and reuse_if_unchanged on
its HTML: an unchanged page gets the HTML, table of contents and title it had last time. Kept only for
pages of the last build, and keyed by the config file too, so nothing stale outlives a change.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

_previous: dict[tuple[str, str], tuple] = {}
_current: dict[tuple[str, str], tuple] = {}
_config_digest = [""]


def start_build(config) -> None:
    global _previous, _current
    _previous, _current = _current, {}
    _config_digest[0] = hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest()


def skip_if_unchanged(markdown: str, page) -> str:
    """The Markdown to convert: none at all when the page's HTML from the last build still holds."""
    page.archive_cache_key = (page.file.src_uri, hashlib.sha256((_config_digest[0] + markdown).encode()).hexdigest())
    return "" if page.archive_cache_key in _previous else markdown


def reuse_if_unchanged(html: str, page) -> str:
    key = getattr(page, "archive_cache_key", None)
    if key in _previous:
        html, page.toc, page._title_from_render, page.present_anchor_ids = _previous[key]
        page.links_to_anchors = {}  # their anchors were checked when the page was first converted
    if key is not None:
        _current[key] = (html, page.toc, page._title_from_render, page.present_anchor_ids)
    return html
