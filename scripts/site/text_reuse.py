"""Generated files of two writing tools, the 提法 bank and the shared passages: their pages and data files.
The draft check's index is written with the search index (scripts/search/kept.py).

They are made from every report's text, so they are kept in the store under a digest of all the reports
(the search index's key), of the site's code and of the 提法 rules: a build whose reports did not change
takes them from there. What the tools read of each report (its formulations, its paragraphs normalised for
comparing) is kept too, by the report's digest, so that a build with one report more reads only that one.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.model import Report, report_digest
from scripts.convert.store import Store
from scripts.search.index import order_reports
from scripts.search.kept import index_key
from scripts.site import formulations
from scripts.site.page_store import content_digest
from scripts.site.shared_passages import comparable_paragraphs, find_shared_passages, shared_passage_files

SITE_PACKAGE = Path(__file__).resolve().parent
LABEL = "text-reuse"
READ_LABEL = "text-reuse-reads"


@dataclass(frozen=True)
class ReportReads:
    """What the two tools read of one report."""
    formulations: tuple[tuple[str, str], ...]  # formulations.report_formulations
    paragraphs: tuple[tuple[int, str], ...]  # shared_passages.comparable_paragraphs


def kept_text_reuse_files(reports, use_directory_urls: bool, store: Store, since: float) -> dict[str, str]:
    """text_reuse_files, from the store when a build since `since` or before made them from the same reports."""
    code = _code_key()
    key = content_digest(LABEL, code, index_key(reports, use_directory_urls))
    files = store.get_many([key]).get(key)
    if files is None:
        reports = order_reports(reports)
        files = text_reuse_files(reports, use_directory_urls, kept_reads(reports, code, store))
        store.put_many([(key, LABEL, files)])
        store.supersede([READ_LABEL], since)  # else they are kept with the files they made
    store.supersede([LABEL], since)
    return files


def kept_reads(reports: list[Report], code: str, store: Store) -> list[ReportReads]:
    """Each report's ReportReads, from the store where an earlier build read the same report with the same code."""
    keys = [content_digest(READ_LABEL, code, report_digest(report)) for report in reports]
    kept = store.get_many(keys)
    rules = formulations.load_formulation_rules()
    made = {key: read_report(report, rules) for key, report in zip(keys, reports) if key not in kept}
    store.put_many((key, READ_LABEL, reads) for key, reads in made.items())
    return [kept.get(key) or made[key] for key in keys]


def read_report(report: Report, rules: formulations.FormulationRules) -> ReportReads:
    return ReportReads(formulations.report_formulations(report, rules), comparable_paragraphs(report))


def text_reuse_files(reports, use_directory_urls: bool, reads: list[ReportReads] | None = None) -> dict[str, str]:
    """{path in the site: content} for the 提法 bank and the shared passages, from the archive's reports
    (and what the tools read of each, in order_reports order, when it is known)."""
    reports = order_reports(reports)
    if reads is None:
        rules = formulations.load_formulation_rules()
        reads = [read_report(report, rules) for report in reports]
    files = formulations.formulation_files(reports, use_directory_urls, [r.formulations for r in reads])
    passages = find_shared_passages(reports, [r.paragraphs for r in reads])
    return files | shared_passage_files(reports, passages, use_directory_urls)


def _code_key() -> str:
    """The site's code and the 提法 rules (data, not code, but they decide what is read)."""
    rules = hashlib.sha256(formulations.RULES_FILE.read_bytes()).hexdigest()
    return f"{code_fingerprint(SITE_PACKAGE)}\0{rules}"
