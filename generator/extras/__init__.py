"""What residents and the village office need beyond pages.

One module per feature: posters with QR codes, sharing cards, calendars, search, the
Daftar Informasi Publik, open data, the portal directory, the new sections, the territory
map. Each declares its pages and files as a `Feature` (feature.py) and is listed once in
`FEATURES`; the order there is the order of their outputs. The planner (`plan.py`) asks for
the extra pages (`village_extras`, `portal_extras`), which build on `pages.py`; the build's
"extras" step (filesteps.py) for the files that are not template renders (`village_files`),
and, once the HTML is written, for the search index (`search_files`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Site, Village
from ..pages import Output
from . import calendar, dip, opendata, portal, posters, preview, search, sections, wilayah
from .feature import Feature, OutFn
from .searchindex import indexed_digest, search_files

FEATURES: tuple[Feature, ...] = (
    posters.FEATURE, dip.FEATURE, portal.FEATURE, search.FEATURE, calendar.FEATURE,
    opendata.FEATURE, sections.FEATURE, wilayah.FEATURE, preview.FEATURE,
)


def village_extras(site: Site, village: Village, out: OutFn) -> Iterator[Output]:
    """Every feature's extra pages of one village."""
    for feature in FEATURES:
        if feature.village_pages is not None:
            yield from feature.village_pages(site, village, out)


def portal_extras(site: Site, base: dict[str, Any]) -> Iterator[Output]:
    """Every feature's extra pages of the portal."""
    for feature in FEATURES:
        if feature.portal_pages is not None:
            yield from feature.portal_pages(site, base)


def portal_index(site: Site) -> dict[str, Any]:
    """What the portal index shows beyond the village list (plain data)."""
    return portal.index_context(site)


def village_files(site_root: Path, site: Site, selected: set[str]) -> Iterator[tuple[str, bytes]]:
    """Every feature's files that are not template renders, of the `selected` villages."""
    for village in site.villages:
        if village.slug in selected:
            for feature in FEATURES:
                if feature.village_files is not None:
                    yield from feature.village_files(site_root, site, village)


__all__ = ["FEATURES", "Feature", "indexed_digest", "portal_extras", "portal_index",
           "search_files", "village_extras", "village_files"]
