"""Development projects (`pembangunan`) and the village market (`produk`, `pelapak`)."""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import slugify
from ..validate import PHONE_RE
from .files import page_text
from .profile import clusters
from .source import G, Source, as_date, text, unique_slug


def pembangunan(src: Source) -> None:
    """Each project with its progress photos, oldest first."""
    updates: dict[Any, list[dict[str, Any]]] = {}
    for row in src.rows("pembangunan_ref_dokumentasi", "id_pembangunan", "persentase"):
        updates.setdefault(row["id_pembangunan"], []).append(row)
    dusun = clusters(src)
    taken: set[str] = set()
    for row in src.rows("pembangunan", "id", "judul", "anggaran"):
        title = text(row["judul"])
        if not title or row.get("status") not in (1, None):
            src.report.skip(f"pembangunan {row['id']} {title}", "disabled")
            continue
        front = _project(src, row, title, dusun.get(row.get("id_lokasi")))
        front["progres"] = [u for u in (_update(src, u) for u in sorted(
            updates.get(row["id"], []), key=lambda u: text(u.get("created_at")))) if u]
        slug = unique_slug(slugify(title), taken)
        body = text(row.get("keterangan")) or f"{G} Cerita singkat kegiatan ini."
        src.add(f"pembangunan/{slug}.md", page_text(front, body), "pembangunan")


def _project(src: Source, row: dict[str, Any], title: str, dusun: str | None) -> dict[str, Any]:
    year = row.get("tahun_anggaran")
    front: dict[str, Any] = {
        "judul": title[:120], "bidang": 2,  # OpenSID's projects are bidang 2 (pembangunan)
        "tahun_anggaran": year if isinstance(year, int) and 2000 <= year <= 2100
        else src.today.year,
        "lokasi": {k: v for k, v in (("dusun", dusun),
                                     ("alamat", text(row.get("lokasi")) or f"{G} Lokasi"))
                   if v},
        "anggaran": max(int(row.get("anggaran") or 0), 0),
        "sumber_dana": text(row.get("sumber_dana")) or f"{G} Sumber dana",
        "pelaksana": text(row.get("pelaksana_kegiatan")) or f"{G} Pelaksana kegiatan",
    }
    match = re.match(r"^\s*([\d.,]+)\s*(.*)$", text(row.get("volume")))
    if match:
        front["volume"] = float(match[1].replace(",", ".")) if "," in match[1] or \
            "." in match[1] else int(match[1])
        if match[2]:
            front["satuan"] = match[2]
    if text(row.get("manfaat")):
        front["manfaat"] = text(row["manfaat"])
    return front


def _update(src: Source, row: dict[str, Any]) -> dict[str, Any] | None:
    match = re.search(r"\d+", text(row.get("persentase")))
    when = as_date(row.get("created_at"))
    if not match or when is None:
        return None
    update: dict[str, Any] = {"tanggal": when, "persen": min(int(match[0]), 100)}
    if text(row.get("keterangan")):
        update["catatan"] = text(row["keterangan"])
    photo = src.copy_media(row.get("gambar"), "upload/pembangunan")
    if photo:
        update["foto"] = {"file": photo, "alt": f"{G} Apa yang tampak di foto"}
    return update


def produk(src: Source) -> None:
    """Products whose seller has a WhatsApp number; the seller's own name stays out."""
    sellers = src.by_id("pelapak")
    kinds = {r.get("id"): text(r.get("kategori")) for r in src.rows("produk_kategori")}
    taken: set[str] = set()
    for row in src.rows("produk", "id", "nama", "harga"):
        title, phone = text(row["nama"]), text(sellers.get(row.get("id_pelapak"), {}).get(
            "telepon"))
        if not title or row.get("status") not in (1, None) or not PHONE_RE.match(phone):
            src.report.skip(f"produk {row['id']} {title}", "product_without_phone")
            continue
        front: dict[str, Any] = {"judul": title[:120], "harga": max(int(row["harga"] or 0), 0),
                                 "penjual": {"nama": f"{G} Nama usaha", "whatsapp": phone}}
        if kinds.get(row.get("id_produk_kategori")):
            front["kategori"] = kinds[row["id_produk_kategori"]]
        if text(row.get("satuan")):
            front["satuan"] = text(row["satuan"])
        photos = [src.copy_media(name, "upload/produk") for name in _names(row.get("foto"))]
        if any(photos):
            front["foto"] = [{"file": p, "alt": f"{G} Apa yang tampak di foto"}
                             for p in photos if p]
        src.add(f"produk/{unique_slug(slugify(title), taken)}.md",
                page_text(front, text(row.get("deskripsi")) or f"{G} Cerita produk ini."),
                "produk")


def _names(value: Any) -> list[str]:
    """OpenSID keeps a product's photos as a JSON list of file names."""
    try:
        names = json.loads(text(value) or "[]")
    except ValueError:
        return [text(value)]
    return [str(n) for n in names] if isinstance(names, list) else []
