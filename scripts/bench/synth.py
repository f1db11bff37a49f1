"""A deterministic synthetic archive for the search benchmark: seed paragraphs recombined, with other
numbers and years, plus decoy paragraphs that hold a phrase's words but not the phrase itself."""
from __future__ import annotations

import random
import re
from pathlib import Path

from scripts.convert.archive import build_archive
from scripts.convert.model import Block, Meta, Report

DECOYS = (
    "坚持全天候值班值守，做到衔接无缝隙，工作保持快节奏，办文力求零差错。",
    "党员干部要把建设一流队伍放在首位，工作中加强督办，促进督查质效提升。",
    "放开市场准入，管好监管底线，服务企业群众，推动营商环境持续优化。",
    "G E P 核算试点、１２３ 热线与政务服务“好差评”同步推进。",
)
RARE = "探索建立“数字孪生”城市治理试点，打造智慧政务新场景。"  # in two reports of a thousand
LEVELS = ("中央", "省级", "市级", "县级", "乡镇")
TYPES = ("年度工作总结", "半年工作总结", "述职述廉报告", "工作汇报", "工作报告", "讲话")
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"20\d\d(?=年)")


def seed_paragraphs(seeds_dir: Path) -> list[str]:
    reports = build_archive(seeds_dir).reports
    return [block.text for report in reports for block in report.blocks if len(block.text) >= 8]


def synth_reports(count: int, paragraphs: list[str], chars: int = 10_000) -> list[Report]:
    return [synth_report(number, paragraphs, chars) for number in range(count)]


def synth_report(number: int, paragraphs: list[str], chars: int = 10_000) -> Report:
    rng = random.Random(number)
    year = 2015 + rng.randrange(10)
    texts, total = [], 0
    while total < chars:
        text = rng.choice(DECOYS) if rng.random() < 0.05 else _vary(rng.choice(paragraphs), rng, year)
        texts.append(text)
        total += len(text)
    if number % 500 == 7:
        texts.insert(rng.randrange(len(texts)), RARE)
    blocks = tuple(Block("paragraph", text, f"p{i}") for i, text in enumerate(texts, start=1))
    meta = Meta(title=f"合成报告{number:05d}：{year}年工作总结", level=rng.choice(LEVELS), year=year,
                   doc_type=rng.choice(TYPES), organization=f"第{number % 97}县政府办公室",
                   themes=tuple(rng.sample(("党建", "督查督办", "办文办会", "营商环境", "疫情防控"), 2)),
                   source=f"synth-{number:05d}.txt", chars=total)
    return Report(f"synth-{number:05d}", meta, blocks)


def _vary(text: str, rng: random.Random, year: int) -> str:
    text = _YEAR.sub(str(year), text)
    return _NUMBER.sub(lambda m: str(rng.randrange(1, 10 ** len(m.group(0)))) if rng.random() < 0.5
                       else m.group(0), text)


def write_sources(reports, folder: Path) -> None:
    """Write each synthetic report as a plain text source file (for a full `mkdocs build`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for report in reports:
        lines = [report.meta.title] + [block.text for block in report.blocks]
        (folder / f"{report.slug}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
