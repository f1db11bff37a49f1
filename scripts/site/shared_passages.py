"""Shared passages: paragraphs that appear in more than one report, verbatim or nearly so (a few words
edited, other numbers or place names). Report pages mark them with "亦见于 …" (docs/assets/shared-passages.js
inserts the marks at the paragraphs' anchors, from small data files); an overview page ranks the most reused
(the same script fills it from a data file of its own, so that all of it is written with the search data,
while the pages are written).

Paragraphs are compared on their folded text (scripts/search/fold.py) with every run of digits read as one
digit. Equal texts are grouped by exact hashing; the distinct texts left are compared by MinHash over
character bigrams with datasketch's LSH, and each candidate pair is confirmed by the exact Jaccard
similarity of its bigram sets (≥ THRESHOLD), so that LSH's misses cost recall, never precision.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from scripts.convert.model import Report
from scripts.search.datafile import data_script
from scripts.search.fold import fold, gram_hash
from scripts.search.index import report_url
from scripts.site.common import organization_label, year_label

MIN_CHARS = 30  # shorter paragraphs (headings, 一是…) are too common to say anything
THRESHOLD = 0.5  # Jaccard similarity of bigram sets that makes two paragraphs one passage
NUM_PERM = 64
SHINGLE = 2  # bigrams: a changed character costs two of them (measured on tests/cases/shared_passages.yml)
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Passage:
    """One passage and where it appears: (report number, anchor) pairs, at least two reports."""
    text: str  # as written where it appears first, in its most used wording
    members: tuple[tuple[int, str], ...]
    reports: int  # distinct reports
    verbatim: bool  # every appearance has the same normalised text


def normalise(text: str) -> str:
    """What paragraphs are compared on: the folded text, every number read as 0."""
    return _DIGITS.sub("0", fold(text))


def shingles(normalised: str) -> set[int]:
    """The character bigrams of a normalised text, each as one number (two code points side by side)."""
    return set(_bigram_keys(normalised).tolist())


def _bigram_keys(normalised: str):
    import numpy as np

    points = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return (points[:-1] << np.uint64(21)) | points[1:]


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def near_duplicate(text_a: str, text_b: str, threshold: float = THRESHOLD) -> bool:
    """The reference decision for two paragraphs (the LSH only proposes the pairs to decide on)."""
    a, b = normalise(text_a), normalise(text_b)
    return min(len(a), len(b)) >= MIN_CHARS and (a == b or jaccard(shingles(a), shingles(b)) >= threshold)


def comparable_paragraphs(report: Report) -> tuple[tuple[int, str], ...]:
    """(block number, normalised text) of the report's paragraphs long enough to compare."""
    return tuple((number, key) for number, block in enumerate(report.blocks)
                 if block.kind == "paragraph" and len(key := normalise(block.text)) >= MIN_CHARS)


def find_shared_passages(reports: list[Report], paragraphs_per_report=None) -> list[Passage]:
    """Passages in more than one report, most reports first; reports numbered in the order given.
    `paragraphs_per_report` is the reports' comparable_paragraphs, when they are known."""
    exact: dict[str, list[tuple[int, str]]] = defaultdict(list)
    first_text: dict[str, str] = {}
    if paragraphs_per_report is None:
        paragraphs_per_report = map(comparable_paragraphs, reports)
    for number, (report, paragraphs) in enumerate(zip(reports, paragraphs_per_report, strict=True)):
        for block_number, key in paragraphs:
            block = report.blocks[block_number]
            exact[key].append((number, block.anchor))
            first_text.setdefault(key, block.text)
    texts = list(exact)
    parent = list(range(len(texts)))
    for a, b in similar_pairs(texts):
        parent[_root(parent, a)] = _root(parent, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(texts)):
        groups[_root(parent, index)].append(index)
    passages = []
    for members in groups.values():
        places = sorted({place for index in members for place in exact[texts[index]]})
        count = len({number for number, _ in places})
        if count > 1:
            shown = max(members, key=lambda index: (len(exact[texts[index]]), -index))  # the most used wording
            passages.append(Passage(first_text[texts[shown]], tuple(places), count, len(members) == 1))
    return sorted(passages, key=lambda p: (-p.reports, -len(p.members), p.members[0]))


def similar_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of distinct normalised texts whose bigram sets have Jaccard ≥ THRESHOLD: enough of them
    to join every such pair into one group (a pair already joined through others is not checked)."""
    if len(texts) < 2:
        return []
    from datasketch import MinHash, MinHashLSH  # imported only when there is something to compare

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    permutations = MinHash(num_perm=NUM_PERM, scheme="legacy").permutations
    sketches = []
    for index, signature in enumerate(_signatures(texts, permutations)):
        sketch = MinHash(num_perm=NUM_PERM, hashvalues=signature, permutations=permutations, scheme="legacy")
        lsh.insert(index, sketch, check_duplication=False)
        sketches.append(sketch)
    sets: dict[int, set[int]] = {}
    bigrams = lambda i: sets[i] if i in sets else sets.setdefault(i, shingles(texts[i]))  # noqa: E731
    parent = list(range(len(texts)))  # pairs already joined through others need no check
    pairs = []
    for index, sketch in enumerate(sketches):
        for other in lsh.query(sketch):
            if other > index and _root(parent, index) != _root(parent, other) \
                    and jaccard(bigrams(index), bigrams(other)) >= THRESHOLD:
                parent[_root(parent, index)] = _root(parent, other)
                pairs.append((index, other))
    return pairs


def _signatures(texts: list[str], permutations, chunk: int = 500):
    """MinHash signatures of the texts' bigram sets, a chunk of texts at a time with numpy: each of NUM_PERM
    hash functions is x -> a*x + b (mod 2^32) on a 32-bit mix of the bigram, with datasketch's a and b."""
    import numpy as np

    a, b = ((np.asarray(p, dtype=np.uint64) & np.uint64(0xFFFFFFFF)).astype(np.uint32)[:, None] for p in permutations)
    a |= np.uint32(1)
    mix = np.uint64(0x9E3779B97F4A7C15)
    for first in range(0, len(texts), chunk):
        keys = [_bigram_keys(text) for text in texts[first:first + chunk]]
        starts = np.cumsum([0] + [len(k) for k in keys[:-1]])
        hashes = ((np.concatenate(keys) * mix) >> np.uint64(32)).astype(np.uint32)[None, :]
        yield from np.minimum.reduceat(a * hashes + b, starts, axis=1).T.astype(np.uint64)


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


REPORTS_PER_FILE = 20  # report pages load one marks file
PASSAGES_PER_FILE = 30
LISTED = 8  # appearances listed per passage in its data file (the count is exact)
RANKED = 100  # passages on the overview page
LISTED_ON_PAGE = 20  # appearances listed per passage there
PAGE_URI = "tools/shared-passages.md"
DATA_DIR = "shared-passages"
OVERVIEW_PATH = f"{DATA_DIR}/top"


def shared_passage_files(reports: list[Report], passages: list[Passage], use_directory_urls: bool) -> dict[str, str]:
    """The data files of the marks and of the overview page (OVERVIEW_PAGE), as {path in the site: content}.
    reports/<n>.js: for each report whose slug hashes to n, {anchor: passage number};
    p/<n>.js: passages n*30 … with their count of reports and up to LISTED appearances."""
    report_files = max(1, -(-len(reports) // REPORTS_PER_FILE))
    marks: list[dict[str, dict[str, int]]] = [{} for _ in range(report_files)]
    for number, passage in enumerate(passages):
        for report, anchor in passage.members:
            slug = reports[report].slug
            marks[gram_hash(slug) % report_files].setdefault(slug, {})[anchor] = number
    files = {f"{DATA_DIR}/r/{n}.js": data_script(f"{DATA_DIR}/r/{n}", shard) for n, shard in enumerate(marks)}
    for first in range(0, len(passages), PASSAGES_PER_FILE):
        rows = [[p.reports, int(p.verbatim), [_place(reports[r], a) for r, a in p.members[:LISTED]]]
                for p in passages[first:first + PASSAGES_PER_FILE]]
        path = f"{DATA_DIR}/p/{first // PASSAGES_PER_FILE}"
        files[f"{path}.js"] = data_script(path, rows)
    meta = {"reportFiles": report_files, "passagesPerFile": PASSAGES_PER_FILE,
            "url": report_url("{slug}", use_directory_urls)}
    files[f"{DATA_DIR}/meta.js"] = data_script(f"{DATA_DIR}/meta", meta)
    files[f"{OVERVIEW_PATH}.js"] = data_script(OVERVIEW_PATH, overview_data(reports, passages))
    return files


def _place(report: Report, anchor: str) -> list:
    return [report.slug, report.meta.title, report.meta.organization, report.meta.year or 0, anchor]


def overview_data(reports: list[Report], passages: list[Passage]) -> dict:
    """What the overview page shows: the RANKED most reused passages, each with up to LISTED_ON_PAGE of its
    appearances as [slug, "title（organization，year）", anchor] and its count of them."""
    touched = len({r for p in passages for r, _ in p.members})
    ranked = [[p.reports, int(p.verbatim), p.text, len(p.members),
               [[reports[r].slug, _label(reports[r]), anchor] for r, anchor in p.members[:LISTED_ON_PAGE]]]
              for p in passages[:RANKED]]
    return {"passages": len(passages), "reports": touched, "ranked": ranked}


def _label(report: Report) -> str:
    return f"{report.meta.title}（{organization_label(report.meta.organization)}，{year_label(report.meta.year)}）"


OVERVIEW_PAGE = f"""---
title: 重复段落
hide:
  - navigation
  - toc
---

# 重复段落

<div id="shared-passages-app" class="shared-passages-app" markdown="0">
<noscript><p>重复段落在浏览器中列出，需要启用 JavaScript。</p></noscript>
<p class="shared-passages-status">正在载入……</p>
</div>

“近似”指改了个别字词、数字或地名。这里按出现的报告数排列前 {RANKED} 段；在报告页上，这样的段落下方注有“亦见于”。
"""
