"""The portal across villages: a directory of services, each linking to every village's page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Site, slugify
from ..pages import Output

DIRECTORY = "layanan/index.html"


def services(site: Site) -> list[dict[str, Any]]:
    """Every service title once, A–Z, with the villages that offer it (and their pages).

    Three portal pages show it: it is worked out once per site object."""
    if _LAST and _LAST[0] is site:
        return _LAST[1]
    names: dict[str, dict[str, Any]] = {}
    for village in site.villages:
        for page in village.section("layanan"):
            entry = names.setdefault(page.title.casefold(), {
                "judul": page.title, "anchor": slugify(page.title), "desa": []})
            entry["desa"].append({"nama": village.profile["nama"],
                                  "kecamatan": village.profile["kecamatan"],
                                  "path": f"{village.slug}/{page.url}"})
    found = sorted(names.values(), key=lambda e: e["judul"].casefold())
    _LAST[:] = [site, found]
    return found


_LAST: list[Any] = []  # [site, its services]: the last site asked about


def by_letter(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{'letter': 'A', 'items': [...]}, ...] for items with a 'judul'."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(items, key=lambda i: i["judul"].casefold()):
        first = item["judul"][:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(item)
    return [{"letter": k, "items": v} for k, v in groups.items()]


def index_context(site: Site) -> dict[str, Any]:
    """The portal index's directory: each service with how many villages offer it."""
    return {"directory": [{"judul": s["judul"], "anchor": s["anchor"], "count": len(s["desa"])}
                          for s in services(site)]}


def portal_outputs(site: Site, base: dict[str, Any]) -> Iterator[Output]:
    yield Output(DIRECTORY, "portal_layanan.html",
                 {**base, "path": DIRECTORY, "az": by_letter(services(site))})
