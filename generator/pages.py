"""What a page shows: the `Output` record and the plain-data contexts and summaries that
the planner (`plan.py`) and the features (`extras/`) build pages from.

An `Output` is a path, a template and a plain-data context. The context is everything the
page shows, so two outputs with equal contexts and templates render to equal bytes (the
build cache relies on it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .model import Page, Site, Village

# What a village's service worker keeps when it installs, counted in every page's first
# view: the pages a resident most needs without a signal, small enough for a prepaid plan
# (about 15 KB compressed in the sample; the rest is kept only when the resident asks).
OFFLINE_FIRST = ("", "layanan/", "kontak/", "offline/")


@dataclass(frozen=True)
class Output:
    path: str  # relative to the output root, e.g. 'kemiren/layanan/ktp-el/index.html'
    template: str
    context: dict[str, Any]


def site_context(site: Site) -> dict[str, Any]:
    portal = site.portal
    return {"name": portal["nama"], "base_url": portal["base_url"],
            "description": portal.get("deskripsi", "")}


def desa_context(site: Site, village: Village) -> dict[str, Any]:
    profile = village.profile
    return {
        **profile,
        "slug": village.slug,
        "base_url": village_base_url(site, village),
        "zona_waktu": profile.get("zona_waktu", "WIB"),
        "urgent": urgent_announcements(site, village),
        "menu": [page_summary(p, site.lists) for p in village.section("halaman")
                 if p.data.get("menu")],
        "pages": [page_summary(p, site.lists) for p in village.section("halaman")],
        "offline_first": list(OFFLINE_FIRST),
        "has": {"wisata": bool(village.section("wisata")),
                "profil": any(p.slug == "profil" for p in village.section("halaman")),
                "apbdes": bool(village.data["apbdes"]),
                "statistik": "statistik" in village.data,
                "perangkat": "perangkat" in village.data,
                **{kind: bool(village.section(kind))  # issue 19's sections
                   for kind in ("dokumen", "pembangunan", "galeri", "produk")},
                "wilayah": "wilayah" in village.data or bool(village.data.get("peta")),
                "bantuan": "bantuan" in village.data},
    }


def village_base_url(site: Site, village: Village) -> str:
    own = village.profile.get("base_url")
    return own.rstrip("/") + "/" if own else f"{site.portal['base_url']}{village.slug}/"


def village_summary(site: Site, village: Village) -> dict[str, Any]:
    profile = village.profile
    return {"slug": village.slug, "nama": profile["nama"], "kecamatan": profile["kecamatan"],
            "sebutan": profile.get("sebutan", "desa"), "ringkasan": profile.get("ringkasan", ""),
            "koordinat": profile.get("koordinat"), "url": village_base_url(site, village),
            "path": f"{village.slug}/"}


def page_summary(page: Page, lists: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """What a list shows of a page: the theme's fields for every kind and for its own
    (`Site.lists`); never its body, so editing a body leaves lists alone."""
    keep = dict.fromkeys((*lists.get("semua", ()), *lists.get(page.kind, ())))
    return {"url": page.url, "slug": page.slug,
            **{k: page.data[k] for k in keep if k in page.data}}


def page_context(page: Page, village: Village) -> dict[str, Any]:
    translations = [p.lang for p in village.pages
                    if p.kind == page.kind and p.slug == page.slug and p.lang != page.lang]
    alternates = [{"lang": lang, "url": f"{'' if lang == 'id' else lang + '/'}"
                   f"{page.kind}/{page.slug}/"} for lang in translations]
    return {**page.data, "kind": page.kind, "slug": page.slug, "url": page.url,
            "lang": page.lang, "source": page.source, "body": page.body,
            "alternates": alternates}


def is_urgent(page: Page, today: date) -> bool:
    data = page.data
    return (page.kind == "pengumuman" and not expired(page, today)
            and (bool(data.get("penting")) or data.get("jenis") == "serta_merta"))


def urgent_announcements(site: Site, village: Village) -> list[dict[str, Any]]:
    return [{**page_summary(p, site.lists), "desa": village.profile["nama"],
             "desa_slug": village.slug}
            for p in village.section("pengumuman") if is_urgent(p, site.today)]


def printed(page: Page, now: datetime) -> bool:
    """Whether a page has a poster: a service, an announcement until it expires, an event
    until it ends (the office prints what still holds; a poster of a past event served
    no one and cost a file)."""
    if page.kind == "pengumuman":
        return not expired(page, now.date())
    if page.kind == "agenda":
        return event_end(page) >= now
    return page.kind == "layanan"


def expired(page: Page, today: date) -> bool:
    until = page.data.get("berlaku_sampai")
    return bool(until and until < today)


def event_end(page: Page) -> datetime:
    if page.data.get("berulang"):
        until = page.data["berulang"].get("sampai")
        return as_datetime(until) if until else datetime.max
    return as_datetime(page.data.get("selesai") or page.data["mulai"])


def as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, datetime.max.time())


def popular(services: list[Page]) -> list[Page]:
    return sorted(services, key=lambda p: not p.data.get("populer"))
