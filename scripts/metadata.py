"""Blocks -> metadata (title, level, year, doc_type, organization, themes). Placeholder heuristics."""
from __future__ import annotations

import re

from .model import Block, Meta


def extract_metadata(blocks, source, part_of, rules, taxonomy) -> Meta:
    text = "\n".join(block.text for block in blocks)
    title = blocks[0].text if blocks and len(blocks[0].text) < 40 and not blocks[0].text.endswith("：") else ""
    years = [int(y) for y in re.findall(r"(20\d\d)年", text)]
    year = max(set(years), key=years.count) if years else None
    themes = tuple(t["name"] for t in taxonomy if any(k in text for k in t["keywords"]))
    return Meta(
        title=title or source, level="未知", year=year, doc_type="其他", organization="",
        themes=themes, source=source, chars=sum(len(b.text) for b in blocks),
        part=part_of[0], parts=part_of[1],
    )
