"""An owner's files that are not template renders, each step registered once.

A step is a name and, for a village's job or the portal's (or both), a function that returns
its key and its `make`: the key holds everything `make` reads, so when it is as recorded the
step does not run (see incremental/steps.py). Both the owner's job, which runs the steps, and
the build session, which decides from their records whether the owner is current, read
`STEPS`: a new step is one function and one line there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import extras
from .assets.sitefiles import site_files
from .extras.search import FOLDER as SEARCH_FOLDER
from .extras.searchindex import RECORD
from .model import Site, Village
from .pages import Output
from .render.themesettings import texts_in

if TYPE_CHECKING:
    from .render.env import Renderer

Files = Iterable[tuple[str, bytes]]
Make = Callable[[], Files]


class PageFile(NamedTuple):
    """A rendered page of the owner, as the steps see it."""

    digest: bytes  # of its finished bytes
    size: int
    sha256: str
    indexed: str  # digest of what the search index reads of it


@dataclass(frozen=True, kw_only=True)
class StepInput:
    """What a step may read; its key must cover what its `make` uses."""

    root: Path  # the site root (content/ inside)
    site: Site
    village: Village | None  # None: the portal
    output: Path
    staging: Path
    static: bytes  # digest of the theme's files beside its templates
    fronts: Mapping[str, bytes]  # village -> digest of all its files but page bodies
    media: Mapping[str, dict[str, Any]]  # the photo catalog
    media_of: Sequence[tuple[str, Any]]  # this village's entries of it
    pages: Mapping[str, PageFile]  # the owner's rendered pages, by path
    pages_root: Callable[[], Path]  # a folder holding the new version of every page
    renderer: Renderer  # the owner's, for files made from a theme template
    templates: Mapping[str, bytes]  # template name -> digest of the file the theme gives
    theme: Mapping[str, Any]  # the theme's render-time settings (ThemeSettings.table())


Plan = tuple[Any, Make]  # (key, make)


def _always(site: Site) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    name: str
    village: Callable[[StepInput], Plan] | None = None
    portal: Callable[[StepInput], Plan] | None = None
    wanted: Callable[[Site], bool] = _always


def _village_extras(given: StepInput) -> Plan:
    """Calendars, CSV/JSON, preview images: read no page bodies."""
    village = _village(given)
    return ((given.fronts[village.slug], given.site.portal, given.site.now),
            lambda: extras.village_files(given.root, given.site, {village.slug}))


def _village_search(given: StepInput) -> Plan:
    """The village's search bundle: what the index reads of each page."""
    slug = _village(given).slug
    indexed = {rel: page.indexed for rel, page in given.pages.items()}
    return (sorted(indexed.items()),
            lambda: _within(f"{slug}/", extras.search_files(
                given.pages_root(), given.site, {slug}, given.output, indexed)))


def _portal_search(given: StepInput) -> Plan:
    """The portal's search bundle: titles, summaries and expiry of every village, each a
    short page made by the theme's record template."""
    def record(data: dict[str, Any]) -> str:
        from .render.output import render_output  # (Jinja loads only where a job renders)
        out = Output(RECORD, RECORD, {"lang": "id", "path": RECORD, **data})
        return render_output(given.renderer, out).decode("utf-8")

    return ((sorted(given.fronts.items()), given.site.today, _template_key(given, RECORD),
             texts_in(given.theme, "id")),
            lambda: _within("", extras.search_files(given.staging, given.site, set(),
                                                    given.output, record=record)))


def _template_key(given: StepInput, name: str) -> list[tuple[str, bytes]]:
    """What a render of the template `name` reads of the theme."""
    return sorted((n, given.templates.get(n, b"")) for n in given.renderer.templates_used(name))


def _village_site(given: StepInput) -> Plan:
    """The village's service worker and hosting rules (it keeps its pages and logo)."""
    slug = _village(given).slug
    digests = {rel: page.sha256 for rel, page in given.pages.items()}
    return ((sorted(digests.items()), given.static, list(given.media_of), given.site.today,
             given.theme["logo"]),
            lambda: _within(f"{slug}/", site_files(given.root, given.site, {slug}, digests,
                                                   given.media, given.theme["logo"])))


def _portal_site(given: StepInput) -> Plan:
    """Hosting rules for every publish root."""
    return ((sorted(v.slug for v in given.site.villages), given.static),
            lambda: _within("", site_files(given.root, given.site, (), {}, given.media,
                                           given.theme["logo"])))


def _editor(given: StepInput) -> Plan:
    """The web editor at admin/: its files are all it depends on."""
    from .cms.page import admin_files  # only here: it reads the JSON Schemas' file globs

    site = given.site
    files = admin_files(site.portal, [(v.slug, v.profile["nama"]) for v in site.villages])
    return files, lambda: files


def _editor_wanted(site: Site) -> bool:
    return bool(site.portal.get("editor"))


STEPS: tuple[Step, ...] = (
    Step("extras", village=_village_extras),
    Step("search", village=_village_search, portal=_portal_search),
    Step("site", village=_village_site, portal=_portal_site),
    Step("editor", portal=_editor, wanted=_editor_wanted),
)


def steps_of(site: Site, owner: str) -> list[tuple[str, Callable[[StepInput], Plan]]]:
    """The steps an owner (a village slug, or "" for the portal) runs, in order."""
    found = []
    for step in STEPS:
        plan = step.village if owner else step.portal
        if plan is not None and step.wanted(site):
            found.append((step.name, plan))
    return found


def _village(given: StepInput) -> Village:
    assert given.village is not None, "a village step run for the portal"
    return given.village


def _within(prefix: str, files: Files) -> Files:
    """The files under `prefix` (a village folder), or with "", those outside every village."""
    for rel, data in files:
        top = rel.split("/", 1)[0] if "/" in rel else ""
        if rel.startswith(prefix) if prefix else top in ("", SEARCH_FOLDER):
            yield rel, data
