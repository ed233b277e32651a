"""Holding a village back: one village's mistake never holds back another's news.

A village whose own files have errors is *held*. The build takes it as its last good build
left it: the portal's pages see its skeleton and front as they were, its photos keep their
catalog entries, and its files in the output stay exactly as they are (its records are
carried over, never run). A village that never built cleanly is left out altogether.
Errors anywhere else (portal.yaml, the theme, the templates) still stop the whole build.

What a good build leaves for later is one `Good` record per village, written with the
rest of the cache when the build commits.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import Site, Village, source_urls
from .load import Loaded
from .store import Store


@dataclass(frozen=True)
class Good:
    """A village as its last good build saw it."""

    fingerprint: bytes  # digest of its files then
    front: bytes  # all but page bodies (see load.front)
    skeleton: bytes  # the village without page bodies, pickled
    media: tuple[tuple[str, Any], ...]  # its photos' and attachments' catalog entries
    copies: tuple[tuple[str, str, tuple[int, int]], ...]  # media files: (rel, source, stat)

    def village(self) -> Village:
        return pickle.loads(self.skeleton)[0]


@dataclass
class Held:
    """What this build holds back, and why."""

    problems: dict[str, list[Problem]]  # each held village's problems (all severities)
    good: dict[str, Good]  # held villages with a last good build (carried over)

    @property
    def left_out(self) -> list[str]:
        """Held villages that never built cleanly: not in this build at all."""
        return sorted(set(self.problems) - set(self.good))

    def all(self) -> list[Problem]:
        return [p for slug in sorted(self.problems) for p in self.problems[slug]]


class Faulty(Exception):
    """Villages whose jobs found errors in their own files (broken links): the build
    starts again holding them too."""

    def __init__(self, villages: set[str]):
        super().__init__(", ".join(sorted(villages)))
        self.villages = villages


def owner_of(problem: Problem, villages: Iterable[str]) -> str | None:
    """The village whose own file the problem is in, or None (a shared file)."""
    top = problem.path.split("/", 1)[0]
    return top if top in set(villages) else None


def faulty(problems: list[Problem], villages: Iterable[str]) -> set[str]:
    """Villages with an error in one of their own files."""
    slugs = set(villages)
    return {slug for p in problems if p.severity == "error"
            and (slug := owner_of(p, slugs)) is not None}


def hold(loaded: Loaded, store: Store, slugs: set[str],
         carried: Any) -> tuple[Loaded, Held]:
    """The loaded site with each of `slugs` as its last good build left it (or left out,
    when it has none or `carried(slug)` says its records are gone), and what was held."""
    held = Held({slug: [] for slug in slugs}, {})
    for problem in loaded.problems:
        slug = owner_of(problem, slugs)
        if slug is not None:
            held.problems[slug].append(problem)
    for slug in sorted(slugs):
        good = store.get("good", slug)
        if isinstance(good, Good) and carried(slug):
            held.good[slug] = good
    assert loaded.site is not None
    villages = []
    for village in loaded.site.villages:
        if village.slug not in slugs:
            villages.append(village)
        elif village.slug in held.good:
            villages.append(held.good[village.slug].village())
    for slug in held.good.keys() - {v.slug for v in loaded.site.villages}:
        villages.append(held.good[slug].village())  # its desa.yaml broke
    villages.sort(key=lambda v: v.slug)
    site = Site(loaded.site.portal, tuple(villages), loaded.site.now, source_urls(villages))
    problems = [p for p in loaded.problems if owner_of(p, slugs) is None]
    prints = {s: d for s, d in loaded.fingerprints.items() if s not in slugs}
    fronts = {s: d for s, d in loaded.fronts.items() if s not in slugs}
    for slug, good in held.good.items():
        prints[slug], fronts[slug] = good.fingerprint, good.front
    return replace(loaded, site=site, problems=problems, fingerprints=prints,
                   fronts=fronts), held


def remember(store: Store, loaded: Loaded, slugs: Iterable[str],
             catalog: Mapping[str, Any], copies: list[tuple[str, Path]], stat: Any,
             changed: bool = False) -> None:
    """Keep each of `slugs` (loaded clean just now) as its last good state, where it
    changed (with `changed`, only where its files did: villages not built here, whose
    photos this build did not see), in the caller's transaction."""
    by_slug: dict[str, list[tuple[str, str, tuple[int, int]]]] = {}
    for rel, path in copies:
        by_slug.setdefault(rel.split("/", 1)[0], []).append((rel, str(path), stat(path)))
    for slug in sorted(slugs):
        record = store.get("villages", slug)
        if record is None:
            continue
        prefix = f"{slug}/"
        media = tuple(sorted((rel, entry) for rel, entry in catalog.items()
                             if rel.startswith(prefix)))
        good = Good(loaded.fingerprints[slug], record[2], record[1], media,
                    tuple(by_slug.get(slug, ())))
        kept = store.get("good", slug)
        if kept != good and not (changed and kept and kept.fingerprint == good.fingerprint):
            store.put("good", slug, good)
