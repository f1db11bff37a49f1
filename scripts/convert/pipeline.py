"""The whole conversion, top to bottom: raw bytes of one source file -> cleaned reports."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from scripts.convert.clean.censor import restore_censored
from scripts.convert.clean.head import clean_head
from scripts.convert.clean.noise import strip_noise
from scripts.convert.clean.rejoin import rejoin_lines
from scripts.convert.clean.split import split_compilation
from scripts.convert.clean.structure import detect_structure
from scripts.convert.infer.metadata import extract_metadata
from scripts.convert.infer.themes import tag_themes
from scripts.convert.model import Change, Problem, Report
from scripts.convert.overrides import apply_overrides, check_overrides
from scripts.convert.read.sources import read_source
from scripts.convert.rules import RuleError, Rules
from scripts.convert.slugs import slugify_source


@dataclass(frozen=True)
class Converted:
    """What one source file gave: its reports, and problems (a file with no report; or invalid corrections)."""
    reports: tuple[Report, ...] = ()
    problems: tuple[Problem, ...] = ()


def convert(source: str, data: bytes, rules: Rules, sidecar: tuple[str, Mapping] | None = None) -> Converted:
    """Read by format, clean, then apply the corrections of the .md front matter and of the sidecar file."""
    read = read_source(source, data)
    if isinstance(read, Problem):
        return Converted(problems=(read,))
    overrides, problems = _find_overrides(source, read.front_matter, sidecar, rules)
    problems += [Problem(source, warning, warning=True) for warning in read.warnings]
    try:
        result = convert_text(source, read.text, rules, read.changes)
    except RuleError:
        raise
    except Exception as error:  # a bug on one odd file must not take the other reports down
        result = Problem(source, f"转换出错 / conversion failed: {type(error).__name__}: {error}")
    if isinstance(result, Problem):
        return Converted(problems=(*problems, result))
    if read.ocr:  # the text was recognised from page images: say so on the report
        result = [dataclasses.replace(report, meta=dataclasses.replace(report.meta, ocr=True)) for report in result]
    return Converted(tuple(_correct(report, overrides) for report in result), tuple(problems))


def convert_source(source: str, data: bytes, rules: Rules) -> list[Report] | Problem:
    """Convert one raw file without corrections: its reports, or the Problem that stopped it."""
    converted = convert(source, data, rules)
    return list(converted.reports) if converted.reports else converted.problems[0]


def convert_text(source: str, text: str, rules: Rules, read_changes: tuple[Change, ...] = ()) -> list[Report] | Problem:
    text, removals = strip_noise(text, rules.noise)
    text, joins = rejoin_lines(text, rules.rejoin)
    text, restorations = restore_censored(text, rules.censor)
    parts, dropped = split_compilation(text, rules.split)
    if not parts:
        return Problem(source, "去除广告和噪声后没有剩下报告正文 / no report text left after removing ads and noise")
    changes = read_changes + tuple(removals) + tuple(joins) + tuple(restorations) + tuple(dropped)
    reports = []
    for number, part in enumerate(parts, start=1):
        part, head_changes = clean_head(part, rules.head)
        blocks = tag_themes(detect_structure(part, rules.structure), rules.themes)
        part_of = (number, len(parts)) if len(parts) > 1 else (None, None)
        meta = extract_metadata(blocks, source, part_of, rules)
        reports.append(Report(slugify_source(source, part_of[0]), meta, blocks, changes + tuple(head_changes)))
    return reports


def _find_overrides(source, front_matter, sidecar, rules) -> tuple[dict, list[Problem]]:
    overrides, problems = check_overrides(source, front_matter, rules.vocabulary, strict_keys=False)
    if sidecar:
        from_sidecar, more = check_overrides(sidecar[0], sidecar[1], rules.vocabulary)
        overrides = {part: {**overrides.get(part, {}), **from_sidecar.get(part, {})}
                     for part in sorted(overrides.keys() | from_sidecar.keys())}
        problems += more
    return overrides, problems


def _correct(report: Report, overrides: Mapping[int, dict]) -> Report:
    """Apply the corrections, recording each one like any other change."""
    meta = apply_overrides(report.meta, overrides)
    changes = tuple(Change(f"correction:{name}", str(getattr(report.meta, name)), str(getattr(meta, name)))
                    for name in ("title", "level", "year", "doc_type", "organization", "themes")
                    if getattr(meta, name) != getattr(report.meta, name))
    return dataclasses.replace(report, meta=meta, changes=report.changes + changes) if changes else report
