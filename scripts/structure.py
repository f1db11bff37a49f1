"""Text -> blocks: section headings (一、), subsection headings (（一）…。) and paragraphs, with anchors."""
from __future__ import annotations

import re

from .model import Block
from .rules import RuleError, compile_pattern
from .slugs import slugify_heading
from .sources import find_heading_mark

FILE = "structure.yml"


def detect_structure(text: str, rules: dict) -> tuple[Block, ...]:
    """A numbered line is a heading; when a long one runs on into its paragraph, the run-on is split off."""
    headings = [("section", _pattern(rules, "section")), ("subsection", _pattern(rules, "subsection"))]
    heading_end = _pattern(rules, "heading_end")
    max_chars = rules.get("max_heading_chars", 50)
    blocks: list[tuple[str, str]] = []
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        if (marked := find_heading_mark(line))[0]:  # a Word or Markdown heading, marked when the file was read
            blocks.append(marked)
            continue
        found = next(((kind, match) for kind, pattern in headings if (match := pattern.match(line))), None)
        blocks += _split_heading(*found, line, heading_end, max_chars) if found else [("paragraph", line)]
    return _with_anchors(blocks)


def _split_heading(kind: str, ordinal: re.Match[str], line: str, heading_end: re.Pattern[str],
                   max_chars: int) -> list[tuple[str, str]]:
    """`（一）标题。正文…` -> the heading up to and including its first full stop, then the paragraph."""
    end = heading_end.search(line, ordinal.end())
    if end and end.end() <= max_chars and line[end.end():].strip():
        return [(kind, line[:end.end()]), ("paragraph", line[end.end():].strip())]
    if len(line) <= max_chars:
        return [(kind, line)]
    return [("paragraph", line)]  # a long numbered line with no heading in it: keep it as text


def _with_anchors(blocks: list[tuple[str, str]]) -> tuple[Block, ...]:
    """Paragraphs are `p<position>`; headings get a readable slug, never one a paragraph already has."""
    taken = {f"p{number}" for number, (kind, _) in enumerate(blocks, start=1) if kind == "paragraph"}
    result = []
    for number, (kind, text) in enumerate(blocks, start=1):
        anchor = f"p{number}" if kind == "paragraph" else slugify_heading(text, taken)
        taken.add(anchor)
        result.append(Block(kind, text, anchor))
    return tuple(result)


def _pattern(rules: dict, key: str) -> re.Pattern[str]:
    if not isinstance(rules, dict) or not rules.get(key):
        raise RuleError(FILE, key, "missing pattern")
    return compile_pattern(FILE, key, rules[key])
