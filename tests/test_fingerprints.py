"""Draft-check fingerprints: the table of Chinese examples, the same cuts and keys in the browser, and an
index that finds exactly the runs it holds."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts.search.fingerprints import (
    collect_fingerprints,
    fingerprint_key,
    fingerprints_of,
    keys_of,
    format_key,
    runs_of_sentence,
    split_sentences,
)

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "fingerprints.yml").read_text(encoding="utf-8"))


def runs_of(text: str) -> list[str]:
    return [run for sentence in split_sentences(text) for run in runs_of_sentence(sentence)]


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_fingerprinted_runs(case):
    assert runs_of(case["text"]) == case["runs"]


def test_keys_tell_runs_apart():
    runs = {run for case in CASES for run in case["runs"]}
    assert len({fingerprint_key(run) for run in runs}) == len(runs)


def test_index_counts_paragraphs_and_reports():
    from scripts.convert.model import Block, Meta, Report

    def report(slug, *texts):
        meta = Meta(slug, "县级", 2023, "工作汇报", "县政府办公室", (), f"{slug}.txt", 0)
        return Report(slug, meta, tuple(Block("paragraph", t, f"p{i}") for i, t in enumerate(texts, 1)))

    same = "县政府办公室坚持全天候服务。"
    table = collect_fingerprints([report("a", same, same), report("b", same), report("c", "完全不同的一句话在这里。")])
    entry = table[fingerprint_key("县政府办公室坚持全天候服务")]
    assert entry[:2] == [3, 2] and entry[2:] == [[0, "p1"], [0, "p2"], [1, "p1"]]
    assert fingerprint_key("县政府办公室坚持全天候") not in table  # a part of a clause is not a run of clauses


def test_the_browser_cuts_and_keys_like_python(page, seed_url):
    page.goto(f"{seed_url}/tools/draft-check.html")
    page.wait_for_selector("#draft-app[data-ready='true']")
    meta = {"minChars": 8, "maxRun": 6}
    for case in CASES:
        got = page.evaluate("([text, meta]) => DraftCheck.splitSentences(text).flatMap((c) => "
                            "DraftCheck.runsOfSentence(c, meta).map((r) => r.text))", [case["text"], meta])
        assert list(dict.fromkeys(got)) == case["runs"], case["label"]
    for run in {run for case in CASES for run in case["runs"]}:
        shard, key = format_key(fingerprint_key(run), 97)
        got = page.evaluate("([text, shards]) => DraftCheck.locate(text, shards)", [run, 97])
        assert got == {"shard": shard, "key": key}


def test_every_run_of_a_paragraph_is_a_fingerprint():
    text = "为进一步加强督查督办工作，县政府办公室坚持全天候、无缝隙、快节奏、零差错。一是强化学习。"
    assert fingerprints_of(text) == runs_of(text)


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_running_hashes_key_the_same_runs(case):
    assert list(keys_of(case["text"])) == [fingerprint_key(run) for run in fingerprints_of(case["text"])]
