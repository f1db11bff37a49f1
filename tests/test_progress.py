"""Progress lines: counts and elapsed time per stage, redrawn in place on a terminal, plain lines in a log,
nothing for a small stage or a quiet build; a real build shows one for each of its stages."""
from __future__ import annotations

import io
import logging

import pytest
from conftest import ROOT, SEEDS

from scripts.convert import progress
from scripts.convert.progress import StageProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_stage(stream, log, total: int = 1000) -> None:
    stage = StageProgress("转换", total, log, stream)
    for _ in range(total):
        stage.advance()
    stage.finish()


def test_in_a_log_there_are_plain_lines_and_no_carriage_returns(monkeypatch):
    monkeypatch.setattr(progress, "LOG_SECONDS", 0.0)
    stream, lines = io.StringIO(), []
    run_stage(stream, lines.append)
    assert stream.getvalue() == "" and len(lines) == 1001  # one a call here, LOG_SECONDS apart in a real log; the end
    assert lines[-1].startswith("转换：1,000/1,000（100%），") and lines[-1].endswith(" s")
    assert not any("\r" in line or "\033" in line for line in lines)


def test_a_log_gets_the_final_line_only_when_the_stage_is_quick():
    lines = []
    run_stage(io.StringIO(), lines.append)
    assert len(lines) == 1 and lines[0].startswith("转换：1,000/1,000（100%）")


def test_on_a_terminal_the_line_is_redrawn_in_place_and_ends_the_stage_with_a_newline(monkeypatch):
    monkeypatch.setattr(progress, "REDRAW_SECONDS", 0.0)
    terminal, lines = Terminal(), []
    run_stage(terminal, lines.append)
    shown = terminal.getvalue()
    assert not lines and shown.count("\r\033[K") == 1001 and shown.endswith("（100%），" + shown.rsplit("，", 1)[1])
    assert shown.endswith(" s\n") and shown.count("\n") == 1


@pytest.mark.parametrize("total, log", [(progress.MIN_TOTAL - 1, "log"), (1000, None)], ids=["small", "quiet"])
def test_a_small_stage_or_a_quiet_build_shows_nothing(total, log):
    terminal, lines = Terminal(), []
    run_stage(terminal, lines.append if log else None, total)
    assert terminal.getvalue() == "" and lines == []


@pytest.mark.parametrize("level, shown", [(logging.INFO, True), (logging.ERROR, False)], ids=["normal", "-q"])
def test_a_build_shows_a_line_for_each_stage_unless_quiet(tmp_path, monkeypatch, level, shown):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setattr(progress, "MIN_TOTAL", 1)  # the seeds are few: show them as if they were many
    monkeypatch.setenv("ARCHIVE_SEEDS", str(SEEDS))
    monkeypatch.setenv("ARCHIVE_CACHE", str(tmp_path / "cache"))  # a store of its own: every stage runs, none is reused
    logging.getLogger("mkdocs").setLevel(level)  # what `mkdocs build` does, and `-q`
    # The search data is written by a forked process, which logs through the handlers it inherited: a file's
    # here, the terminal's under `mkdocs build`.
    shown_lines = logging.FileHandler(tmp_path / "log.txt", encoding="utf-8")
    shown_lines.setFormatter(logging.Formatter("%(name)s %(message)s"))
    logging.getLogger("mkdocs").addHandler(shown_lines)
    try:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    finally:
        logging.getLogger("mkdocs").removeHandler(shown_lines)
        shown_lines.close()
    lines = [line.removeprefix("mkdocs.plugins.archive archive: ") for line in
             (tmp_path / "log.txt").read_text(encoding="utf-8").splitlines()
             if line.startswith("mkdocs.plugins.archive ")]
    stages = ("转换 / converting：", "页面 / reading pages：", "写出页面 / writing pages：", "检索索引 / search index：")
    finished = [line for line in lines if "（100%）" in line]
    assert [stage for stage in stages if any(line.startswith(stage) for line in finished)] == (list(stages) if shown else [])
