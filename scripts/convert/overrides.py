"""Corrections a user writes beside a source (seeds/<name>.yml, or a .md file's front matter).

Fields: title, level, year, doc_type, organization, themes; `parts: {2: {...}}` corrects one report of a
compilation. Invalid values are left out and reported, naming the file and the field. The valid levels,
document types and themes are those the rules can give (metadata.yml, themes.yml).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import yaml

from scripts.convert.model import Meta, Problem
from scripts.convert.rules import Vocabulary

FIELDS = ("title", "level", "year", "doc_type", "organization", "themes")


def read_sidecar(name: str, data: bytes) -> tuple[dict, list[Problem]]:
    """The mapping a sidecar file holds, or a Problem naming it."""
    try:
        mapping = yaml.safe_load(data.decode("utf-8-sig")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        return {}, [Problem(name, f"不是有效的 UTF-8 YAML / not valid UTF-8 YAML: {error}")]
    if not isinstance(mapping, dict):
        return {}, [Problem(name, "应为“字段: 值”的列表 / must be a mapping of fields")]
    return mapping, []


def check_overrides(file: str, mapping: Mapping, allowed: Vocabulary, strict_keys: bool = True) -> tuple[dict, list[Problem]]:
    """Valid overrides by part (0: every part) and a Problem for each invalid or unknown field."""
    parts = mapping.get("parts") or {}
    fields = {key: value for key, value in mapping.items() if key != "parts"}
    checked, problems = {}, []
    checked[0], problems = _check_fields(file, "", fields, allowed, strict_keys)
    if not isinstance(parts, dict):
        return checked, problems + [Problem(file, "parts 应为 {篇号: {字段: 值}} / parts must map numbers to fields")]
    for part, part_fields in parts.items():
        if type(part) is not int or not isinstance(part_fields, dict):
            problems.append(Problem(file, f"parts.{part} 应为 篇号: {{字段: 值}} / must map a number to fields"))
            continue
        checked[part], more = _check_fields(file, f"parts.{part}.", part_fields, allowed, True)
        problems += more
    return checked, problems


def apply_overrides(meta: Meta, overrides: Mapping[int, dict]) -> Meta:
    fields = {**overrides.get(0, {}), **overrides.get(meta.part or 1, {})}
    return dataclasses.replace(meta, **fields) if fields else meta


def _check_fields(file: str, label: str, fields: Mapping, allowed: Vocabulary, strict_keys: bool):
    valid, problems = {}, []
    for key, value in fields.items():
        if key not in FIELDS:
            if strict_keys:
                problems.append(Problem(file, f"未知字段 {label}{key}，可用：{', '.join(FIELDS)} / unknown field"))
        elif (error := _find_error(key, value, allowed)) is None:
            valid[key] = tuple(value) if key == "themes" else value
        else:
            problems.append(Problem(file, f"字段 {label}{key} 的值 {value!r} 无效：{error}"))
    return valid, problems


def _find_error(key: str, value, allowed: Vocabulary) -> str | None:
    if key in ("title", "organization"):
        return None if isinstance(value, str) and (value.strip() or key == "organization") else "应为非空文字 / must be text"
    if key in ("level", "doc_type"):
        choices = allowed.levels if key == "level" else allowed.doc_types
        return None if value in choices else f"应为 {' | '.join(choices)} 之一"
    if key == "year":
        ok = value is None or (type(value) is int and 1949 <= value <= 2100)
        return None if ok else "应为 1949 到 2100 之间的整数年份，或 null / must be a year (integer) or null"
    if not isinstance(value, list) or not all(isinstance(theme, str) for theme in value):
        return "应为主题名称的列表 / must be a list of theme names"
    unknown = [theme for theme in value if theme not in allowed.themes]
    return f"未知主题 {', '.join(unknown)}（见 themes.yml）/ unknown theme" if unknown else None
