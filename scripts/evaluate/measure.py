"""One corpus sample through the pipeline, compared with its labels: field by field, noise left, fragments
left and sentences lost. Expected values come only from the labels and the raw text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.convert.clean.censor import restore_censored
from scripts.convert.model import Report
from scripts.convert.pipeline import convert
from scripts.convert.rules import Rules
from scripts.evaluate.corpus import Sample
from scripts.search.fold import fold

# A block that is not a paragraph of its own: it starts with punctuation that closes or continues a sentence,
# or holds no letter at all (a lone `[`, `1`, `]` of a footnote marker split over lines).
_FRAGMENT_START = re.compile(r"^[。，、；：！？）】」』”’》,.;:!?)\]]")
_HAS_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")
_MIN_SENTENCE = 6  # folded characters: shorter pieces are not counted as sentences
_ORGANIZATION_ALIASES = (("人民政府", "政府"), ("中国共产党", "中共"), ("办公室", "办"))


@dataclass
class Outcome:
    sample: Sample
    fields: dict[str, tuple[object, object]] = field(default_factory=dict)  # field -> (expected, got)
    noise_left: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def correct(self, name: str) -> bool:
        expected, got = self.fields[name]
        return _same(name, expected, got)


def measure(sample: Sample, rules: Rules) -> Outcome:
    outcome = Outcome(sample)
    converted = convert(sample.name, sample.data, rules)
    outcome.problems = [problem.reason for problem in converted.problems]
    reports = converted.reports
    first = reports[0] if reports else None
    label = sample.label
    outcome.fields = {
        "title": (label["title"], _own_title(first)),
        "level": (label["level"], first.meta.level if first else None),
        "year": (label["year"], first.meta.year if first else None),
        "doc_type": (label["doc_type"], first.meta.doc_type if first else None),
        "organization": (label["organization"], first.meta.organization if first else None),
    }
    shown = "\n".join(_shown_text(report) for report in reports)
    raw = _raw_text(sample.data)
    outcome.noise_left = [noise for noise in label["noise"] if noise.strip() and _still_there(noise, shown, raw, label)]
    outcome.fragments = [block.text for report in reports for block in report.blocks if is_fragment(block.text)]
    outcome.lost = find_lost_sentences(_raw_text(sample.data), label["noise"], shown, rules)
    return outcome


def is_fragment(text: str) -> bool:
    return bool(_FRAGMENT_START.match(text)) or not _HAS_WORD.search(text)


def find_lost_sentences(raw: str, noise: list[str], shown: str, rules: Rules) -> list[str]:
    """Sentences of the raw text (noise taken out) that the pages do not show, compared folded."""
    for item in sorted(noise, key=len, reverse=True):
        raw = raw.replace(item, "\n")
    restored, _ = restore_censored(raw, rules.censor)
    shown = fold(shown)
    lost = []
    for sentence in _SENTENCE_END.split(restored):
        folded = fold(sentence)
        if len(folded) >= _MIN_SENTENCE and folded not in shown:
            lost.append(sentence.strip())
    return lost


def _own_title(report: Report | None) -> str | None:
    """The title when the report kept one of its own (shown as its first block), else None."""
    if report is None or not report.blocks or report.blocks[0].text != report.meta.title:
        return None
    return report.meta.title


def _shown_text(report: Report) -> str:
    return "\n".join([report.meta.title, getattr(report.meta, "subtitle", "") or "", *(block.text for block in report.blocks)])


def _still_there(noise: str, shown: str, raw: str, label: dict) -> bool:
    """The noise shows more often than the raw text holds it outside the labelled noise (a preview repeats
    the text that follows it)."""
    folded = fold(noise)
    if len(folded) < 4:
        return any(line.strip() == noise.strip() for line in shown.split("\n"))
    outside_noise = fold(raw).count(folded) - sum(fold(item).count(folded) for item in label["noise"])
    return fold(shown).count(folded) > max(0, outside_noise)


def _raw_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _same(name: str, expected, got) -> bool:
    if name == "title":
        return (expected is None and got is None) or (expected is not None and got is not None
                                                      and _plain(expected) == _plain(got))
    if name == "organization":
        return _organization(expected) == _organization(got)
    return expected == got


def _plain(text: str) -> str:
    return fold(text)


def _organization(text: str | None) -> str:
    text = _plain(text or "")
    for long, short in _ORGANIZATION_ALIASES:
        text = text.replace(long, short)
    return text
