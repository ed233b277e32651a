"""Search: a Pagefind index per village and one for the whole portal, plus the no-JS lists.

The index itself is made by `searchindex.py`; this module plans the search pages. Without
JavaScript a search page is an A–Z list of services and a list of pages by category, so
it is never empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Site, Village
from ..pages import Output, page_summary, village_summary
from .portal import by_letter, services

PAGE = "cari/index.html"
FOLDER = "pagefind"
SECTIONS = ("layanan", "wisata", "pengumuman", "agenda", "halaman")
DATA_PAGES = ("kontak/", "perangkat/", "apbdes/", "statistik/", "informasi-publik/")
# spellings residents type for words the pages spell otherwise (and the reverse)
VARIANTS = {
    "akte": "akta", "ijin": "izin", "sertipikat": "sertifikat", "e-ktp": "ktp", "ektp": "ktp",
    "kk": "keluarga", "kawin": "nikah", "lahir": "kelahiran", "mati": "kematian",
    "meninggal": "kematian", "sktm": "tidak mampu", "pindahan": "pindah",
}


def village_outputs(site: Site, village: Village, out: Any) -> Iterator[Any]:
    yield out(PAGE, "cari.html", az=services_az(village), groups=pages_by_section(village),
              variants=VARIANTS)


def portal_outputs(site: Site, base: dict[str, Any]) -> Iterator[Any]:
    villages = [village_summary(site, v) for v in site.villages]
    yield Output(PAGE, "cari_portal.html", {**base, "path": PAGE, "az": by_letter(services(site)),
                                            "villages": villages, "variants": VARIANTS})


def services_az(village: Village) -> list[dict[str, Any]]:
    """Services under their first letter: [{'letter': 'A', 'items': [...]}, ...]."""
    return by_letter([page_summary(p) for p in village.section("layanan")])


def pages_by_section(village: Village) -> list[dict[str, Any]]:
    return [{"key": kind, "items": [page_summary(p) for p in village.section(kind)]}
            for kind in SECTIONS if village.section(kind)]


def indexed_paths(village: Village) -> list[str]:
    """Pages worth finding, inside the village site: every page and the data pages."""
    return [p.url + "index.html" for p in village.pages if p.lang == "id"] + \
        [p + "index.html" for p in DATA_PAGES]
