"""The whole conversion, top to bottom: raw bytes of one source file -> cleaned reports."""
from __future__ import annotations

from .censor import restore_censored
from .decode import decode
from .metadata import extract_metadata
from .model import Problem, Report
from .noise import strip_noise
from .rules import Rules
from .slugs import slugify_source
from .split import split_compilation
from .structure import detect_structure


def convert_source(source: str, data: bytes, rules: Rules) -> list[Report] | Problem:
    """Convert one raw file; a file that cannot become a report gives a Problem, never an exception."""
    try:
        text = decode(data)
    except ValueError as error:
        return Problem(source, str(error))
    text, removals = strip_noise(text, rules.noise)
    text, restorations = restore_censored(text, rules.censor)
    parts = split_compilation(text, rules.split)
    if not parts:
        return Problem(source, "no report text left after removing ads and noise")
    changes = tuple(removals) + tuple(restorations)
    reports = []
    for number, part in enumerate(parts, start=1):
        blocks = detect_structure(part, rules.structure)
        part_of = (number, len(parts)) if len(parts) > 1 else (None, None)
        meta = extract_metadata(blocks, source, part_of, rules.metadata, rules.themes)
        reports.append(Report(slugify_source(source, part_of[0]), meta, blocks, changes))
    return reports
