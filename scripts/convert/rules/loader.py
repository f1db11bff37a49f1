"""Load the rule files (scripts/convert/rules/*.yml) once per build: every rule checked and compiled, so that the
stages only apply them. A broken rule stops the build with a RuleError naming the file and the rule."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.convert.rules.checks import (
    NamedPattern,
    RuleError,
    compile_pattern,
    named_rules,
    optional,
    require,
)
from scripts.convert.rules.metadata import MetadataRules, read_metadata
from scripts.convert.rules.rejoin import RejoinRules, read_rejoin
from scripts.convert.rules.vocabulary import Vocabulary, check_themes, find_vocabulary

RULES_DIR = Path(__file__).parent
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class TailRule:
    """A line that starts the apparatus at the end of a page, when it stands past the share `after` of the lines."""
    name: str
    pattern: re.Pattern[str]
    after: float


@dataclass(frozen=True)
class Replacement:
    name: str
    pattern: re.Pattern[str]
    replace: str  # a template for match.expand: \1 and \g<name> refer to the match


@dataclass(frozen=True)
class FillerRule:
    """Short lines between two ad lines belong to the ad, unless `keep_if` finds something in them."""
    name: str
    max_chars: int
    keep_if: re.Pattern[str]
    between: frozenset[str] = frozenset()  # the rules of the ad lines around them; empty: any


@dataclass(frozen=True)
class NoiseRules:
    inline: tuple[NamedPattern, ...]
    lines: tuple[NamedPattern, ...]
    prose_min_full_stops: int
    between_ads: FillerRule | None
    tails: tuple[TailRule, ...] = ()
    tail_within_lines: int = 60
    tail_lead_max_chars: int = 4
    tail_max_prose_lines: int = 3
    leftover: re.Pattern[str] = re.compile(r"[\W_]+")  # what a line emptied by inline removals may keep
    even_in_prose: frozenset[str] = frozenset()  # line rules that also remove a line with sentences in it
    contents_header: re.Pattern[str] = re.compile("(?!)")
    contents_entry: re.Pattern[str] = re.compile("(?!)")


@dataclass(frozen=True)
class SplitRules:
    compilation_header: re.Pattern[str]
    report_title: re.Pattern[str]
    header_within_lines: int


@dataclass(frozen=True)
class HeadRules:
    body_start: re.Pattern[str]
    max_lines: int
    title: re.Pattern[str]
    not_title: re.Pattern[str]
    subtitle: re.Pattern[str]
    dash_subtitle: re.Pattern[str]
    short_line: re.Pattern[str]
    short_title: re.Pattern[str]
    field_title: re.Pattern[str]
    title_subtitle: re.Pattern[str]
    kind_word: re.Pattern[str]
    glued_title: re.Pattern[str]
    glued_min_chars: int
    preview_within_lines: int
    preview_min_chars: int
    preview_share: float
    continuation: re.Pattern[str]
    marker: re.Pattern[str]


@dataclass(frozen=True)
class StructureRules:
    section: re.Pattern[str]
    subsection: re.Pattern[str]
    heading_end: re.Pattern[str]
    max_heading_chars: int


@dataclass(frozen=True)
class Rules:
    noise: NoiseRules
    censor: tuple[Replacement, ...]
    rejoin: RejoinRules
    split: SplitRules
    head: HeadRules
    structure: StructureRules
    metadata: MetadataRules
    themes: list[dict]  # the taxonomy, checked here
    vocabulary: Vocabulary
    fingerprint: str  # digest of the rule files (a compiled pattern's repr is cut short; this is not)


def load_rules(rules_dir: Path = RULES_DIR) -> Rules:
    texts = {name: _read_text(rules_dir / f"{name}.yml") for name in _READERS}
    rules = {name: read(_parse(f"{name}.yml", texts[name])) for name, read in _READERS.items()}
    return Rules(**rules, vocabulary=find_vocabulary(rules["metadata"], rules["themes"]),
                 fingerprint=hashlib.sha256("\0".join(texts.values()).encode()).hexdigest())


def read_noise(data: Any, file: str = "noise.yml") -> NoiseRules:
    filler = optional(file, data, "between_ads", dict, None)
    return NoiseRules(
        inline=_named_patterns(file, "inline", require(file, data, "inline", list)),
        lines=_named_patterns(file, "lines", require(file, data, "lines", list)),
        prose_min_full_stops=optional(file, data, "prose_min_full_stops", int, 2),
        between_ads=_read_filler(file, filler) if filler else None,
        tails=tuple(TailRule(name, compile_pattern(file, name, require(file, rule, "pattern", str, name)),
                             float(optional(file, rule, "after", (int, float), 0.5, name)))
                    for name, rule in named_rules(file, "tails", optional(file, data, "tails", list, []))),
        tail_within_lines=optional(file, data, "tail_within_lines", int, 60),
        tail_lead_max_chars=optional(file, data, "tail_lead_max_chars", int, 4),
        tail_max_prose_lines=optional(file, data, "tail_max_prose_lines", int, 3),
        leftover=compile_pattern(file, "leftover", optional(file, data, "leftover", str, r"[\W_]+")),
        contents_header=compile_pattern(file, "contents_header", require(file, data, "contents_header", str)),
        contents_entry=compile_pattern(file, "contents_entry", require(file, data, "contents_entry", str)),
        even_in_prose=frozenset(name for name, rule in named_rules(file, "lines", data["lines"])
                                if optional(file, rule, "even_in_prose", bool, False, name)),
    )


def read_censor(data: Any, file: str = "censor.yml") -> tuple[Replacement, ...]:
    """A `pattern` with its `replace`, or a `words` dictionary (censored word -> restored word)."""
    replacements = []
    for name, rule in named_rules(file, "", data):
        if "words" in rule:
            replacements += _word_replacements(file, name, rule)
        elif "pattern" in rule and "replace" in rule:
            replace = require(file, rule, "replace", str, name)
            replacements.append(Replacement(name, compile_pattern(file, name, rule["pattern"]), replace))
        else:
            raise RuleError(file, name, "needs `pattern` and `replace`, or `words`")
    return tuple(replacements)


def read_split(data: Any, file: str = "split.yml") -> SplitRules:
    return SplitRules(
        compilation_header=compile_pattern(file, "compilation_header", require(file, data, "compilation_header", str)),
        report_title=compile_pattern(file, "report_title", require(file, data, "report_title", str)),
        header_within_lines=optional(file, data, "header_within_lines", int, 3),
    )


def read_head(data: Any, file: str = "head.yml") -> HeadRules:
    patterns = {key: compile_pattern(file, key, require(file, data, key, str))
                for key in ("body_start", "title", "not_title", "subtitle", "dash_subtitle", "short_line", "short_title",
                            "kind_word", "glued_title", "field_title", "title_subtitle",
                            "continuation", "marker")}
    return HeadRules(**patterns, max_lines=optional(file, data, "max_lines", int, 14),
                     glued_min_chars=optional(file, data, "glued_min_chars", int, 80),
                     preview_within_lines=optional(file, data, "preview_within_lines", int, 8),
                     preview_min_chars=optional(file, data, "preview_min_chars", int, 30),
                     preview_share=float(optional(file, data, "preview_share", (int, float), 0.8)))


def read_structure(data: Any, file: str = "structure.yml") -> StructureRules:
    patterns = {key: compile_pattern(file, key, require(file, data, key, str))
                for key in ("section", "subsection", "heading_end")}
    return StructureRules(**patterns, max_heading_chars=optional(file, data, "max_heading_chars", int, 50))


def _read_filler(file: str, filler: dict) -> FillerRule:
    name, max_chars, keep_if = (require(file, filler, key, kind, "between_ads")
                                for key, kind in (("name", str), ("max_chars", int), ("keep_if", str)))
    between = optional(file, filler, "between", list, [], "between_ads")
    return FillerRule(name, max_chars, compile_pattern(file, "between_ads", keep_if), frozenset(between))


def _named_patterns(file: str, group: str, rules: list) -> tuple[NamedPattern, ...]:
    return tuple(NamedPattern(name, compile_pattern(file, name, require(file, rule, "pattern", str, name)))
                 for name, rule in named_rules(file, group, rules))


def _word_replacements(file: str, name: str, rule: dict) -> list[Replacement]:
    """One replacement per word, longer words first, each guarded by `not_followed_by` when given."""
    words = require(file, rule, "words", dict, name)
    if not words or not all(isinstance(k, str) and isinstance(v, str) for k, v in words.items()):
        raise RuleError(file, name, "`words` must map censored words to restored words")
    guard = optional(file, rule, "not_followed_by", str, "", name)
    return [Replacement(name, compile_pattern(file, name, re.escape(word) + (f"(?!{guard})" if guard else "")),
                        restored.replace("\\", "\\\\"))
            for word, restored in sorted(words.items(), key=lambda item: -len(item[0]))]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(path.name, "-", str(error)) from None


def _parse(file: str, text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise RuleError(file, "-", str(error)) from None


_READERS = {"noise": read_noise, "rejoin": read_rejoin, "censor": read_censor, "split": read_split, "head": read_head, "structure": read_structure,
            "metadata": read_metadata, "themes": check_themes}
