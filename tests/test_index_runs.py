"""The search and draft-check indexes are made run of reports by run, each run kept in the store: a build with
one report more makes one run again, and its files are those of a build without the store."""
from __future__ import annotations

import random

from scripts.bench.synth import seed_paragraphs, synth_reports
from scripts.convert.store import open_store
from scripts.search import fingerprints, index, runs
from scripts.search.fingerprints import LOCATIONS, build_draft_index, collect_fingerprints, keys_of, merge_tables
from scripts.search.index import build_search_index, order_reports
from conftest import SEEDS

REPORTS = synth_reports(400, seed_paragraphs(SEEDS))


def files_of(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_runs_hold_every_report_once_in_order_and_number_them_from_where_they_start(monkeypatch):
    monkeypatch.setattr(runs, "MIN_REPORTS", 5)
    monkeypatch.setattr(runs, "END_ONE_IN", 20)
    ordered = order_reports(REPORTS)
    made = runs.report_runs(ordered)
    assert [report for run in made for report in run.reports] == ordered and len(made) > 5
    for run in made:
        assert ordered[run.first_report] is run.reports[0]
        assert run.first_paragraph == sum(len(report.blocks) for report in ordered[:run.first_report])


def test_a_report_added_changes_few_runs(monkeypatch):
    monkeypatch.setattr(runs, "MIN_REPORTS", 5)
    monkeypatch.setattr(runs, "END_ONE_IN", 20)
    ordered = order_reports(REPORTS)
    before = {tuple(r.slug for r in run.reports) for run in runs.report_runs(ordered[1:])}
    changed = []
    for added in random.Random(7).sample(range(len(ordered)), 40):
        reports = order_reports([*ordered[1:], ordered[added]] if added else ordered)
        after = {tuple(r.slug for r in run.reports) for run in runs.report_runs(reports)}
        changed.append(len(after - before))
    assert max(changed) <= 2 and sum(changed) / len(changed) < 1.5


def test_kept_runs_give_the_files_of_an_index_made_without_the_store(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "MIN_REPORTS", 5)
    monkeypatch.setattr(runs, "END_ONE_IN", 20)
    encoded = []
    real = index.encode_run
    monkeypatch.setattr(index, "encode_run", lambda texts: encoded.append(len(texts)) or real(texts))
    collected = []
    real_collect = fingerprints.collect_fingerprints
    monkeypatch.setattr(fingerprints, "collect_fingerprints",
                        lambda reports: collected.append(len(reports)) or real_collect(reports))
    with open_store(tmp_path / "cache") as store:
        for reports in (REPORTS[1:], REPORTS):
            encoded.clear(), collected.clear()
            build_search_index(reports, tmp_path / "kept", workers=1, store=store)
            build_draft_index(reports, tmp_path / "kept", store=store)
    assert 1 <= len(encoded) <= 2 and 1 <= len(collected) <= 2  # the run the added report falls into
    build_search_index(REPORTS, tmp_path / "made", workers=1)
    build_draft_index(REPORTS, tmp_path / "made")
    assert files_of(tmp_path / "kept") == files_of(tmp_path / "made")


def brute_force_table(reports) -> dict:
    """Every paragraph's fingerprints counted one by one: key -> [paragraphs, reports, first places]."""
    table = {}
    for number, report in enumerate(reports):
        for block in report.blocks:
            for key in keys_of(block.text):
                entry = table.setdefault(key, [0, set(), []])
                entry[0] += 1
                entry[1].add(number)
                entry[2].append([number, block.anchor])
    return {key: [paragraphs, len(numbers), *places[:LOCATIONS]] for key, (paragraphs, numbers, places) in table.items()}


def test_merged_tables_of_runs_are_the_table_of_all_reports():
    ordered = order_reports(REPORTS[:60])
    cuts = [0, 7, 8, 31, 60]
    tables = (collect_fingerprints(ordered[a:b]) for a, b in zip(cuts, cuts[1:]))
    expected = brute_force_table(ordered)
    assert merge_tables(tables, cuts[:-1]) == expected == collect_fingerprints(ordered)
    assert any(entry[1] > 1 for entry in expected.values())  # some fingerprints are in more than one report
