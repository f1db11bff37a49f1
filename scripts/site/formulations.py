"""The 提法 bank: formulations that reports put in quotes (“两个维护”) and numbered formulas (四个意识,
三重一大), gathered across the archive with the reports using each. Rules: scripts/site/rules/formulations.yml.

The page (tools/formulations.md) is a shell that docs/assets/formulations.js fills from one data file,
formulations/data.js: the reports' metadata and, for each formulation, the reports using it and how often,
so that the counts by year, level and doc_type follow the reader's filters in the browser.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.search.datafile import data_script
from scripts.search.fold import fold
from scripts.search.index import order_reports, report_url

RULES_FILE = Path(__file__).parent / "rules" / "formulations.yml"
PAGE_URI = "tools/formulations.md"
DATA_PATH = "formulations/data"


class FormulationRuleError(ValueError):
    pass


@dataclass(frozen=True)
class FormulationRules:
    quoted: re.Pattern
    numbered: tuple[tuple[str, re.Pattern], ...]
    exclude: tuple[tuple[str, re.Pattern], ...]


def load_formulation_rules(path: Path | None = None) -> FormulationRules:
    """The rules (of RULES_FILE unless another file is given), each pattern compiled; an error names the file
    and the rule."""
    path = path or RULES_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    quoted = _compile(path, "quoted", data.get("quoted", {}).get("pattern"))
    if quoted.groups != 1:
        raise FormulationRuleError(f"{path.name}: rule 'quoted': the pattern needs one group, the quoted text")
    named = {key: tuple((rule["name"], _compile(path, rule.get("name", "?"), rule.get("pattern")))
                        for rule in data.get(key) or ()) for key in ("numbered", "exclude")}
    return FormulationRules(quoted, named["numbered"], named["exclude"])


def _compile(path: Path, name: str, pattern) -> re.Pattern:
    if not isinstance(pattern, str):
        raise FormulationRuleError(f"{path.name}: rule {name!r}: no pattern")
    try:
        return re.compile(pattern)
    except re.error as error:
        raise FormulationRuleError(f"{path.name}: rule {name!r}: {error}") from error


def find_exclusion(phrase: str, rules: FormulationRules) -> str | None:
    """The name of the rule that says the phrase is no formulation, or None."""
    return next((name for name, pattern in rules.exclude if pattern.search(phrase)), None)


def extract_formulations(text: str, rules: FormulationRules) -> list[str]:
    """The formulations of a text as written, in order: quoted ones, then numbered ones outside quotes."""
    found = [m[1].strip() for m in rules.quoted.finditer(text)]
    outside = rules.quoted.sub(lambda m: "　" * len(m[0]), text)  # same length: positions and boundaries kept
    found += [m[0] for _, pattern in rules.numbered for m in pattern.finditer(outside)]
    return [phrase for phrase in found if phrase and not find_exclusion(phrase, rules)]


def report_formulations(report, rules: FormulationRules) -> tuple[tuple[str, str], ...]:
    """(folded text, text as written) of each formulation a report uses, in order."""
    return tuple((key, phrase) for block in report.blocks for phrase in extract_formulations(block.text, rules)
                 if (key := fold(phrase)))


def collect_formulations(found_per_report) -> list[dict]:
    """Each formulation (grouped by its folded text) with its most used written form and its reports:
    [{text, key, uses: [[report number, count], …]}], from the report_formulations of each report in turn."""
    uses: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    for number, found in enumerate(found_per_report):
        for key, phrase in found:
            uses[key][number] += 1
            forms[key][phrase] += 1
    rows = [{"text": forms[key].most_common(1)[0][0], "key": key, "uses": sorted(counts.items())}
            for key, counts in uses.items()]
    return sorted(rows, key=lambda row: (-len(row["uses"]), row["key"]))


def formulation_files(reports, use_directory_urls: bool, found_per_report=None) -> dict[str, str]:
    """The page's data file, as {path in the site: content}; `found_per_report` is the reports'
    report_formulations in order_reports order, when they are known."""
    reports = order_reports(reports)
    if found_per_report is None:
        rules = load_formulation_rules()
        found_per_report = [report_formulations(report, rules) for report in reports]
    rows = collect_formulations(found_per_report)
    data = {"url": report_url("{slug}", use_directory_urls),
            "reports": [[r.slug, r.meta.title, r.meta.organization, r.meta.level, r.meta.year or 0, r.meta.doc_type]
                        for r in reports],
            "formulations": [[row["text"], _flat(row["uses"])] for row in rows]}
    return {f"{DATA_PATH}.js": data_script(DATA_PATH, data)}


def _flat(uses: list[tuple[int, int]]) -> list[int]:
    """[report, count, report, count…] with each report number as the gap from the one before."""
    out, last = [], 0
    for number, count in uses:
        out += [number - last, count]
        last = number
    return out


PAGE = """---
title: 提法库
hide:
  - navigation
  - toc
---

# 提法库

<div id="formulation-app" class="formulation-app" markdown="0">
<noscript><p>提法库在浏览器中运行，需要启用 JavaScript。</p></noscript>
<p class="formulation-status">正在载入……</p>
</div>

- **收什么**：报告里加引号的提法（“两个维护”“三服务”“全天候、无缝隙、快节奏、零差错”），以及不加引号的数字提法（四个意识、两个确立、三重一大）。
  书名号里的文件名、“***”“XX”之类的占位符、节日名和带句号的引语不算。规则见 `scripts/site/rules/formulations.yml`。
- **怎样数**：次数是出现的次数，报告数和单位数是用到它的报告和写报告的单位有多少；标点、全角半角、繁简体不同的写法算同一个提法。
  按级别、年份、文种筛选后，各列和走势图都只按筛选出的报告计算。
- **走势**：每个年份用到它的报告数；点提法可在全文检索中查看每一处原文，点“报告”列出用到它的报告。
"""
