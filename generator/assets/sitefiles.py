"""Files a village site gets besides its pages and media: `sw.js`, `_headers`, `.htaccess`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..model import Site, Village
from ..render.themes import static_dirs
from .hosting import hosting_files
from .serviceworker import offline_pages, service_worker


def theme_static(site_root: Path, theme: str) -> Path:
    """The nearest `static/` folder of the theme's chain that has a sw.js."""
    for static in static_dirs(site_root, theme):
        if (static / "sw.js").is_file():
            return static
    raise FileNotFoundError(f"no static/sw.js in theme {theme!r}")


def site_files(site_root: Path, site: Site, selected: Iterable[str],
               digests: Mapping[str, str], catalog: Mapping[str, dict[str, Any]],
               logo: int) -> list[tuple[str, bytes]]:
    """Hosting rules for every publish root, and each selected village's service worker
    (it keeps the logo file a page of `logo` CSS px fetches)."""
    selected = set(selected)
    static = theme_static(site_root, site.portal["tema"])
    files = hosting_files([v.slug for v in site.villages], selected)
    for village in site.villages:
        if village.slug in selected:
            first, more = offline_pages(village, site.today)
            files.append((f"{village.slug}/sw.js",
                          service_worker(static, village.slug,
                                         first + logo_files(village, catalog, logo),
                                         more, digests)))
    return files


def logo_files(village: Village, catalog: Mapping[str, dict[str, Any]],
               px: int) -> list[str]:
    """The logo every page shows as a phone fetches it (WebP if there is one, `px` CSS px
    at DPR 2), so offline pages keep it; the page fetched it already, so it costs no data."""
    name = village.profile.get("tema", {}).get("logo")
    entry = catalog.get(f"{village.slug}/media/{name}") if name else None
    if not entry or entry["kind"] != "image":
        return []
    items = entry["webp"] or entry["fallback"]
    chosen = next((p for w, p in items if w >= px * 2), items[-1][1])
    return [chosen.removeprefix(f"{village.slug}/")]
