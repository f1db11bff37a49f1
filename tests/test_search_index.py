"""Search normalisation, query parsing and index building (Python side)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from scripts.convert.model import Block, Meta, Report
from scripts.search.encode import decode_postings, encode_postings
from scripts.search.fold import fold, gram_hash, grams_of_phrase, matches, parse_query
from scripts.search.index import (
    INDEX_DIR,
    build_search_index,
    collect_postings,
    encode_all_postings,
    report_url,
)
from scripts.search.runs import Run
from scripts.search.t2s import ASSET, render_script

CASES = Path(__file__).parent / "cases"
FOLD_CASES = yaml.safe_load((CASES / "search_fold.yml").read_text(encoding="utf-8"))
QUERY_CASES = yaml.safe_load((CASES / "search_query.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", FOLD_CASES, ids=[c["label"] for c in FOLD_CASES])
def test_fold(case):
    assert fold(case["text"]) == case["folded"]


@pytest.mark.parametrize("case", QUERY_CASES, ids=[c["label"] for c in QUERY_CASES])
def test_parse_query(case):
    assert parse_query(case["query"]) == case["phrases"]


@pytest.mark.parametrize("query, text, expected", [
    ("全天候、无缝隙", "按照“全天候，无缝隙、快节奏”的要求", True),
    ("全天候 无缝隙", "全天候无缝隙", True),
    ("全天候、无缝隙", "全天候值守，做到无缝隙衔接", False),
    ("放管服", "深化“放管服”改革", True),
    ("放管服", "优化政务服务", False),
    ("党", "加强党的建设", True),
    ("ＧＥＰ", "开展GEP核算", True),
    ("12345", "１２３４５热线", True),
    ('"参谋助手" "督查"', "当好参谋助手，抓好督查督办", True),
    ('"参谋助手" "督查"', "当好参谋助手", False),
    ("，。", "任何段落", False),
    ("党建", "加強黨建工作", True),
    ("黨建", "加强党建工作", True),
    ("縣政府", "县政府办公室", True),
    ("党建", "加强党的建设", False),
])
def test_matches(query, text, expected):
    assert matches(parse_query(query), text) is expected


def test_committed_t2s_asset_is_what_the_generator_writes():
    assert ASSET.read_text(encoding="utf-8") == render_script(), "stale: run `python -m scripts.search.t2s`"


def test_grams_of_phrase_are_bigrams_or_the_single_character():
    assert grams_of_phrase("党") == ["党"]
    assert grams_of_phrase("党建") == ["党建"]
    assert grams_of_phrase("办文办会") == ["办文", "文办", "办会"]


def test_gram_hash_is_fnv1a_over_code_points():
    assert gram_hash("") == 0x811C9DC5
    assert gram_hash("a") == 0xE40C292C  # the published FNV-1a 32 value of "a"
    assert gram_hash("𠀀党") != gram_hash("党𠀀")


@pytest.mark.parametrize("ids", [[0], [5, 6, 7, 8, 9, 10], [3, 200, 70_000, 70_001], list(range(0, 5000, 3)),
                                 [1_000_000]])
def test_postings_round_trip(ids):
    assert decode_postings(encode_postings(ids)) == ids


def test_dense_lists_become_bitmaps_and_sparse_lists_varints():
    assert encode_postings(list(range(100, 200))).startswith("b")
    assert encode_postings([1, 500, 90_000]).startswith("v")


def _report(slug: str, year: int | None, texts: list[str]) -> Report:
    meta = Meta(title=f"{slug}标题", level="县级", year=year, doc_type="工作总结", organization="县政府办公室",
                themes=("党建",), source=f"{slug}.txt", chars=sum(map(len, texts)))
    return Report(slug, meta, tuple(Block("paragraph", t, f"p{i}") for i, t in enumerate(texts, start=1)))


def test_collect_postings_finds_characters_and_pairs():
    postings = collect_postings(["党建引领", "加强党的建设", "ＧＥＰ"])
    assert postings["党"] == [0, 1]
    assert postings["党建"] == [0]
    assert postings["gep"[:2]] == [2]
    assert "建引" in postings and "，" not in postings


def test_runs_encoded_in_parallel_or_known_give_the_same_lists():
    texts = [f"第{i}段：加强党建，推进督查督办" if i % 3 else f"第{i}段：政务服务" for i in range(90)]
    reports = [_report(f"r{n:02d}", 2020, texts[n * 9:n * 9 + 9]) for n in range(10)]
    runs = [Run(n * 2, n * 18, tuple(reports[n * 2:n * 2 + 2])) for n in range(5)]
    parallel, made, extra = encode_all_postings(runs, workers=2, meanwhile=lambda: "done meanwhile")
    assert extra == "done meanwhile" and sorted(made) == list(range(5))
    single = {gram: ids for gram, ids in collect_postings(texts).items()}
    assert {gram: decode_postings(text) for gram, (_, text) in parallel.items()} == single
    assert all(count == len(single[gram]) for gram, (count, _) in parallel.items())
    known = {1: made[1], 3: made[3]}
    again, remade, _ = encode_all_postings(runs, workers=1, known=known)
    assert again == parallel and sorted(remade) == [0, 2, 4]


def _load_script(path: Path):
    name, data = re.fullmatch(r'SearchIndex\.loaded\(("[^"]*"),(.*)\);\n', path.read_text(encoding="utf-8"), re.S).groups()
    return json.loads(name), json.loads(data)


def test_built_index_answers_like_a_brute_force_scan(tmp_path):
    reports = [_report("a", 2020, ["全天候、无缝隙", "放管服改革", "党建", "加強黨建"]),
               _report("b", 2023, ["全天候值守，无缝隙衔接", "政务服务", "全天候，无缝隙，快节奏"]),
               _report("c", None, ["ＧＥＰ核算", "<script>alert(1)</script>"])]
    stats = build_search_index(reports, tmp_path, use_directory_urls=False)
    index = tmp_path / INDEX_DIR
    _, meta = _load_script(index / "meta.js")
    years = {year: decode_postings(reports) for year, reports in meta["facets"]["year"].items()}
    assert years == {"2023": [0], "2020": [1], "": [2]}  # reports are numbered newest first, unknown year last
    assert decode_postings(meta["reportStarts"]) == [0, 3, 7]
    assert decode_postings(meta["facets"]["theme"]["党建"]) == [0, 1, 2]
    assert meta["url"] == "reports/{slug}.html"
    shards = sorted((index / "t").glob("*.js"), key=lambda f: int(f.stem))
    assert [_load_script(f)[1]["first"] for f in shards] == list(range(0, 9, meta["textShardParagraphs"]))
    paragraphs = [p for f in shards for p in _load_script(f)[1]["paragraphs"]]
    assert len(paragraphs) == stats.paragraphs == 9
    for query in ("全天候 无缝隙", "党", "服务", "放管服", "gep", "script", "党建", "黨建"):
        phrases = parse_query(query)
        expected = [i for i, p in enumerate(paragraphs) if matches(phrases, p[2])]
        grams = [g for phrase in phrases for g in grams_of_phrase(phrase)]
        candidates = set(range(len(paragraphs)))
        for gram in grams:
            shard = _load_script(index / "g" / f"{gram_hash(gram) % meta['gramShards']}.js")[1]
            candidates &= set(decode_postings(shard[gram])) if gram in shard else set()
        assert expected == sorted(i for i in candidates if matches(phrases, paragraphs[i][2])), query


def test_report_url_follows_use_directory_urls():
    assert report_url("x-1") == "reports/x-1/"
    assert report_url("x-1", use_directory_urls=False) == "reports/x-1.html"
