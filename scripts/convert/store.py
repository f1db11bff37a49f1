"""A persistent, content-addressed store of build results in SQLite, in a cache folder that is safe to delete.

Values are pickled and compressed under a key that names everything they were made from (the caller's
business), each labelled with what it belongs to, such as a source file, so that a newer result for the
same label supersedes the older one. Concurrent builds share the store through SQLite's own locking;
the one thing SQLite cannot arbitrate, replacing a corrupt or outdated file, is done under a lock file.
A damaged or outdated store is rebuilt with a warning in `warnings`, an entry that cannot be read is
dropped with one: nothing read from it is trusted beyond its checksum. A store another build keeps busy
for too long is left alone: this build goes on without it, with a warning.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache"
STORE_NAME = "archive.sqlite"
SCHEMA_VERSION = 2
KEEP_UNUSED_SECONDS = 30 * 24 * 3600  # entries no build has used for this long are dropped
BATCH = 500  # keys per query, rows per write transaction
BUSY_SECONDS = 60.0  # how long to wait for another build's write to the store
_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}  # other errors (busy, locked, disk full) say nothing of the file
# A use rewrites a row: the values have a table of their own, so that recording one does not rewrite them.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, label TEXT NOT NULL, used REAL NOT NULL);
CREATE INDEX IF NOT EXISTS entries_by_label ON entries (label, used);
CREATE TABLE IF NOT EXISTS data (key TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


class OutdatedStore(Exception):
    pass


class Store:
    """Get and put values by key; `hits` and `misses` count the lookups of this session."""

    def __init__(self, path: Path):
        self.path = path
        self.warnings: list[str] = []
        self.hits = self.misses = 0
        self._connection = _open_or_rebuild(path, self.warnings)

    def get_many(self, keys: Iterable[str], touch: bool = True) -> dict[str, object]:
        """The values stored under these keys (the others are missing); each use is recorded, unless
        `touch` is false (it was when find_keys found the key)."""
        keys, found = list(dict.fromkeys(keys)), {}
        for batch in _batches(keys):
            rows = self._run(f"SELECT key, value FROM data WHERE key IN ({','.join('?' * len(batch))})", batch)
            found.update((key, value) for key, data in rows if (value := self._load(key, data)) is not _BAD)
        if touch:
            self.touch(found)
            self.hits += len(found)
            self.misses += len(keys) - len(found)
        return found

    def find_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these keys have a value, without reading it; each found key counts as used."""
        keys, found = list(dict.fromkeys(keys)), set()
        for batch in _batches(keys):
            found.update(key for key, in self._run(f"SELECT key FROM entries WHERE key IN "
                                                   f"({','.join('?' * len(batch))})", batch))
        self.touch(found)
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def touch(self, keys: Iterable[str]) -> None:
        """Record a use of these keys (their values were found elsewhere, e.g. in memory)."""
        self._write("UPDATE entries SET used = ? WHERE key = ?", [(time.time(), key) for key in keys])

    def put_many(self, items: Iterable[tuple[str, str, object]]) -> None:
        """Store (key, label, value) triples; writing a key again replaces its value."""
        now, items = time.time(), list(items)
        self._write("INSERT OR REPLACE INTO data (key, value) VALUES (?, ?)",
                    [(key, zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)) for key, _, value in items],
                    "INSERT OR REPLACE INTO entries (key, label, used) VALUES (?, ?, ?)",
                    [(key, label, now) for key, label, _ in items])

    def supersede(self, labels: Iterable[str], since: float) -> None:
        """Drop the entries of these labels that were not used since `since`, and all long unused ones."""
        stale = [(label, since) for label in labels]
        self._write("DELETE FROM data WHERE key IN (SELECT key FROM entries WHERE label = ? AND used < ?)", stale,
                    "DELETE FROM entries WHERE label = ? AND used < ?", stale)
        old = [(time.time() - KEEP_UNUSED_SECONDS,)]
        self._write("DELETE FROM data WHERE key IN (SELECT key FROM entries WHERE used < ?)", old,
                    "DELETE FROM entries WHERE used < ?", old)

    def close(self) -> None:
        if self._connection:
            self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _load(self, key: str, data: bytes):
        try:
            return pickle.loads(zlib.decompress(data))
        except Exception as error:  # zlib's checksum catches a damaged entry; any other failure is as bad
            self.warnings.append(f"缓存条目损坏，已丢弃 / damaged cache entry dropped: {key[:12]}…: {error}")
            self._write("DELETE FROM data WHERE key = ?", [(key,)], "DELETE FROM entries WHERE key = ?", [(key,)])
            return _BAD

    def _run(self, sql: str, parameters) -> list[tuple]:
        try:
            return self._connection.execute(sql, parameters).fetchall() if self._connection else []
        except sqlite3.DatabaseError as error:
            self._failed(error)
            return []

    def _write(self, sql: str, rows: list[tuple], *more) -> None:
        """Statements, each with its rows (sql, rows, sql, rows…), in short transactions of a batch of rows
        each, so that a concurrent build waits for the lock only briefly."""
        statements = [(sql, rows), *zip(more[::2], more[1::2])]
        try:
            for start in range(0, len(rows), BATCH) if self._connection else ():
                with self._connection:
                    for statement, values in statements:
                        self._connection.executemany(statement, values[start:start + BATCH])
        except sqlite3.DatabaseError as error:
            self._failed(error)

    def _failed(self, error: sqlite3.DatabaseError) -> None:
        """A damaged file is replaced by an empty store; any other failure leaves it to the other builds."""
        self._connection.close()
        if getattr(error, "sqlite_errorname", "") in _DAMAGED:
            self.warnings.append(f"缓存已损坏，已重建 / cache damaged, rebuilt: {self.path.name}: {error}")
            with _locked(self.path):
                _remove(self.path)
                self._connection = _connect(self.path)
        else:
            self.warnings.append(f"缓存暂不可用，本次构建不用它 / cache unavailable, this build goes without it: "
                                 f"{self.path.name}: {error}")
            self._connection = None


_BAD = object()


def _batches(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), BATCH):
        yield keys[start:start + BATCH]


def open_store(folder: Path | None = None) -> Store:
    """The store in `folder`, else in the folder named by ARCHIVE_CACHE, else in the project's .cache/."""
    folder = Path(folder or os.environ.get("ARCHIVE_CACHE") or CACHE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return Store(folder / STORE_NAME)


def _open_or_rebuild(path: Path, warnings: list[str]) -> sqlite3.Connection | None:
    with _locked(path):
        try:
            return _connect(path)
        except (sqlite3.DatabaseError, OutdatedStore) as error:
            if isinstance(error, sqlite3.DatabaseError) and getattr(error, "sqlite_errorname", "") not in _DAMAGED:
                warnings.append(f"缓存暂不可用，本次构建不用它 / cache unavailable, this build goes without it: "
                                f"{path.name}: {error}")
                return None
            warnings.append(f"缓存已损坏或过时，已重建 / cache damaged or outdated, rebuilt: {path.name}: {error}")
            _remove(path)
            return _connect(path)


def _connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the store and check that it is one, of this version."""
    connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:  # a new file
            connection.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            connection.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        elif version != SCHEMA_VERSION:
            raise OutdatedStore(f"written by another version of the store ({version}, now {SCHEMA_VERSION})")
        connection.execute("PRAGMA synchronous = NORMAL")  # a cache may lose its last writes, never its integrity
        connection.execute("SELECT count(*) FROM entries WHERE rowid = 1").fetchone()
        connection.isolation_level = ""  # `with connection` now wraps each write batch in a transaction
        return connection
    except Exception:
        connection.close()
        raise


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
