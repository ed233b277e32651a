"""Posters for the notice board: one A4 page per service, announcement, event and home.

Each poster carries a QR code that opens the page's public URL, so a resident standing at
the village office can carry the information home. `book()` gathers every current poster
of a village into one print-ready document (`kampung posters <desa>`).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Page, Site, Village
from ..names import PRINT_PAGE
from ..pages import (
    desa_context,
    page_context,
    page_summary,
    popular,
    printed,
    village_base_url,
)
from . import posterfit, preview
from .feature import Feature

# what each kind of page prints, measured to choose the type size (posterfit.py)
KINDS = {"layanan": posterfit.service_blocks, "pengumuman": posterfit.notice_blocks,
         "agenda": posterfit.event_blocks}


def poster_path(page_url: str = "") -> str:
    """'layanan/ktp-el/' -> 'layanan/ktp-el/cetak.html'; the home poster is 'cetak.html'.

    Beside the page, not in a folder below it: the page's body renders to the same HTML
    in both (relative links start from the same folder), so Markdown runs once for both,
    and a poster costs one file, not a folder and three files."""
    return f"{page_url}{PRINT_PAGE}"


def village_outputs(site: Site, village: Village, out: Any) -> Iterator[Any]:
    for poster in village_posters(site, village, current_only=True):
        yield out(poster_path(poster["page_url"]), "poster.html",
                  posters=[poster], book=False)


def village_posters(site: Site, village: Village, *, current_only: bool) -> list[dict[str, Any]]:
    """Home first, then services, announcements and events; `current_only` leaves out
    expired announcements and past events (the notice board shows what still holds, and
    the site has a poster page only for those)."""
    posters = [home_poster(site, village)]
    for kind in KINDS:
        posters.extend(page_poster(site, village, page) for page in village.section(kind)
                       if not current_only or printed(page, site.now))
    return posters


def page_poster(site: Site, village: Village, page: Page) -> dict[str, Any]:
    data = page_context(page, village)
    return {"kind": page.kind, "page_url": page.url, "page": data,
            "public_url": village_base_url(site, village) + page.url,
            "density": posterfit.choose(KINDS[page.kind](data))}


def home_poster(site: Site, village: Village) -> dict[str, Any]:
    services = [page_summary(p, site.lists) for p in popular(village.section("layanan"))][:8]
    blocks = posterfit.home_blocks(village.profile, [s["judul"] for s in services])
    return {"kind": "beranda", "page_url": "", "page": None, "services": services,
            "public_url": village_base_url(site, village), "density": posterfit.choose(blocks)}


def book(site: Site, village: Village, content: Path, *,
         current_only: bool = True) -> dict[str, Any]:
    """Context of the notice-board document: every poster, the logo as a data URI so the
    one file prints anywhere (a USB stick at the photocopy shop), no other file needed."""
    logo = ""
    name = village.profile.get("tema", {}).get("logo")
    if name:
        source = content / village.slug / "media" / name.removeprefix("media/")
        data = preview.render_preview(source, logo=True)
        if data is not None:
            logo = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
    return {"site": {"name": site.portal["nama"], "base_url": site.portal["base_url"]},
            "desa": desa_context(site, village), "lang": "id", "now": site.now,
            "path": f"{village.slug}/{PRINT_PAGE}", "logo": logo, "book": True,
            "posters": village_posters(site, village, current_only=current_only)}


FEATURE = Feature(name="posters", village_pages=village_outputs)
