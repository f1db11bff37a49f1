"""Generated files of two writing tools, the 提法 bank and the shared passages: their pages and data files.
The draft check's index is written after the build, like the search index (scripts/search/fingerprints.py)."""
from __future__ import annotations

from scripts.search.index import order_reports
from scripts.site.formulations import formulation_files
from scripts.site.shared_passages import find_shared_passages, shared_passage_files


def text_reuse_files(reports, use_directory_urls: bool) -> dict[str, str]:
    """{path in the site: content} for the 提法 bank and the shared passages, from the archive's reports."""
    reports = order_reports(reports)
    files = formulation_files(reports, use_directory_urls)
    files |= shared_passage_files(reports, find_shared_passages(reports), use_directory_urls)
    return files
