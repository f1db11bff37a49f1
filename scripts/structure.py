"""Text -> blocks: section headings (一、), subsection headings (（一）…。) and paragraphs with anchors."""
from __future__ import annotations

from .model import Block
from .rules import compile_pattern
from .slugs import slugify_heading


def detect_structure(text: str, rules: dict) -> tuple[Block, ...]:
    section = compile_pattern("structure.yml", "section", rules["section"])
    subsection = compile_pattern("structure.yml", "subsection", rules["subsection"])
    blocks: list[tuple[str, str]] = []
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        if section.match(line) and len(line) <= rules["max_heading_chars"]:
            blocks.append(("section", line))
        elif match := subsection.match(line):
            blocks.append(("subsection", match.group(0)))
            if rest := line[match.end():].strip():
                blocks.append(("paragraph", rest))
        else:
            blocks.append(("paragraph", line))
    return _with_anchors(blocks)


def _with_anchors(blocks: list[tuple[str, str]]) -> tuple[Block, ...]:
    seen: set[str] = set()
    result = []
    for number, (kind, text) in enumerate(blocks, start=1):
        anchor = slugify_heading(text, seen) if kind != "paragraph" else f"p{number}"
        seen.add(anchor)
        result.append(Block(kind, text, anchor))
    return tuple(result)
