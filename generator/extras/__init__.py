"""What residents and the village office need beyond pages.

One module per feature: posters with QR codes, sharing cards, calendars, search, the
Daftar Informasi Publik, open data. The planner (`plan.py`) asks this package for extra
rendered pages (`village_extras`, `portal_extras`), which build on `pages.py`; `build.py`
asks it for the files that are not template renders (`village_files`: calendars, CSV/JSON,
preview images) and, once the HTML is written, for the search index (`search_files`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..model import Site, Village
from ..pages import Output
from . import calendar, dip, opendata, portal, posters, preview, search, sections, wilayah
from .searchindex import indexed_digest, search_files

OutFn = Callable[..., Output]


def village_extras(site: Site, village: Village, out: OutFn) -> Iterator[Output]:
    """Extra pages of one village: posters, the public information list, search."""
    yield from posters.village_outputs(site, village, out)
    yield from dip.village_outputs(site, village, out)
    yield from search.village_outputs(site, village, out)
    yield from sections.village_outputs(site, village, out)
    yield from wilayah.village_outputs(site, village, out)


def portal_extras(site: Site, base: dict[str, Any]) -> Iterator[Output]:
    """Extra pages of the portal: the service directory and portal-wide search."""
    yield from portal.portal_outputs(site, base)
    yield from search.portal_outputs(site, base)


def portal_index(site: Site) -> dict[str, Any]:
    """What the portal index shows beyond the village list (plain data)."""
    return portal.index_context(site)


def village_files(site_root: Path, site: Site, selected: set[str]) -> Iterator[tuple[str, bytes]]:
    """Files that are bytes, not templates: calendars, open data, preview images."""
    for village in site.villages:
        if village.slug not in selected:
            continue
        yield from calendar.village_files(site, village)
        yield from opendata.village_files(village)
        yield from sections.village_files(village)
        yield from preview.village_files(site_root / "content" / village.slug, village)


__all__ = ["indexed_digest", "portal_extras", "portal_index", "search_files", "village_extras",
           "village_files"]
