"""Daftar Informasi Publik (Perki 1/2018 Pasal 7): the village's public information list.

Generated from front matter, so it is complete whenever the content is: every page with
`kategori_info_publik` is listed under its category. Without the field, an emergency
notice (`jenis: serta_merta`) counts as serta-merta, and legal documents and plans,
development projects, the budget and the officials' list, which Perki 1/2018 Pasal 2 asks
to announce periodically, as berkala.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Page, Village
from ..schema import INFO_CATEGORIES
from .feature import Feature

PAGE = "informasi-publik/index.html"


def village_outputs(site: Any, village: Village, out: Any) -> Iterator[Any]:
    yield out(PAGE, "dip.html", categories=categories(village))


def categories(village: Village) -> list[dict[str, Any]]:
    """The four categories in legal order, each with its items (possibly none)."""
    items = [*page_items(village), *data_items(village)]
    return [{"key": key, "items": [i for i in items if i["kategori"] == key]}
            for key in INFO_CATEGORIES]


def page_items(village: Village) -> Iterator[dict[str, Any]]:
    for page in village.pages:
        if page.lang != "id":
            continue
        category = category_of(page)
        if category:
            yield {"kategori": category, "judul": page.title, "jenis": page.kind,
                   "url": page.url, "ringkasan": page.data.get("ringkasan", ""),
                   "tanggal": page.data.get("diperbarui") or page.data.get("tanggal"),
                   "lampiran": [dict(a) for a in page.data.get("lampiran", [])]}


def category_of(page: Page) -> str | None:
    data = page.data
    if data.get("kategori_info_publik"):
        return str(data["kategori_info_publik"])
    if page.kind == "pengumuman" and data.get("jenis") == "serta_merta":
        return "serta_merta"
    if page.kind in ("dokumen", "pembangunan"):  # Perki 1/2018 Pasal 2 (b, d-g)
        return "berkala"
    return None


def data_items(village: Village) -> Iterator[dict[str, Any]]:
    for year, budget in sorted(village.data["apbdes"].items(), reverse=True):
        yield {"kategori": "berkala", "judul": f"APBDes {year}", "jenis": "apbdes",
               "url": "apbdes/", "ringkasan": budget.get("perdes", ""),
               "tanggal": budget.get("diperbarui"), "lampiran": []}
    if "perangkat" in village.data:
        yield {"kategori": "berkala", "judul": "", "jenis": "perangkat", "url": "perangkat/",
               "ringkasan": "", "tanggal": None, "lampiran": []}


FEATURE = Feature(name="dip", village_pages=village_outputs)
