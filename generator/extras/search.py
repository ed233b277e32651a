"""Search: a Pagefind index per village and one for the whole portal, plus the no-JS lists.

The index itself is made by `searchindex.py`; this module plans the search pages. Without
JavaScript a village's search page is an A–Z list of services and a list of pages by
category, so it is never empty; the portal's links to the directory and the village list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Site, Village
from ..pages import Output, page_summary
from .feature import Feature
from .portal import by_letter, services

PAGE = "cari/index.html"
FOLDER = "pagefind"
PART = "bagian-"  # the portal's further bundles: pagefind/bagian-2/, pagefind/bagian-3/...
PORTAL_BUNDLE = 20_000  # records at most in one bundle of the portal's index
SECTIONS = ("layanan", "wisata", "pengumuman", "agenda", "halaman")
DATA_PAGES = ("kontak/", "perangkat/", "apbdes/", "statistik/", "informasi-publik/")
# spellings and other names residents type for words the pages spell otherwise
VARIANTS = {
    "akte": "akta", "ijin": "izin", "sertipikat": "sertifikat", "e-ktp": "ktp", "ektp": "ktp",
    "kk": "keluarga", "kawin": "nikah", "lahir": "kelahiran", "mati": "kematian",
    "meninggal": "kematian", "sktm": "tidak mampu", "pindahan": "pindah", "sku": "usaha",
    "skd": "domisili", "ktp-el": "ktp", "kia": "anak", "polisi": "skck", "kelakuan": "skck",
}


def rank(kind: str, expired: bool) -> int:
    """Where a page comes in search results, before Pagefind's own order: services, then
    current notices, then other pages, expired notices last."""
    return 0 if kind == "layanan" else 3 if expired else 1 if kind == "pengumuman" else 2


def village_outputs(site: Site, village: Village, out: Any) -> Iterator[Any]:
    yield out(PAGE, "cari.html", az=services_az(village, site.lists),
              groups=pages_by_section(village, site.lists),
              variants=VARIANTS, words=service_words(p.title for p in village.section("layanan")))


def portal_outputs(site: Site, base: dict[str, Any]) -> Iterator[Any]:
    merge = [f"{folder}/" for folder, _ in portal_bundles(site)[1:]]
    titles = [s["judul"] for s in services(site)]
    yield Output(PAGE, "cari_portal.html", {**base, "path": PAGE, "variants": VARIANTS,
                                            "words": service_words(titles),
                                            "services_total": len(titles),
                                            "villages_total": len(site.villages),
                                            "merge": merge})


def service_words(titles: Iterable[str]) -> list[str]:
    """The words of service names (four letters or more): the search page corrects a
    misspelt word to the nearest of them ('kelahran' -> 'kelahiran')."""
    return sorted({w for t in titles for w in re.findall(r"[a-z]{4,}", t.lower())})


def portal_bundles(site: Site) -> list[tuple[str, list[Village]]]:
    """The portal's index in bundles of whole villages, at most PORTAL_BUNDLE records each
    (one record per page): Pagefind holds a bundle's records in memory as it indexes, about
    23 KB each, so a province's 100,000 pages in one bundle took 2.1 GB. The first bundle
    is `pagefind/`, the others `pagefind/bagian-2/`...; the search page merges them."""
    bundles: list[list[Village]] = [[]]
    count = 0
    for village in site.villages:
        records = sum(1 for p in village.pages if p.lang == "id")
        if bundles[-1] and count + records > PORTAL_BUNDLE:
            bundles.append([])
            count = 0
        bundles[-1].append(village)
        count += records
    return [(FOLDER if n == 1 else f"{FOLDER}/{PART}{n}", villages)
            for n, villages in enumerate(bundles, 1)]


def services_az(village: Village, lists: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    """Services under their first letter: [{'letter': 'A', 'items': [...]}, ...]."""
    return by_letter([page_summary(p, lists) for p in village.section("layanan")])


def pages_by_section(village: Village,
                     lists: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    return [{"key": kind, "items": [page_summary(p, lists) for p in village.section(kind)]}
            for kind in SECTIONS if village.section(kind)]


def indexed_paths(village: Village) -> list[str]:
    """Pages worth finding, inside the village site: every page and the data pages."""
    return [p.url + "index.html" for p in village.pages if p.lang == "id"] + \
        [p + "index.html" for p in DATA_PAGES]


FEATURE = Feature(name="search", village_pages=village_outputs, portal_pages=portal_outputs)
