"""Bad input: each kind is reported by file name with its reason, and every other report still builds."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from scripts.convert.archive import MAX_BYTES, build_archive
from scripts.convert.pipeline import convert_text
from scripts.convert.read.sources import MAX_LINE_CHARS
from scripts.convert.rules import load_rules

RULES = load_rules()
GOOD = SEEDS / "001_0b808da05fd04239.txt"
ADS = (  # ad lines as they come in the seeds and in made-up variants
    "仅供学习 禁止外传\n【打击倒卖活动】\n举报倒卖会员资料的人，举报成功免费赠送一年会员材料！\n"
    "会员群：                      免费QQ群：\n\n##paidbegin##\n"
    "欢迎加入“哒哒素材库svip会员”，9000万字材料，轻松解决您的各类素材需求！添加客服：cwk\n"
    "【哒哒代笔】——原创高质量保障、高度保密，各类代笔（润笔），好评如潮！\n##paidend##\n"
)


def write_bad_file(seeds: Path, kind: str, outside: Path) -> str:
    """Create one bad file of the given kind in seeds/; returns its name."""
    name = f"bad-{kind}.txt"
    path = seeds / name
    rng = random.Random(kind)
    contents = {
        "empty": b"",
        "whitespace-only": " \n\t\r\n\u3000\u3000\u00a0\n".encode("utf-8"),
        "binary": bytes(rng.randrange(256) for _ in range(4096)),
        "image-renamed": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2048)),
        "undecodable": b"\x80\xff\xfe\x80" * 500,
        "only-ads": ADS.encode("utf-8"),
        "long-line": ("县政府办公室坚持全天候、无缝隙、快节奏、零差错，" * 40_000).encode("utf-8"),
    }
    if kind in contents:
        path.write_bytes(contents[kind])
    elif kind == "too-large":
        with path.open("wb") as file:
            file.truncate(20 * 1024 * 1024)
    elif kind == "symlink-outside":
        shutil.copy(GOOD, outside / "secret.txt")
        path.symlink_to(outside / "secret.txt")
    elif kind == "unreadable":
        path.write_bytes(GOOD.read_bytes())
        path.chmod(0)
    return name


EXPECTED_REASON = {
    "empty": "空的", "whitespace-only": "只有空白", "binary": "二进制", "image-renamed": "PNG 图片",
    "undecodable": "无法识别文字编码", "only-ads": "没有剩下报告正文", "long-line": "没有换行",
    "too-large": "文件过大", "symlink-outside": "seeds/ 之外", "unreadable": "没有读取权限",
}


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (tmp_path / "outside").mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    return folder


@pytest.fixture
def deny_reading_when_root(monkeypatch):
    """As root, chmod 0 does not stop reading: make reading a mode-0 file fail as it does for anyone else."""
    if os.geteuid() != 0:
        return
    read_bytes = Path.read_bytes

    def guarded(path: Path) -> bytes:
        if path.stat().st_mode & 0o777 == 0:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)


@pytest.mark.parametrize("kind", EXPECTED_REASON)
def test_each_bad_file_is_reported_and_the_rest_builds(seeds, kind, deny_reading_when_root):
    name = write_bad_file(seeds, kind, seeds.parent / "outside")
    started = time.monotonic()
    archive = build_archive(seeds, RULES)
    assert time.monotonic() - started < 5
    (problem,) = archive.problems
    assert problem.source == name and EXPECTED_REASON[kind] in problem.reason, problem
    assert [report.meta.source for report in archive.reports] == [GOOD.name]
    assert name not in archive.sources  # nothing outside seeds/ (or unreadable) is offered for download


def test_the_size_limit_is_five_megabytes():
    assert MAX_BYTES == 5 * 1024 * 1024


def test_a_two_megabyte_line_does_not_hang_the_cleaning_rules():
    """The line limit refuses such a file early; the stages must cope with it anyway (measured: ~3 s)."""
    assert MAX_LINE_CHARS < 2_000_000
    line = ("<span>县政府办公室坚持D的领导，推进D建##paidbegin##工作</span>" * 50_000)[:2_000_000]
    started = time.monotonic()
    reports = convert_text("long.txt", line, RULES)
    assert time.monotonic() - started < 20 and reports


def run_mkdocs_build(seeds: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ARCHIVE_SEEDS": str(seeds), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site),
                           *args], env=env, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_mkdocs_build_warns_about_each_bad_file_and_only_strict_fails(seeds, tmp_path):
    names = [write_bad_file(seeds, kind, tmp_path / "outside") for kind in EXPECTED_REASON if kind != "unreadable"]
    normal = run_mkdocs_build(seeds, tmp_path / "site")
    assert normal.returncode == 0, normal.stderr
    warnings = [line for line in normal.stderr.splitlines() if line.startswith("WARNING")]
    assert all(any(name in line for line in warnings) for name in names), normal.stderr
    assert [page.stem for page in (tmp_path / "site" / "reports").glob("*.html")] == [GOOD.stem]
    strict = run_mkdocs_build(seeds, tmp_path / "strict-site", "--strict")
    assert strict.returncode != 0
