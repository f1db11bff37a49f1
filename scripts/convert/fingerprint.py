"""Digests of code: a result is stored under the digest of the code that made it, so that edited code is
never served a result of the old one."""
from __future__ import annotations

import functools
import hashlib
import sys
from importlib import metadata
from pathlib import Path


def code_fingerprint(package: Path) -> str:
    """source_fingerprint of a package, taken once per process: results made by this code are stored under
    it, so edited code is never served a result of the old one (a running server keeps the code it
    imported, and the fingerprint of that code)."""
    return _fingerprint_once(str(package))


@functools.cache
def _fingerprint_once(package: str) -> str:
    return source_fingerprint(Path(package))


def source_fingerprint(package: Path, pattern: str = "**/*.py") -> str:
    """A digest of the source files of a package, the Python version and the installed distributions."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(package.glob(pattern)):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()
