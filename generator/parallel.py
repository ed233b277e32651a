"""All cores: worker processes for loading villages and for rendering them.

Work is split by village (the portal's own pages are one more job, run first), so a job's
outputs never depend on which worker ran it or in what order jobs finished: the site is the
same bytes with one worker or many. Workers are forked after the site is loaded, so they share
it without copying; where fork is not available (Windows, macOS) or not safe (a process
running other threads), they start fresh and get the site pickled once each.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assets.media import by_village
from .incremental import jobs as jobs_module
from .incremental.fragments import Fragments
from .incremental.store import Store
from .incremental.templates import share_compiled
from .incremental.track import tracked_tables
from .model import Site

SMALL = 400  # below this many pages of work, starting workers costs more than it saves


def cpu_count() -> int:
    """Cores this process may use (respects taskset and container CPU sets)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _context() -> Any:
    """Fork (workers share the loaded site) unless this process runs other threads, as
    the preview server does: a forked child could inherit a lock held by one of them, so
    then workers start fresh (as they always do where fork is missing)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@contextlib.contextmanager
def workers(count: int, initializer: Callable[..., None] | None = None,
            initargs: tuple[Any, ...] = ()) -> Iterator[Any]:
    """A pool of `count` worker processes, or None when one process is enough."""
    if count <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield None
        return
    with _context().Pool(count, initializer, initargs) as pool:
        yield pool


def ordered_map(pool: Any) -> Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]:
    """`map` over the pool (results in order), or the built-in `map` without one."""
    if pool is None:
        return map
    return lambda fn, items: pool.imap(fn, items, chunksize=1)


@dataclass
class RenderSpec:
    """What a render worker sets itself up from (pickled only where fork is missing)."""

    site_root: Path
    output: Path
    staging: Path
    cache_file: Path
    version: str
    site: Site
    catalog: dict[str, dict[str, Any]]
    templates: dict[str, bytes]
    fingerprints: dict[str, bytes]
    plan_village: Callable[..., Any]
    plan_portal: Callable[..., Any]
    finish: Callable[[str, bytes], list[tuple[str, bytes]]]
    weigh: Callable[[str, bytes], tuple[str, ...]]
    render: Callable[[Any, Any], bytes]
    check_links: Callable[..., Any]
    make_renderer: Callable[..., Any]
    owner_steps: Callable[..., Any] | None = None
    static: bytes = b""
    fronts: dict[str, bytes] = field(default_factory=dict)
    index_digest: Callable[[bytes], str] | None = None


_WORKER: dict[str, Any] = {}


def init_render(spec: RenderSpec) -> None:
    """Set up this process: its own cache connection, tracked tables, one Renderer."""
    site = spec.site
    tables = tracked_tables(site, spec.catalog)
    store = Store(spec.cache_file, spec.version, attach=True)
    fragments = Fragments(store, tables)
    renderer = spec.make_renderer(spec.site_root, site.portal["tema"], tables["urls"],
                                  allow_html=bool(site.portal.get("izinkan_html")),
                                  media=tables["media"], fragments=fragments)
    share_compiled(renderer.env, spec.cache_file.parent / "templates")
    _WORKER["context"] = jobs_module.Context(
        spec.site_root, spec.output, spec.staging, site, tables, spec.templates, renderer,
        store, spec.plan_village, spec.plan_portal, spec.finish, spec.weigh, spec.render,
        spec.check_links, spec.fingerprints, fragments, spec.owner_steps, spec.static,
        spec.fronts, by_village(spec.catalog), spec.index_digest)


def run_job(job: jobs_module.Job) -> jobs_module.Done:
    return jobs_module.run(_WORKER["context"], job)


def render_jobs(spec: RenderSpec, todo: list[jobs_module.Job], count: int,
                progress: Callable[[jobs_module.Done], None]) -> None:
    """Run every job, in worker processes when there is enough work to share.

    The portal's job, when it has to run rather than be put back from the cache, runs
    first and alone, in this process: its search index holds a record of every page of
    the regency in memory (Pagefind, about 23 KB a record), and beside the workers that
    took a 10,000-page build over 400 MB."""
    portal = next((job for job in todo if not job.owner and job.restore is None), None)
    shared = [job for job in todo if job is not portal]
    if portal is not None:
        init_render(spec)
        progress(run_job(portal))
        _close_worker()
    if not shared:
        return
    pages = sum(len(job.restore or ()) or 100 for job in shared)
    fresh = _context().get_start_method() != "fork"  # workers that import and unpickle
    count = min(count, len(shared)) if pages >= SMALL * (5 if fresh else 1) else 1
    with workers(count, init_render, (spec,)) as pool:
        results = map(run_job, shared) if pool is None else \
            pool.imap_unordered(run_job, shared, chunksize=1)
        for done in results:
            progress(done)
    if count <= 1:
        _close_worker()


def _close_worker() -> None:
    _WORKER["context"].store.close()
    _WORKER.clear()
