"""Letters as layanan, documents as dokumen, and gallery albums as galeri."""

from __future__ import annotations

from typing import Any

from ..model import slugify
from .dump import key
from .files import page_text
from .source import BROKEN, G, Source, as_date, from_json, integer, on, text, unique_slug

PERIODS = {"d": "hari", "w": "minggu", "m": "bulan", "M": "bulan", "y": "tahun"}
ADMINDUK = ("kartu keluarga", "ktp", "akta", "kelahiran", "kematian", "pindah", "lahir mati")
GROUPS = (("nikah", ("nikah", "kawin", "cerai", "rujuk", "wali")),
          ("tanah", ("tanah", "jual beli", "sporadik")),
          ("pengantar", ("pengantar",)), ("adminduk", ADMINDUK),
          ("keterangan", ("keterangan",)))
INFO: dict[Any, str] = {1: "berkala", 2: "serta_merta", 3: "setiap_saat", 4: "dikecualikan"}


def layanan(src: Source) -> None:
    """Each letter with its requirements; what OpenSID does not hold is marked [GANTI]."""
    names = {key(r.get("ref_syarat_id")): text(r.get("ref_syarat_nama"))
             for r in src.rows("ref_syarat_surat")}
    needs: dict[Any, list[str]] = {}
    for row in src.rows("syarat_surat", "surat_format_id", "ref_syarat_id"):
        if names.get(key(row["ref_syarat_id"])):
            needs.setdefault(key(row["surat_format_id"]), []).append(
                names[key(row["ref_syarat_id"])])
    taken: set[str] = set()
    for row in src.rows("tweb_surat_format", "id", "nama"):
        name = text(row["nama"])
        what = f"tweb_surat_format {row['id']} {name}"
        if not name or key(row.get("kunci")) == 1:
            src.report.skip(what, "letter_locked")
            continue
        title = name if name.lower().startswith("surat") else f"Surat {name}"
        required = needs.get(key(row["id"])) or _json_needs(src, what, row.get("syarat_surat"),
                                                             names)
        slug = unique_slug(slugify(title), taken)
        src.add(f"layanan/{slug}.md", page_text(_letter(title, required, row),
                                                _letter_body(row)), "layanan")


def _json_needs(src: Source, what: str, value: Any, names: dict[Any, str]) -> list[str]:
    """Newer OpenSID keeps a letter's requirements as a JSON list of ids on the letter
    ([1, 2], or ["1", "2"] as its form sends them)."""
    ids = from_json(value) if text(value) else None
    if ids is None:  # no requirements, or JSON null
        return []
    good = [i for i in ids if type(i) in (int, str)] if isinstance(ids, list) else []
    if ids is BROKEN or not isinstance(ids, list) or len(good) < len(ids):
        src.report.skip(what, "bad_requirements", value=text(value)[:40])
    return [names[key(i)] for i in good if names.get(key(i))]


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
    valid_for = integer(row.get("masa_berlaku"))
    if valid_for is not None and valid_for > 0 and period:
        front["masa_berlaku"] = f"{valid_for} {period}"
    return front


def _letter_body(row: dict[str, Any]) -> str:
    code = text(row.get("kode_surat"))
    online = " Bisa juga diajukan lewat Layanan Mandiri OpenSID." \
        if key(row.get("mandiri")) == 1 else ""
    return (f"{G} Keterangan tambahan tentang layanan ini." +
            (f"\n\nKode surat di OpenSID: {code}.{online}" if code else online))


def dokumen(src: Source) -> None:
    """Legal products and plans; a resident's own document is never taken."""
    taken: set[str] = set()
    for row in src.rows("dokumen", "id", "nama"):
        name = text(row["nama"])
        if key(row.get("dok_warga")) == 1 or key(row.get("id_pend")) not in (0, None, ""):
            src.report.skip(f"dokumen {row['id']}", "resident_document")
            continue
        if not on(row.get("enabled")) or key(row.get("deleted")) == 1 or not name:
            src.report.skip(f"dokumen {row['id']} {name}", "disabled")
            continue
        slug = unique_slug(slugify(name)[:60].strip("-"), taken)
        src.add(f"dokumen/{slug}.md", page_text(_document(src, row, name), f"{G} Ringkasan isi "
                                                "dokumen dalam bahasa sehari-hari."), "dokumen")


def _document(src: Source, row: dict[str, Any], name: str) -> dict[str, Any]:
    attr = from_json(row.get("attr"))
    attr = attr if isinstance(attr, dict) else {}
    kind = _document_kind(row.get("kategori"), text(attr.get("jenis_peraturan")) + " " + name)
    enacted = as_date(attr.get("tgl_ditetapkan") or attr.get("tgl_kep_kades"))
    year = src.number_of(f"dokumen {row['id']} {name}", row, "tahun", 1945, 2100,
                         needed=enacted is None)
    category = INFO.get(key(row.get("kategori_info_publik")), "berkala")
    front: dict[str, Any] = {"judul": name[:120], "jenis": kind,
                             "tahun": int(year) if year is not None else enacted.year
                             if enacted else f"{G} Tahun dokumen",
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
    for word, kind in (("RPJM", "rpjmdes"), ("RKP", "rkpdes"), ("APB", "apbdes"),
                       ("LKPP", "lkppd"), ("LPPD", "lppd"), ("PERATURAN KEPALA", "perkades"),
                       ("PERKADES", "perkades"), ("BERSAMA", "peraturan_bersama")):
        if word in words:
            return kind
    return {2: "sk_kades", 3: "perdes"}.get(integer(category) or 0, "lainnya")


def galeri(src: Source) -> None:
    """Albums whose photos the upload folder has; captions from OpenSID, alt marked [GANTI]."""
    rows = src.rows("gambar_gallery", "id", "parrent", "gambar", "nama")
    taken: set[str] = set()
    for album in [r for r in rows if key(r["parrent"]) == 0 and on(r.get("enabled"))]:
        photos = []
        for row in [r for r in rows if key(r["parrent"]) == key(album["id"])] + [album]:
            name = src.copy_media(row["gambar"], "upload/galeri")
            if name:
                photos.append({"file": name, "alt": f"{G} Apa yang tampak di foto",
                               "keterangan": text(row["nama"]) or f"{G} Keterangan foto"})
        title = text(album["nama"])
        what = f"gambar_gallery {album['id']} {title}"
        if not photos or not title:
            src.report.skip(what, "album_without_photos")
            continue
        when = src.date_of(what, album, "tgl_upload", required=False)
        front = {"judul": title[:120], **({"tanggal": when} if when else {}), "foto": photos}
        slug = unique_slug(slugify(title), taken)
        src.add(f"galeri/{slug}.md", page_text(front, f"{G} Cerita singkat album ini."),
                "galeri")
