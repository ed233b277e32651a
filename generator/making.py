"""Making an owner's files, when the cache cannot put them back as they were: plan its
outputs, and for each one keep it if the cache says it is current, else render it
(render/), finish it (assets/finish.py: minify, compressed copies), stage the bytes that
changed (write.py) and record what it was made from; then check the village's links and run
the owner's other steps (filesteps.py).

`owners.py` runs the jobs and imports this module the first time one makes something: a
build that only puts files back (CI, with the cache restored) never loads the renderer,
Markdown, the minifier or the features.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assets.compress import sent_size
from .assets.finish import finished
from .assets.firstview import first_view_assets
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
    Spec,
    context_value,
    is_current,
    place,
)
from .incremental.load import check_links
from .incremental.steps import pages_root, put_back, run_step
from .incremental.store import Store
from .incremental.templates import share_compiled
from .incremental.track import MISSING, TrackedTable, tracked_tables
from .model import Site, Village
from .pages import Output
from .plan import portal_outputs, village_outputs
from .recording import recording
from .render.env import Renderer
from .render.output import render_output
from .render.tracking import TrackingContext
from .write import stage


@dataclass(frozen=True, kw_only=True)
class Maker:
    """What making files takes in one process, set up once from the Spec."""

    spec: Spec
    tables: dict[str, TrackedTable]
    renderer: Renderer
    store: Store
    fragments: Fragments  # the Markdown cache, flushed with each job's other records
    media_of: dict[str, list[tuple[str, Any]]]  # the photo catalog by village


def maker(spec: Spec, store: Store) -> Maker:
    """This process's tracked tables and Renderer, over its cache connection `store`."""
    site = spec.site
    tables = tracked_tables(site, spec.catalog, spec.settings.table())
    fragments = Fragments(store, tables)
    renderer = Renderer(spec.site_root, site.portal["tema"], tables["urls"],
                        allow_html=bool(site.portal.get("izinkan_html")),
                        media=tables["media"], fragments=fragments, settings=tables["theme"],
                        context=TrackingContext)
    share_compiled(renderer.env, spec.cache_file.parent / "templates")
    return Maker(spec=spec, tables=tables, renderer=renderer, store=store,
                 fragments=fragments, media_of=by_village(spec.catalog))


def make(maker: Maker, job: Job, done: Done) -> None:
    """An owner's files made: its pages, its link check, its other steps."""
    spec = maker.spec
    if job.records is None:
        job.records = maker.store.outputs_of(job.owner)
    village = maker.store.village(job.owner) if job.owner else None  # bodies: only here
    # a village's pages are planned from the portal and that village alone, so no other
    # village can change them; the portal's job sees every village (and its key says so)
    site = Site(spec.site.portal, (village,) if village else spec.site.villages, spec.site.now,
                maker.tables["urls"], spec.site.lists)  # type: ignore[arg-type]  # tracked
    outputs = list(village_outputs(site, village) if village else portal_outputs(site))
    memo: dict[int, bytes] = {}
    new = Pending()
    try:
        for out in outputs:
            _output(maker, job, done, out, memo, new)
    except ContentError as exc:  # exceptions with Problems do not pickle back: return them
        done.problems.extend(exc.problems)
    if village is not None:
        found, done.links = check_links(spec.site_root / "content", spec.site, village,
                                        spec.fingerprints[village.slug], job.links)
        done.problems.extend(found)
    if not done.problems:
        _steps(maker, job, done, village)
    _save(maker.store, new, maker.fragments.take())


def _output(maker: Maker, job: Job, done: Done, out: Output, memo: dict[int, bytes],
            new: Pending) -> None:
    """Keep `out` if it is current, else render, finish and stage it, and record it."""
    store, previous = maker.store, (job.records or {}).get(out.path)
    if previous is not None and \
            is_current(previous, out, maker.spec.templates, maker.tables, memo,
                       maker.spec.settled) and \
            (job.trusted or put_back(store, place(maker.spec, job),
                                     [(rel, d) for rel, d, _ in previous.files], done.changed)):
        done.records[out.path] = previous
        return
    with recording() as rec:
        data = render_output(maker.renderer, out)
        copies = maker.tables["config"]["precompress"]  # noted: the files depend on it
    files, page = _finished(maker, out, data, new, copies)
    old = {rel: d for rel, d, _ in previous.files} if previous else {}
    for rel, d, _ in files:
        same = (old.get(rel) == d) if job.trusted and rel in old else None
        if same is True:
            continue
        payload = new.blobs.get(d) or store.blob(d)
        if payload is None:  # finished earlier, but its bytes are gone from the cache
            payload = dict(finished(out.path, data, copies))[rel]
        if stage(maker.spec.staging, maker.spec.output, rel, payload, same):
            done.changed.append(rel)
    done.rendered.append(out.path)
    done.records[out.path] = Made(
        templates=tuple(sorted((n, maker.spec.templates.get(n, MISSING))
                               for n in maker.renderer.templates_used(out.template))),
        names=tuple(sorted((n, context_value(out.context, n, memo)) for n in rec.names)),
        lookups=tuple(sorted(rec.lookups.items())), files=files, page=page)


def _finished(maker: Maker, out: Output, data: bytes, new: Pending,
              copies: bool) -> tuple[tuple[tuple[str, bytes, int], ...], PageRecord | None]:
    """Finish the rendered bytes, with or without compressed copies (cached by their
    digest: finishing is a pure function)."""
    key = f"finish:{copies:d}:" + digest(out.path.encode() + b"\0" + data).hex()
    cached = new.steps.get(key) or maker.store.get("steps", key)
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


def _steps(maker: Maker, job: Job, done: Done, village: Village | None) -> None:
    """The owner's other files (calendars, search bundle, service worker), here in its
    job so that they too are made on all cores."""
    spec, where = maker.spec, place(maker.spec, job)
    pages = {rel: PageFile(d, size, made.page.sha256, made.page.indexed)
             for made in done.records.values() if made.page is not None
             for rel, d, size in made.files[:1]}
    view = spec.staging.with_name(f"{spec.staging.name}-{job.owner or 'portal'}")

    def root() -> Path:
        html = sorted(rel for rel in pages if rel.endswith(".html"))
        return pages_root(where, html, view)
    given = StepInput(root=spec.site_root, site=spec.site, village=village,
                      output=spec.output, staging=spec.staging, static=spec.static,
                      fronts=spec.fronts, media=maker.tables["media"].data,
                      media_of=maker.media_of.get(job.owner, []), pages=pages,
                      pages_root=root, renderer=maker.renderer, templates=spec.templates,
                      theme=maker.tables["theme"].data)
    try:
        for name, plan in steps_of(spec.site, job.owner):
            key, produce = plan(given)
            done.steps[name] = run_step(maker.store, where, job.steps.get(name), key, produce,
                                        finished, done.changed,
                                        maker.tables["config"].data["precompress"])
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
