"""The build cache on disk: one SQLite file recording what every output was made from.

SQLite gives atomic commits (an interrupted build never leaves half a record), detects a
damaged file, and lets a build read only the records it needs. Anything wrong with the
file (missing, another format or generator version, unreadable, damaged) makes `open`
start an empty cache, which means a full build: the cache can only make a build faster,
never different.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..digests import digest
from .recent import Recent

FORMAT = 8  # bump when the tables or the meaning of a record change
FILE = "build.sqlite"
SCHEMA = """
create table meta (key text primary key, value blob);
create table sources (rel text primary key, size int, mtime_ns int, digest blob);
create table villages (slug text primary key, record blob, whole blob);
create table outputs (path text primary key, owner text, record blob);
create table pending (path text primary key, owner text, record blob);
create table blobs (digest blob primary key, data blob, crc int);
create table fragments (key blob primary key, record blob);
create table steps (key text primary key, record blob);
create table good (slug text primary key, record blob);
create index outputs_owner on outputs (owner);
"""
TABLES = ("meta", "sources", "villages", "outputs", "pending", "blobs", "fragments", "steps",
          "good")


class CacheDamaged(Exception):
    """A record failed its checksum or the file is damaged: the build starts over, uncached."""


DAMAGE = (CacheDamaged, sqlite3.DatabaseError)  # what a damaged cache file may raise


def dumps(value: Any) -> bytes:
    """A record: its checksum, then its pickle (so a damaged record is never believed)."""
    return sealed(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def sealed(pickled: bytes) -> bytes:
    return digest(pickled) + pickled


class Store:
    """A connection to the cache file; writes happen inside `transaction()`."""

    def __init__(self, path: Path, version: str, *, attach: bool = False,
                 fresh: bool = False):
        """Open the cache (`fresh`: start it empty); `attach` joins one already open."""
        self.path, self.version = path, version
        self.fresh = False  # True when the cache was empty, unreadable or from another version
        self.db = self._recreate() if fresh else self._connect(attach)

    def _connect(self, attach: bool) -> sqlite3.Connection:
        if attach:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=600)
            db.execute("pragma synchronous = normal")
            return db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            usable = self._usable(sqlite3.connect(self.path, isolation_level=None, timeout=600))
            if usable is not None:
                return usable
        except sqlite3.DatabaseError:
            pass
        return self._recreate()

    def _usable(self, db: sqlite3.Connection) -> sqlite3.Connection | None:
        db.execute("pragma journal_mode = wal")
        db.execute("pragma synchronous = normal")
        names = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
        if not set(TABLES) <= names:
            db.close()
            return None
        row = db.execute("select value from meta where key = 'version'").fetchone()
        if row is None or row[0] != self._stamp():
            db.close()
            return None
        return db

    def _recreate(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{self.path}{suffix}")
        db = sqlite3.connect(self.path, isolation_level=None, timeout=600)
        db.execute("pragma journal_mode = wal")
        db.execute("pragma synchronous = normal")
        db.executescript(SCHEMA)
        db.execute("insert into meta values ('version', ?)", (self._stamp(),))
        self.fresh = True
        return db

    def _stamp(self) -> str:
        return f"{FORMAT}:{self.version}"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("begin immediate")
        try:
            yield
        except BaseException:
            self.db.execute("rollback")
            raise
        self.db.execute("commit")

    def close(self) -> None:
        self.db.close()

    # key/value records ---------------------------------------------------------------
    def get(self, table: str, key: Any, column: str = "record") -> Any:
        data = self._raw(table, key, column)
        return None if data is None else _load(data)

    def get_shared(self, table: str, key: Any) -> Any:
        """Like `get`, but a record read before in this process, unchanged (same checksum),
        is the same object: a preview rebuilding after each save then unpickles only what
        changed. The caller must not modify it."""
        data = self._raw(table, key)
        if not isinstance(data, bytes):
            return None if data is None else _load(data)
        kept = _SHARED.get((table, key))
        if kept is None or kept[0] != data[:16]:
            kept = (data[:16], _load(data))
            _SHARED.put((table, key), kept)
        return kept[1]

    def checksum(self, table: str, key: Any) -> bytes | None:
        """The record's checksum: it changes whenever the record does."""
        return self._raw(table, key, "substr(record, 1, 16)")

    def _raw(self, table: str, key: Any, column: str = "record") -> Any:
        row = self.db.execute(f"select {column} from {table} where {_key(table)} = ?",
                              (key,)).fetchone()
        return None if row is None else row[0]

    def put(self, table: str, key: Any, value: Any) -> None:
        self.db.execute(f"insert or replace into {table} ({_key(table)}, record) values (?, ?)",
                        (key, dumps(value)))

    def put_village(self, slug: str, record: Any, whole: bytes) -> None:
        """A village's record and, apart, its whole pickle (read only by its own job)."""
        self.db.execute("insert or replace into villages values (?, ?, ?)",
                        (slug, dumps(record), sealed(whole)))

    def village(self, slug: str) -> Any:
        """A village with its pages' bodies, as the last load kept it (see load.py)."""
        record = self.get("villages", slug, "whole")
        if record is None:
            raise CacheDamaged(f"village {slug} is missing from the cache")
        return record[0]

    def village_slugs(self) -> list[str]:
        return [row[0] for row in self.db.execute("select slug from villages")]

    def owner_keys(self) -> set[str]:
        """Keys of every owner's and step's record ('owner:<slug>', 'step:<name>:<slug>')."""
        rows = self.db.execute(
            "select key from steps where key like 'owner:%' or key like 'step:%'")
        return {row[0] for row in rows}

    def delete(self, table: str, keys: Iterable[Any]) -> None:
        self.db.executemany(f"delete from {table} where {_key(table)} = ?",
                            [(k,) for k in keys])

    def meta(self, key: str) -> Any:
        row = self.db.execute("select value from meta where key = ?", (key,)).fetchone()
        return None if row is None else _load(row[0])

    def set_meta(self, key: str, value: Any) -> None:
        self.db.execute("insert or replace into meta values (?, ?)", (key, dumps(value)))

    # outputs -------------------------------------------------------------------------
    def outputs_of(self, owner: str) -> dict[str, Any]:
        rows = self.db.execute("select path, record from outputs where owner = ?", (owner,))
        return {path: _load(record) for path, record in rows}

    def put_pending(self, owner: str, records: dict[str, Any]) -> None:
        """Records of a build still running: they replace the owner's at `adopt_pending`."""
        self.db.executemany("insert or replace into pending values (?, ?, ?)",
                            [(p, owner, dumps(r)) for p, r in records.items()])

    def drop_pending(self) -> None:
        """Forget records a build that stopped left pending."""
        self.db.execute("delete from pending")

    def adopt_pending(self, owners: Iterable[str]) -> None:
        """The owners' records become the pending ones (inside the caller's transaction)."""
        self.db.executemany("delete from outputs where owner = ?", [(o,) for o in owners])
        self.db.execute("insert or replace into outputs select path, owner, record from pending")
        self.db.execute("delete from pending")

    # content-addressed bytes -----------------------------------------------------------
    def blob(self, key: bytes) -> bytes | None:
        """The bytes stored under `key`, or None if missing or damaged."""
        row = self.db.execute("select data, crc from blobs where digest = ?", (key,)).fetchone()
        if row is None or not _intact(*row):
            return None
        return row[0]

    def missing_blobs(self, keys: set[bytes]) -> bool:
        """Is any of these gone from the cache?"""
        found = sum(rows.fetchone()[0] for rows in self._by_digest("count(*)", sorted(keys)))
        return found < len(keys)

    def blobs(self, keys: list[bytes]) -> Iterator[tuple[bytes, bytes]]:
        """(key, bytes) for each key, a few hundred per query; damaged bytes raise."""
        for rows in self._by_digest("digest, data, crc", sorted(set(keys))):
            for key, data, crc in rows:
                if not _intact(data, crc):
                    raise CacheDamaged(f"blob {key.hex()}")
                yield key, data

    def _by_digest(self, columns: str, keys: list[bytes]) -> Iterator[sqlite3.Cursor]:
        for start in range(0, len(keys), CHUNK):
            part = keys[start:start + CHUNK]
            yield self.db.execute(f"select {columns} from blobs where digest in "
                                  f"({','.join('?' * len(part))})", part)

    def has_blob(self, key: bytes) -> bool:
        return self.db.execute("select 1 from blobs where digest = ?", (key,)).fetchone() \
            is not None

    def put_blobs(self, items: Iterable[tuple[bytes, bytes]]) -> None:
        self.db.executemany("insert or ignore into blobs values (?, ?, ?)",
                            ((key, data, zlib.crc32(data)) for key, data in items))

    def prune_blobs(self, live: set[bytes]) -> int:
        """Delete bytes no record refers to any more; return how many went."""
        dead = [(k,) for (k,) in self.db.execute("select digest from blobs") if k not in live]
        self.db.executemany("delete from blobs where digest = ?", dead)
        return len(dead)

    # source stat cache ---------------------------------------------------------------
    def sources(self) -> dict[str, tuple[int, int, bytes]]:
        rows = self.db.execute("select rel, size, mtime_ns, digest from sources")
        return {rel: (size, mtime, dig) for rel, size, mtime, dig in rows}

    def put_sources(self, known: dict[str, tuple[int, int, bytes]],
                    before: dict[str, tuple[int, int, bytes]]) -> None:
        """Write what changed in the stat cache since `before` (what `sources` returned)."""
        self.db.executemany("delete from sources where rel = ?",
                            [(rel,) for rel in before if rel not in known])
        self.db.executemany("insert or replace into sources values (?, ?, ?, ?)",
                            [(rel, *value) for rel, value in known.items()
                             if before.get(rel) != value])


CHUNK = 500  # keys per query (SQLite allows at least 999 parameters)
# (table, key) -> (checksum, value); 16,384 holds the step records of 4,096 villages (an
# owner and its three steps each), four times the 100,000-page benchmark's
_SHARED: Recent[tuple[str, Any], tuple[bytes, Any]] = Recent(16_384)


def _key(table: str) -> str:
    return {"villages": "slug", "outputs": "path", "blobs": "digest", "fragments": "key",
            "steps": "key", "meta": "key", "sources": "rel", "good": "slug"}[table]


def _intact(data: Any, crc: Any) -> bool:
    """Are a blob's bytes as written? (CRC-32 finds damage six times faster than BLAKE2b,
    and a CI build restoring a whole site reads hundreds of megabytes of them.)"""
    return isinstance(data, bytes) and zlib.crc32(data) == crc


def _load(data: bytes) -> Any:
    if not isinstance(data, bytes):
        raise CacheDamaged("record is not bytes")
    body = data[16:]
    if digest(body) != data[:16]:
        raise CacheDamaged("record checksum")
    try:
        return pickle.loads(body)
    except Exception as exc:  # a record from code that has since changed shape
        raise CacheDamaged(f"record unreadable: {exc}") from exc
