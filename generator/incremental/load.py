"""Loading the site again without reading again what did not change.

Each village is loaded (read, parsed, validated, cross-checked) by the model's own code,
then kept in the cache with its problems under the fingerprint of its files. A village
whose files are byte for byte as recorded comes back from the cache; the others are loaded,
on all cores when there are many. Links between pages are checked per village and kept with
the lookups they made, so a link check runs again only when its village changed or when a
page it looked for appeared or went away.

This mirrors `model.load_site` step by step; tests compare the two on random sites.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import model, parallel
from ..content import content_files
from ..errors import Problem
from ..model import Site, Village
from .sources import Known, combine, scan_paths
from .store import Store
from .track import TrackedTable, recording


@dataclass
class Loaded:
    """The site, its problems, and what changed since the cache was written."""

    site: Site | None
    problems: list[Problem]
    fingerprints: dict[str, bytes]  # village slug -> digest of its files
    reloaded: set[str] = field(default_factory=set)  # villages read from their files
    known: Known = field(default_factory=dict)  # updated stat cache of content files


def load(root: Path, now: datetime, store: Store, known: Known, jobs: int = 1) -> Loaded:
    """Like `model.load_site(root, now)`, reusing every village the cache still holds.

    Villages that must be read are read on `jobs` cores when there are many."""
    root = root.resolve()
    files, problems = content_files(root)
    known = scan_paths(root, files, known)
    portal = model._portal(root, problems)
    by_village = _group(root, files, problems)
    prints = {slug: combine((p, known[p][2]) for p in _rels(root, paths))
              for slug, paths in by_village.items()}
    found_in = dict(_cached(store, prints))
    todo = [slug for slug in sorted(prints) if slug not in found_in]
    work = [(root, slug, by_village[slug]) for slug in todo]
    files_to_read = sum(len(paths) for _, _, paths in work)
    count = min(jobs, len(work)) if files_to_read >= parallel.SMALL else 1
    with parallel.workers(count) as pool:
        for slug, blob in zip(todo, parallel.ordered_map(pool)(load_village, work), strict=True):
            with store.transaction():  # a pure function of the files: kept at once
                store.put("villages", slug, (prints[slug], blob))
            found_in[slug] = pickle.loads(blob)
    villages = []
    for slug in sorted(by_village):
        village, found = found_in[slug]
        problems.extend(found)
        if village is not None:
            villages.append(village)
    if not villages and not any(p.severity == "error" for p in problems):
        problems.append(Problem.at("content", 1, 1, "no_villages"))
    site = Site(portal, tuple(villages), now, model._source_urls(villages))
    return Loaded(site, problems, prints, set(todo), known)


def _group(root: Path, files: list[Path], problems: list[Problem]) -> dict[str, list[Path]]:
    by_village: dict[str, list[Path]] = {}
    for path in files:
        rel = path.relative_to(root)
        if len(rel.parts) == 1:
            if rel.name not in ("portal.yaml", "portal.yml") and not rel.name.endswith(".md"):
                problems.append(Problem.at(rel.as_posix(), 1, 1, "unknown_file",
                                           severity="warning"))
            continue
        by_village.setdefault(rel.parts[0], []).append(path)
    return by_village


def _rels(root: Path, paths: list[Path]) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def _cached(store: Store, prints: dict[str, bytes]) -> Iterator[tuple[str, Any]]:
    """(slug, (village, problems)) of each village the cache holds as its files are now."""
    for slug, fingerprint in sorted(prints.items()):
        record = store.get("villages", slug)
        if record is not None and record[0] == fingerprint:
            yield slug, pickle.loads(record[1])


def load_village(job: tuple[Path, str, list[Path]]) -> bytes:
    """One village by the model's own code: the pickled (Village or None, problems)."""
    root, slug, paths = job
    problems: list[Problem] = []
    village = model._village(root, slug, paths, problems, {})
    return pickle.dumps((village, problems), protocol=pickle.HIGHEST_PROTOCOL)


def save(store: Store, loaded: Loaded) -> None:
    """Forget villages that are gone; remember the files' stats (in the caller's
    transaction; the villages just read were kept as they were read)."""
    gone = [row[0] for row in store.db.execute("select slug from villages")
            if row[0] not in loaded.fingerprints]
    store.delete("villages", gone)
    store.put_sources(loaded.known)


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
        model._check_links(root, tracked, village, problems)
    return problems, (fingerprint, problems, rec.lookups)
