"""Variations of the corpus samples, so that rules are checked on texts they were not written against: another
place of the same level, other years, another site's boilerplate, traditional characters."""
from __future__ import annotations

import random
import re
from dataclasses import replace

from scripts.convert.infer.places import gazetteer
from scripts.evaluate.corpus import Sample

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")
_SUFFIX = re.compile(r"(?:省|市|县|区|旗|自治区|自治州)$")
_SHIFTS = (-7, -3, 2)
# Words that date a text without a digit (a session, a congress, an event): moving the digits would contradict them.
_DATED_BY_WORDS = re.compile(r"届|次全国代表大会|[一二]十大|十[一二三四五六七八九]大|疫情|新冠|主题教育|脱贫|中全会|党史|建党|十[一二三四五]五")


def make_variations(samples: list[Sample], seed: int = 1) -> list[Sample]:
    """Each sample in four other forms, labelled accordingly; deterministic for a seed."""
    rng = random.Random(seed)
    boilerplate = [noise for sample in samples if sample.label.get("kind") != "wiki"  # a licence comes whole
                   for noise in sample.label["noise"] if _is_boilerplate(noise)]
    variants = []
    for sample in samples:
        variants += [_other_place(sample, rng), _other_years(sample, rng), _other_site(sample, boilerplate, rng),
                     _traditional(sample)]
    return [variant for variant in variants if variant is not None]


_PAGE_TITLE = re.compile(r"报告|总结|汇报|讲话|计划|规划|材料")


def _is_boilerplate(noise: str) -> bool:
    """Site furniture that could stand on any page (not a page title of its own report, nor a piece of a line)."""
    letters = re.sub(r"[\W\d_]", "", noise)
    return len(letters) >= 4 and len(noise.strip()) <= 80 and not _PAGE_TITLE.search(noise)


def _other_place(sample: Sample, rng: random.Random) -> Sample | None:
    """Every named place of the gazetteer becomes another place of the same level and kind."""
    levels, pattern = gazetteer()
    text = sample.data.decode("utf-8", errors="replace")
    named = sorted({match.group() for match in pattern.finditer(text) if _SUFFIX.search(match.group())})
    if not named:
        return None
    swaps = {name: _same_kind(name, levels, rng) for name in named}
    swap = re.compile("|".join(map(re.escape, sorted(swaps, key=len, reverse=True))))
    label = {**sample.label, **{key: swap.sub(lambda m: swaps[m.group()], sample.label[key] or "")
                                 for key in ("title", "organization") if sample.label[key]}}
    label["noise"] = [swap.sub(lambda m: swaps[m.group()], noise) for noise in sample.label["noise"]]
    return _variant(sample, "place", swap.sub(lambda m: swaps[m.group()], text), label)


def _same_kind(name: str, levels: dict[str, str], rng: random.Random) -> str:
    suffix = _SUFFIX.search(name).group()
    same = [other for other, level in levels.items() if level == levels[name] and other.endswith(suffix)
            and other != name and len(other) > len(suffix) + 1]
    return rng.choice(sorted(same)) if same else name


def _other_years(sample: Sample, rng: random.Random) -> Sample | None:
    """Every year written in digits moves by the same number of years, and so does the label."""
    shift = rng.choice(_SHIFTS)
    if _DATED_BY_WORDS.search(sample.data.decode("utf-8", errors="replace")):
        return None
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), sample.data.decode("utf-8", errors="replace"))
    label = dict(sample.label)
    if label["year"] is not None and str(label["year"]) in sample.data.decode("utf-8", errors="replace"):
        label["year"] = label["year"] + shift
    elif label["year"] is not None:
        return None  # the year was only in words or context: moving the digits would contradict it
    for key in ("title", "organization"):
        if label[key]:
            label[key] = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), label[key])
    label["noise"] = [_YEAR.sub(lambda m: str(int(m.group(1)) + shift), noise) for noise in label["noise"]]
    return _variant(sample, "years", text, label)


def _other_site(sample: Sample, boilerplate: list[str], rng: random.Random) -> Sample | None:
    """Another site's boilerplate above and below the text."""
    if len(boilerplate) < 2:
        return None
    head, tail = rng.sample(boilerplate, 2)
    text = f"{head}\n\n{sample.data.decode('utf-8', errors='replace')}\n\n{tail}\n"
    label = {**sample.label, "noise": [*sample.label["noise"], head, tail]}
    return _variant(sample, "site", text, label)


def _traditional(sample: Sample) -> Sample:
    import opencc

    convert = opencc.OpenCC("s2t").convert
    text = convert(sample.data.decode("utf-8", errors="replace"))
    label = {**sample.label, "noise": [convert(noise) for noise in sample.label["noise"]]}
    label.update({key: convert(sample.label[key]) for key in ("title",) if sample.label[key]})
    return _variant(sample, "traditional", text, label)


def _variant(sample: Sample, kind: str, text: str, label: dict) -> Sample:
    return replace(sample, id=f"{sample.id}~{kind}", data=text.encode("utf-8"), label={**label, "kind": kind})
