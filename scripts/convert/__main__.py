"""Command line: convert a folder of raw reports into Markdown, or explain what cleaning did to one file.

    python -m scripts.convert SRC_DIR OUT_DIR [--strict] [--jobs N]   one Markdown file per report, progress on stderr
    python -m scripts.convert --explain FILE               every removal and replacement, by rule; the metadata
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.convert.archive import build_archive, read_raw
from scripts.convert.batch import default_jobs
from scripts.convert.infer.evidence import describe
from scripts.convert.infer.metadata import weigh_evidence
from scripts.convert.model import Problem, Report
from scripts.convert.overrides import read_sidecar
from scripts.convert.pipeline import convert
from scripts.convert.render import render_markdown
from scripts.convert.rules import load_rules
from scripts.convert.store import open_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.convert", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, metavar="SRC_DIR OUT_DIR | FILE")
    parser.add_argument("--explain", action="store_true", help="print what cleaning removed or replaced in FILE")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if any file has a problem")
    parser.add_argument("--jobs", type=int, default=default_jobs(), metavar="N",
                        help="files converted at once (default: one per core); the result is the same")
    args = parser.parse_args(argv)
    if args.explain and len(args.paths) == 1:
        return explain(args.paths[0])
    if args.explain or len(args.paths) != 2:
        parser.error("give SRC_DIR OUT_DIR, or --explain FILE")
    return convert_folder(*args.paths, strict=args.strict, jobs=args.jobs)


def convert_folder(src_dir: Path, out_dir: Path, strict: bool = False, jobs: int = 1) -> int:
    """Convert with the store of the site's builds (.cache/, or ARCHIVE_CACHE): a file converted before is not again."""
    if not src_dir.is_dir():
        print(f"不是文件夹 / not a folder: {src_dir}", file=sys.stderr)
        return 2
    with open_store() as store:
        archive = build_archive(src_dir, load_rules(), _print_progress, store, max(1, jobs))
    for warning in store.warnings:
        print(f"缓存 / cache: {warning}", file=sys.stderr)
    out_dir.mkdir(parents=True, exist_ok=True)
    for report in archive.reports:
        (out_dir / f"{report.slug}.md").write_text(render_markdown(report), encoding="utf-8")
    for problem in archive.problems:
        print(f"问题 / problem: {problem.source}: {problem.reason}", file=sys.stderr)
    for dropped, kept in archive.duplicates:
        print(f"重复 / duplicate: {dropped} = {kept}（只收录 {kept} / kept once）", file=sys.stderr)
    print(f"{len(archive.reports)} 篇报告 / reports -> {out_dir}；{len(archive.problems)} 个问题 / problems；"
          f"{len(archive.duplicates)} 个重复 / duplicates", file=sys.stderr)
    return 1 if strict and archive.problems else 0


def explain(file: Path) -> int:
    data = read_raw(file.parent, file.name)
    if isinstance(data, Problem):
        return _print_problems([data])
    sidecar_path = next((file.with_suffix(s) for s in (".yml", ".yaml") if file.with_suffix(s).is_file()), None)
    sidecar = read_sidecar(sidecar_path.name, sidecar_path.read_bytes()) if sidecar_path else ({}, [])
    rules = load_rules()
    result = convert(file.name, data, rules, (sidecar_path.name, sidecar[0]) if sidecar_path else None)
    for report in result.reports:
        print(_explain_report(report))
        print(_explain_evidence(weigh_evidence(report.blocks, rules)))
    _print_problems([*sidecar[1], *result.problems])
    return 0 if result.reports else 1


def _explain_report(report: Report) -> str:
    lines = [f"== {report.meta.title}  (reports/{report.slug}/)"]
    lines += [f"   {name}: {value}" for name, value in report.meta.__dict__.items()]
    lines.append(f"-- {len(report.changes)} 处改动 / changes:")
    for change in report.changes:
        action = f"替换 / replaced: {_one_line(change.before)} -> {_one_line(change.after)}" if change.after \
            else f"删除 / removed: {_one_line(change.before)}"
        lines.append(f"   [{change.rule}] {action}")
    return "\n".join(lines)


def _explain_evidence(evidence) -> str:
    """The ranking behind each guessed field: candidates, scores and the clues that gave them."""
    lines = [f"-- 依据 / evidence: 单位 / organization「{evidence.organization}」，"
             f"标题 / title「{evidence.own_title or '（原文无标题 / none in the text）'}」"]
    for name in ("doc_type", "level", "year"):
        ranking = describe(getattr(evidence, name)) or ["（没有线索 / no clue）"]
        lines += [f"   {name}:"] + [f"      {line}" for line in ranking]
    return "\n".join(lines)


def _print_problems(problems: list[Problem]) -> int:
    for problem in problems:
        print(f"问题 / problem: {problem.source}: {problem.reason}")
    return 1 if problems else 0


def _print_progress(done: int, total: int, problems: int, name: str) -> None:
    line = f"[{done}/{total}] 问题 / problems: {problems}  {name}"
    if sys.stderr.isatty():
        print(f"\r\033[K{line}", end="\n" if done == total else "", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr)


def _one_line(text: str, limit: int = 200) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 字）"


if __name__ == "__main__":
    sys.exit(main())
