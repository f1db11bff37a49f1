"""Reports -> a static, sharded phrase-search index that docs/assets/search-shared.js reads piece by piece.

Every block (headings too) is a paragraph with an id; reports are numbered newest year first, so the
id order is the default result order. Files under <site>/search-index/:
  meta.js     the shard layout, where each report's paragraphs start, and the reports of each facet value
  g/<n>.js    posting lists of the characters and character pairs whose hash falls in shard n
  p/<n>.js    one large posting list, kept out of the gram shards so that they stay small
  t/<n>.js    paragraphs n*8 … n*8+7 (anchor, kind, text) and the titles of the reports they belong to
"""
from __future__ import annotations

import math
import multiprocessing
import os
import shutil
import time
from collections import defaultdict, deque
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.model import Report
from scripts.convert.store import Store
from scripts.search.encode import encode_postings, shift_segment, write_script
from scripts.search.fold import fold, gram_hash, grams_of_text
from scripts.search.runs import Run, report_runs, run_key

INDEX_DIR = "search-index"
GRAM_SHARD_CHARS = 2_000  # aim for gram shards of about this size: a query loads one per gram
TEXT_SHARD_PARAGRAPHS = 8  # small text shards: each result shown costs at most one of them
INLINE_MAX_CHARS = 1_500  # longer posting lists get a file of their own
KIND_CODES = {"section": "s", "subsection": "u", "paragraph": "p"}
SEARCH_PACKAGE = Path(__file__).resolve().parent
RUNS_LABEL = "search-index-runs"


@dataclass(frozen=True)
class IndexStats:
    reports: int
    paragraphs: int
    grams: int
    files: int
    bytes: int


def report_url(slug: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of a report page, with the same rule as MkDocs for reports/<slug>.md."""
    return f"reports/{slug}/" if use_directory_urls else f"reports/{slug}.html"


def order_reports(reports) -> list[Report]:
    """Newest year first (unknown years last), then by slug: the order results are listed in."""
    return sorted(reports, key=lambda r: (-(r.meta.year or 0), r.slug))


def collect_postings(texts, first: int = 0) -> dict[str, list[int]]:
    """gram -> ids of the paragraphs that hold it (ids count from `first`)."""
    postings: dict[str, list[int]] = defaultdict(list)
    lists, append = postings.__getitem__, list.append
    for pid, text in enumerate(texts, start=first):
        deque(map(append, map(lists, grams_of_text(fold(text))), repeat(pid)), maxlen=0)
    return postings


def encode_run(texts: list[str]) -> dict[str, tuple[int, str]]:
    """gram -> (paragraph count, one segment of its posting list) for the paragraphs of one run, numbered from 0."""
    return {gram: (len(ids), encode_postings(ids)) for gram, ids in collect_postings(texts).items()}


def encode_all_postings(runs: list[Run], workers: int | None = None, meanwhile=lambda: None,
                        on_run=lambda paragraphs_done: None, known: dict[int, dict] | None = None):
    """gram -> (paragraph count, encoded posting list), each run giving one segment of it, and the encoded runs
    that were made (by run number). Runs are encoded in parallel, except those `known` (by run number);
    `meanwhile` runs in this process while the workers encode."""
    known = known or {}
    to_make = [number for number in range(len(runs)) if number not in known]
    done = sum(runs[number].paragraphs for number in known)
    workers = workers or os.cpu_count() or 1
    made = {}
    # With more than one core, even one run is encoded by a worker: meanwhile this process writes the texts.
    parallel = workers > 1 and to_make
    with multiprocessing.get_context("fork").Pool(min(workers, len(to_make))) if parallel else nullcontext() as pool:
        texts = (runs[number].texts for number in to_make)
        results = pool.imap(encode_run, texts) if pool else map(encode_run, texts)
        extra = meanwhile()
        for number, encoded in zip(to_make, results):
            made[number] = encoded
            done += runs[number].paragraphs
            on_run(done)
    counts: dict[str, int] = defaultdict(int)
    segments: dict[str, list[str]] = defaultdict(list)
    for number, run in enumerate(runs):
        for gram, (count, segment) in (known[number] if number in known else made[number]).items():
            counts[gram] += count
            segments[gram].append(shift_segment(segment, run.first_paragraph))
    return {gram: (counts[gram], ",".join(parts)) for gram, parts in segments.items()}, made, extra


def build_search_index(reports, site_dir: Path, use_directory_urls: bool = True, on_progress=None,
                       workers: int | None = None, store: Store | None = None) -> IndexStats:
    """The index files, by `workers` processes (default: one per core); `on_progress(done, total)` counts the
    paragraphs indexed, done once all is written. Given a store, each run's postings are kept there and taken
    from there for the same reports."""
    started, index_dir = time.time(), Path(site_dir) / INDEX_DIR
    shutil.rmtree(index_dir, ignore_errors=True)
    reports = order_reports(reports)
    runs = report_runs(reports)
    total = sum(len(report.blocks) for report in reports)
    progress = on_progress or (lambda done, total: None)
    keys = [run_key(RUNS_LABEL, code_fingerprint(SEARCH_PACKAGE), run) for run in runs]
    kept = store.get_many(keys) if store else {}
    encoded, made, (paragraphs, text_files, text_bytes) = encode_all_postings(
        runs, workers, meanwhile=lambda: _write_texts(index_dir, reports),
        on_run=lambda done: progress(min(done, total - 1), total),
        known={number: kept[key] for number, key in enumerate(keys) if key in kept})
    if store:
        store.put_many((keys[number], RUNS_LABEL, value) for number, value in made.items())
        store.supersede([RUNS_LABEL], started)
    gram_shards, gram_files, gram_bytes = _write_grams(index_dir, encoded)
    url = report_url("{slug}", use_directory_urls)
    meta_bytes = write_script(index_dir, "meta", _meta(reports, gram_shards, url))
    progress(total, total)
    return IndexStats(len(reports), paragraphs, len(encoded), gram_files + text_files + 1,
                      gram_bytes + text_bytes + meta_bytes)


def _write_grams(index_dir: Path, encoded: dict[str, tuple[int, str]]) -> tuple[int, int, int]:
    entry_chars = sum(len(gram) + 8 + min(len(text), 16) if len(text) > INLINE_MAX_CHARS else len(text)
                      for gram, (_, text) in encoded.items())
    shard_count = max(1, math.ceil(entry_chars / GRAM_SHARD_CHARS))
    shards: list[dict] = [{} for _ in range(shard_count)]
    files = written = 0
    for gram, (count, text) in sorted(encoded.items()):
        if len(text) > INLINE_MAX_CHARS:
            written += write_script(index_dir, f"p/{files}", text)
            shards[gram_hash(gram) % shard_count][gram] = [count, files]
            files += 1
        else:
            shards[gram_hash(gram) % shard_count][gram] = text
    for number, shard in enumerate(shards):
        written += write_script(index_dir, f"g/{number}", shard)
    return shard_count, files + shard_count, written


def _write_texts(index_dir: Path, reports) -> tuple[int, int, int]:
    """Text shards of TEXT_SHARD_PARAGRAPHS paragraphs each; returns (paragraphs, files, bytes)."""
    rows = [(number, report, block) for number, report in enumerate(reports) for block in report.blocks]
    files = written = 0
    for first in range(0, len(rows), TEXT_SHARD_PARAGRAPHS):
        batch = rows[first:first + TEXT_SHARD_PARAGRAPHS]
        titles = {n: [r.slug, r.meta.title, r.meta.organization] for n, r, _ in batch}
        paragraphs = [[b.anchor, KIND_CODES.get(b.kind, "p"), b.text] for _, _, b in batch]
        written += write_script(index_dir, f"t/{files}", {"first": first, "reports": titles, "paragraphs": paragraphs})
        files += 1
    return len(rows), files, written


def _meta(reports, gram_shards: int, url: str) -> dict:
    """Shard layout, and each facet value's reports as a posting list of report numbers."""
    starts, total = [], 0
    for report in reports:
        starts.append(total)
        total += len(report.blocks)
    facets = {"level": lambda m: [m.level], "year": lambda m: [str(m.year) if m.year else ""],
              "type": lambda m: [m.doc_type], "theme": lambda m: list(m.themes)}
    return {"gramShards": gram_shards, "textShardParagraphs": TEXT_SHARD_PARAGRAPHS, "url": url,
            "reports": len(reports), "reportStarts": encode_postings(starts) if starts else "",
            "facets": {key: _facet_postings(reports, values) for key, values in facets.items()}}


def _facet_postings(reports, values_of) -> dict[str, str]:
    members: dict[str, list[int]] = defaultdict(list)
    for number, report in enumerate(reports):
        for value in dict.fromkeys(values_of(report.meta)):
            members[value].append(number)
    return {value: encode_postings(numbers) for value, numbers in sorted(members.items())}
