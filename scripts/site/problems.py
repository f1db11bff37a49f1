"""The problems page: files that gave no report, and why; files that duplicate another."""
from __future__ import annotations

from scripts.convert.archive import Archive
from scripts.convert.render import escape_text
from scripts.site.common import front_matter, table_row


def problems_page(archive: Archive) -> str:
    parts = [front_matter("问题文件"), "# 问题文件\n",
             "`seeds/` 中无法生成报告的文件、读取时做了修补的文件和内容重复的文件列在这里；其他报告照常生成。"
             "构建时它们也会作为警告打印出来：普通构建照常完成，`mkdocs build --strict` 则以失败结束。\n",
             "## 无法生成报告的文件\n"]
    failed = [problem for problem in archive.problems if not problem.warning]
    repaired = [problem for problem in archive.problems if problem.warning]
    if failed:
        parts.append("修正或删除这些文件后重新构建即可。\n\n" + _problem_table(failed))
    else:
        parts.append(f"没有问题文件：`seeds/` 中的 {len(archive.sources)} 个文件都已成功读取。\n")
    if repaired:
        parts.append("## 读取时做了修补的文件\n")
        parts.append("这些文件的报告已经生成；个别无法读取的字节显示为 �。\n\n" + _problem_table(repaired))
    parts.append("## 重复文件\n")
    if archive.duplicates:
        rows = [table_row([escape_text(dropped), escape_text(kept)]) for dropped, kept in archive.duplicates]
        parts.append("下列文件与另一个文件内容相同（或只在空白、广告上不同），只收录一次。\n\n"
                     "| 文件 | 与之重复的文件 |\n|---|---|\n" + "\n".join(rows) + "\n")
    else:
        parts.append("没有重复文件。\n")
    return "\n".join(parts)


def _problem_table(problems) -> str:
    rows = [table_row([escape_text(problem.source), escape_text(problem.reason)]) for problem in problems]
    return "| 文件 | 原因 |\n|---|---|\n" + "\n".join(rows) + "\n"
