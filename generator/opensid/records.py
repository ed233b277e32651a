"""Letters as layanan, documents as dokumen, and gallery albums as galeri."""

from __future__ import annotations

import json
from typing import Any

from ..model import slugify
from .files import page_text
from .source import G, Source, as_date, text, unique_slug

PERIODS = {"d": "hari", "w": "minggu", "m": "bulan", "M": "bulan", "y": "tahun"}
ADMINDUK = ("kartu keluarga", "ktp", "akta", "kelahiran", "kematian", "pindah", "lahir mati")
GROUPS = (("nikah", ("nikah", "kawin", "cerai", "rujuk", "wali")),
          ("tanah", ("tanah", "jual beli", "sporadik")),
          ("pengantar", ("pengantar",)), ("adminduk", ADMINDUK),
          ("keterangan", ("keterangan",)))
INFO: dict[Any, str] = {1: "berkala", 2: "serta_merta", 3: "setiap_saat", 4: "dikecualikan"}


def layanan(src: Source) -> None:
    """Each letter with its requirements; what OpenSID does not hold is marked [GANTI]."""
    names = {r.get("ref_syarat_id"): text(r.get("ref_syarat_nama"))
             for r in src.rows("ref_syarat_surat")}
    needs: dict[Any, list[str]] = {}
    for row in src.rows("syarat_surat", "surat_format_id", "ref_syarat_id"):
        if names.get(row["ref_syarat_id"]):
            needs.setdefault(row["surat_format_id"], []).append(names[row["ref_syarat_id"]])
    taken: set[str] = set()
    for row in src.rows("tweb_surat_format", "id", "nama"):
        name = text(row["nama"])
        if not name or row.get("kunci") == 1:
            src.report.skip(f"tweb_surat_format {row['id']} {name}", "letter_locked")
            continue
        title = name if name.lower().startswith("surat") else f"Surat {name}"
        required = needs.get(row["id"]) or _json_needs(row.get("syarat_surat"), names)
        slug = unique_slug(slugify(title), taken)
        src.add(f"layanan/{slug}.md", page_text(_letter(title, required, row),
                                                _letter_body(row)), "layanan")


def _json_needs(value: Any, names: dict[Any, str]) -> list[str]:
    """Newer OpenSID keeps a letter's requirements as a JSON list of ids on the letter."""
    try:
        ids = json.loads(text(value) or "[]")
    except ValueError:
        return []
    return [names[i] for i in ids if names.get(i)] if isinstance(ids, list) else []


def _letter(title: str, required: list[str], row: dict[str, Any]) -> dict[str, Any]:
    group = next((g for g, words in GROUPS if any(w in title.lower() for w in words)), "lainnya")
    free = group == "adminduk"
    front: dict[str, Any] = {
        "judul": title[:120], "kelompok": group,
        "persyaratan": [{"nama": n, "bawa": "fotokopi" if "fotokopi" in n.lower() else "asli"}
                        for n in required] or [{"nama": f"{G} Syarat yang harus dibawa"}],
        "prosedur": [f"{G} Datang ke kantor desa membawa persyaratan.",
                     f"{G} Petugas memeriksa berkas dan membuat surat."],
        "biaya": ({"nominal": 0, "dasar_hukum": "UU 24/2013 Pasal 79A"} if free else
                  {"nominal": 0, "catatan": f"{G} Biaya layanan; 0 berarti gratis."}),
        "waktu_penyelesaian": {"nilai": 1, "satuan": "hari_kerja",
                               "catatan": f"{G} Lama penyelesaian"},
        "produk": title if not free else f"{G} {title}",
        "pengaduan": f"{G} Ke mana warga mengadu jika layanan tidak sesuai.",
    }
    period = PERIODS.get(text(row.get("satuan_masa_berlaku")))
    if isinstance(row.get("masa_berlaku"), int) and row["masa_berlaku"] > 0 and period:
        front["masa_berlaku"] = f"{row['masa_berlaku']} {period}"
    return front


def _letter_body(row: dict[str, Any]) -> str:
    code = text(row.get("kode_surat"))
    online = " Bisa juga diajukan lewat Layanan Mandiri OpenSID." if row.get("mandiri") == 1 \
        else ""
    return (f"{G} Keterangan tambahan tentang layanan ini." +
            (f"\n\nKode surat di OpenSID: {code}.{online}" if code else online))


def dokumen(src: Source) -> None:
    """Legal products and plans; a resident's own document is never taken."""
    taken: set[str] = set()
    for row in src.rows("dokumen", "id", "nama"):
        name = text(row["nama"])
        if row.get("dok_warga") == 1 or row.get("id_pend") not in (0, None, ""):
            src.report.skip(f"dokumen {row['id']}", "resident_document")
            continue
        if row.get("enabled") not in (1, None) or row.get("deleted") == 1 or not name:
            src.report.skip(f"dokumen {row['id']} {name}", "disabled")
            continue
        slug = unique_slug(slugify(name)[:60].strip("-"), taken)
        src.add(f"dokumen/{slug}.md", page_text(_document(src, row, name), f"{G} Ringkasan isi "
                                                "dokumen dalam bahasa sehari-hari."), "dokumen")


def _document(src: Source, row: dict[str, Any], name: str) -> dict[str, Any]:
    try:
        attr = json.loads(text(row.get("attr")) or "{}")
    except ValueError:
        attr = {}
    attr = attr if isinstance(attr, dict) else {}
    kind = _document_kind(row.get("kategori"), text(attr.get("jenis_peraturan")) + " " + name)
    enacted = as_date(attr.get("tgl_ditetapkan") or attr.get("tgl_kep_kades"))
    year = row.get("tahun") if isinstance(row.get("tahun"), int) else (enacted.year if enacted
                                                                        else None)
    category = INFO.get(row.get("kategori_info_publik"), "berkala")
    front: dict[str, Any] = {"judul": name[:120], "jenis": kind,
                             "tahun": year if year and 1945 <= year <= 2100 else src.today.year,
                             "kategori_info_publik": category}
    number = text(attr.get("no_ditetapkan") or attr.get("no_kep_kades"))
    if number:
        front["nomor"] = number
    if enacted:
        front["tanggal_penetapan"] = enacted
    if category != "dikecualikan":
        berkas = src.copy_media(row.get("satuan"), "upload/dokumen")
        if berkas:
            front["berkas"] = berkas
        elif text(row.get("satuan")):
            src.report.skip(f"dokumen {row['id']} {name}", "file_not_found")
    return front


def _document_kind(category: Any, words: str) -> str:
    words = words.upper()
    for key, kind in (("RPJM", "rpjmdes"), ("RKP", "rkpdes"), ("APB", "apbdes"),
                      ("LKPP", "lkppd"), ("LPPD", "lppd"), ("PERATURAN KEPALA", "perkades"),
                      ("PERKADES", "perkades"), ("BERSAMA", "peraturan_bersama")):
        if key in words:
            return kind
    return {2: "sk_kades", 3: "perdes"}.get(category if isinstance(category, int) else 0,
                                             "lainnya")


def galeri(src: Source) -> None:
    """Albums whose photos the upload folder has; captions from OpenSID, alt marked [GANTI]."""
    rows = src.rows("gambar_gallery", "id", "parrent", "gambar", "nama")
    taken: set[str] = set()
    for album in [r for r in rows if r["parrent"] == 0 and r.get("enabled") in (1, None)]:
        photos = []
        for row in [r for r in rows if r["parrent"] == album["id"]] + [album]:
            name = src.copy_media(row["gambar"], "upload/galeri")
            if name:
                photos.append({"file": name, "alt": f"{G} Apa yang tampak di foto",
                               "keterangan": text(row["nama"]) or f"{G} Keterangan foto"})
        title = text(album["nama"])
        if not photos or not title:
            src.report.skip(f"gambar_gallery {album['id']} {title}", "album_without_photos")
            continue
        front = {"judul": title[:120], "tanggal": as_date(album.get("tgl_upload")) or src.today,
                 "foto": photos}
        slug = unique_slug(slugify(title), taken)
        src.add(f"galeri/{slug}.md", page_text(front, f"{G} Cerita singkat album ini."),
                "galeri")
