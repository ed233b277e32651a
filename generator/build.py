"""The pipeline, top to bottom: load, validate, model, plan, render, write.

Read `build()` to learn the whole program; each step is a call into the module that
owns it.
"""

from __future__ import annotations

import gc
import os
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jinja2

from . import extras
from .assets.budgets import Budgets, WeightReport, first_view_assets
from .assets.finish import finished
from .assets.imagecache import ImageCache
from .assets.media import process_media
from .assets.sitefiles import site_files
from .cms import ADMIN
from .errors import ContentError, Problem, errors_only
from .extras.search import FOLDER as SEARCH_FOLDER
from .incremental import hold
from .incremental.hold import Faulty, Held
from .incremental.jobs import Done
from .incremental.load import Loaded, check_links
from .incremental.session import DAMAGE, Session, every_theme_file, theme_digests
from .incremental.shard import scope, shard_of
from .incremental.store import Store
from .incremental.track import tracked_tables, value_digest
from .model import Site, Village, load_site
from .pages import Output, portal_outputs, village_outputs
from .parallel import RenderSpec, cpu_count, render_jobs
from .render.env import Renderer
from .render.themes import ThemeMissing, theme_chain, theme_dirs
from .status import status_outputs
from .write import MARKER, check_output_folder

WIB = timezone(timedelta(hours=7), "WIB")


@dataclass
class BuildReport:
    files: int = 0
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    weights: WeightReport = field(default_factory=WeightReport)  # with build(weights=True)
    images: tuple[int, int] = (0, 0)  # (photos in the site, processed in this build)
    rendered: list[str] = field(default_factory=list)  # outputs rendered (rest: from cache)
    held: list[str] = field(default_factory=list)  # villages held back by their own errors


def build_now(given: str | None = None) -> datetime:
    """The reference time for expiry: --now, else SOURCE_DATE_EPOCH, else the clock (WIB)."""
    if given:
        return datetime.fromisoformat(given)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.astimezone(WIB).replace(tzinfo=None)


def load(site_root: Path, now: datetime) -> tuple[Site, list[Problem]]:
    """Load and check the content; raise ContentError on any error."""
    site, problems = load_site(site_root / "content", now)
    if site is None:
        raise ContentError(problems)
    _check_theme(site_root, site)
    _check_editor(site)
    return site, problems


def _check_theme(site_root: Path, site: Site) -> None:
    try:
        theme_chain(site_root, site.portal["tema"])
    except ThemeMissing as missing:
        raise ContentError([Problem.at("portal.yaml", 1, 1, "theme_missing",
                                       theme=missing.name)]) from None


def _check_editor(site: Site) -> None:
    """The web editor takes /admin/: no village folder may have that name."""
    if site.portal.get("editor") and any(v.slug == ADMIN for v in site.villages):
        raise ContentError([Problem.at(f"{ADMIN}/desa.yaml", 1, 1, "editor_folder_taken",
                                       folder=ADMIN)])


def build(
    site_root: Path, output: Path, *, now: datetime, villages: Iterable[str] = (),
    strict: bool = False, budgets: Budgets | None = None, image_cache: Path | None = None,
    cache: Path | None = None, jobs: int | None = None, shard: tuple[int, int] | None = None,
    progress: Callable[[int, int], None] | None = None, weights: bool = False,
    all_or_nothing: bool = False,
) -> BuildReport:
    """Build the site into `output`; on an error in a shared file (portal.yaml, the theme,
    the templates) raise ContentError and leave it untouched.

    A village with errors in its own files is held (see incremental/hold.py): its files
    stay as its last good build left them, the portal's pages see it as it was then, and
    every other village builds; `report.held` names it. With `all_or_nothing`, any error
    stops the whole build instead. With `strict`, warnings count as errors (and any
    problem stops the whole build). A broken photo is an error that still lets
    every page build (without that photo); budgets over their limit are warnings.
    What is still current comes from the build cache (`cache`, by default
    `.kampung-cache/` in the site): only outputs whose inputs changed are rendered, on
    `jobs` cores (default: all), and only files whose bytes changed are written. A damaged
    cache is started again empty. `shard=(i, n)` builds the i-th of n shares of the villages
    (and the portal's own pages when i is 1). With `weights`, the report holds every page's
    weight (for `--report`); budget warnings come either way.
    """
    started = time.perf_counter()
    check_output_folder(site_root / "content", output)
    collecting = gc.isenabled()
    fresh, faults = False, set()  # faults: villages whose jobs found errors in their files
    while True:
        session = Session(site_root, output, cache, fresh=fresh)
        # loading makes a great many objects that live for the whole build, and no garbage
        # cycles: the collector would walk them again and again for nothing (it took two
        # thirds of the time to read the villages from the cache); see `_build`
        gc.disable()
        try:
            report = _build(session, now, set(villages), strict, budgets, image_cache,
                            jobs or cpu_count(), shard, progress, weights,
                            None if all_or_nothing else faults)
        except DAMAGE:  # a damaged cache: build again from nothing
            session.abort()
            if fresh:
                raise
            fresh = True
            continue
        except Faulty as exc:  # build again, holding these villages too
            session.abort()
            faults |= exc.villages
            continue
        except BaseException:
            session.abort()
            raise
        finally:
            session.close()
            gc.unfreeze()
            (gc.enable if collecting else gc.disable)()
        report.seconds = time.perf_counter() - started
        return report


def _build(session: Session, now: datetime, villages: set[str], strict: bool,
           budgets: Budgets | None, image_cache: Path | None, jobs: int,
           shard: tuple[int, int] | None, progress: Callable[[int, int], None] | None,
           want_weights: bool, faults: set[str] | None) -> BuildReport:
    site_root = session.site_root
    found = session.scan()  # fingerprints of every content file
    key = value_digest((found.top, sorted(found.prints.items()), now.isoformat(),
                        every_theme_file(site_root), sorted(villages), shard, strict, budgets,
                        faults is None))
    last = session.remembered(key)  # nothing changed since the last build: nothing to do
    if last is not None and (last[5] is not None or not want_weights):
        return BuildReport(*last[:5], last[5] or WeightReport(), *last[6:])
    loaded = session.load(now, jobs)  # villages whose files changed are read again
    loaded, held = _held(session, loaded, faults,  # as last good, or left out
                         lambda slug: _mine(slug, villages, shard))
    site, problems = _checked(site_root, loaded, session.store, held)
    if strict and (problems or held.problems):
        raise ContentError([*problems, *held.all()])
    chosen = _select(site, villages, shard, held.left_out)
    carried = chosen & held.good.keys()  # held: their records are carried, never run
    selected = chosen - held.problems.keys()
    media = process_media(site_root / "content", site, selected,
                          ImageCache(image_cache or session.cache_dir / "images"),
                          prints={rel: known[2] for rel, known in found.known.items()
                                  if "/media/" in rel})
    media.catalog.update(entry for slug in carried for entry in held.good[slug].media)
    problems = [*problems, *media.problems]
    tables = tracked_tables(site, media.catalog)
    session.scope = scope(chosen, (v.slug for v in site.villages), shard)
    session.whole = shard is None and not villages and not held.problems
    theme = site.portal["tema"]
    session.prepare(site, *theme_digests(theme_dirs(site_root, theme),
                                         theme_chain(site_root, theme)), tables)
    # the portal's job (shard 1 makes it) runs first and alone: see render_jobs
    owners = ([""] if shard is None or shard[0] == 1 else []) + sorted(selected | carried)
    todo = session.jobs(owners, carried)  # the others are current: not even planned
    gc.freeze()  # all that was loaded lives as long as the build: out of the collector's way
    gc.enable()
    spec = RenderSpec(site_root, session.folder.output, session.folder.staging,
                      session.store.path, session.store.version, site, media.catalog,
                      session.templates, loaded.fingerprints, village_outputs, portal_outputs,
                      finished, first_view_assets, render, check_links, Renderer,
                      owner_steps, session.static, loaded.fronts, extras.indexed_digest)
    render_jobs(spec, todo, jobs, _counting(session, len(todo), progress))
    problems = [*problems, *session.problems()]
    errors = errors_only(session.problems())
    if errors:  # a link mistake holds its village; a template mistake writes nothing
        _hold_or_stop(errors, {v.slug for v in site.villages}, faults, [*problems, *held.all()])
    session.copies("media", media.files,  # processed photos (from the cache), attachments
                   [item for slug in carried for item in held.good[slug].copies])
    budgets = budgets or Budgets()
    weights = session.weigh(WeightReport(budgets)) if want_weights else WeightReport(budgets)
    problems = [*problems, *session.budget_problems(budgets)]
    if strict and problems:
        raise ContentError(problems)
    session.settle(selected, media.catalog, media.files, now,
                   {v.slug for v in site.villages} - chosen - held.problems.keys())
    _status_pages(session, site, problems, held, owners)
    keep = tuple(v.slug for v in site.villages if v.slug not in selected) + \
        tuple(held.left_out)
    removed = session.removed(keep)
    kept = weights if want_weights else None  # every page's weight: megabytes, for --report
    files = session.file_count()
    problems = [*problems, *held.all()]
    session.remember(key, (files, [], [], problems, 0.0, kept, (media.images, 0), [],
                           sorted(held.problems)))
    session.commit(removed)
    return BuildReport(files, sorted(session.changed), removed, problems, 0.0,
                       weights, (media.images, media.processed), sorted(session.rendered),
                       sorted(held.problems))


def _held(session: Session, loaded: Loaded, faults: set[str] | None,
          mine: Callable[[str], bool]) -> tuple[Loaded, Held]:
    """The site with each village that has errors in its own files (or is in `faults`:
    its job found some) held back; with `faults` None (all or nothing), as it is."""
    slugs = set(loaded.fingerprints)
    faulty = set() if faults is None else hold.faulty(loaded.problems, slugs) | (faults & slugs)
    if not faulty:
        return loaded, Held({}, {})
    held = session.hold(loaded, faulty, mine)
    return session.loaded, held


def _mine(slug: str, wanted: set[str], shard: tuple[int, int] | None) -> bool:
    """Does this build make the village (`--village`, `--shard`)?"""
    return (not wanted or slug in wanted) and \
        (shard is None or shard_of(slug, shard[1]) == shard[0])


def _hold_or_stop(errors: list[Problem], villages: set[str], faults: set[str] | None,
                  problems: list[Problem]) -> None:
    """Errors the jobs found: in villages' own files (links), build again holding those
    villages; anywhere else (a template), or when not holding, stop."""
    found = hold.faulty(errors, villages)
    shared = [p for p in errors if hold.owner_of(p, villages) is None]
    if faults is not None and found and not shared and not found <= faults:
        raise Faulty(found)
    raise ContentError(problems)


def _status_pages(session: Session, site: Site, problems: list[Problem], held: Held,
                  owners: list[str]) -> None:
    """Each owner's status page, a step of its own (see status.py)."""
    renderer = Renderer(session.site_root, site.portal["tema"], {})
    templates = value_digest(sorted(session.templates.items()))  # (what any include reads)
    for owner, out in status_outputs(site, problems, held.problems, session.published(),
                                     owners):
        session.step("status", owner, (templates, out.path, out.context),
                     lambda out=out: [(out.path, render(renderer, out))])


def owner_steps(ctx: Any, village: Village | None, pages: dict[str, Any],
                pages_root: Callable[[], Path]) -> list[tuple[str, Any, Any]]:
    """A village's files that are not template renders, or with no village the portal's:
    (name, key, make). Each key holds everything its `make` reads; they run in the owner's
    job (see incremental/steps.py)."""
    site, root = ctx.site, ctx.root
    if village is None:
        return [
            ("search", (sorted(ctx.fronts.items()), site.today),  # titles, summaries, expiry
             lambda: _within("", extras.search_files(ctx.staging, site, set(), ctx.output))),
            ("site", (sorted(v.slug for v in site.villages), ctx.static),  # hosting rules
             lambda: _within("", site_files(root, site, (), {}, ctx.tables["media"].data))),
            *_editor_step(site),
        ]
    slug = village.slug
    digests = {rel: sha for rel, (_, _, sha, _) in pages.items()}
    indexed = {rel: read for rel, (_, _, _, read) in pages.items()}
    mine = ctx.media_of.get(slug, [])
    return [
        ("extras", (ctx.fronts[slug], site.portal, site.now),  # .ics, CSV/JSON: no bodies
         lambda: extras.village_files(root, site, {slug})),
        ("search", sorted(indexed.items()),  # the village's search bundle: what it reads
         lambda: _within(f"{slug}/", extras.search_files(pages_root(), site, {slug},
                                                          ctx.output, indexed))),
        ("site", (sorted(digests.items()), ctx.static, mine, site.today),  # sw.js, _headers
         lambda: _within(f"{slug}/", site_files(root, site, {slug}, digests,
                                                ctx.tables["media"].data))),
    ]


def _editor_step(site: Site) -> list[tuple[str, Any, Any]]:
    """The web editor at admin/, only where portal.yaml asks for it (`editor:`)."""
    if not site.portal.get("editor"):
        return []
    from .cms.page import admin_files  # only here: it reads the JSON Schemas' file globs

    files = admin_files(site.portal, [(v.slug, v.profile["nama"]) for v in site.villages])
    return [("editor", files, lambda: files)]  # its files are all it depends on


def _within(prefix: str, files: Iterable[tuple[str, bytes]]) -> Iterable[tuple[str, bytes]]:
    """The files under `prefix` (a village folder), or with "", those outside every village."""
    for rel, data in files:
        top = rel.split("/", 1)[0] if "/" in rel else ""
        if rel.startswith(prefix) if prefix else top in ("", SEARCH_FOLDER):
            yield rel, data


def _checked(site_root: Path, loaded: Loaded, store: Store,
             held: Held) -> tuple[Site, list[Problem]]:
    """The loaded site and its problems; with any error outside the held villages (or no
    village left to build), every link problem too, then stop."""
    if loaded.site is None or errors_only(loaded.problems) or not loaded.site.villages:
        site = loaded.site
        links = [p for v in (site.villages if site else ()) if v.slug not in held.problems
                 for p in check_links(site_root / "content", site, store.village(v.slug),
                                      b"", None)[0]]
        raise ContentError([*loaded.problems, *held.all(), *links])
    _check_theme(site_root, loaded.site)
    _check_editor(loaded.site)
    return loaded.site, loaded.problems


def _counting(session: Session, total: int,
              progress: Callable[[int, int], None] | None) -> Callable[[Done], None]:
    """Take each finished job into the session and tell `progress` (jobs done, of total)."""
    done_count = [0]

    def take(done: Done) -> None:
        session.finished(done)
        done_count[0] += 1
        if progress is not None:
            progress(done_count[0], total)
    return take


def _select(site: Site, wanted: set[str], shard: tuple[int, int] | None,
            left_out: list[str]) -> set[str]:
    """The villages this build is for (of those in the site: not those `left_out`)."""
    known = {v.slug for v in site.villages}
    unknown = wanted - known - set(left_out)
    if unknown:
        raise ContentError([Problem.at("content", 1, 1, "desa_missing", village=slug)
                            for slug in sorted(unknown)])
    return {slug for slug in known if _mine(slug, wanted, shard)}


def render(renderer: Renderer, out: Output) -> bytes:
    """Render one output; a template mistake becomes a Problem naming template and line."""
    try:
        return renderer.render(out)
    except Exception as exc:
        name, line = _template_place(exc, out.template)
        raise ContentError([Problem.at(name, line, 1, "template_error", template=out.template,
                                       detail=f"{type(exc).__name__}: {exc}")]) from exc


def _template_place(exc: BaseException, default: str) -> tuple[str, int]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or default, exc.lineno
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        if frame.filename.endswith((".html", ".xml", ".txt", ".css")):
            return frame.filename, frame.lineno or 1
    return default, 1


__all__ = ["MARKER", "BuildReport", "build", "build_now", "load"]
