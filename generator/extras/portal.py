"""The portal across villages: a directory of services, each linking to every village's page."""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Iterator
from typing import Any

from ..model import Site, slugify
from ..pages import Output
from .feature import Feature

DIRECTORY = "layanan/index.html"
HOME_SERVICES = 12  # services on the portal index; the directory lists them all


def services(site: Site) -> list[dict[str, Any]]:
    """Every service title once, A–Z, with the villages that offer it (and their pages)
    and the path of its own page in the directory.

    Three portal pages show it: it is worked out once per site object."""
    if _LAST and _LAST[0][0]() is site:
        return _LAST[0][1]
    names: dict[str, dict[str, Any]] = {}
    for village in site.villages:
        for page in village.section("layanan"):
            entry = names.setdefault(page.title.casefold(), {"judul": page.title, "desa": []})
            entry["desa"].append({"nama": village.profile["nama"],
                                  "sebutan": village.profile.get("sebutan", "desa"),
                                  "kecamatan": village.profile["kecamatan"],
                                  "path": f"{village.slug}/{page.url}"})
    found = sorted(names.values(), key=lambda e: e["judul"].casefold())
    taken: set[str] = set()
    for entry in found:
        if len(entry["desa"]) == 1:  # one village: its own page says it all, one tap less
            entry["only"] = entry["desa"][0]
            entry["path"] = entry["only"]["path"]
            continue
        base = slugify(entry["judul"]) or "layanan"  # "KTP-el", "KTP el": one slug, 2 pages
        slug = next(s for n in itertools.count(1)
                    if (s := base if n == 1 else f"{base}-{n}") not in taken)
        taken.add(slug)
        entry["path"] = f"layanan/{slug}/index.html"
    _LAST[:] = [(weakref.ref(site), found)]
    return found


# the last site asked about and its services; held weakly, so that the preview does not
# keep a site it has moved on from
_LAST: list[tuple[weakref.ref[Site], list[dict[str, Any]]]] = []


def by_letter(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{'letter': 'A', 'items': [...]}, ...] for items with a 'judul'."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(items, key=lambda i: i["judul"].casefold()):
        first = item["judul"][:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(item)
    return [{"letter": k, "items": v} for k, v in groups.items()]


def index_context(site: Site) -> dict[str, Any]:
    """The portal index's directory: the services most villages offer, with how many.

    A regency's villages offer dozens of services between them (a synthetic one, thousands):
    the index lists the first few and links to the directory, so that it stays one round
    trip on a phone however many villages the portal has."""
    found = services(site)
    common = sorted(found, key=lambda s: (-len(s["desa"]), s["judul"].casefold()))
    return {"directory": [{"judul": s["judul"], "path": s["path"], "count": len(s["desa"]),
                           "only": s.get("only")} for s in common[:HOME_SERVICES]],
            "services_total": len(found)}


def portal_outputs(site: Site, base: dict[str, Any]) -> Iterator[Output]:
    """The directory A–Z, and a page per service that more than one village offers,
    listing them by district."""
    found = services(site)
    yield Output(DIRECTORY, "portal_layanan.html",
                 {**base, "path": DIRECTORY, "az": by_letter(found)})
    for service in (s for s in found if "only" not in s):
        yield Output(service["path"], "portal_service.html",
                     {**base, "path": service["path"], "service": service})


FEATURE = Feature(name="portal", portal_pages=portal_outputs)
