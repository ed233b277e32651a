"""Stage 5: each owner's files (a village's, or the portal's own), on all cores.

An owner's job plans its outputs (plan.py), and for each one: if the cache says it is
current, keeps it; else renders it (render/), finishes it (assets/finish.py: minify,
compressed copies), stages the bytes that changed (write.py) and records what it was made
from. Then it checks the village's links and runs the owner's other steps (filesteps.py).
The build session (incremental/session.py) decides which owners need a job at all.

Jobs run in worker processes; a job reads the cache but writes only content-addressed
bytes to it (finished files, Markdown fragments), which are harmless if the build fails.
Records of what each output was made from go back to the parent, which commits them with
the output folder.

Work is split by owner, so a job's outputs never depend on which worker ran it or in what
order jobs finished: the site is the same bytes with one worker or many.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assets.budgets import first_view_assets
from .assets.compress import sent_size
from .assets.finish import finished
from .assets.media import by_village
from .digests import digest
from .errors import ContentError
from .extras.searchindex import indexed_digest
from .filesteps import PageFile, StepInput, steps_of
from .incremental.fragments import Fragments
from .incremental.jobs import (
    Done,
    Job,
    Made,
    PageRecord,
    Pending,
    context_value,
    is_current,
)
from .incremental.load import check_links
from .incremental.steps import Place, pages_root, put_back, run_step
from .incremental.store import Store
from .incremental.templates import share_compiled
from .incremental.track import MISSING, TrackedTable, tracked_tables
from .model import Site, Village
from .pages import Output
from .parallel import SMALL, fresh_workers, workers
from .plan import portal_outputs, village_outputs
from .recording import TrackingContext, recording
from .render.env import Renderer
from .render.output import render_output
from .render.themesettings import ThemeSettings
from .write import stage


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


@dataclass(frozen=True, kw_only=True)
class Worker:
    """A process's means to run jobs, set up once from the Spec."""

    spec: Spec
    tables: dict[str, TrackedTable]
    renderer: Renderer
    store: Store
    fragments: Fragments  # the Markdown cache, flushed with each job's other records
    media_of: dict[str, list[tuple[str, Any]]]  # the photo catalog by village


def worker(spec: Spec) -> Worker:
    """Set up this process: its own cache connection, tracked tables, one Renderer."""
    site = spec.site
    tables = tracked_tables(site, spec.catalog, spec.settings.table())
    store = Store(spec.cache_file, spec.version, attach=True)
    fragments = Fragments(store, tables)
    renderer = Renderer(spec.site_root, site.portal["tema"], tables["urls"],
                        allow_html=bool(site.portal.get("izinkan_html")),
                        media=tables["media"], fragments=fragments, settings=tables["theme"],
                        context=TrackingContext)
    share_compiled(renderer.env, spec.cache_file.parent / "templates")
    return Worker(spec=spec, tables=tables, renderer=renderer, store=store,
                  fragments=fragments, media_of=by_village(spec.catalog))


def run_jobs(spec: Spec, todo: list[Job], count: int, take: Callable[[Done], None]) -> None:
    """Run every job, in worker processes when there is enough work to share.

    The portal's job, when it has to run rather than be put back from the cache, runs
    first and alone, in this process: its search index holds a record of every page of
    the regency in memory (Pagefind, about 23 KB a record), and beside the workers that
    took a 10,000-page build over 400 MB."""
    portal = next((job for job in todo if not job.owner and job.restore is None), None)
    shared = [job for job in todo if job is not portal]
    if portal is not None:
        _in_this_process(spec, [portal], take)
    if not shared:
        return
    pages = sum(len(job.restore or ()) or 100 for job in shared)
    count = min(count, len(shared)) if pages >= SMALL * (5 if fresh_workers() else 1) else 1
    if count <= 1:
        _in_this_process(spec, shared, take)
        return
    with workers(count, _start_worker, (spec,)) as pool:
        for done in pool.imap_unordered(_run_here, shared, chunksize=1):
            take(done)


def _in_this_process(spec: Spec, jobs: list[Job], take: Callable[[Done], None]) -> None:
    here = worker(spec)
    try:
        for job in jobs:
            take(run(here, job))
    finally:
        here.store.close()


_THIS_PROCESS: list[Worker] = []  # a pool worker's Worker: set up once, by _start_worker


def _start_worker(spec: Spec) -> None:
    _THIS_PROCESS[:] = [worker(spec)]


def _run_here(job: Job) -> Done:
    return run(_THIS_PROCESS[0], job)


def run(worker: Worker, job: Job) -> Done:
    """One owner's job: its pages, its link check, its other steps."""
    done = Done(job.owner)
    spec = worker.spec
    if job.restore is not None and put_back(worker.store, _place(worker, job), sorted(
            job.restore.items()), done.changed):
        done.restored = True  # its files came back from the cache as recorded
        return done
    if job.records is None:
        job.records = worker.store.outputs_of(job.owner)
    village = worker.store.village(job.owner) if job.owner else None  # bodies: only here
    # a village's pages are planned from the portal and that village alone, so no other
    # village can change them; the portal's job sees every village (and its key says so)
    site = Site(spec.site.portal, (village,) if village else spec.site.villages, spec.site.now,
                worker.tables["urls"], spec.site.lists)  # type: ignore[arg-type]  # tracked
    outputs = list(village_outputs(site, village) if village else portal_outputs(site))
    memo: dict[int, bytes] = {}
    new = Pending()
    try:
        for out in outputs:
            _output(worker, job, done, out, memo, new)
    except ContentError as exc:  # exceptions with Problems do not pickle back: return them
        done.problems.extend(exc.problems)
    if village is not None:
        found, done.links = check_links(spec.site_root / "content", spec.site, village,
                                        spec.fingerprints[village.slug], job.links)
        done.problems.extend(found)
    if not done.problems:
        _steps(worker, job, done, village)
    _save(worker.store, new, worker.fragments.take())
    return done


def _output(worker: Worker, job: Job, done: Done, out: Output, memo: dict[int, bytes],
            new: Pending) -> None:
    """Keep `out` if it is current, else render, finish and stage it, and record it."""
    store, previous = worker.store, (job.records or {}).get(out.path)
    if previous is not None and \
            is_current(previous, out, worker.spec.templates, worker.tables, memo,
                       worker.spec.settled) and \
            (job.trusted or put_back(store, _place(worker, job),
                                     [(rel, d) for rel, d, _ in previous.files], done.changed)):
        done.records[out.path] = previous
        return
    with recording() as rec:
        data = render_output(worker.renderer, out)
        copies = worker.tables["config"]["precompress"]  # noted: the files depend on it
    files, page = _finished(worker, out, data, new, copies)
    old = {rel: d for rel, d, _ in previous.files} if previous else {}
    for rel, d, _ in files:
        same = (old.get(rel) == d) if job.trusted and rel in old else None
        if same is True:
            continue
        payload = new.blobs.get(d) or store.blob(d)
        if payload is None:  # finished earlier, but its bytes are gone from the cache
            payload = dict(finished(out.path, data, copies))[rel]
        if stage(worker.spec.staging, worker.spec.output, rel, payload, same):
            done.changed.append(rel)
    done.rendered.append(out.path)
    done.records[out.path] = Made(
        templates=tuple(sorted((n, worker.spec.templates.get(n, MISSING))
                               for n in worker.renderer.templates_used(out.template))),
        names=tuple(sorted((n, context_value(out.context, n, memo)) for n in rec.names)),
        lookups=tuple(sorted(rec.lookups.items())), files=files, page=page)


def _finished(worker: Worker, out: Output, data: bytes, new: Pending,
              copies: bool) -> tuple[tuple[tuple[str, bytes, int], ...], PageRecord | None]:
    """Finish the rendered bytes, with or without compressed copies (cached by their
    digest: finishing is a pure function)."""
    key = f"finish:{copies:d}:" + digest(out.path.encode() + b"\0" + data).hex()
    cached = new.steps.get(key) or worker.store.get("steps", key)
    page = out.context.get("page")
    source = page.get("source", "") if isinstance(page, dict) else ""
    kind = out.template.removesuffix(".html")
    if cached is not None:
        files, sha, assets, indexed, packed = cached
    else:
        made = finished(out.path, data, copies)
        files = tuple((rel, digest(b), len(b)) for rel, b in made)
        for (_, d, _), (_, b) in zip(files, made, strict=True):
            new.blobs[d] = b
        main = made[0][1]
        sha = hashlib.sha256(main).hexdigest()
        html = out.path.endswith(".html")
        assets = first_view_assets(out.path, main) if html else ()
        indexed = indexed_digest(main) if html else ""
        packed = sent_size(out.path, made) if html else 0
        new.steps[key] = (files, sha, assets, indexed, packed)
    return files, PageRecord(kind=kind, source=source, sha256=sha, assets=assets,
                             indexed=indexed, packed=packed)


def _steps(worker: Worker, job: Job, done: Done, village: Village | None) -> None:
    """The owner's other files (calendars, search bundle, service worker), here in its
    job so that they too are made on all cores."""
    spec, place = worker.spec, _place(worker, job)
    pages = {rel: PageFile(d, size, made.page.sha256, made.page.indexed)
             for made in done.records.values() if made.page is not None
             for rel, d, size in made.files[:1]}
    view = spec.staging.with_name(f"{spec.staging.name}-{job.owner or 'portal'}")

    def root() -> Path:
        html = sorted(rel for rel in pages if rel.endswith(".html"))
        return pages_root(place, html, view)
    given = StepInput(root=spec.site_root, site=spec.site, village=village,
                      output=spec.output, staging=spec.staging, static=spec.static,
                      fronts=spec.fronts, media=worker.tables["media"].data,
                      media_of=worker.media_of.get(job.owner, []), pages=pages,
                      pages_root=root, renderer=worker.renderer, templates=spec.templates,
                      theme=worker.tables["theme"].data)
    try:
        for name, plan in steps_of(spec.site, job.owner):
            key, make = plan(given)
            done.steps[name] = run_step(worker.store, place, job.steps.get(name), key, make,
                                        finished, done.changed,
                                        worker.tables["config"].data["precompress"])
    finally:
        shutil.rmtree(view, ignore_errors=True)


def _save(store: Store, new: Pending, fragments: dict[bytes, Any]) -> None:
    if new.blobs or new.steps or fragments:
        with store.transaction():
            store.put_blobs(new.blobs.items())
            for name, value in new.steps.items():
                store.put("steps", name, value)
            for key, fragment in fragments.items():
                store.put("fragments", key, fragment)


def _place(worker: Worker, job: Job) -> Place:
    return Place(worker.spec.staging, worker.spec.output, job.trusted)
