"""The evaluation's own parts: the corpus labels are sound, and each measure can fail."""
from __future__ import annotations

from dataclasses import replace

import pytest

from scripts.convert.rules import load_rules
from scripts.evaluate.corpus import load_corpus
from scripts.evaluate.measure import find_lost_sentences, is_fragment, measure
from scripts.evaluate.variations import make_variations

RULES = load_rules()
SAMPLES, UNLABELLED = load_corpus()


def test_every_corpus_text_has_a_label_with_its_source():
    assert len(SAMPLES) >= 60 and not UNLABELLED
    assert all(sample.label["source"] for sample in SAMPLES)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.id)
def test_labels_use_the_vocabulary_and_quote_the_text(sample):
    text = sample.data.decode("utf-8")
    label = sample.label
    assert label["level"] in RULES.vocabulary.levels and label["doc_type"] in RULES.vocabulary.doc_types
    assert label["year"] is None or 1900 <= label["year"] <= 2100
    assert all(noise in text for noise in label["noise"]), "noise is quoted from the text"


def test_a_lost_sentence_is_found():
    raw = "一、强化督查\n全年开展专项督查20次。下发督查通报12期。"
    assert find_lost_sentences(raw, [], "一、强化督查\n全年开展专项督查20次。", RULES) == ["下发督查通报12期。"]
    assert find_lost_sentences(raw, ["下发督查通报12期。"], "一、强化督查\n全年开展专项督查20次。", RULES) == []


@pytest.mark.parametrize("text, fragment", [("。", True), ("[", True), ("，国家机关的决议", True), ("1", True),
                                            ("一、强化督查", False), ("全年开展专项督查20次。", False)])
def test_fragments(text, fragment):
    assert is_fragment(text) is fragment


def test_a_wrong_label_shows_as_a_miss():
    sample = SAMPLES[0]
    wrong = replace(sample, label={**sample.label, "level": "乡镇" if sample.label["level"] != "乡镇" else "中央",
                                   "noise": [*sample.label["noise"], sample.data.decode("utf-8").split("\n")[-1]]})
    outcome = measure(wrong, RULES)
    assert not outcome.correct("level")


def test_variations_are_labelled_like_their_sample():
    variants = make_variations(SAMPLES)
    kinds = {variant.label["kind"] for variant in variants}
    assert {"site", "traditional"} <= kinds
    for variant in variants:
        text = variant.data.decode("utf-8")
        assert all(noise in text for noise in variant.label["noise"]), variant.id
