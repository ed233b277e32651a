"""One job per village (and one for the portal): plan, skip what is current, render the
rest, finish it, and stage the files whose bytes changed.

Jobs run in worker processes; a job reads the cache but writes only content-addressed
bytes to it (finished files, Markdown fragments), which are harmless if the build fails.
Records of what each output was made from go back to the parent, which commits them with
the output folder.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from ..model import Site
from ..pages import Output
from ..write import stage
from .steps import Make, Owned, Place, pages_root, put_back, run_step
from .store import Store, digest
from .track import MISSING, TrackedTable, recording, value_digest

Files = tuple[tuple[str, bytes, int], ...]  # (output path, digest of bytes, size)


@dataclass(frozen=True)
class Made:
    """What one output was made from, and the files it became."""

    templates: tuple[tuple[str, bytes], ...]
    names: tuple[tuple[str, bytes], ...]
    lookups: tuple[tuple[tuple[str, str], bytes], ...]
    files: Files
    weight: tuple[Any, ...] | None  # (kind, source, sha256 of the page, first-view assets,
    #                                    digest of what the search index reads of it)


@dataclass
class Job:
    owner: str  # village slug, or "" for the portal's own pages
    records: dict[str, Made] | None  # None: read from the cache when the job plans
    trusted: bool  # the output folder holds exactly what the records say
    links: Any = None  # the village's last link-check record
    steps: dict[str, Owned | None] = field(default_factory=dict)  # the village's steps
    restore: dict[str, bytes] | None = None  # inputs unchanged: put these files back


@dataclass
class Done:
    owner: str
    records: dict[str, Made] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    links: Any = None
    reads: tuple[str, ...] = ()  # Site attributes the plan read (see TrackedSite)
    steps: dict[str, tuple[Owned, bool]] = field(default_factory=dict)  # (record, ran)
    restored: bool = False  # every file came back from the cache; nothing was planned


class TrackedSite(Site):
    """The site as a job's plan sees it: notes which shared parts the plan read."""

    def __getattribute__(self, name: str) -> Any:
        if name in ("villages", "source_urls"):
            object.__getattribute__(self, "reads").add(name)
        return object.__getattribute__(self, name)


@dataclass
class Context:
    """Everything a worker needs, set up once per process."""

    root: Path  # the site root (content/ inside)
    output: Path
    staging: Path
    site: Site
    tables: dict[str, TrackedTable]
    templates: dict[str, bytes]  # template name -> digest of the file the loader finds
    renderer: Any
    store: Store
    plan_village: Callable[[Site, Any], Any]
    plan_portal: Callable[[Site], Any]
    finish: Callable[[str, bytes], list[tuple[str, bytes]]]
    weigh: Callable[[str, bytes], tuple[str, ...]]
    render: Callable[[Any, Output], bytes]
    check_links: Callable[..., tuple[list[Problem], Any]] | None = None
    fingerprints: dict[str, bytes] = field(default_factory=dict)
    fragments: Any = None  # the Markdown cache, flushed with each job's other records
    owner_steps: Callable[..., list[tuple[str, Any, Make]]] | None = None
    static: bytes = b""  # digest of the theme's files beside its templates
    fronts: dict[str, bytes] = field(default_factory=dict)  # village -> all but bodies
    media_of: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)  # by village
    index_digest: Callable[[bytes], str] | None = None  # what the search index reads of a page


def run(ctx: Context, job: Job) -> Done:
    done = Done(job.owner)
    if job.restore is not None and put_back(ctx.store, _place(ctx, job), sorted(
            job.restore.items()), done.changed):
        done.restored = True  # its files came back from the cache as recorded
        return done
    if job.records is None:
        job.records = ctx.store.outputs_of(job.owner)
    site = TrackedSite(ctx.site.portal, ctx.site.villages, ctx.site.now,
                       ctx.tables["urls"])  # type: ignore[arg-type]
    object.__setattr__(site, "reads", set())
    village = None
    if job.owner:
        village = ctx.store.village(job.owner)  # bodies: only here
        outputs = list(ctx.plan_village(site, village))
    else:
        outputs = list(ctx.plan_portal(site))
    done.reads = tuple(sorted(object.__getattribute__(site, "reads")))
    memo: dict[int, bytes] = {}
    new = Pending()
    try:
        for out in outputs:
            _one(ctx, job, done, out, memo, new)
    except ContentError as exc:  # exceptions with Problems do not pickle back: return them
        done.problems.extend(exc.problems)
    if village is not None and ctx.check_links is not None:
        found, done.links = ctx.check_links(ctx.root / "content", ctx.site, village,
                                            ctx.fingerprints[village.slug], job.links)
        done.problems.extend(found)
    if ctx.owner_steps is not None and not done.problems:
        _steps(ctx, job, done, village)
    fragments = ctx.fragments.take() if ctx.fragments is not None else {}
    if new.blobs or new.steps or fragments:
        with ctx.store.transaction():
            ctx.store.put_blobs(new.blobs.items())
            for key, value in new.steps.items():
                ctx.store.put("steps", key, value)
            for key, value in fragments.items():
                ctx.store.put("fragments", key, value)
    return done


@dataclass
class Pending:
    """Content-addressed records a job adds to the cache: finished bytes and finishings."""

    blobs: dict[bytes, bytes] = field(default_factory=dict)
    steps: dict[str, Any] = field(default_factory=dict)


def _one(ctx: Context, job: Job, done: Done, out: Output, memo: dict[int, bytes],
         new: Pending) -> None:
    previous = (job.records or {}).get(out.path)
    if previous is not None and current(ctx, previous, out, memo) and \
            (job.trusted or put_back(ctx.store, _place(ctx, job),
                                     [(rel, d) for rel, d, _ in previous.files], done.changed)):
        done.records[out.path] = previous
        return
    with recording() as rec:
        data = ctx.render(ctx.renderer, out)
    files, weight = _finished(ctx, out, data, new)
    old = {rel: d for rel, d, _ in previous.files} if previous else {}
    for rel, d, _ in files:
        same = (old.get(rel) == d) if job.trusted and rel in old else None
        if same is True:
            continue
        payload = new.blobs.get(d) or ctx.store.blob(d)
        if payload is None:  # finished earlier, but its bytes are gone from the cache
            payload = dict(ctx.finish(out.path, data))[rel]
        if stage(ctx.staging, ctx.output, rel, payload, same):
            done.changed.append(rel)
    done.rendered.append(out.path)
    done.records[out.path] = Made(
        tuple(sorted((n, ctx.templates.get(n, MISSING)) for n in rec.templates)),
        tuple(sorted((n, _value(out.context, n, memo)) for n in rec.names)),
        tuple(sorted(rec.lookups.items())), files, weight)


def _steps(ctx: Context, job: Job, done: Done, village: Any) -> None:
    """The owner's other files (calendars, search bundle, service worker), here in its
    job so that they too are made on all cores."""
    place = _place(ctx, job)
    pages = {rel: (d, size, weight[2], weight[4]) for made in done.records.values()
             if (weight := made.weight) is not None for rel, d, size in made.files[:1]}
    view = ctx.staging.with_name(f"{ctx.staging.name}-{job.owner or 'portal'}")

    def root() -> Path:
        html = sorted(rel for rel in pages if rel.endswith(".html"))
        return pages_root(place, html, view)
    try:
        for name, key, make in ctx.owner_steps(ctx, village, pages, root):
            done.steps[name] = run_step(ctx.store, place, job.steps.get(name), key, make,
                                        ctx.finish, done.changed)
    finally:
        shutil.rmtree(view, ignore_errors=True)


def current(ctx: Context, made: Made, out: Output, memo: dict[int, bytes]) -> bool:
    """Would rendering `out` now read exactly what `made` records?"""
    templates = ctx.templates
    if any(templates.get(name, MISSING) != d for name, d in made.templates):
        return False
    if any(_value(out.context, name, memo) != d for name, d in made.names):
        return False
    tables = ctx.tables
    return all(tables[t].current(k) == d for (t, k), d in made.lookups)


def _value(context: dict[str, Any], name: str, memo: dict[int, bytes]) -> bytes:
    if name not in context:
        return MISSING
    value = context[name]
    if isinstance(value, (dict, list)):
        key = id(value)
        if key not in memo:
            memo[key] = value_digest(value)
        return memo[key]
    return value_digest(value)


def _finished(ctx: Context, out: Output, data: bytes,
              new: Pending) -> tuple[Files, tuple[Any, ...] | None]:
    """Finish the rendered bytes (cached by their digest: finishing is a pure function)."""
    key = "finish:" + digest(out.path.encode() + b"\0" + data).hex()
    cached = new.steps.get(key) or ctx.store.get("steps", key)
    page = out.context.get("page")
    source = page.get("source", "") if isinstance(page, dict) else ""
    kind = out.template.removesuffix(".html")
    if cached is not None:
        files, sha, assets, indexed = cached
    else:
        finished = ctx.finish(out.path, data)
        files = tuple((rel, digest(b), len(b)) for rel, b in finished)
        for (_, d, _), (_, b) in zip(files, finished, strict=True):
            new.blobs[d] = b
        main = finished[0][1]
        sha = hashlib.sha256(main).hexdigest()
        html = out.path.endswith(".html")
        assets = ctx.weigh(out.path, main) if html else ()
        indexed = ctx.index_digest(main) if html and ctx.index_digest else ""
        new.steps[key] = (files, sha, assets, indexed)
    return files, (kind, source, sha, assets, indexed)


def _place(ctx: Context, job: Job) -> Place:
    return Place(ctx.staging, ctx.output, job.trusted)
