"""Heading marks: how a reader tells detect_structure that a line is one of the document's own headings.

A mark is a control character that decoding removes from raw text, so no source can fake one.
"""
from __future__ import annotations

HEADING_MARKS = {"section": "\x01", "subsection": "\x02"}  # not whitespace: str.strip() keeps them


def find_heading_mark(line: str) -> tuple[str | None, str]:
    """(kind, text) for a line that starts with a heading mark, else (None, line)."""
    for kind, mark in HEADING_MARKS.items():
        if line.startswith(mark):
            return kind, line[len(mark):].strip()
    return None, line
