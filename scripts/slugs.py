"""Stable, safe URL parts for sources, reports and headings."""
from __future__ import annotations

import hashlib
import re

_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")


def slugify_source(source: str, part: int | None = None) -> str:
    """A URL-safe slug for a source file name; non-ASCII or odd names get a short content-free hash."""
    stem = source.rsplit(".", 1)[0] if "." in source else source
    slug = re.sub(r"[^0-9A-Za-z_-]+", "-", stem).strip("-").lower()
    if slug != stem.lower() or not slug:
        slug = f"{slug[:40]}-{hashlib.sha1(source.encode()).hexdigest()[:8]}".strip("-")
    return f"{slug}-{part}" if part else slug


def slugify_heading(text: str, taken: set[str]) -> str:
    """A readable anchor from a Chinese heading: its characters without punctuation, at most 24 of them."""
    base = _UNSAFE.sub("", text)[:24] or "h"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
