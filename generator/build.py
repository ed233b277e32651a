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
    strict: bool = False,
) -> BuildReport:
    """Build the site into `output`; on any error raise ContentError and leave it untouched.

    With `strict`, warnings count as errors.
    """
    started = time.perf_counter()
    check_output_folder(site_root / "content", output)
    site, problems = load(site_root, now)
    if strict and problems:
        raise ContentError(problems)
    selected = _select(site, set(villages))
    renderer = Renderer(site_root, site.portal["tema"], site.source_urls,
                        allow_html=bool(site.portal.get("izinkan_html")))
    keep = tuple(v.slug for v in site.villages if v.slug not in selected)
    staging = Staging(output, keep=keep)
    try:
        for out in outputs(site, selected):
            staging.write(out.path, render(renderer, out))
        for rel, source in media_files(site_root, site, selected):
            staging.copy(rel, source)
        files = len(staging.written)
        changed = staging.changed
        removed = staging.commit()
    except BaseException:
        staging.abort()
        raise
    return BuildReport(files, changed, removed, problems, time.perf_counter() - started)


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


def media_files(site_root: Path, site: Site, selected: set[str]) -> Iterable[tuple[str, Path]]:
    for village in site.villages:
        if village.slug not in selected:
            continue
        media = site_root / "content" / village.slug / "media"
        for name in sorted(village.media):
            yield f"{village.slug}/media/{name}", media / name


__all__ = ["MARKER", "BuildReport", "build", "build_now", "load"]
