"""The rules: YAML files in this folder, checked and compiled once per build by loader.load_rules."""
from scripts.convert.rules.checks import RuleError, compile_pattern
from scripts.convert.rules.loader import (
    RULES_DIR,
    FillerRule,
    HeadRules,
    NamedPattern,
    NoiseRules,
    Replacement,
    Rules,
    SplitRules,
    StructureRules,
    load_rules,
)
from scripts.convert.rules.vocabulary import Vocabulary

__all__ = ["RULES_DIR", "FillerRule", "HeadRules", "NamedPattern", "NoiseRules", "Replacement", "RuleError", "Rules",
           "SplitRules", "StructureRules", "Vocabulary", "compile_pattern", "load_rules"]
