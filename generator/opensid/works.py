"""Development projects (`pembangunan`) and the village market (`produk`, `pelapak`)."""

from __future__ import annotations

import re
from typing import Any

from ..model import slugify
from ..validate import PHONE_RE
from .dump import key
from .files import page_text
from .profile import clusters
from .source import BROKEN, G, Source, amount, from_json, on, text, unique_slug


def pembangunan(src: Source) -> None:
    """Each project with its progress photos, oldest first."""
    updates: dict[Any, list[dict[str, Any]]] = {}
    for row in src.rows("pembangunan_ref_dokumentasi", "id_pembangunan", "persentase"):
        updates.setdefault(key(row["id_pembangunan"]), []).append(row)
    dusun = clusters(src)
    taken: set[str] = set()
    for row in src.rows("pembangunan", "id", "judul", "anggaran"):
        title = text(row["judul"])
        what = f"pembangunan {row['id']} {title}"
        if not title or not on(row.get("status")):
            src.report.skip(what, "disabled")
            continue
        front = _project(src, what, row, title, dusun.get(key(row.get("id_lokasi"))))
        front["progres"] = [u for u in (_update(src, what, u) for u in sorted(
            updates.get(key(row["id"]), []), key=lambda u: text(u.get("created_at")))) if u]
        slug = unique_slug(slugify(title), taken)
        body = text(row.get("keterangan")) or f"{G} Cerita singkat kegiatan ini."
        src.add(f"pembangunan/{slug}.md", page_text(front, body), "pembangunan")


def _project(src: Source, what: str, row: dict[str, Any], title: str,
             dusun: str | None) -> dict[str, Any]:
    year = src.number_of(what, row, "tahun_anggaran", 2000, 2100, needed=True)
    front: dict[str, Any] = {
        "judul": title[:120], "bidang": 2,  # OpenSID's projects are bidang 2 (pembangunan)
        "tahun_anggaran": int(year) if year is not None else f"{G} Tahun anggaran",
        "lokasi": {k: v for k, v in (("dusun", dusun),
                                     ("alamat", text(row.get("lokasi")) or f"{G} Lokasi"))
                   if v},
        "anggaran": _rupiah(src, what, row, "anggaran", "Anggaran"),
        "sumber_dana": text(row.get("sumber_dana")) or f"{G} Sumber dana",
        "pelaksana": text(row.get("pelaksana_kegiatan")) or f"{G} Pelaksana kegiatan",
    }
    raw = text(row.get("volume"))  # '250 meter', '2.500,50 m2'
    match = re.match(r"^([\d.,]+)\s*(.*)$", raw)
    volume = amount(match[1]) if match else None
    if match and volume is not None:
        front["volume"] = int(volume) if volume.is_integer() else volume
        if match[2]:
            front["satuan"] = match[2]
    elif raw:
        src.report.skip(what, "bad_number", column="volume", value=raw[:40])
    if text(row.get("manfaat")):
        front["manfaat"] = text(row["manfaat"])
    return front


def _rupiah(src: Source, what: str, row: dict[str, Any], column: str, label: str) -> int | str:
    """An amount: 0 when OpenSID left it empty, [GANTI] (and a note) when it is no number."""
    found = src.number_of(what, row, column)
    if found is not None:
        return int(found)
    return 0 if not text(row.get(column)) else f"{G} {label}"


def _update(src: Source, what: str, row: dict[str, Any]) -> dict[str, Any] | None:
    match = re.search(r"\d{1,6}", text(row.get("persentase")))
    if not match:
        src.report.skip(what, "bad_number", column="persentase",
                        value=text(row.get("persentase"))[:40] or "NULL")
        return None
    update: dict[str, Any] = {"tanggal": src.date_of(what, row, "created_at", "updated_at"),
                              "persen": min(int(match[0]), 100)}
    if text(row.get("keterangan")):
        update["catatan"] = text(row["keterangan"])
    photo = src.copy_media(row.get("gambar"), "upload/pembangunan")
    if photo:
        update["foto"] = {"file": photo, "alt": f"{G} Apa yang tampak di foto"}
    return update


def produk(src: Source) -> None:
    """Products whose seller has a WhatsApp number; the seller's own name stays out."""
    sellers = src.by_id("pelapak")
    kinds = {key(r.get("id")): text(r.get("kategori")) for r in src.rows("produk_kategori")}
    taken: set[str] = set()
    for row in src.rows("produk", "id", "nama", "harga"):
        title, phone = text(row["nama"]), text(sellers.get(key(row.get("id_pelapak")), {}).get(
            "telepon"))
        what = f"produk {row['id']} {title}"
        if not title or not on(row.get("status")) or not PHONE_RE.match(phone):
            src.report.skip(what, "product_without_phone")
            continue
        front: dict[str, Any] = {"judul": title[:120],
                                 "harga": _rupiah(src, what, row, "harga", "Harga"),
                                 "penjual": {"nama": f"{G} Nama usaha", "whatsapp": phone}}
        if kinds.get(key(row.get("id_produk_kategori"))):
            front["kategori"] = kinds[key(row["id_produk_kategori"])]
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
    names = from_json(value) if text(value) else []
    if names is BROKEN:
        return [text(value)]
    return [str(n) for n in names] if isinstance(names, list) else []
