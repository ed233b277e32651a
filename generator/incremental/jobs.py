"""The cache's side of an owner's job: what a job is given, what it hands back, and
whether a recorded output is still current (the job itself is owners.py and making.py).

A `Made` record holds everything an output read when it was rendered: the templates, the
names of the context, the table entries it looked up. Rendering it again would read the
same values if and only if every recorded digest still holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import Problem
from ..pages import Output
from .steps import Owned, Place
from .track import MISSING, TrackedTable, value_digest

if TYPE_CHECKING:
    from ..model import Site
    from ..render.themesettings import ThemeSettings

Files = tuple[tuple[str, bytes, int], ...]  # (output path, digest of bytes, size)


class PageRecord(NamedTuple):
    """What the budgets, the search bundle and the service worker need of a page."""

    kind: str  # its template's name without .html
    source: str  # the content file it shows, or ""
    sha256: str  # of its finished bytes
    assets: tuple[str, ...]  # what its first view fetches
    indexed: str  # digest of what the search index reads of it
    packed: int  # its gzipped size, what a host sends (with or without a .gz copy)


@dataclass(frozen=True, kw_only=True)
class Made:
    """What one output was made from, and the files it became."""

    templates: tuple[tuple[str, bytes], ...]
    names: tuple[tuple[str, bytes], ...]
    lookups: tuple[tuple[tuple[str, str], bytes], ...]
    files: Files
    page: PageRecord | None


@dataclass(frozen=True, kw_only=True)
class Spec:
    """What a worker sets itself up from (pickled only where fork is missing)."""

    site_root: Path  # content/ inside
    output: Path
    staging: Path
    cache_file: Path
    version: str  # the cache's generator version
    site: Site
    catalog: dict[str, dict[str, Any]]  # the photos
    templates: dict[str, bytes]  # template name -> digest of the file the loader finds
    fingerprints: dict[str, bytes]  # village -> digest of all its files
    static: bytes  # digest of the theme's files beside its templates
    fronts: dict[str, bytes]  # village -> digest of all its files but page bodies
    settings: ThemeSettings  # the theme's theme.yaml, merged down its chain
    settled: frozenset[str]  # tables as the last whole build saw them (Session.settled)


@dataclass
class Job:
    owner: str  # village slug, or "" for the portal's own pages
    records: dict[str, Made] | None  # None: read from the cache when the job plans
    trusted: bool  # the output folder holds exactly what the records say
    links: Any = None  # the village's last link-check record
    steps: dict[str, Owned | None] = field(default_factory=dict)  # the village's steps
    restore: dict[str, bytes] | None = None  # inputs unchanged: put these files back


def place(spec: Spec, job: Job) -> Place:
    """Where `job`'s files go."""
    return Place(spec.staging, spec.output, job.trusted)


@dataclass
class Done:
    owner: str
    records: dict[str, Made] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    links: Any = None
    steps: dict[str, tuple[Owned, bool]] = field(default_factory=dict)  # (record, ran)
    restored: bool = False  # every file came back from the cache; nothing was planned


@dataclass
class Pending:
    """Content-addressed records a job adds to the cache: finished bytes and finishings."""

    blobs: dict[bytes, bytes] = field(default_factory=dict)
    steps: dict[str, Any] = field(default_factory=dict)


def is_current(made: Made, out: Output, templates: dict[str, bytes],
               tables: dict[str, TrackedTable], memo: dict[int, bytes],
               settled: frozenset[str] = frozenset()) -> bool:
    """Would rendering `out` now read exactly what `made` records? Lookups into a
    `settled` table (as a whole as the last whole build saw it: Session.settled) hold."""
    if any(templates.get(name, MISSING) != d for name, d in made.templates):
        return False
    if any(context_value(out.context, name, memo) != d for name, d in made.names):
        return False
    return all(tables[t].current(k) == d for (t, k), d in made.lookups if t not in settled)


def context_value(context: dict[str, Any], name: str, memo: dict[int, bytes]) -> bytes:
    """Digest of one name of a page's context (lists and dicts digested once per job)."""
    if name not in context:
        return MISSING
    value = context[name]
    if isinstance(value, (dict, list)):
        key = id(value)
        if key not in memo:
            memo[key] = value_digest(value)
        return memo[key]
    return value_digest(value)
