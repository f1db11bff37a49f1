"""Load the cleaning and metadata rules (YAML files in scripts/rules/) once per build."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).parent / "rules"


class RuleError(ValueError):
    """A rule file is broken: the message names the file, the rule and the cause."""

    def __init__(self, file: str, rule: str, cause: str):
        super().__init__(f"{file}: rule {rule!r}: {cause}")


@dataclass(frozen=True)
class Rules:
    noise: Any
    censor: Any
    split: Any
    structure: Any
    metadata: Any
    themes: Any


def load_rules(rules_dir: Path = RULES_DIR) -> Rules:
    return Rules(**{name: _read_yaml(rules_dir / f"{name}.yml") for name in Rules.__dataclass_fields__})


def compile_pattern(file: str, rule: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, TypeError) as error:
        raise RuleError(file, rule, f"bad pattern {pattern!r}: {error}") from None


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RuleError(path.name, "-", str(error)) from None
