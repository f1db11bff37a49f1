"""Generated files of two writing tools, the 提法 bank and the shared passages: their pages and data files.
The draft check's index is written with the search index (scripts/search/kept.py).

They are made from every report's text, so they are kept in the store under a digest of all the reports
(the search index's key) and of the site's code: a build whose reports did not change takes them from there.
"""
from __future__ import annotations

from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.store import Store
from scripts.search.index import order_reports
from scripts.search.kept import index_key
from scripts.site.formulations import formulation_files
from scripts.site.page_store import content_digest
from scripts.site.shared_passages import find_shared_passages, shared_passage_files

SITE_PACKAGE = Path(__file__).resolve().parent
LABEL = "text-reuse"


def kept_text_reuse_files(reports, use_directory_urls: bool, store: Store, since: float) -> dict[str, str]:
    """text_reuse_files, from the store when a build since `since` or before made them from the same reports."""
    key = content_digest(LABEL, code_fingerprint(SITE_PACKAGE), index_key(reports, use_directory_urls))
    files = store.get_many([key]).get(key)
    if files is None:
        files = text_reuse_files(reports, use_directory_urls)
        store.put_many([(key, LABEL, files)])
    store.supersede([LABEL], since)
    return files


def text_reuse_files(reports, use_directory_urls: bool) -> dict[str, str]:
    """{path in the site: content} for the 提法 bank and the shared passages, from the archive's reports."""
    reports = order_reports(reports)
    files = formulation_files(reports, use_directory_urls)
    files |= shared_passage_files(reports, find_shared_passages(reports), use_directory_urls)
    return files
