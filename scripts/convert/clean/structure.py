"""Text -> blocks: section headings (一、), subsection headings (（一）…。) and paragraphs, with anchors."""
from __future__ import annotations

import re

from scripts.convert.model import Block
from scripts.convert.read.sources import find_heading_mark
from scripts.convert.rules import StructureRules
from scripts.convert.slugs import slugify_heading


def detect_structure(text: str, rules: StructureRules) -> tuple[Block, ...]:
    """A numbered line is a heading; when a long one runs on into its paragraph, the run-on is split off."""
    headings = [("section", rules.section), ("subsection", rules.subsection)]
    blocks: list[tuple[str, str]] = []
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        if (marked := find_heading_mark(line))[0]:  # a Word or Markdown heading, marked when the file was read
            blocks.append(marked)
            continue
        found = next(((kind, match) for kind, pattern in headings if (match := pattern.match(line))), None)
        blocks += _split_heading(*found, line, rules) if found else [("paragraph", line)]
    return _with_anchors(blocks)


def _split_heading(kind: str, ordinal: re.Match[str], line: str, rules: StructureRules) -> list[tuple[str, str]]:
    """`（一）标题。正文…` -> the heading up to and including its first full stop, then the paragraph."""
    end = rules.heading_end.search(line, ordinal.end())
    if end and end.end() <= rules.max_heading_chars and line[end.end():].strip():
        return [(kind, line[:end.end()]), ("paragraph", line[end.end():].strip())]
    if len(line) <= rules.max_heading_chars:
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
