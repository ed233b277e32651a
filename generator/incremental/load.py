"""Loading the site again without reading again what did not change.

Each village is loaded (read, parsed, validated, cross-checked) by the model's own code,
then kept in the cache with its problems under the fingerprint of its files. A village
whose files are byte for byte as recorded comes back from the cache; the others are
loaded, on all cores when there are many. Links between pages are checked per village and
kept with the lookups they made, so a link check runs again only when its village changed
or when a page it looked for appeared or went away.

The build's main process holds each village as a skeleton, its pages' bodies left out
(`None`): bodies are nine tenths of a site's size, and only the village's own job reads
them (`Store.village`).

The steps are the model's own (`read_portal`, `village_folders`, `read_village`,
`assemble`, `check_links`), as `model.load_site` takes them for `kampung check`, with the
cache in front; tests compare the two on random sites.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from .. import model, parallel
from ..content import content_files
from ..errors import Problem
from ..model import Site, Village
from ..recording import recording
from .sources import Known, combine, digests, scan_paths
from .store import Store
from .track import TrackedTable, value_digest


@dataclass
class Scan:
    """The content folder's files and their fingerprints, before anything is parsed."""

    root: Path
    rels: list[str]  # every content file, in `content_files` order
    problems: list[Problem]  # what the walk itself found (links leaving the folder)
    known: Known  # the stat cache, updated
    prints: dict[str, bytes]  # village folder -> digest of its files
    top: bytes  # digest of the files at the top (portal.yaml, ...)


@dataclass
class Loaded:
    """The site, its problems, and what changed since the cache was written."""

    site: Site | None
    problems: list[Problem]
    fingerprints: dict[str, bytes]  # village slug -> digest of its files
    reloaded: set[str] = field(default_factory=set)  # villages read from their files
    known: Known = field(default_factory=dict)  # updated stat cache of content files
    fronts: dict[str, bytes] = field(default_factory=dict)  # slug -> all but page bodies


def scan(root: Path, known: Known) -> Scan:
    """Find and fingerprint every content file (reading only those whose stat changed)."""
    root = root.resolve()
    walked = _walk(root)
    if walked is None:  # a symbolic link: the model's own walk decides what it means
        paths, problems = content_files(root)
        known = scan_paths(root, paths, known)
        rels = [p.relative_to(root).as_posix() for p in paths]
    else:
        problems, known = [], digests(root, walked, known)
        rels = [rel for rel, _ in walked]
    by_village: dict[str, list[str]] = {}
    for rel in rels:
        if "/" in rel:
            by_village.setdefault(rel.split("/", 1)[0], []).append(rel)
    def print_(rels: list[str]) -> bytes:
        return combine((r, known[r][2] if r in known else b"") for r in rels)
    prints = {slug: print_(names) for slug, names in by_village.items()}
    return Scan(root, rels, problems, known, prints, print_([r for r in rels if "/" not in r]))


def _walk(root: Path) -> list[tuple[str, os.stat_result]] | None:
    """(path, stat) of each file as `content_files` orders them; None at a symbolic link."""
    found: list[tuple[str, os.stat_result]] = []
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            listed = sorted((e for e in entries if not e.name.startswith(".")),
                            key=lambda e: e.name)
        if any(e.is_symlink() for e in listed):
            return None
        found.extend((prefix + e.name, e.stat()) for e in listed if not e.is_dir())
        stack.extend(reversed([(e.path, f"{prefix}{e.name}/") for e in listed if e.is_dir()]))
    return found


def load(found: Scan, now: datetime, store: Store, jobs: int = 1) -> Loaded:
    """Like `model.load_site(root, now)`, reusing every village the cache still holds.

    Villages that must be read are read on `jobs` cores when there are many."""
    root, problems = found.root, list(found.problems)
    portal = model.read_portal(root, problems)
    by_village = model.village_folders(found.rels, problems)
    prints = found.prints
    cached, fronts = _cached(store, prints)
    todo = [slug for slug in sorted(prints) if slug not in cached]
    work = [(root, slug, [root / rel for rel in by_village[slug]]) for slug in todo]
    files_to_read = sum(len(paths) for _, _, paths in work)
    count = min(jobs, len(work)) if files_to_read >= parallel.SMALL else 1
    with parallel.workers(count) as pool:
        for slug, (whole_blob, bare) in zip(todo, parallel.ordered_map(pool)(load_village, work),
                                            strict=True):
            cached[slug] = pickle.loads(bare)
            fronts[slug] = front(cached[slug][0], [(rel, found.known[rel][2]) for rel in
                                                   by_village[slug] if rel in found.known])
            with store.transaction():  # a pure function of the files: kept at once
                store.put_village(slug, (prints[slug], bare, fronts[slug]), whole_blob)
    villages = []
    for slug in sorted(by_village):
        village, found_here = cached[slug]
        problems.extend(found_here)
        if village is not None:
            villages.append(village)
    site = model.assemble(portal, villages, now, problems)
    return Loaded(site, problems, prints, set(todo), found.known, fronts)


VillageLoad = tuple[Village | None, list[Problem]]  # a village (None if unreadable), problems


class _Kept(NamedTuple):
    """A village's record as the cache held it when this process last read it."""

    checksum: bytes  # the record's: it changes whenever the record does
    fingerprint: bytes  # digest of the village's files
    loaded: VillageLoad  # its skeleton and problems
    front: bytes  # see `front`


def _cached(store: Store, prints: dict[str, bytes],
            ) -> tuple[dict[str, VillageLoad], dict[str, bytes]]:
    """(village, problems) and front digest of each village the cache holds as it is now."""
    villages, fronts = {}, {}
    for slug in [slug for slug in _KEPT if slug not in prints]:  # gone, or another site's
        del _KEPT[slug]
    for slug, fingerprint in sorted(prints.items()):
        kept = _kept(store, slug)
        if kept is not None and kept.fingerprint == fingerprint:
            villages[slug], fronts[slug] = kept.loaded, kept.front
    return villages, fronts


def _kept(store: Store, slug: str) -> _Kept | None:
    """The village's record, unpickled again only if it changed since this process did."""
    checksum = store.checksum("villages", slug)
    if checksum is None:
        return None
    kept = _KEPT.get(slug)
    if kept is None or kept.checksum != checksum:
        record = store.get("villages", slug)
        if record is None:
            return None
        kept = _KEPT[slug] = _Kept(checksum, record[0], pickle.loads(record[1]), record[2])
    return kept


# A village is a pure function of its files: in one process (a preview rebuilding after
# each save), one whose record is unchanged is the very object read last time. Only the
# villages of the site loaded last are kept, so it never outgrows the site in memory.
_KEPT: dict[str, _Kept] = {}


def front(village: Village | None, files: list[tuple[str, bytes]]) -> bytes:
    """Digest of everything in a village but its pages' bodies (profile, data, front
    matter, media bytes): what steps that never read a body depend on. `files` are the
    village's own (path, digest); a search of every file of the site for each village
    was a tenth of a 100,000-page build's time in the main process."""
    if village is None:
        return b""
    media = sorted((rel, d) for rel, d in files if rel.startswith(f"{village.slug}/media/"))
    pages = [(p.kind, p.slug, p.lang, p.source, p.data, p.body_line) for p in village.pages]
    return value_digest((village.profile, village.data, sorted(village.media), pages, media))


def load_village(job: tuple[Path, str, list[Path]]) -> tuple[bytes, bytes]:
    """One village by the model's own code: (Village or None, problems) pickled whole and
    as a skeleton."""
    root, slug, paths = job
    problems: list[Problem] = []
    village = model.read_village(root, slug, paths, problems, {})
    return (pickle.dumps((village, problems), protocol=pickle.HIGHEST_PROTOCOL),
            pickle.dumps((skeleton(village), problems), protocol=pickle.HIGHEST_PROTOCOL))


def skeleton(village: Village | None) -> Village | None:
    """The village with `None` for its pages' bodies, so that a body read where it was not
    loaded fails loudly instead of rendering an empty page."""
    if village is None:
        return None
    return replace(village, pages=tuple(replace(p, body=None) for p in village.pages))


def save(store: Store, loaded: Loaded, known_before: Known) -> None:
    """Forget villages that are gone; remember the files' stats (in the caller's
    transaction; the villages just read were kept as they were read)."""
    gone = [slug for slug in store.village_slugs() if slug not in loaded.fingerprints]
    store.delete("villages", gone)
    store.put_sources(loaded.known, known_before)


def check_links(root: Path, site: Site, village: Village, fingerprint: bytes,
                record: Any) -> tuple[list[Problem], Any]:
    """The village's link problems: from `record` if nothing it looked up changed."""
    urls = TrackedTable("urls", site.source_urls)
    if record is not None and record[0] == fingerprint and \
            all(urls.current(key) == value for (_, key), value in record[2].items()):
        return record[1], record
    problems: list[Problem] = []
    tracked = Site(site.portal, site.villages, site.now, urls)  # type: ignore[arg-type]
    with recording() as rec:
        model.check_links(root, tracked, village, problems)
    return problems, (fingerprint, problems, rec.lookups)
