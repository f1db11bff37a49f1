"""Many source files at once: each converted once per content, on all cores, its result kept for later builds.

A file's result is looked up by a key made of everything it depends on: its name and bytes, its sidecar's,
the rules' fingerprint and the conversion code's (store.code_fingerprint). It is taken from memory (the
last build of this process, as under `mkdocs serve`), else from the persistent store, else converted:
in worker processes when there are many. Results come back in the order of the names either way, so
the archive is the same as a serial run's.
"""
from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from scripts.convert.model import Problem
from scripts.convert.overrides import read_sidecar
from scripts.convert.pipeline import Converted, convert
from scripts.convert.rules import Rules
from scripts.convert.fingerprint import code_fingerprint
from scripts.convert.store import Store

CONVERT_PACKAGE = Path(__file__).resolve().parent
MIN_PARALLEL = 16  # fewer files than this are converted in this process: starting workers would cost more
STORE_BATCH = 100  # converted results written to the store together
_memory: dict[str, Converted] = {}
_job: list[Job] = []  # the build in progress, inherited by forked workers

Progress = Callable[[int, int, int, str], None]  # (files done, total, problems so far, file name)
Reader = Callable[[Path, str], "bytes | Problem"]  # (seeds folder, name inside it) -> the file's bytes


@dataclass(frozen=True)
class Source:
    """A source file to convert, with the sidecar that corrects it."""
    name: str
    sidecar: str | None = None


@dataclass(frozen=True)
class Job:
    seeds_dir: Path
    rules: Rules
    read: Reader


def default_jobs() -> int:
    return os.cpu_count() or 1


def convert_sources(job: Job, sources: list[Source], store: Store | None = None, jobs: int = 1,
                    on_progress: Progress | None = None) -> dict[str, Converted]:
    """Each source's result, by name; the memory cache keeps exactly these for the next build."""
    keys, unread, failed = {}, {}, {}
    for source in sources:
        read = read_files(job, source)
        if isinstance(read, Problem):
            failed[source.name] = Converted(problems=(read,))
        else:
            keys[source.name], unread[source.name] = source_key(source, read[0], read[1], job.rules), read[2]
    known = {key: _memory[key] for key in keys.values() if key in _memory}
    if store:
        store.touch(known)
        known |= store.get_many(key for key in keys.values() if key not in known)
    results = failed | {name: known[key] for name, key in keys.items() if key in known}
    missing = [source for source in sources if source.name not in results]
    count = _counter(len(sources), on_progress)
    for name in sorted(results):
        results[name] = count(name, _with_problems(results[name], unread.get(name, ())))
    for name, key, result in _convert_missing(job, missing, store, jobs):
        if key:
            keys[name] = key
            known[key] = result
        results[name] = count(name, _with_problems(result, unread.get(name, ())))
    _memory.clear()
    _memory.update((key, known[key]) for key in keys.values() if key in known)
    return {source.name: results[source.name] for source in sources}


def read_files(job: Job, source: Source) -> tuple[bytes, bytes, tuple[Problem, ...]] | Problem:
    """The source's bytes and its sidecar's (empty when it has none, or when it is unreadable: said in a Problem)."""
    data = job.read(job.seeds_dir, source.name)
    if isinstance(data, Problem) or not source.sidecar:
        return data if isinstance(data, Problem) else (data, b"", ())
    sidecar = job.read(job.seeds_dir, source.sidecar)
    return (data, b"", (sidecar,)) if isinstance(sidecar, Problem) else (data, sidecar, ())


def source_key(source: Source, data: bytes, sidecar: bytes, rules: Rules) -> str:
    """The digest of everything a source's conversion depends on."""
    digest = hashlib.sha256()
    for part in (code_fingerprint(CONVERT_PACKAGE), rules.fingerprint, source.name, source.sidecar or ""):
        digest.update(part.encode() + b"\0")
    for part in (data, sidecar):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def convert_one(source: Source, data: bytes, sidecar: bytes, rules: Rules) -> Converted:
    """The source converted with the corrections of its sidecar, and the sidecar's own problems."""
    if not sidecar:
        return convert(source.name, data, rules)
    mapping, problems = read_sidecar(source.sidecar, sidecar)
    result = convert(source.name, data, rules, (source.sidecar, mapping))
    return Converted(result.reports, (*problems, *result.problems))


def _convert_missing(job: Job, missing: list[Source], store: Store | None,
                     jobs: int) -> Iterator[tuple[str, str, Converted]]:
    """(name, key, result) for each source not converted before, in order; written to the store as they come."""
    jobs = min(jobs, len(missing)) if len(missing) >= MIN_PARALLEL else 1
    _job[:] = [job]
    pending = []
    with multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else nullcontext() as pool:
        for name, key, result in pool.imap(_convert_task, missing, 4) if pool else map(_convert_task, missing):
            if key:
                pending.append((key, name, result))
            if store and len(pending) >= STORE_BATCH:
                store.put_many(pending)
                pending.clear()
            yield name, key, result
    if store:
        store.put_many(pending)


def _convert_task(source: Source) -> tuple[str, str, Converted]:
    """Read and convert one source (in a worker, with the job it inherited); the key is of the bytes read."""
    job = _job[0]
    read = read_files(job, source)
    if isinstance(read, Problem):  # it changed since its key was taken: report it, keep nothing
        return source.name, "", Converted(problems=(read,))
    data, sidecar, _ = read
    key = source_key(source, data, sidecar, job.rules)
    return source.name, key, with_digests(convert_one(source, data, sidecar, job.rules), key)


def with_digests(result: Converted, key: str) -> Converted:
    """The result, each report marked with a digest of what it was made from: its source's key, and its slug."""
    reports = tuple(dataclasses.replace(report, digest=hashlib.sha256(f"{key}\0{report.slug}".encode()).hexdigest())
                    for report in result.reports)
    return Converted(reports, result.problems)


def _with_problems(result: Converted, unread: tuple[Problem, ...]) -> Converted:
    return Converted(result.reports, (*unread, *result.problems)) if unread else result


def _counter(total: int, on_progress: Progress | None) -> Callable[[str, Converted], Converted]:
    """Reports each result as it is counted, and passes it on."""
    done, problems = [0], [0]

    def count(name: str, result: Converted) -> Converted:
        done[0] += 1
        problems[0] += len(result.problems)
        if on_progress:
            on_progress(done[0], total, problems[0], name)
        return result
    return count
