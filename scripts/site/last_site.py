"""The last build's site, set aside as a build starts: the pages that this build would write again unchanged
are moved back into place (at 10,000 reports MkDocs would otherwise write 10,000 report pages again, each
read from the store), and the rest is deleted by a thread while the build goes on.

MkDocs deletes what the site folder holds (all but hidden names) file by file before it writes the site;
set aside into a hidden folder there, nothing is left for it to delete. Which page each file of the site
is, and what it was made from (its page_store key), is listed in a hidden manifest written with the site
(write_manifest): a file is taken back only when the page's key and the file's size are the ones listed.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from pathlib import Path

MANIFEST = ".archive-pages.json"
SET_ASIDE = ".last-site-"  # hidden: MkDocs leaves hidden names in the site folder alone


class LastSite:
    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self.folder = self.site_dir / f"{SET_ASIDE}{uuid.uuid4().hex}"
        self.listed: dict[str, list] = {}  # path in the site -> [page key, size in bytes]
        self.threads: list[threading.Thread] = []
        if not self.site_dir.is_dir():
            return
        self.listed = _read_manifest(self.site_dir / MANIFEST)
        self.folder.mkdir()
        left_over = []  # by a build that failed before it deleted what it set aside
        for entry in os.listdir(self.site_dir):
            if entry.startswith(SET_ASIDE) and entry != self.folder.name:
                left_over.append(self.site_dir / entry)
            elif not entry.startswith(".") or entry == MANIFEST:
                os.replace(self.site_dir / entry, self.folder / entry)
        holding_pages = {path.split("/", 1)[0] for path in self.listed}
        self._delete(left_over + [self.folder / entry for entry in os.listdir(self.folder)
                                  if entry not in holding_pages])

    def take(self, pages: dict[str, str]) -> set[str]:
        """Of `pages` (path in the site -> key of the page to write there), those whose file in the last site
        was made from the same key, moved back into place."""
        taken = set()
        for path, key in pages.items():
            listed, source = self.listed.get(path), self.folder / path
            try:
                if not listed or listed[0] != key or source.stat().st_size != listed[1]:
                    continue
                (self.site_dir / path).parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, self.site_dir / path)
            except (OSError, TypeError, IndexError):  # gone, or listed as no build of ours lists it
                continue
            taken.add(path)
        return taken

    def discard(self) -> None:
        """Delete what was not taken back."""
        self._delete([self.folder])

    def join(self) -> None:
        for thread in self.threads:
            thread.join()

    def _delete(self, paths: list[Path]) -> None:
        if paths:
            thread = threading.Thread(target=_delete_all, args=(paths,), daemon=True)
            thread.start()
            self.threads.append(thread)


def write_manifest(site_dir: Path, pages: dict[str, str]) -> None:
    """List the pages written (path in the site -> key) with their sizes, for the next build to take back."""
    listed = {}
    for path, key in pages.items():
        try:
            listed[path] = [key, (Path(site_dir) / path).stat().st_size]
        except OSError:  # not written
            continue
    (Path(site_dir) / MANIFEST).write_text(json.dumps(listed, ensure_ascii=False), encoding="utf-8")


def _read_manifest(path: Path) -> dict[str, list]:
    try:
        listed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or not one of ours: nothing is taken back
        return {}
    return listed if isinstance(listed, dict) else {}


def _delete_all(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
