"""Stable, safe URL parts for sources, reports and headings."""
from __future__ import annotations

import hashlib
import re

_PLAIN_STEM = re.compile(r"[0-9a-z_]+(-[0-9a-z_]*[a-z_][0-9a-z_]*)*")  # no "--", no "-<digits>" segment
_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")
_ORDINAL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+[、．.])")


def slugify_source(source: str, part: int | None = None) -> str:
    """A safe, stable URL part for a source file (its path inside seeds/), unique among all sources.

    A plain name (`004_a013bd.txt`: lowercase ASCII words joined by single hyphens, not ending in
    `-<digits>`) keeps its stem. Any other name gets its ASCII letters and digits plus `--` and a hash
    of the whole name; plain stems never contain `--` nor end in `-<digits>`, so with the `-<part>` of a
    compilation's reports no two sources can meet.
    """
    stem, dot, extension = source.rpartition(".")
    if not dot:
        stem, extension = source, ""
    if extension == "txt" and _PLAIN_STEM.fullmatch(stem):
        slug = stem
    else:
        readable = "-".join(re.findall(r"[0-9a-z_]+", source.lower()))[:40].strip("-") or "report"
        slug = f"{readable}--{hashlib.sha1(source.encode('utf-8')).hexdigest()[:10]}"
    return f"{slug}-{part}" if part else slug


def slugify_heading(text: str, taken: set[str]) -> str:
    """A readable anchor from a Chinese heading: its characters without the ordinal (一、, （二）) and
    without punctuation, at most 24 of them; `-2`, `-3` … when another heading already has it."""
    base = _UNSAFE.sub("", _ORDINAL.sub("", text))[:24] or _UNSAFE.sub("", text)[:24] or "h"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
