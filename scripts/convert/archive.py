"""Every source file in seeds/ (subfolders included) -> the archive: reports, problem files and duplicates.

Files are converted by batch.convert_sources: once per content (kept in memory and, given a store, across
builds), on `jobs` cores; rules are loaded per build by the caller.
"""
from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scripts.convert.batch import Job, Progress, Source, convert_sources
from scripts.convert.model import Problem, Report
from scripts.convert.pipeline import Converted
from scripts.convert.rules import Rules, load_rules
from scripts.convert.store import Store

MAX_BYTES = 5 * 1024 * 1024
SIDECAR_SUFFIXES = (".yml", ".yaml")
# Files no one means as a report, skipped without a problem: Office lock and temporary files, and the
# folder data of macOS (.DS_Store, ._ AppleDouble files: dot files are skipped anyway) and Windows.
JUNK_FILES = ("~$*", "~wrl*.tmp", "thumbs.db", "ehthumbs.db", "desktop.ini")
JUNK_FOLDERS = ("__macosx",)


@dataclass(frozen=True)
class Archive:
    reports: tuple[Report, ...]
    problems: tuple[Problem, ...]
    sources: dict[str, Path]  # source name (path inside seeds/) -> raw file, for the download links
    duplicates: tuple[tuple[str, str], ...] = ()  # (dropped source, the source it duplicates)


def build_archive(seeds_dir: Path, rules: Rules | None = None, on_progress: Progress | None = None,
                  store: Store | None = None, jobs: int = 1) -> Archive:
    started, rules = time.time(), rules or load_rules()
    names, sidecars, problems = list_sources(seeds_dir)
    to_convert = [Source(name, sidecars.get(PurePosixPath(name).with_suffix("").as_posix())) for name in names]
    listed = len(problems)  # counted in the progress too
    progress = on_progress and (lambda done, total, found, name: on_progress(done, total, listed + found, name))
    converted = convert_sources(Job(seeds_dir, rules, read_raw), to_convert, store, jobs, progress)
    problems += [problem for name in names for problem in converted[name].problems]
    if store:
        store.supersede(names, started)
    kept, duplicates = find_duplicates(converted)
    reports = tuple(report for name in kept for report in converted[name].reports)
    sources = {name: seeds_dir / name for name in sorted([*kept, *(dropped for dropped, _ in duplicates)])}
    return Archive(reports, tuple(problems), sources, duplicates)


def list_sources(seeds_dir: Path) -> tuple[list[str], dict[str, str], list[Problem]]:
    """Source names (paths inside seeds/, sorted), sidecars by the name they correct, and files refused."""
    names, sidecars, problems = [], {}, []

    def refuse_folder(error: OSError) -> None:
        problems.append(Problem(Path(error.filename).relative_to(seeds_dir).as_posix() or ".",
                                f"无法读取文件夹 / cannot read folder: {error.strerror}"))

    for folder, subfolders, files in os.walk(seeds_dir, onerror=refuse_folder):
        subfolders[:] = sorted(sub for sub in subfolders if not sub.startswith(".") and not _is_junk(sub, JUNK_FOLDERS))
        links = [sub for sub in subfolders if (Path(folder) / sub).is_symlink()]  # not followed: read_raw says why
        names += [(Path(folder) / link).relative_to(seeds_dir).as_posix() for link in links]
        for file in sorted(file for file in files if not file.startswith(".") and not _is_junk(file, JUNK_FILES)):
            name = (Path(folder) / file).relative_to(seeds_dir).as_posix()
            if file.lower().endswith(SIDECAR_SUFFIXES):
                sidecars[PurePosixPath(name).with_suffix("").as_posix()] = name
            else:
                names.append(name)
    stems = {PurePosixPath(name).with_suffix("").as_posix() for name in names}
    problems += [Problem(sidecar, "找不到它所更正的报告文件 / a sidecar with no source file beside it")
                 for stem, sidecar in sorted(sidecars.items()) if stem not in stems]
    return sorted(names), sidecars, problems


def _is_junk(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), pattern) for pattern in patterns)


def read_raw(seeds_dir: Path, name: str) -> bytes | Problem:
    """The bytes of a file inside seeds/, or a Problem: outside seeds/, not a file, too large, unreadable."""
    path = seeds_dir / name
    try:
        target = path.resolve(strict=True)
        if not target.is_relative_to(seeds_dir.resolve()):
            return Problem(name, "符号链接指向 seeds/ 之外，已忽略 / a symlink pointing outside seeds/, ignored")
        if not target.is_file():
            return Problem(name, "不是普通文件 / not a regular file")
        if (size := target.stat().st_size) > MAX_BYTES:
            return Problem(name, f"文件过大：{size / 2**20:.1f} MB，上限 {MAX_BYTES // 2**20} MB"
                                 f" / too large: {size / 2**20:.1f} MB, limit {MAX_BYTES // 2**20} MB")
        return target.read_bytes()
    except PermissionError:
        return Problem(name, "没有读取权限 / cannot read: permission denied")
    except OSError as error:
        return Problem(name, f"无法读取 / cannot read: {error.strerror or error}")


def find_duplicates(converted: dict[str, Converted]) -> tuple[list[str], tuple[tuple[str, str], ...]]:
    """Sources with reports, first by name; a later one whose text is the same (whitespace and noise aside) is dropped."""
    first_with: dict[str, str] = {}
    kept, duplicates = [], []
    for name, result in sorted(converted.items()):
        if not result.reports:
            continue
        text = "".join(block.text for report in result.reports for block in report.blocks)
        key = hashlib.sha256(re.sub(r"\s+", "", text).encode()).hexdigest()
        if key in first_with:
            duplicates.append((name, first_with[key]))
        else:
            first_with[key] = name
            kept.append(name)
    return kept, tuple(duplicates)
