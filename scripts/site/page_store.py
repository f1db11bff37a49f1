"""Whole pages as MkDocs wrote them, kept in the store between builds: a page whose inputs are all unchanged
is written out from the store, without rendering its template again.

A page's key names everything its output is made from: its own address, title, metadata, table of contents
and content (or a digest of what its content is made from), and the site's: the configuration file, the
navigation, the templates, the installed packages and the site's code (site_key). The hook asks for all
keys at once before pages are written (find), gives a found page a template that writes the stored output
(STORED_TEMPLATE), and stores the output of the others as they are written (keep).
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.store import Store

STORED_TEMPLATE = "archive/stored-page.html"
STORED_TEMPLATE_SOURCE = "{{ page.archive_output }}"
SCRIPTS = Path(__file__).resolve().parents[1]
KEEP_BATCH = 100  # pages stored together


def site_key(config_file: Path, template_dirs: Iterable[str], nav_items) -> str:
    """A digest of what every page's output depends on besides the page itself: the configuration, the
    templates, the site's code (as this process imported it; also the Python version and installed packages)
    and the navigation."""
    digest = hashlib.sha256(Path(config_file).read_bytes())
    for folder in template_dirs:
        for path in sorted(Path(folder).glob("**/*.html")):
            stat = path.stat()
            digest.update(f"{path}\0{_file_digest(path, stat.st_mtime_ns, stat.st_size)}\0".encode())
    digest.update(code_fingerprint(SCRIPTS).encode())
    digest.update(json.dumps(nav_entries(nav_items), ensure_ascii=False).encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=4096)
def _file_digest(path: Path, modified: int, size: int) -> str:
    """A template's digest, read again only when the file changed (the preview server rebuilds often)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def nav_entries(items) -> list:
    """The navigation as (title, address, children): what every page shows of it."""
    return [[str(getattr(item, "title", "")), str(getattr(item, "url", "")), nav_entries(getattr(item, "children", None)
                                                                                       or [])] for item in items]


def page_key(site: str, page, content_digest: str, toc_in_content: bool = False) -> str:
    """The key of a page's output: the site's key, and the page's own inputs as the templates see them
    (`toc_in_content`: the page's table of contents is made from what `content_digest` covers)."""
    own = [page.file.src_uri, page.url, page.canonical_url, page.edit_url, page.title,
           None if toc_in_content else _toc_entries(page.toc), page.is_homepage, content_digest]
    text = json.dumps([site, own, page.meta], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def content_digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _toc_entries(toc) -> list:
    return [[item.level, item.id, item.title, _toc_entries(item.children)] for item in toc]


class StoredPages:
    """The pages of one build: which are stored, their outputs, and the outputs to store."""

    def __init__(self, store: Store):
        self.store = store
        self.pending: list[tuple[str, str, str]] = []
        self.labels: list[str] = []

    def find(self, keys: dict[str, str]) -> set[str]:
        """Of the pages' keys (page address -> key), the addresses of those whose output is stored."""
        self.labels = [_label(page) for page in keys]
        stored = self.store.find_keys(keys.values())
        return {page for page, key in keys.items() if key in stored}

    def output(self, key: str) -> str | None:
        return self.store.get_many([key], touch=False).get(key)

    def keep(self, key: str, page: str, output: str) -> None:
        self.pending.append((key, _label(page), output))
        if len(self.pending) >= KEEP_BATCH:
            self.flush()

    def flush(self) -> None:
        self.store.put_many(self.pending)
        self.pending.clear()

    def finish(self, started: float) -> None:
        """Store what is left, and drop the outputs of these pages that this build did not use."""
        self.flush()
        self.store.supersede(self.labels, started)


def _label(page: str) -> str:
    """Pages are labelled apart from source files (a source may be named like a page)."""
    return f"page:{page}"
