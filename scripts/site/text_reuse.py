"""Data files of two writing tools, the 提法 bank and the shared passages; their pages are shells that the
browser fills from them (text_reuse_pages). They are written with the search data, by the process that writes
it (scripts/site/background.py), as is the draft check's index (scripts/search/kept.py).

They are made from every report's text, so they are kept in the store under a digest of all the reports
(the search index's key), of the site's code and of the 提法 rules: a build whose reports did not change
takes them from there. What the tools read of each report (its formulations, its paragraphs normalised for
comparing) is kept too, by the report's digest, so that a build with one report more reads only that one.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.model import Report, report_digest
from scripts.convert.store import Store
from scripts.search.datafile import write_files
from scripts.search.index import order_reports
from scripts.search.kept import index_key
from scripts.site import formulations
from scripts.site.page_store import content_digest
from scripts.site.shared_passages import (
    OVERVIEW_PAGE,
    PAGE_URI,
    comparable_paragraphs,
    find_shared_passages,
    shared_passage_files,
)

SITE_PACKAGE = Path(__file__).resolve().parent
LABEL = "text-reuse"
FORMULATIONS_LABEL = "text-reuse-formulations"
PARAGRAPHS_LABEL = "text-reuse-paragraphs"
READ_BATCH = 500  # reports read from the store at once


def text_reuse_pages() -> dict[str, str]:
    """{path in the site: Markdown} of the two tools' pages."""
    return {formulations.PAGE_URI: formulations.PAGE, PAGE_URI: OVERVIEW_PAGE}


def write_text_reuse_data(reports, site_dir: Path, use_directory_urls: bool, store: Store, since: float) -> None:
    write_files(site_dir, kept_text_reuse_files(reports, use_directory_urls, store, since))


def kept_text_reuse_files(reports, use_directory_urls: bool, store: Store, since: float) -> dict[str, str]:
    """text_reuse_files, from the store when a build since `since` or before made them from the same reports."""
    code = _code_key()
    key = content_digest(LABEL, code, index_key(reports, use_directory_urls))
    files = store.get_many([key]).get(key)
    if files is None:
        reports = order_reports(reports)
        rules = formulations.load_formulation_rules()
        found = kept_per_report(reports, FORMULATIONS_LABEL, code, store,
                                lambda report: formulations.report_formulations(report, rules))
        paragraphs = kept_per_report(reports, PARAGRAPHS_LABEL, code, store, comparable_paragraphs)
        files = text_reuse_files(reports, use_directory_urls, found, paragraphs)
        store.put_many([(key, LABEL, files)])
        store.supersede([FORMULATIONS_LABEL, PARAGRAPHS_LABEL], since)  # else they are kept with the files they made
    store.supersede([LABEL], since)
    return files


def kept_per_report(reports: list[Report], label: str, code: str, store: Store, read) -> Iterator:
    """read(report) for each report in turn, from the store where a build read the same report with the same
    code, a batch of reports at a time: only what is being used is held."""
    for start in range(0, len(reports), READ_BATCH):
        batch = reports[start:start + READ_BATCH]
        keys = [content_digest(label, code, report_digest(report)) for report in batch]
        kept = store.get_many(keys)
        made = {key: read(report) for key, report in zip(keys, batch) if key not in kept}
        store.put_many((key, label, value) for key, value in made.items())
        yield from (kept[key] if key in kept else made[key] for key in keys)


def text_reuse_files(reports, use_directory_urls: bool, found_per_report=None,
                     paragraphs_per_report=None) -> dict[str, str]:
    """{path in the site: content} of the 提法 bank's and the shared passages' data, from the reports (and,
    when they are known, the formulations and comparable paragraphs of each, in order_reports order)."""
    reports = order_reports(reports)
    files = formulations.formulation_files(reports, use_directory_urls, found_per_report)
    passages = find_shared_passages(reports, paragraphs_per_report)
    return files | shared_passage_files(reports, passages, use_directory_urls)


def _code_key() -> str:
    """The site's code and the 提法 rules (data, not code, but they decide what is read)."""
    rules = hashlib.sha256(formulations.RULES_FILE.read_bytes()).hexdigest()
    return f"{code_fingerprint(SITE_PACKAGE)}\0{rules}"
