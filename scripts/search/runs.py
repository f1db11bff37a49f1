"""Runs of consecutive reports, in index order, that the search and draft-check indexes are made of one at a
time: each run's part is kept in the store under a digest of its reports, so that a build with one report
more makes only the run that report falls into again.

A run ends after a report whose slug hashes to a multiple of END_ONE_IN once it holds MIN_REPORTS, or once
it holds MAX_PARAGRAPHS: where a run ends depends on the reports near its end alone, so an added or removed
report moves no other run's ends (but those cut by MAX_PARAGRAPHS up to the next end its reports choose).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from scripts.convert.model import Report, report_digest

MIN_REPORTS = 50
END_ONE_IN = 250  # past the minimum, one report in this many ends a run (about 300 reports a run)
MAX_PARAGRAPHS = 30_000  # a worker's share of memory; a run ends here whatever its reports say


@dataclass(frozen=True)
class Run:
    first_report: int  # numbers in index order: the run's reports and paragraphs are numbered from these
    first_paragraph: int
    reports: tuple[Report, ...]

    @property
    def texts(self) -> list[str]:
        return [block.text for report in self.reports for block in report.blocks]

    @property
    def paragraphs(self) -> int:
        return sum(len(report.blocks) for report in self.reports)


def report_runs(reports: list[Report]) -> list[Run]:
    """The reports (in index order) as runs."""
    runs, current, paragraphs, first_report, first_paragraph = [], [], 0, 0, 0
    for number, report in enumerate(reports):
        current.append(report)
        paragraphs += len(report.blocks)
        if paragraphs >= MAX_PARAGRAPHS or (len(current) >= MIN_REPORTS and _ends_run(report.slug)):
            runs.append(Run(first_report, first_paragraph, tuple(current)))
            current, first_report, first_paragraph = [], number + 1, first_paragraph + paragraphs
            paragraphs = 0
    if current:
        runs.append(Run(first_report, first_paragraph, tuple(current)))
    return runs


def _ends_run(slug: str) -> bool:
    return int(hashlib.blake2b(slug.encode(), digest_size=4).hexdigest(), 16) % END_ONE_IN == 0


def run_key(label: str, code: str, run: Run) -> str:
    """The key of what `code` made of a run (for `label`): its reports' digests, in order."""
    digest = hashlib.sha256(f"{label}\0{code}\0".encode())
    for report in run.reports:
        digest.update(f"{report_digest(report)}\0".encode())
    return digest.hexdigest()
