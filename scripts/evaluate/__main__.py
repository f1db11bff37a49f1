"""Accuracy on the labelled corpus of real reports: `python -m scripts.evaluate [--check] [--variations] [--only ID…]`.

Prints every miss, then accuracy per field, noise lines left, fragments left and sentences lost.
--variations also evaluates each sample in other forms (another place, other years, another site's
boilerplate, traditional characters). With --check, exits with status 1 when a figure is below its target
(CI runs it so).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from scripts.convert.rules import load_rules
from scripts.evaluate.corpus import CORPUS_DIR, FIELDS, load_corpus
from scripts.evaluate.measure import Outcome, measure
from scripts.evaluate.variations import make_variations

# Share of samples right, per field; 0 of each kind of loss.
TARGETS = {"level": 0.95, "doc_type": 0.90, "year": 0.90, "title": 0.95}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="folder with texts/ and labels/")
    parser.add_argument("--check", action="store_true", help="exit 1 when below a target")
    parser.add_argument("--only", nargs="*", default=(), help="evaluate only these sample ids")
    parser.add_argument("--quiet", action="store_true", help="print the summary, not every miss")
    parser.add_argument("--variations", action="store_true", help="also evaluate variations of every sample")
    args = parser.parse_args(argv)
    rules = load_rules()
    samples, unlabelled = load_corpus(args.corpus)
    samples = [sample for sample in samples if not args.only or sample.id in args.only]
    failures = _evaluate(samples, rules, "语料 / corpus", args.quiet)
    if args.variations:
        failures += _evaluate(make_variations(samples), rules, "变体 / variations", args.quiet)
    if unlabelled:
        print(f"没有标注的文本 / texts without labels: {', '.join(unlabelled)}")
    return 1 if args.check and (failures or unlabelled) else 0


def _evaluate(samples, rules, title: str, quiet: bool) -> list[str]:
    outcomes = [measure(sample, rules) for sample in samples]
    if not quiet:
        print_misses(outcomes)
    return print_summary(outcomes, title)


def print_summary(outcomes: list[Outcome], title: str) -> list[str]:
    """The summary table; returns the figures that miss their target."""
    total = len(outcomes)
    print(f"\n{title}: {total} 篇 / texts")
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.sample.label.get("kind") or "?"].append(outcome)
    kinds = sorted(by_kind)
    print("| 字段 / field | 全部 / all | " + " | ".join(f"{kind} ({len(by_kind[kind])})" for kind in kinds) + " | 目标 / target |")
    print("|---|--:|" + "--:|" * len(kinds) + "--:|")
    failures = []
    for name in FIELDS:
        share = _share(outcomes, name)
        target = TARGETS.get(name)
        cells = [f"{_share(by_kind[kind], name):.0%}" for kind in kinds]
        print(f"| {name} | {share:.1%} | " + " | ".join(cells) + f" | {f'≥ {target:.0%}' if target else '—'} |")
        if target and share < target:
            failures.append(f"{title} {name} {share:.1%} < {target:.0%}")
    for name, label in (("noise_left", "noise lines left"), ("fragments", "fragments left"), ("lost", "sentences lost")):
        count = sum(len(getattr(outcome, name)) for outcome in outcomes)
        texts = sum(1 for outcome in outcomes if getattr(outcome, name))
        print(f"| {label} | {count} (in {texts} texts) | " + " | ".join(
            str(sum(len(getattr(o, name)) for o in by_kind[kind])) for kind in kinds) + " | 0 |")
        if count:
            failures.append(f"{title} {label}: {count}")
    if failures:
        print("\n未达目标 / below target: " + "; ".join(failures))
    return failures


def print_misses(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        lines = [f"  {name}: expected {expected!r}, got {got!r}"
                 for name, (expected, got) in outcome.fields.items() if not outcome.correct(name)]
        lines += [f"  noise left: {_short(text)}" for text in outcome.noise_left]
        lines += [f"  fragment: {_short(text)}" for text in outcome.fragments]
        lines += [f"  lost: {_short(text)}" for text in outcome.lost]
        lines += [f"  problem: {text}" for text in outcome.problems]
        if lines:
            print(f"{outcome.sample.id} ({outcome.sample.label.get('kind')}, {outcome.sample.label['source']})")
            print("\n".join(lines))


def _share(outcomes: list[Outcome], name: str) -> float:
    return sum(outcome.correct(name) for outcome in outcomes) / len(outcomes) if outcomes else 1.0


def _short(text: str, limit: int = 80) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit] + "…"


if __name__ == "__main__":
    sys.exit(main())
