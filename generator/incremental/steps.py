"""Steps that are not template renders (calendars, search bundles, service workers...).

A step is a name, a key and a function that makes files. The key must describe every
input of the function: when it is as recorded, the step does not run and its files stay
as they are (or, in a folder the cache cannot vouch for, come back from the cache). When
it runs, each file is finished and staged only if its bytes changed.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..digests import digest
from ..write import stage
from .store import CacheDamaged, Store
from .track import value_digest

FileInfo = tuple[bytes, int, str]  # (digest, size, sha256 hex of the bytes or "")


class OwnedPage(NamedTuple):
    """A phone page of an owner, as its budgets weigh it."""

    path: str
    kind: str
    source: str  # the content file it shows, or ""
    sha256: str
    assets: tuple[str, ...]  # what its first view fetches
    packed: int  # its gzipped size: what a host sends, whether or not a .gz was written
Make = Callable[[], Iterable[tuple[str, bytes]]]
Finish = Callable[[str, bytes, bool], list[tuple[str, bytes]]]  # (path, bytes, copies)


class Owned:
    """What one owner (village, portal or step) produced, as recorded.

    Kept as a head and a body. The head decides whether the owner runs again and holds
    its problems, file count and budget warnings; the body (every file and page: nine
    tenths of the bytes, 70,000 files at 10,000 pages) is unpickled on first use, which
    a build that carries the owner over as it was never makes.
    """

    def __init__(self, key: bytes, lookups: tuple[tuple[tuple[str, str], bytes], ...] = (),
                 files: dict[str, FileInfo] | None = None,
                 pages: tuple[OwnedPage, ...] = (), problems: tuple[Any, ...] = (),
                 links: Any = None):
        self.key = key  # digest of everything that decides whether it must run again
        self.lookups, self.problems, self.links = lookups, problems, links
        self._files = files if files is not None else {}
        self._pages = pages
        self._body: bytes | None = None  # files and pages, still pickled
        self.count, self.page_count = len(self._files), len(pages)
        self.budget: tuple[Any, tuple[Any, ...]] | None = None  # (limits, warnings): see
        #                                                      Session.budget_problems

    @property
    def files(self) -> dict[str, FileInfo]:
        self._unpack()
        return self._files

    @property
    def pages(self) -> tuple[OwnedPage, ...]:
        self._unpack()
        return self._pages

    def weighed(self, budget: tuple[Any, tuple[Any, ...]]) -> Owned:
        """This record with its budget warnings found again (records read from the cache
        may be shared: see `Store.get_shared`)."""
        copy = Owned.__new__(Owned)
        copy.__dict__.update(self.__dict__, budget=budget)
        return copy

    def _unpack(self) -> None:
        if self._body is not None:
            self._files, self._pages = pickle.loads(self._body)
            self._body = None

    def __getstate__(self) -> tuple[Any, ...]:
        body = self._body if self._body is not None else \
            pickle.dumps((self._files, self._pages), protocol=pickle.HIGHEST_PROTOCOL)
        return (self.key, self.lookups, self.problems, self.links, self.count,
                self.page_count, self.budget, body)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (self.key, self.lookups, self.problems, self.links, self.count, self.page_count,
         self.budget, self._body) = state
        self._files, self._pages = {}, ()


@dataclass
class Place:
    """Where a build's files go, and what it may trust about the folder."""

    staging: Path
    output: Path
    trusted: bool  # the output folder holds exactly what the records say


def run_step(store: Store, place: Place, before: Owned | None, key: Any, make: Make,
             finish: Finish, changed: list[str], copies: bool) -> tuple[Owned, bool]:
    """The step's record after this build, and whether it ran; staged paths go to `changed`.
    Its files are finished with compressed copies or without (`copies`), which its key
    holds too."""
    key_digest = value_digest((key, copies))
    if before is not None and before.key == key_digest and \
            (place.trusted or put_back(store, place, [(r, i[0]) for r, i in before.files.items()],
                                       changed)):
        return before, False
    old = before.files if before is not None and place.trusted else {}
    files: dict[str, FileInfo] = {}
    new = Finished(store, finish, copies)
    for rel, data in make():
        for out_rel, d, size in new.files(rel, data):
            files[out_rel] = (d, size, "")
            same = (old[out_rel][0] == d) if out_rel in old else None
            if same is not True and stage(place.staging, place.output, out_rel,
                                          new.payload(d), same):
                changed.append(out_rel)
    new.save()
    return Owned(key_digest, files=files), True


class Finished:
    """Finishing (minify, compressed copies) cached by the digest of its input: a file
    a step makes again with the same bytes is not finished again."""

    def __init__(self, store: Store, finish: Finish, copies: bool):
        self.store, self.finish, self.copies = store, finish, copies
        self.blobs: dict[bytes, bytes] = {}
        self.records: dict[str, Any] = {}

    def files(self, rel: str, data: bytes) -> list[tuple[str, bytes, int]]:
        key = f"finish-step:{self.copies:d}:" + digest(rel.encode() + b"\0" + data).hex()
        cached = self.records.get(key) or self.store.get("steps", key)
        if cached is not None and all(self.store.has_blob(d) for _, d, _ in cached[0]):
            return list(cached[0])
        made = []
        for out_rel, out_data in self.finish(rel, data, self.copies):
            d = digest(out_data)
            self.blobs[d] = out_data
            made.append((out_rel, d, len(out_data)))
        self.records[key] = (tuple(made), "", ())
        return made

    def payload(self, d: bytes) -> bytes:
        data = self.blobs.get(d)
        data = data if data is not None else self.store.blob(d)
        if data is None:  # it was there a moment ago: the cache file is damaged
            raise CacheDamaged(f"blob {d.hex()}")
        return data

    def save(self) -> None:
        with self.store.transaction():
            self.store.put_blobs(self.blobs.items())
            for key, value in self.records.items():
                self.store.put("steps", key, value)


def put_back(store: Store, place: Place, files: list[tuple[str, bytes]],
             changed: list[str]) -> bool:
    """Stage recorded files, (path, digest of its bytes), from the cache where the folder
    differs; False, staging nothing, if any is gone from the cache."""
    if store.missing_blobs({d for _, d in files}):
        return False
    paths: dict[bytes, list[str]] = {}
    for rel, d in files:
        paths.setdefault(d, []).append(rel)
    same = None if os.path.isdir(place.output) else False  # no folder: nothing to compare
    for d, data in store.blobs(list(paths)):
        for rel in paths[d]:
            if stage(place.staging, place.output, rel, data, same):
                changed.append(rel)
    return True


def pages_root(place: Place, rels: list[str], view: Path) -> Path:
    """A folder holding the new version of each of `rels`: the staging folder when all
    changed, the output folder when none did, else `view`, made of hard links."""
    staged = [(place.staging / rel).exists() for rel in rels]
    if all(staged):
        return place.staging
    if not any(staged):
        return place.output
    for rel, new in zip(rels, staged, strict=True):
        source = (place.staging if new else place.output) / rel
        target = view / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            target.hardlink_to(source)
        except OSError:
            target.write_bytes(source.read_bytes())
    return view
