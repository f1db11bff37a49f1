"""Run an offline converter program on one file, in a subprocess with a time limit."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from scripts.convert.read.decode import DecodeError

TIMEOUT_SECONDS = 120  # a converter that takes longer is stuck on a broken file


def find_program(*names: str) -> str | None:
    """The path of the first of these programs that is installed, or None."""
    return next((path for name in names if (path := shutil.which(name))), None)


def run_converter(args: list[str], cwd: Path | None = None, timeout: float = TIMEOUT_SECONDS,
                  input: bytes | None = None) -> bytes:
    """The program's standard output; a DecodeError naming the program and the reason when it fails."""
    program = Path(args[0]).name
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, timeout=timeout, input=input,
                              stdin=None if input is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise DecodeError(f"{program} 超过 {timeout:.0f} 秒仍未转换完，文件可能已损坏"
                          f" / {program} took longer than {timeout:.0f} s: the file may be broken") from None
    except OSError as error:
        raise DecodeError(f"无法运行 {program} / cannot run {program}: {error.strerror or error}") from None
    if done.returncode != 0:
        reason = _last_line(done.stderr) or f"exit status {done.returncode}"
        raise DecodeError(f"{program} 无法转换这个文件 / {program} cannot convert this file: {reason}")
    return done.stdout


def _last_line(output: bytes) -> str:
    lines = output.decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1][:200] if lines else ""
