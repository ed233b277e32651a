"""Files a village site gets besides its pages and media: `sw.js`, `_headers`, `.htaccess`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..model import Site
from ..render.env import theme_dirs
from .hosting import hosting_files
from .serviceworker import offline_pages, service_worker


def theme_static(site_root: Path, theme: str) -> Path:
    """The first `static/` folder beside the theme's template folders that has a sw.js."""
    for templates in theme_dirs(site_root, theme):
        if (templates.parent / "static" / "sw.js").is_file():
            return templates.parent / "static"
    raise FileNotFoundError(f"no static/sw.js in theme {theme!r}")


def site_files(site_root: Path, site: Site, selected: Iterable[str],
               digests: Mapping[str, str]) -> list[tuple[str, bytes]]:
    """Hosting rules for every publish root, and each selected village's service worker."""
    static = theme_static(site_root, site.portal["tema"])
    files = hosting_files([v.slug for v in site.villages])
    for village in site.villages:
        if village.slug in set(selected):
            pages = offline_pages(village, site.today)
            files.append((f"{village.slug}/sw.js",
                          service_worker(static, village.slug, pages, digests)))
    return files
