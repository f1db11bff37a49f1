"""The search and draft-check indexes of the last build, kept in the cache folder and linked into the site
when a later build indexes the same reports: an archive whose text and metadata did not change is not
indexed again. Each index is built and kept on its own, so that two processes can build them side by side.

The key is a digest of all that the index is made of (each report's digest: what it was made from) and
of the search code. A kept index is complete or absent: it is written beside the
others and renamed into place, and only the latest one of each is kept.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.model import report_digest
from scripts.convert.store import open_store
from scripts.search import fingerprints
from scripts.search.fingerprints import build_draft_index
from scripts.search.index import INDEX_DIR, SEARCH_PACKAGE, build_search_index

KEPT_DIR = "search-index"
STAGING = ".incomplete-"  # a kept index being written
BUILDERS = {INDEX_DIR: build_search_index, fingerprints.INDEX_DIR: build_draft_index}  # the site's folder of each


def build_or_reuse(reports, site_dir: Path, cache_dir: Path, use_directory_urls: bool = True,
                   index: str = INDEX_DIR, **options) -> bool:
    """Write one of the site's indexes (its folder: INDEX_DIR or the draft check's), from the kept one when it
    indexes the same; True when it was reused. `options` are its builder's."""
    key, target = index_key(reports, use_directory_urls), Path(site_dir) / index
    kept = Path(cache_dir) / KEPT_DIR / index / key
    if kept.is_dir():
        shutil.rmtree(target, ignore_errors=True)
        try:
            _link_tree(kept, target)
            return True
        except OSError:  # replaced by another build's meanwhile: index as if it had never been kept
            shutil.rmtree(target, ignore_errors=True)
    with open_store(cache_dir) as store:  # the runs of reports indexed before are taken from there
        BUILDERS[index](reports, site_dir, use_directory_urls, store=store, **options)
    _keep(target, Path(cache_dir) / KEPT_DIR / index, key)
    return False


def index_key(reports, use_directory_urls: bool) -> str:
    digest = hashlib.sha256(f"{code_fingerprint(SEARCH_PACKAGE)}\0{use_directory_urls}\0".encode())
    for report in sorted(reports, key=lambda report: report.slug):
        digest.update(f"{report_digest(report)}\0".encode())
    return digest.hexdigest()


def _keep(index: Path, folder: Path, key: str) -> None:
    """Link the site's index into the cache folder under its key, in place of any others (at best: it is a
    cache)."""
    folder.mkdir(parents=True, exist_ok=True)
    for other in folder.parent.iterdir():  # kept by a version that kept both indexes together
        if other.name not in BUILDERS:
            shutil.rmtree(other, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
    try:
        _link_tree(index, staging / "index")
        os.rename(staging / "index", folder / key)
    except OSError:  # another build kept the same index first, or the disk is full
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for other in folder.iterdir():
        if other.name != key and not other.name.startswith(STAGING):
            shutil.rmtree(other, ignore_errors=True)


def _link_tree(source: Path, target: Path) -> None:
    """A copy of the folder whose files are hard links (a plain copy where the file system has none)."""
    shutil.copytree(source, target, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
