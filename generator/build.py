"""The pipeline, top to bottom: load, validate, model, plan, render, write.

Read `build()` to learn the whole program; each step is a call into the module that
owns it.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .assets.budgets import Budgets, WeightReport
from .assets.imagecache import ImageCache
from .assets.media import process_media
from .errors import ContentError, Problem, errors_only
from .incremental import hold
from .incremental.hold import Faulty, Held
from .incremental.jobs import Done, Spec
from .incremental.load import Loaded, check_links
from .incremental.session import DAMAGE, Session, every_theme_file, theme_digests
from .incremental.shard import scope, shard_of
from .incremental.store import Store
from .incremental.track import tracked_tables, value_digest
from .model import Site, load_site
from .owners import run_jobs
from .pages import Output
from .parallel import cpu_count
from .render.themes import theme_chain, theme_dirs
from .render.themesettings import ThemeSettings, theme_settings
from .status import status_outputs
from .write import MARKER, check_output_folder

if TYPE_CHECKING:
    from .render.env import Renderer

WIB = timezone(timedelta(hours=7), "WIB")


@dataclass(kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class Summary:
    """What a build reported, kept in the cache: a next build with exactly the same inputs
    reports it again without doing anything."""

    files: int
    problems: list[Problem]
    weights: WeightReport | None  # only when that build weighed every page (--report)
    images: int
    held: list[str]

    def report(self) -> BuildReport:
        return BuildReport(files=self.files, problems=self.problems,
                           weights=self.weights or WeightReport(), images=(self.images, 0),
                           held=self.held)


def build_now(given: str | None = None) -> datetime:
    """The reference time for expiry: --now, else SOURCE_DATE_EPOCH, else the clock (WIB).
    A --now with a UTC offset (`2026-11-28T02:00Z`) is read as that moment in WIB."""
    if given:
        moment = datetime.fromisoformat(given)
        return moment.astimezone(WIB).replace(tzinfo=None) if moment.tzinfo else moment
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.astimezone(WIB).replace(tzinfo=None)


def load(site_root: Path, now: datetime) -> tuple[Site, list[Problem]]:
    """Load and check the content; raise ContentError on any error."""
    site, problems = load_site(site_root / "content", now)
    if site is None:
        raise ContentError(problems)
    site = _themed(site_root, site)[0]
    return site, problems


def _themed(site_root: Path, site: Site) -> tuple[Site, ThemeSettings]:
    """The theme's settings (raising ContentError if it is missing or they are wrong),
    and the site with the lists they give (what a list shows of a page: plan time)."""
    settings = theme_settings(site_root, site.portal["tema"])
    return replace(site, lists=settings.daftar), settings


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
    fresh = False
    faults: set[str] = set()  # villages whose jobs found errors in their files
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
    if isinstance(last, Summary) and (last.weights is not None or not want_weights):
        return last.report()
    loaded = session.load(now, jobs)  # villages whose files changed are read again
    loaded, held = _held(session, loaded, faults,  # as last good, or left out
                         lambda slug: _mine(slug, villages, shard))
    site, problems = _checked(site_root, loaded, session.store, held)
    site, settings = _themed(site_root, site)
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
    tables = tracked_tables(site, media.catalog, settings.table())
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
    spec = Spec(site_root=site_root, output=session.folder.output,
                staging=session.folder.staging, cache_file=session.store.path,
                version=session.store.version, site=site, catalog=media.catalog,
                templates=session.templates, fingerprints=loaded.fingerprints,
                static=session.static, fronts=loaded.fronts, settings=settings,
                settled=frozenset(session.settled))
    run_jobs(spec, todo, jobs, _counting(session, len(todo), progress))
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
    files = session.file_count()
    problems = [*problems, *held.all()]
    session.remember(key, Summary(files=files, problems=problems,
                                  weights=weights if want_weights else None,  # megabytes
                                  images=media.images, held=sorted(held.problems)))
    session.commit(removed)
    return BuildReport(files=files, changed=sorted(session.changed), removed=removed,
                       problems=problems, weights=weights,
                       images=(media.images, media.processed),
                       rendered=sorted(session.rendered), held=sorted(held.problems))


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
    theme = session.tables["theme"].data  # the UI strings a theme gives
    # (what any include reads)
    templates = value_digest((sorted(session.templates.items()), sorted(theme.items())))
    renderer = cache(lambda: _renderer(session.site_root, site.portal["tema"], theme))
    for owner, out in status_outputs(site, problems, held.problems, session.published(),
                                     owners):
        session.step("status", owner, (templates, out.path, out.context),
                     partial(_rendered, renderer, out))


def _renderer(site_root: Path, theme: str, settings: Mapping[str, Any]) -> Renderer:
    from .render.env import Renderer  # (a build whose status pages hold renders nothing)

    return Renderer(site_root, theme, {}, settings=settings)


def _rendered(renderer: Callable[[], Renderer], out: Output) -> list[tuple[str, bytes]]:
    from .render.output import render_output

    return [(out.path, render_output(renderer(), out))]


def _checked(site_root: Path, loaded: Loaded, store: Store,
             held: Held) -> tuple[Site, list[Problem]]:
    """The loaded site and its problems; with any error outside the held villages (or no
    village left to build), every link problem too, then stop."""
    if loaded.site is None or errors_only(loaded.problems) or not loaded.site.villages:
        site = loaded.site
        links = [] if site is None else [
            p for v in site.villages if v.slug not in held.problems
            for p in check_links(site_root / "content", site, store.village(v.slug), b"",
                                 None)[0]]
        raise ContentError([*loaded.problems, *held.all(), *links])
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


__all__ = ["MARKER", "BuildReport", "build", "build_now", "load"]
