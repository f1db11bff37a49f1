"""Every source file in seeds/ -> the archive: reports, problem files and duplicates."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Problem, Report
from .pipeline import convert_source
from .rules import Rules, load_rules


@dataclass(frozen=True)
class Archive:
    reports: tuple[Report, ...]
    problems: tuple[Problem, ...]
    sources: dict[str, Path]  # source name -> raw file, for the download links
    duplicates: tuple[tuple[str, str], ...] = ()  # (dropped source, the source it duplicates)


def build_archive(seeds_dir: Path, rules: Rules | None = None) -> Archive:
    rules = rules or load_rules()
    reports: list[Report] = []
    problems: list[Problem] = []
    sources: dict[str, Path] = {}
    for path in sorted(p for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        result = convert_source(path.name, path.read_bytes(), rules)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            reports.extend(result)
            sources[path.name] = path
    return Archive(tuple(reports), tuple(problems), sources)
