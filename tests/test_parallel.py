"""Conversion on several cores gives exactly the archive of a serial run: reports, problems, duplicates, order."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT, SEEDS

from scripts.bench.preview import make_archive
from scripts.convert import batch
from scripts.convert.archive import build_archive


def test_parallel_conversion_gives_the_archive_of_a_serial_run(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    make_archive(seeds, 2 * batch.MIN_PARALLEL)
    (seeds / "空白.txt").write_bytes(b"")
    (seeds / "图.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    shutil.copy(SEEDS / "001_0b808da05fd04239.txt", seeds / "重复.txt")
    (seeds / "variant_000.yml").write_text("level: 乡镇\nthemes: [督查督办]\n", encoding="utf-8")
    converting = tmp_path / "converting"  # each conversion notes which process made it (workers are forked)
    convert_one = batch.convert_one
    monkeypatch.setattr(batch, "convert_one", lambda *args: _note(converting) or convert_one(*args))
    runs = {}
    for jobs in (1, 2, 3):
        batch._memory.clear()
        runs[jobs] = build_archive(seeds, jobs=jobs), len(set(converting.read_text().split()))
        converting.unlink()
    batch._memory.clear()
    serial, processes = runs.pop(1)
    assert processes == 1 and all(archive == serial and used >= 2 for archive, used in runs.values())
    assert len(serial.reports) > 2 * batch.MIN_PARALLEL and len(serial.problems) == 2 and serial.duplicates


def _note(path) -> None:
    with open(path, "a") as file:
        file.write(f"{os.getpid()}\n")


def test_the_command_line_takes_a_number_of_jobs(tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = subprocess.run([sys.executable, "-m", "scripts.convert", "--jobs", jobs, str(SEEDS), str(out)],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 0, result.stderr
        outputs.append({path.name: path.read_bytes() for path in out.iterdir()})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 7
