"""The 提法 bank's and shared passages' files are kept in the store for the same reports, never for others."""
from __future__ import annotations

import dataclasses
import time

from conftest import SEEDS
from scripts.convert.archive import build_archive
from scripts.convert.store import open_store
from scripts.site import formulations, text_reuse

REPORTS = build_archive(SEEDS).reports


def test_the_same_reports_take_the_kept_files_and_edited_ones_are_made_again(tmp_path, monkeypatch):
    made = []
    make = text_reuse.text_reuse_files
    monkeypatch.setattr(text_reuse, "text_reuse_files", lambda *args: made.append(1) or make(*args))
    with open_store(tmp_path) as store:
        first = text_reuse.kept_text_reuse_files(REPORTS, False, store, time.time())
        again = text_reuse.kept_text_reuse_files(REPORTS[::-1], False, store, time.time())
        assert again == first == make(REPORTS, False) and len(made) == 1
        report = REPORTS[0]
        edited = dataclasses.replace(report, meta=dataclasses.replace(report.meta, title="另一个标题"), digest="")
        assert text_reuse.kept_text_reuse_files((edited, *REPORTS[1:]), False, store, time.time()) != first
        assert len(made) == 2


def test_a_build_with_one_report_more_reads_only_that_one(tmp_path, monkeypatch):
    read = []
    found, compared = formulations.report_formulations, text_reuse.comparable_paragraphs
    monkeypatch.setattr(formulations, "report_formulations",
                        lambda report, rules: read.append(report.slug) or found(report, rules))
    monkeypatch.setattr(text_reuse, "comparable_paragraphs", lambda report: read.append(report.slug) or compared(report))
    with open_store(tmp_path) as store:
        text_reuse.kept_text_reuse_files(REPORTS[1:], False, store, time.time())
        assert sorted(read) == sorted(2 * [report.slug for report in REPORTS[1:]])
        read.clear()
        files = text_reuse.kept_text_reuse_files(REPORTS, False, store, time.time())
        assert read == 2 * [REPORTS[0].slug]
        assert files == text_reuse.text_reuse_files(REPORTS, False)


def test_edited_formulation_rules_make_the_files_again(tmp_path, monkeypatch):
    with open_store(tmp_path / "cache") as store:
        first = text_reuse.kept_text_reuse_files(REPORTS, False, store, time.time())
        rules = tmp_path / "formulations.yml"
        rules.write_text(formulations.RULES_FILE.read_text(encoding="utf-8")
                         + "  - name: 一切\n    pattern: '.'\n", encoding="utf-8")
        monkeypatch.setattr(formulations, "RULES_FILE", rules)
        again = text_reuse.kept_text_reuse_files(REPORTS, False, store, time.time())
        assert again["formulations/data.js"] != first["formulations/data.js"]
        assert again == text_reuse.text_reuse_files(REPORTS, False)
