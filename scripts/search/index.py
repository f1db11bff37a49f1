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
from collections import defaultdict, deque
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from scripts.convert.model import Report
from scripts.search.encode import encode_postings, write_script
from scripts.search.fold import fold, gram_hash, grams_of_text

INDEX_DIR = "search-index"
GRAM_SHARD_CHARS = 2_000  # aim for gram shards of about this size: a query loads one per gram
TEXT_SHARD_PARAGRAPHS = 8  # small text shards: each result shown costs at most one of them
CHUNK_PARAGRAPHS = 20_000  # paragraphs indexed together by one worker
INLINE_MAX_CHARS = 1_500  # longer posting lists get a file of their own
KIND_CODES = {"section": "s", "subsection": "u", "paragraph": "p"}


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


def _encode_chunk(chunk: tuple[int, list[str]]) -> dict[str, tuple[int, str]]:
    first, texts = chunk
    return {gram: (len(ids), encode_postings(ids)) for gram, ids in collect_postings(texts, first).items()}


def encode_all_postings(texts: list[str], workers: int | None = None, meanwhile=lambda: None,
                        on_chunk=lambda paragraphs_done: None):
    """gram -> (paragraph count, encoded posting list). Chunks of paragraphs are indexed in parallel and
    each gives one segment of the list; `meanwhile` runs in this process while the workers index."""
    chunks = [(start, texts[start:start + CHUNK_PARAGRAPHS]) for start in range(0, len(texts), CHUNK_PARAGRAPHS)]
    counts: dict[str, int] = defaultdict(int)
    segments: dict[str, list[str]] = defaultdict(list)
    workers = min(workers or os.cpu_count() or 1, len(chunks))
    with multiprocessing.get_context("fork").Pool(workers) if workers > 1 else nullcontext() as pool:
        results = pool.imap(_encode_chunk, chunks) if pool else map(_encode_chunk, chunks)
        extra = meanwhile()
        for done, encoded in enumerate(results, start=1):
            for gram, (count, segment) in encoded.items():
                counts[gram] += count
                segments[gram].append(segment)
            on_chunk(min(done * CHUNK_PARAGRAPHS, len(texts)))
    return {gram: (counts[gram], ",".join(parts)) for gram, parts in segments.items()}, extra


def build_search_index(reports, site_dir: Path, use_directory_urls: bool = True, on_progress=None,
                       workers: int | None = None) -> IndexStats:
    """The index files, by `workers` processes (default: one per core); `on_progress(done, total)` counts the
    paragraphs indexed, done once all is written."""
    index_dir = Path(site_dir) / INDEX_DIR
    shutil.rmtree(index_dir, ignore_errors=True)
    reports = order_reports(reports)
    texts = [block.text for report in reports for block in report.blocks]
    progress = on_progress or (lambda done, total: None)
    encoded, (paragraphs, text_files, text_bytes) = encode_all_postings(
        texts, workers, meanwhile=lambda: _write_texts(index_dir, reports),
        on_chunk=lambda done: progress(min(done, len(texts) - 1), len(texts)))
    gram_shards, gram_files, gram_bytes = _write_grams(index_dir, encoded)
    url = report_url("{slug}", use_directory_urls)
    meta_bytes = write_script(index_dir, "meta", _meta(reports, gram_shards, url))
    progress(len(texts), len(texts))
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
