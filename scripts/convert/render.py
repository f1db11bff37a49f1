"""Report -> Markdown page: YAML front matter, then the report text as literal, escaped text with anchors."""
from __future__ import annotations

import dataclasses
import re

import yaml

from scripts.convert.model import Block, Report

# Python-Markdown has a backslash escape for these (and only these) characters, `|` because the site enables
# tables; `<`, `&` and the characters below need entities.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#+\-!|])")
_LIST_NUMBER = re.compile(r"^(\d+)\.", re.MULTILINE)
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)  # four of them would start a code block
_SETEXT_LINE = re.compile(r"^=", re.MULTILINE)  # `=` has no backslash escape; under a line it makes a heading
_TILDE_FENCE = re.compile(r"^~", re.MULTILINE)  # `~~~` would open a code block running to the next `~~~`
_HEADING_MARKS = {"title": "# ", "section": "## ", "subsection": "### "}
# libyaml writes the same YAML as PyYAML's own dumper, ten times faster, except that it escapes characters outside
# this range (CJK extension B and other supplementary-plane characters, line separators): those take the slow path.
_LIBYAML_SAFE = re.compile(r"[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]*")
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def escape_text(text: str) -> str:
    """Make report text literal: HTML characters become entities, Markdown syntax is backslash-escaped."""
    text = _LEADING_SPACE.sub("", text)  # HTML does not show leading spaces either
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SETEXT_LINE.sub("&#61;", _BACKSLASHED.sub(r"\\\1", text))
    text = _TILDE_FENCE.sub("&#126;", text)
    return _LIST_NUMBER.sub(r"\1\\.", text)


def render_markdown(report: Report) -> str:
    """The page: front matter, one H1 (the report's own title block, or its descriptive title), then the blocks."""
    blocks = list(report.blocks)
    if blocks and blocks[0].text == report.meta.title:
        lines = [render_block(blocks.pop(0), "title")]
    else:
        lines = [f"# {escape_text(report.meta.title)}"]
    lines += [render_block(block, block.kind) for block in blocks]
    return f"---\n{render_front_matter(report)}---\n\n" + "\n\n".join(lines) + "\n"


def render_front_matter(report: Report) -> str:
    """YAML with English keys and Chinese values; safe_dump quotes whatever YAML would misread (`: `, `#`, `*`)."""
    meta = dataclasses.asdict(report.meta)
    meta["themes"] = list(report.meta.themes)
    return dump_yaml(meta)


def dump_yaml(data: dict) -> str:
    """Block-style YAML, keys in the given order, Chinese as written, no line wrapping."""
    fast = all(_LIBYAML_SAFE.fullmatch(text) for text in _strings(data))
    return yaml.dump(data, Dumper=_FAST_DUMPER if fast else yaml.SafeDumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000)


def _strings(data: dict):
    for key, value in data.items():
        yield str(key)
        yield from (value if isinstance(value, list) else [value] if isinstance(value, str) else [])


def render_block(block: Block, kind: str) -> str:
    """A heading with its anchor in attr_list form, or a paragraph followed by its `{: #anchor }` line."""
    text = escape_text(block.text)
    if kind in _HEADING_MARKS:
        return f"{_HEADING_MARKS[kind]}{text} {{ #{block.anchor} }}"
    return f"{text}\n{{: #{block.anchor} }}"
