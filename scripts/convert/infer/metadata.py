"""Blocks -> metadata (title, level, year, doc_type, organization, themes), each from weighed evidence.

Clues and weights are in metadata.yml; they are matched on the simplified text, so traditional characters
read alike. `weigh_evidence` gives the rankings behind each field, for `--explain`.
"""
from __future__ import annotations

from dataclasses import dataclass

from scripts.convert.clean.head import is_title
from scripts.convert.infer.evidence import Ranking, add, pick, weigh
from scripts.convert.infer.organization import find_organization, guess_organization
from scripts.convert.infer.places import find_place_levels
from scripts.convert.infer.themes import find_report_themes
from scripts.convert.infer.year import weigh_year
from scripts.convert.model import Block, Meta
from scripts.convert.rules import Rules
from scripts.convert.rules.metadata import MetadataRules
from scripts.convert.simplify import to_simplified

_SUBTITLE_MAX_CHARS = 100


@dataclass(frozen=True)
class Evidence:
    own_title: str
    organization: str
    doc_type: Ranking
    level: Ranking
    year: Ranking


def extract_metadata(blocks: tuple[Block, ...], source: str, part_of: tuple, rules: Rules) -> Meta:
    evidence = weigh_evidence(blocks, rules)
    meta_rules = rules.metadata
    doc_type = pick(evidence.doc_type, meta_rules.doc_type) or meta_rules.doc_type_default
    year = pick(evidence.year, meta_rules.year)
    return Meta(
        title=evidence.own_title or describe_title(evidence.organization, year, doc_type, meta_rules),
        level=pick(evidence.level, meta_rules.level) or meta_rules.level_unknown,
        year=year,
        doc_type=doc_type,
        organization=evidence.organization,
        themes=find_report_themes(blocks, rules.themes, meta_rules.theme_min_mentions),
        source=source,
        chars=sum(len(block.text) for block in blocks),
        part=part_of[0],
        parts=part_of[1],
    )


def weigh_evidence(blocks: tuple[Block, ...], rules: Rules) -> Evidence:
    meta_rules = rules.metadata
    following = blocks[1].text if len(blocks) > 1 else ""
    own_title = blocks[0].text if blocks and is_title(blocks[0].text, rules.head, following) else ""
    parts = report_parts(blocks, own_title, rules)
    doc_types = weigh(meta_rules.doc_type.clues, parts)
    doc_type = pick(doc_types, meta_rules.doc_type) or meta_rules.doc_type_default
    organization = guess_organization(parts, meta_rules)
    return Evidence(own_title, organization, doc_types, weigh_level(parts, meta_rules),
                    weigh_year(parts, doc_type, meta_rules))


def report_parts(blocks: tuple[Block, ...], own_title: str, rules: Rules) -> dict[str, str]:
    """The simplified text of each part that clues look in: title (with subtitle lines), opening, closing,
    headings, text."""
    meta_rules = rules.metadata
    rest = list(blocks[1 if own_title else 0:])
    subtitles = [block.text for block in rest[:4]
                 if len(block.text) <= _SUBTITLE_MAX_CHARS and rules.head.subtitle.search(to_simplified(block.text))]
    rest = [block for block in rest if block.text not in subtitles]
    paragraphs = [block.text for block in rest if block.kind == "paragraph"]
    texts = {
        "title": "\n".join([own_title, *subtitles]),
        "opening": _opening(paragraphs, meta_rules.opening_chars),
        "closing": "\n".join(paragraphs[-meta_rules.closing_paragraphs:]),
        "headings": "\n".join(block.text for block in rest if block.kind != "paragraph"),
        "text": "\n".join(block.text for block in blocks),
    }
    return {part: to_simplified(text).translate(_HALF_WIDTH) for part, text in texts.items()}


def _opening(paragraphs: list[str], chars: int) -> str:
    """The first paragraphs, up to about `chars` characters: salutation, speaker and first sentences."""
    opening, size = [], 0
    for paragraph in paragraphs:
        if size >= chars:
            break
        opening.append(paragraph)
        size += len(paragraph)
    return "\n".join(opening)


_HALF_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")  # years written in full-width digits

def weigh_level(parts: dict[str, str], rules: MetadataRules) -> Ranking:
    """Scope words, national bodies, the author office (the most local place in its name) and the most local
    place in the title."""
    ranking = weigh(rules.level.clues, parts)
    organization, named = find_organization(parts, rules)
    if level := level_of_office(organization, rules):
        weight = rules.office_weight if named else rules.office_weight // 2
        add(ranking, level, weight, f"单位「{organization}」{'' if named else '（文中提到最多）'}")
    if local := _most_local(find_place_levels(parts["title"])):
        add(ranking, local[1], rules.place_weight, f"标题中的地名「{local[0]}」")
    return ranking


_LOCAL_ORDER = ("中央", "省级", "市级", "县级", "乡镇")


def level_of_office(organization: str, rules: MetadataRules) -> str | None:
    """The level of an office: the most local place of the gazetteer in its name (宜宾市翠屏区 is a district,
    义乌市 a county-level city), else the level word it ends with (县委, XX镇)."""
    matches = list(rules.office.finditer(organization))
    if not matches:
        return None
    if local := _most_local(find_place_levels(organization)):
        return local[1]
    return rules.level_prefixes.get(matches[-1]["prefix"])


def _most_local(places: list[tuple[str, str]]) -> tuple[str, str] | None:
    return max(places, key=lambda place: _LOCAL_ORDER.index(place[1]), default=None)


def describe_title(organization: str, year: int | None, doc_type: str, rules: MetadataRules) -> str:
    """A title for a report that has none, e.g. 县政府办公室2021年工作总结."""
    kind = rules.title_kinds.get(doc_type, rules.untitled)
    return rules.title_template.format(organization=organization, year=f"{year}年" if year else "", kind=kind)
