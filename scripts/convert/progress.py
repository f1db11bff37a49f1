"""How far a long stage of a build is: counts and elapsed time, redrawn in place on a terminal, and in a log
(a CI log, a file) a plain line now and then, never carriage returns. Small stages and quiet builds show nothing."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

MIN_TOTAL = 300  # a stage of fewer items is over before a progress line would help
REDRAW_SECONDS = 0.2  # on a terminal
LOG_SECONDS = 15.0  # in a log


class StageProgress:
    """`advance` as items are done, `finish` at the end; `log` takes the lines for a log (None: quiet)."""

    def __init__(self, label: str, total: int, log: Callable[[str], None] | None, stream: TextIO | None = None):
        self.label, self.total, self.done = label, total, 0
        self.log = log if total >= MIN_TOTAL else None
        self.stream = stream or sys.stderr
        self.terminal = self.log is not None and _is_terminal(self.stream)
        self.started = self.shown = time.monotonic()

    def advance(self, count: int = 1) -> None:
        now = time.monotonic()
        if not self.done:
            self.started = self.shown = now  # the stage starts with its first item, not when it was announced
        self.done += count
        if self.log is None:
            return
        if now - self.shown >= (REDRAW_SECONDS if self.terminal else LOG_SECONDS):
            self.shown = now
            self._show(final=False)

    def finish(self) -> None:
        if self.log is not None:
            self.done = max(self.done, self.total)
            self._show(final=True)
            self.log = None

    def line(self) -> str:
        share = f"{self.done / self.total:.0%}" if self.total else "100%"
        return f"{self.label}：{self.done:,}/{self.total:,}（{share}），{time.monotonic() - self.started:.1f} s"

    def _show(self, final: bool) -> None:
        if self.terminal:
            self.stream.write(f"\r\033[K{self.line()}" + ("\n" if final else ""))
            self.stream.flush()
        else:
            self.log(self.line())


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def counting(label: str, log: Callable[[str], None] | None) -> Callable[..., None]:
    """A progress callback, (done, total, …), for a stage whose total is known when it starts."""
    shown: list[StageProgress] = []

    def on_progress(done: int, total: int, *_) -> None:
        if not shown:
            shown.append(StageProgress(label, total, log))
        shown[0].advance(done - shown[0].done)
        if done >= total:
            shown[0].finish()
    return on_progress
