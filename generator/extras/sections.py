"""List pages of the sections issue 19 adds: documents, projects, gallery, local products.

Each item is the list summary (with the fields the theme's `daftar` gives its kind); a
project's also its progress, and its list gets open data (CSV/JSON) built from the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Page, Site, Village
from ..pages import Output, page_summary
from .feature import Feature
from .opendata import to_csv

SECTIONS = ("dokumen", "pembangunan", "galeri", "produk")
PROJECT_COLUMNS = ("judul", "bidang", "tahun_anggaran", "dusun", "alamat", "anggaran",
                   "sumber_dana", "pelaksana", "volume", "satuan", "mulai", "selesai", "persen")


def village_outputs(site: Site, village: Village, out: Any) -> Iterator[Output]:
    for kind in SECTIONS:
        items = [summary(p, site.lists) for p in village.section(kind)]
        if not items:
            continue
        if kind == "dokumen":
            yield out("dokumen/index.html", "dokumen_list.html", groups=by_kind(items))
        else:
            yield out(f"{kind}/index.html", f"{kind}_list.html", items=items)


def summary(page: Page, lists: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    shown = page_summary(page, lists)
    return {**shown, "persen": progress(page)} if page.kind == "pembangunan" else shown


def by_kind(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Documents grouped by kind, newest year first within each kind."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(items, key=lambda i: (-i["tahun"], i["judul"])):
        groups.setdefault(item["jenis"], []).append(item)
    return [{"key": key, "items": groups[key]} for key in sorted(groups)]


def progress(page: Page) -> int:
    updates = page.data.get("progres", [])
    return int(updates[-1]["persen"]) if updates else 0


def project_rows(village: Village) -> list[dict[str, Any]]:
    rows = []
    for page in village.section("pembangunan"):
        data, where = page.data, page.data["lokasi"]
        rows.append({**{k: data.get(k) for k in PROJECT_COLUMNS},
                     "dusun": where.get("dusun"), "alamat": where["alamat"],
                     "mulai": _iso(data.get("mulai")), "selesai": _iso(data.get("selesai")),
                     "persen": progress(page)})
    return rows


def village_files(site_root: Path, site: Site, village: Village) -> Iterator[tuple[str, bytes]]:
    """pembangunan/pembangunan.csv and .json: every project, one row each."""
    if not village.section("pembangunan"):
        return
    rows = project_rows(village)
    stem = f"{village.slug}/pembangunan/pembangunan"
    yield f"{stem}.csv", to_csv(PROJECT_COLUMNS, rows)
    document = {"desa": village.profile["nama"], "kode_desa": village.profile.get("kode_desa"),
                "judul": "Kegiatan pembangunan", "satuan": "rupiah",
                "kolom": list(PROJECT_COLUMNS), "baris": rows}
    yield f"{stem}.json", (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


FEATURE = Feature(name="sections", village_pages=village_outputs,
                  village_files=village_files)
