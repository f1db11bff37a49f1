"""Runs of consecutive reports, in index order, that the search and draft-check indexes are made of one at a
time: each run's part is kept in the store under a digest of its reports, so that a build with one report
more makes only the run that report falls into again.

A run ends after a report whose slug hashes to a multiple of END_ONE_IN once it holds MIN_REPORTS, or once
it holds MAX_PARAGRAPHS: where a run ends depends on the reports near its end alone, so an added or removed
report moves no other run's ends (but those cut by MAX_PARAGRAPHS up to the next end its reports choose).
The theme pages end the same way (split_where_slugs_say).
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
    runs, first_report, first_paragraph = [], 0, 0
    for members in split_where_slugs_say(reports, MIN_REPORTS, END_ONE_IN, MAX_PARAGRAPHS,
                                         weight=lambda report: len(report.blocks)):
        if not members:  # no reports: no runs
            continue
        run = Run(first_report, first_paragraph, tuple(members))
        runs.append(run)
        first_report, first_paragraph = first_report + len(members), first_paragraph + run.paragraphs
    return runs


def split_where_slugs_say(reports: list[Report], min_reports: int, end_one_in: int, max_weight: int,
                          weight=lambda report: 1) -> list[list[Report]]:
    """Consecutive reports in groups: a group ends after a report whose slug hashes to a multiple of
    `end_one_in` once it holds `min_reports`, or once the weight of its reports reaches `max_weight`. Where a
    group ends depends on its own reports, so a report added or removed moves no other group's ends (but
    those of groups cut at `max_weight`, up to the next end a slug chooses). No reports: one empty group."""
    groups: list[list[Report]] = [[]]
    held = 0
    for report in reports:
        groups[-1].append(report)
        held += weight(report)
        if held >= max_weight or (len(groups[-1]) >= min_reports and _slug_hash(report.slug) % end_one_in == 0):
            groups.append([])
            held = 0
    return [group for group in groups if group] or [[]]


def _slug_hash(slug: str) -> int:
    return int(hashlib.blake2b(slug.encode(), digest_size=4).hexdigest(), 16)


def run_key(label: str, code: str, run: Run) -> str:
    """The key of what `code` made of a run (for `label`): its reports' digests, in order."""
    digest = hashlib.sha256(f"{label}\0{code}\0".encode())
    for report in run.reports:
        digest.update(f"{report_digest(report)}\0".encode())
    return digest.hexdigest()
