"""Report -> Markdown page: YAML front matter plus literal, escaped report text."""
from __future__ import annotations

import re

import yaml

from .model import Report

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape_text(text: str) -> str:
    """Make report text literal: HTML characters become entities, Markdown syntax is backslash-escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&gt;", "&gt;")


def render_markdown(report: Report) -> str:
    meta = {k: v for k, v in report.meta.__dict__.items()}
    meta["themes"] = list(meta["themes"])
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    body = []
    for block in report.blocks:
        prefix = {"section": "## ", "subsection": "### "}.get(block.kind, "")
        suffix = f" {{ #{block.anchor} }}" if prefix else f"\n{{: #{block.anchor} }}"
        body.append(f"{prefix}{escape_text(block.text)}{suffix}")
    return f"---\n{front}---\n\n# {escape_text(report.meta.title)}\n\n" + "\n\n".join(body) + "\n"
