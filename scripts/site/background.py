"""Under `mkdocs serve`, a build's search data is written in the background, so that its pages are served
first: into a folder of its own inside the site, whose contents take their place in the site once complete.
A newer build does not wait for it: it cancels it, and a cancelled writer puts nothing in place."""
from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

STAGING = ".incomplete-"


class BackgroundWriter:
    """Runs write(folder) in a thread; what it wrote into `folder` then replaces the same names in the site."""

    def __init__(self, site_dir: Path, write: Callable[[Path], None]):
        self.site_dir, self.write = Path(site_dir), write
        self.staging = self.site_dir / f"{STAGING}{uuid.uuid4().hex}"
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self.cancelled.set()

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)

    def _run(self) -> None:
        try:
            self.staging.mkdir()
            self.write(self.staging)
            if not self.cancelled.is_set():
                move_into(self.staging, self.site_dir)
        except OSError:
            if not self.cancelled.is_set():  # a newer build emptied the site folder under it: nothing to say
                raise
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)


def move_into(folder: Path, site_dir: Path) -> None:
    """Each file and folder of `folder` in the place of the one of the same name in the site."""
    for entry in folder.iterdir():
        target = site_dir / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(entry, target)
