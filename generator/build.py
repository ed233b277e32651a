"""The pipeline, top to bottom: load, validate, model, plan, render, write.

Read `build()` to learn the whole program; each step is a call into the module that
owns it.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import jinja2

from . import extras
from .assets.budgets import Budgets, WeightReport
from .assets.finish import finished
from .assets.imagecache import DEFAULT_DIR as IMAGE_CACHE
from .assets.imagecache import ImageCache
from .assets.media import process_media
from .assets.sitefiles import site_files
from .errors import ContentError, Problem
from .model import Site, load_site
from .pages import Output, plan, portal_outputs, village_outputs
from .render.env import Renderer, theme_dirs
from .write import MARKER, Staging, check_output_folder

WIB = timezone(timedelta(hours=7), "WIB")


@dataclass
class BuildReport:
    files: int = 0
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    weights: WeightReport = field(default_factory=WeightReport)  # for --report
    images: tuple[int, int] = (0, 0)  # (photos in the site, processed in this build)


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
    theme = site.portal["tema"]
    if not theme_dirs(site_root, theme):
        raise ContentError([Problem.at("portal.yaml", 1, 1, "theme_missing", theme=theme)])
    return site, problems


def build(
    site_root: Path, output: Path, *, now: datetime, villages: Iterable[str] = (),
    strict: bool = False, budgets: Budgets | None = None, image_cache: Path | None = None,
) -> BuildReport:
    """Build the site into `output`; on any error raise ContentError and leave it untouched.

    With `strict`, warnings count as errors. A broken photo is an error that still lets
    every page build (without that photo); budgets over their limit are warnings.
    """
    started = time.perf_counter()
    check_output_folder(site_root / "content", output)
    site, problems = load(site_root, now)
    if strict and problems:
        raise ContentError(problems)
    selected = _select(site, set(villages))
    media = process_media(site_root / "content", site, selected,
                          ImageCache(image_cache or site_root / IMAGE_CACHE))
    problems = [*problems, *media.problems]
    renderer = Renderer(site_root, site.portal["tema"], site.source_urls,
                        allow_html=bool(site.portal.get("izinkan_html")), media=media.catalog)
    weights = WeightReport(budgets or Budgets())
    keep = tuple(v.slug for v in site.villages if v.slug not in selected)
    staging = Staging(output, keep=keep)
    try:
        for rel, source in media.files:  # processed photos (from the cache), attachments
            staging.copy(rel, source)
            weights.add_size(rel, source.stat().st_size)
        for out in outputs(site, selected):
            page = out.context.get("page")
            write_finished(staging, weights, out.path, render(renderer, out), out.template,
                           page.get("source", "") if isinstance(page, dict) else "")
        for rel, data in extras.village_files(site_root, site, selected):  # .ics, CSV/JSON
            write_finished(staging, weights, rel, data)
        for rel, data in extras.search_files(staging.staging, site, selected):  # after HTML
            write_finished(staging, weights, rel, data)
        for rel, data in site_files(site_root, site, selected, weights.digests, media.catalog):
            write_finished(staging, weights, rel, data)
        problems = [*problems, *weights.problems()]
        if strict and problems:
            raise ContentError(problems)
        files = len(staging.written)
        changed = staging.changed
        removed = staging.commit()
    except BaseException:
        staging.abort()
        raise
    return BuildReport(files, changed, removed, problems, time.perf_counter() - started,
                       weights, (media.images, media.processed))


def write_finished(staging: Staging, weights: WeightReport, path: str, data: bytes,
                   template: str = "", source: str = "") -> None:
    """Post-process one file (minify, compressed copies), weigh it, stage it."""
    files = finished(path, data)
    weights.add(files, template, source)
    for rel, blob in files:
        staging.write(rel, blob)


def _select(site: Site, wanted: set[str]) -> set[str]:
    known = {v.slug for v in site.villages}
    unknown = wanted - known
    if unknown:
        raise ContentError([Problem.at("content", 1, 1, "desa_missing", village=slug)
                            for slug in sorted(unknown)])
    return wanted or known


def outputs(site: Site, selected: set[str]) -> Iterable[Output]:
    if selected == {v.slug for v in site.villages}:
        yield from plan(site)
        return
    for village in site.villages:
        if village.slug in selected:
            yield from village_outputs(site, village)
    yield from portal_outputs(site)


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
