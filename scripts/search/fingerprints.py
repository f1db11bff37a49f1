"""Reports -> the static index of the draft check (docs/assets/draft-check.js): hashed sentence and clause
fingerprints, sharded by hash, so that a pasted draft is checked in the browser and never sent anywhere.

A paragraph is cut into sentences (at 。！？；… and line ends) and each sentence into clauses (at ，：).
A fingerprint is the folded text (scripts/search/fold.py) of a run of up to MAX_RUN consecutive clauses
of one sentence, or of a whole sentence, when it has at least MIN_CHARS folded characters. So a draft
sentence that copies an archive sentence, or any run of its clauses, has a fingerprint in the index.
Its key is the CRC-32 and Adler-32 of the folded text's UTF-8 and its length (zlib here, a few lines in the
browser); a draft run matches only when all three do. A check loads only the shards its runs hash to.
Files under <site>/draft-index/:
  meta.js     the number of shards, the report URL pattern, the number of reports
  f/<n>.js    fingerprints whose CRC-32 % shards == n: "crc//shards.adler.length" (base 36) ->
              [paragraphs, reports, [report, anchor]…] (the first LOCATIONS paragraphs, newest first)
  r/<n>.js    reports n*100 … n*100+99: [slug, title, organization, level, year]
"""
from __future__ import annotations

import math
import re
import shutil
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.store import Store
from scripts.search.datafile import write_data_script
from scripts.search.fold import fold
from scripts.search.index import SEARCH_PACKAGE, order_reports, report_url
from scripts.search.runs import report_runs, run_key

INDEX_DIR = "draft-index"
RUNS_LABEL = "draft-index-runs"
MIN_CHARS = 8  # shortest fingerprint, in folded characters (short clauses like 一是 say nothing)
MAX_RUN = 6  # longest run of clauses fingerprinted; a longer sentence is fingerprinted whole as well
LOCATIONS = 6  # paragraphs kept per fingerprint (the counts are exact)
SHARD_BYTES = 3_000  # aim for fingerprint shards of about this size: a check loads one per run looked up
REPORTS_PER_FILE = 100
SENTENCE_END = "。！？；!?;…\n"  # the same sets are in draft-check.js
CLAUSE_END = "，,：:"
_SPLIT = re.compile(f"([{re.escape(SENTENCE_END + CLAUSE_END)}])")


@dataclass(frozen=True)
class DraftIndexStats:
    fingerprints: int
    files: int
    bytes: int


def split_sentences(text: str) -> list[list[str]]:
    """The sentences of a text, each a list of its clauses as written (punctuation left out)."""
    sentences: list[list[str]] = [[]]
    parts = _SPLIT.split(text)
    for piece, mark in zip(parts[0::2], parts[1::2] + [""]):
        if piece:
            sentences[-1].append(piece)
        if mark in SENTENCE_END and sentences[-1]:
            sentences.append([])
    return [sentence for sentence in sentences if sentence]


def runs_of_sentence(clauses: list[str]) -> list[str]:
    """The folded texts fingerprinted for one sentence: runs of up to MAX_RUN clauses, and the whole."""
    folded = [f for f in map(fold, clauses) if f]
    runs = []
    for first in range(len(folded)):
        text = ""
        for clause in folded[first:first + MAX_RUN]:
            text += clause
            if len(text) >= MIN_CHARS:
                runs.append(text)
    if len(folded) > MAX_RUN and len(whole := "".join(folded)) >= MIN_CHARS:
        runs.append(whole)
    return list(dict.fromkeys(runs))


def fingerprints_of(text: str) -> list[str]:
    """Every fingerprinted run of a paragraph, once each."""
    return list(dict.fromkeys(run for sentence in split_sentences(text) for run in runs_of_sentence(sentence)))


def fingerprint_key(run: str) -> tuple[int, int, int]:
    """(CRC-32, Adler-32, length) of a folded run: the browser computes the same from the same text."""
    data = run.encode("utf-8")
    return zlib.crc32(data), zlib.adler32(data), len(run)


def format_key(key: tuple[int, int, int], shard_count: int) -> tuple[int, str]:
    """The shard of a fingerprint and its key there: the rest of its CRC-32, its Adler-32 and length."""
    crc, adler, length = key
    return crc % shard_count, f"{_base36(crc // shard_count)}.{_base36(adler)}.{_base36(length)}"


def keys_of(text: str) -> dict[tuple[int, int, int], None]:
    """fingerprint_key() of every fingerprinted run of a paragraph, once each, in order. The same as keying
    fingerprints_of(text), but each run's CRC-32 and Adler-32 continue those of the run one clause shorter."""
    keys: dict[tuple[int, int, int], None] = {}
    for sentence in split_sentences(text):
        clauses = [(f.encode("utf-8"), len(f)) for f in map(fold, sentence) if f]
        for first in range(len(clauses)):
            crc, adler, length = 0, 1, 0
            for data, chars in clauses[first:first + MAX_RUN]:
                crc, adler, length = zlib.crc32(data, crc), zlib.adler32(data, adler), length + chars
                if length >= MIN_CHARS:
                    keys[crc, adler, length] = None
        if len(clauses) > MAX_RUN:
            whole = b"".join(data for data, _ in clauses)
            if (length := sum(chars for _, chars in clauses)) >= MIN_CHARS:
                keys[zlib.crc32(whole), zlib.adler32(whole), length] = None
    return keys


def collect_fingerprints(reports) -> dict[tuple[int, int, int], list]:
    """(crc, key) -> [paragraphs, reports, [report, anchor]…]; reports numbered in the order given."""
    table: dict[tuple[int, str], list] = {}
    last_report: dict[tuple[int, int, int], int] = {}
    for number, report in enumerate(reports):
        for block in report.blocks:
            for key in keys_of(block.text):
                entry = table.get(key)
                if entry is None:
                    table[key], last_report[key] = [1, 1, [number, block.anchor]], number
                    continue
                entry[0] += 1
                if last_report[key] != number:
                    entry[1] += 1
                    last_report[key] = number
                if len(entry) < LOCATIONS + 2:
                    entry.append([number, block.anchor])
    return table


def merge_tables(tables, first_reports) -> dict[tuple[int, int, int], list]:
    """The collect_fingerprints of runs of reports, one after another, as one table: each run's reports are
    numbered from its first report's number. The tables are read one at a time (an iterator of them holds
    only the one in use)."""
    merged: dict[tuple[int, int, int], list] = {}
    for first, table in zip(first_reports, tables, strict=True):
        for key, (paragraphs, reports, *places) in table.items():
            entry = merged.get(key)
            if entry is None:
                merged[key] = [paragraphs, reports, *([first + number, anchor] for number, anchor in places)]
                continue
            entry[0] += paragraphs
            entry[1] += reports
            entry += ([first + number, anchor] for number, anchor in places[:LOCATIONS + 2 - len(entry)])
    return merged


def _run_table(run, store: Store | None) -> dict:
    """collect_fingerprints of a run's reports, from the store where a build made it for the same reports."""
    key = run_key(RUNS_LABEL, code_fingerprint(SEARCH_PACKAGE), run)
    table = store.get_many([key]).get(key) if store else None
    if table is None:
        table = collect_fingerprints(run.reports)
        if store:
            store.put_many([(key, RUNS_LABEL, table)])
    return table


def build_draft_index(reports, site_dir: Path, use_directory_urls: bool = True,
                      store: Store | None = None) -> DraftIndexStats:
    """Write <site>/draft-index/ from the reports (the same archive as the pages). Given a store, each run of
    reports' table is kept there and taken from there for the same reports, one run at a time."""
    started, index_dir = time.time(), Path(site_dir) / INDEX_DIR
    shutil.rmtree(index_dir, ignore_errors=True)
    reports = order_reports(reports)
    runs = report_runs(reports)
    table = merge_tables((_run_table(run, store) for run in runs), [run.first_report for run in runs])
    if store:
        store.supersede([RUNS_LABEL], started)
    entry_bytes = sum(24 + 10 * (len(entry) - 2) for entry in table.values())  # about what JSON makes of them
    shard_count = max(1, math.ceil(entry_bytes / SHARD_BYTES))
    shards: list[dict] = [{} for _ in range(shard_count)]
    for key, entry in table.items():
        shard, text = format_key(key, shard_count)
        shards[shard][text] = entry
    written = sum(write_data_script(site_dir, f"{INDEX_DIR}/f/{n}", shard) for n, shard in enumerate(shards))
    for first in range(0, len(reports), REPORTS_PER_FILE):
        rows = [[r.slug, r.meta.title, r.meta.organization, r.meta.level, r.meta.year]
                for r in reports[first:first + REPORTS_PER_FILE]]
        written += write_data_script(site_dir, f"{INDEX_DIR}/r/{first // REPORTS_PER_FILE}", rows)
    meta = {"shards": shard_count, "reportsPerFile": REPORTS_PER_FILE, "reports": len(reports),
            "url": report_url("{slug}", use_directory_urls), "minChars": MIN_CHARS, "maxRun": MAX_RUN}
    written += write_data_script(site_dir, f"{INDEX_DIR}/meta", meta)
    files = shard_count + math.ceil(len(reports) / REPORTS_PER_FILE) + 1
    return DraftIndexStats(len(table), files, written)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out
