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

import numpy as np

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


def fingerprint_rows(reports) -> tuple[np.ndarray, np.ndarray]:
    """The fingerprints of reports, a row for each of each paragraph: their keys (CRC-32, Adler-32, length)
    and the number of the paragraph each is in, counting the reports' paragraphs from 0 in the order given."""
    keys: list[tuple[int, int, int]] = []
    counts = []
    for report in reports:
        for block in report.blocks:
            found = keys_of(block.text)
            keys += found
            counts.append(len(found))
    paragraphs = np.repeat(np.arange(len(counts), dtype=np.uint32), counts)
    return np.array(keys, dtype=np.uint32).reshape(-1, 3), paragraphs


def collect_fingerprints(reports) -> dict[tuple[int, int, int], list]:
    """key -> [paragraphs, reports, [report, anchor]…]; reports numbered in the order given."""
    return table_of_rows(reports, *fingerprint_rows(reports))


def table_of_rows(reports, keys: np.ndarray, paragraphs: np.ndarray) -> dict[tuple[int, int, int], list]:
    """The table of fingerprint rows of these reports' paragraphs: the rows of each key, sorted stably, give
    its paragraph count, its report count and its first LOCATIONS places."""
    if not len(keys):
        return {}
    report_of, anchors = [], []
    for number, report in enumerate(reports):
        report_of += [number] * len(report.blocks)
        anchors += [block.anchor for block in report.blocks]
    keys, paragraphs = _sorted_rows(keys, paragraphs)
    reports_of_rows = np.asarray(report_of, dtype=np.int64)[paragraphs]
    starts_group = np.ones(len(keys), dtype=bool)
    starts_group[1:] = (keys[1:] != keys[:-1]).any(axis=1)
    starts = np.flatnonzero(starts_group)
    starts_report = starts_group.copy()
    starts_report[1:] |= reports_of_rows[1:] != reports_of_rows[:-1]
    group = np.cumsum(starts_group) - 1
    shown = np.flatnonzero(np.arange(len(keys)) - starts[group] < LOCATIONS)
    paragraphs_per_key = np.diff(np.append(starts, len(keys))).tolist()  # a key is once in a paragraph at most
    reports_per_key = np.add.reduceat(starts_report.astype(np.int64), starts).tolist()
    entries = [[rows, count] for rows, count in zip(paragraphs_per_key, reports_per_key)]
    for number, paragraph, report in zip(group[shown].tolist(), paragraphs[shown].tolist(),
                                         reports_of_rows[shown].tolist()):
        entries[number].append([report, anchors[paragraph]])
    return dict(zip(map(tuple, keys[starts].tolist()), entries))


def _sorted_rows(keys: np.ndarray, paragraphs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows sorted by key, stably (a key's rows stay in paragraph order): by CRC-32 and Adler-32 as one
    number, and by all three only when two keys differ in length alone."""
    joined = keys[:, 0].astype(np.uint64) << np.uint64(32) | keys[:, 1]
    order = np.argsort(joined, kind="stable")
    ordered = joined[order]
    lengths = keys[order, 2]
    if ((ordered[1:] == ordered[:-1]) & (lengths[1:] != lengths[:-1])).any():
        order = np.lexsort((keys[:, 2], keys[:, 1], keys[:, 0]))
    return keys[order], paragraphs[order].astype(np.int64)


def build_draft_index(reports, site_dir: Path, use_directory_urls: bool = True,
                      store: Store | None = None) -> DraftIndexStats:
    """Write <site>/draft-index/ from the reports (the same archive as the pages). Given a store, each run of
    reports' fingerprint rows are kept there and taken from there for the same reports."""
    started, index_dir = time.time(), Path(site_dir) / INDEX_DIR
    shutil.rmtree(index_dir, ignore_errors=True)
    reports = order_reports(reports)
    keys, paragraphs = [], []
    for run in report_runs(reports):
        key = run_key(RUNS_LABEL, code_fingerprint(SEARCH_PACKAGE), run)
        rows = store.get_many([key]).get(key) if store else None
        if rows is None:
            rows = fingerprint_rows(run.reports)
            if store:
                store.put_many([(key, RUNS_LABEL, rows)])
        keys.append(rows[0])
        paragraphs.append(rows[1].astype(np.int64) + run.first_paragraph)
    if store:
        store.supersede([RUNS_LABEL], started)
    table = table_of_rows(reports, np.concatenate(keys) if keys else np.zeros((0, 3), np.uint32),
                          np.concatenate(paragraphs) if paragraphs else np.zeros(0, np.int64))
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
