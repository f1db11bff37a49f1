"""Data passed between the pipeline stages. Every stage is a pure function of these."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """One edit made while cleaning: `after` is empty for a removal."""
    rule: str
    before: str
    after: str = ""


@dataclass(frozen=True)
class Block:
    """A unit of report text as a reader sees it."""
    kind: str  # "section" (一、), "subsection" (（一）), "paragraph"
    text: str
    anchor: str
    themes: tuple[tuple[str, int], ...] = ()  # (theme, mentions) for each theme the block treats, in taxonomy order


@dataclass(frozen=True)
class Meta:
    title: str
    level: str  # 中央 | 省级 | 市级 | 县级 | 乡镇 | 未知
    year: int | None
    doc_type: str  # 年度工作总结 | 半年工作总结 | 述职述廉报告 | 工作汇报 | 工作报告 | 讲话 | 其他
    organization: str
    themes: tuple[str, ...]
    source: str  # the raw file's name inside seeds/
    chars: int  # characters of report text
    part: int | None = None  # i of n for a report split out of a compilation
    parts: int | None = None
    ocr: bool = False  # the text was read by OCR from a scan: it may hold misread characters


@dataclass(frozen=True)
class Report:
    slug: str  # stable URL part, derived from the source name (and part)
    meta: Meta
    blocks: tuple[Block, ...]
    changes: tuple[Change, ...] = field(default=())
    # What the report was made from (conversion sets it: its source's key and its slug); a report changed
    # after conversion must have it cleared, so that report_digest digests its contents.
    digest: str = ""


def report_digest(report: Report) -> str:
    """A digest that changes whenever the report does: the one conversion gave it, else one of its contents.
    Later stages key what they make of a report by it, without reading the report again."""
    return report.digest or hashlib.sha256(repr(report).encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    """A source file that could not become a report, or was read with a repair, and why (shown to the user)."""
    source: str
    reason: str
    warning: bool = False  # the file still gave its reports
