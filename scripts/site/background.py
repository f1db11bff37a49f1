"""A build's search data (search and draft-check indexes, the tools' data) is written beside its pages.

It is written by another process, forked from this one (it shares the archive read, not a core): under
`mkdocs build` while the pages are written (ForkedWriter); under `mkdocs serve` after them, so that they are
served first, into a folder of its own inside the site whose contents take their place in the site once
complete. A newer build does not wait for it: it kills it, and a cancelled writer puts nothing in place
(BackgroundWriter). Until the next is in place, the preview keeps the last (hold, put_back)."""
from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

STAGING = ".incomplete-"  # hidden: MkDocs leaves hidden names in the site folder alone
HELD = ".held"  # under `mkdocs serve`, the last search data while the next build's pages are written
ORPHAN_CHECK_SECONDS = 0.5


def hold(site_dir: Path, names) -> None:
    """The named files and folders of the site moved into its hidden HELD folder, where MkDocs leaves them
    (with what a failed build left there)."""
    held = Path(site_dir) / HELD
    held.mkdir(parents=True, exist_ok=True)
    for name in names:
        if (Path(site_dir) / name).exists():
            _replace(Path(site_dir) / name, held / name)


def put_back(site_dir: Path) -> None:
    """What hold() moved, back in its place."""
    if (held := Path(site_dir) / HELD).is_dir():
        move_into(held, Path(site_dir))
        held.rmdir()


class ForkedWriter:
    """Runs write(folder) in a forked process (`mkdocs build`: while this one writes the pages, which the search
    data does not depend on); join() waits for it, and raises when it failed; stop() kills it."""

    def __init__(self, folder: Path, write: Callable[[Path], None]):
        self.process = multiprocessing.get_context("fork").Process(
            target=_while_parent_lives, args=(write, Path(folder), os.getpid()))
        gc.freeze()  # the child's garbage collections leave this process's objects, and their shared pages, alone
        try:
            self.process.start()
        finally:
            gc.unfreeze()

    def join(self) -> None:
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"检索数据未能写出 / the search data was not written (exit code {self.process.exitcode})")

    def stop(self) -> None:
        self.process.kill()
        self.process.join()


def _while_parent_lives(write: Callable[[Path], None], folder: Path, parent: int) -> None:
    """write(folder), given up as soon as the process that started it is gone (killed, say, with no time to
    stop it): no one is left to wait for it."""
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    write(folder)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


class BackgroundWriter:
    """Runs write(folder) in a forked process, as ForkedWriter, into a folder of its own; a thread waits for it
    and puts what it wrote in the place of the same names in the site. cancel() kills it: the preview's next
    build neither waits for it nor shares a core with it."""

    def __init__(self, site_dir: Path, write: Callable[[Path], None]):
        self.site_dir = Path(site_dir)
        self.staging = self.site_dir / f"{STAGING}{uuid.uuid4().hex}"
        self.staging.mkdir()
        self.cancelled = threading.Event()
        self.placed: list[str] = []  # the names it put in the site, once it has
        self.process = ForkedWriter(self.staging, write)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self.cancelled.set()
        self.process.stop()

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)

    def _run(self) -> None:
        try:
            self.process.join()
            if not self.cancelled.is_set():
                self.placed = move_into(self.staging, self.site_dir)
        except (OSError, RuntimeError):
            if not self.cancelled.is_set():  # else killed, or a newer build emptied the site folder under it
                raise
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)


def move_into(folder: Path, site_dir: Path) -> list[str]:
    """Each file and folder of `folder` in the place of the one of the same name in the site; their names."""
    names = []
    for entry in folder.iterdir():
        _replace(entry, site_dir / entry.name)
        names.append(entry.name)
    return names


def _replace(source: Path, target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    os.replace(source, target)
