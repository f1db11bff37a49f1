"""Split a compilation (…汇编（3篇）) into one text per report."""
from __future__ import annotations

from .rules import compile_pattern


def split_compilation(text: str, rules: dict) -> list[str]:
    lines = [line for line in text.split("\n")]
    header = compile_pattern("split.yml", "compilation_header", rules["compilation_header"])
    if not any(header.search(line) for line in lines[:5]):
        body = text.strip()
        return [body] if body else []
    title = compile_pattern("split.yml", "report_title", rules["report_title"])
    parts: list[list[str]] = []
    for line in lines:
        if header.search(line):
            continue
        if title.search(line):
            parts.append([])
        if parts:
            parts[-1].append(line)
    return [text for text in ("\n".join(part).strip() for part in parts) if text]
