"""Report -> page: as Markdown (YAML front matter, then the text escaped to stay literal, with anchors), or
straight to the HTML that Python-Markdown makes of that Markdown, with the headings for the table of contents.
The site uses the HTML; tests/test_render_html.py holds it to the Markdown as rendered by MkDocs."""
from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

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
_HEADING_LEVELS = {"title": 1, "section": 2, "subsection": 3}
_COUNTED = re.compile(r"^(.*)_([0-9]+)$")
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
    return dump_yaml(front_matter_data(report))


def front_matter_data(report: Report) -> dict:
    """The page's metadata, as its front matter reads back."""
    return {**dataclasses.asdict(report.meta), "themes": list(report.meta.themes)}


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


@dataclass(frozen=True)
class Heading:
    """A heading as the table of contents lists it: its level, anchor and text (as HTML)."""
    level: int
    anchor: str
    html: str


def render_html(report: Report, slugify: Callable[[str], str]) -> str:
    """The page body as render_markdown's page renders: the H1, then the blocks. `slugify` makes the H1's
    anchor when the report has no title block, as the Markdown `toc` extension does."""
    title, blocks = find_title_heading(report, slugify)
    return "\n".join([f'<h1 id="{title.anchor}">{title.html}</h1>', *map(_block_html, blocks)])


def headings_of(report: Report, slugify: Callable[[str], str]) -> tuple[Heading, ...]:
    """The headings of render_html's page, for its table of contents, without rendering the rest of it."""
    title, blocks = find_title_heading(report, slugify)
    return (title, *(_heading(block) for block in blocks if block.kind in _HEADING_LEVELS))


def find_title_heading(report: Report, slugify: Callable[[str], str]) -> tuple[Heading, tuple[Block, ...]]:
    """The H1 (the report's own title block, or its descriptive title with a new anchor) and the other blocks."""
    blocks = report.blocks
    if blocks and blocks[0].text == report.meta.title:
        return _heading(blocks[0], level=1), blocks[1:]
    text = _inline_html(report.meta.title)
    taken = {block.anchor for block in blocks}
    return Heading(1, _unique(slugify(" ".join(html.unescape(text).split())), taken), text), blocks


def _heading(block: Block, level: int | None = None) -> Heading:
    return Heading(level or _HEADING_LEVELS[block.kind], block.anchor, _inline_html(block.text))


def _block_html(block: Block) -> str:
    tag = f"h{_HEADING_LEVELS[block.kind]}" if block.kind in _HEADING_LEVELS else "p"
    return f'<{tag} id="{block.anchor}">{_inline_html(block.text)}</{tag}>'


def _inline_html(text: str) -> str:
    """Text as HTML, with the whitespace Markdown drops dropped: at the start of lines and at both ends."""
    return html.escape(_LEADING_SPACE.sub("", text).strip(), quote=False)


def _unique(anchor: str, taken: set[str]) -> str:
    """The `toc` extension's rule for a taken (or empty) anchor: `x` becomes `x_1`, `x_1` becomes `x_2`."""
    while anchor in taken or not anchor:
        counted = _COUNTED.match(anchor)
        anchor = f"{counted[1]}_{int(counted[2]) + 1}" if counted else f"{anchor}_1"
    return anchor
