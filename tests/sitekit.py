"""Build small sites on disk for tests: one valid village, then break what a test needs."""

from __future__ import annotations

import textwrap
from pathlib import Path

PORTAL = """\
nama: Portal Uji
base_url: https://uji.example.id/
"""
DESA = """\
nama: Sukamaju
kecamatan: Glagah
kabupaten: Banyuwangi
alamat_kantor: Jl. Raya Sukamaju 1
telepon: "0333 123456"
whatsapp: "0812 0000 1111"
koordinat: {lat: -8.2, lng: 114.3}
jam_layanan:
  - {hari: Senin–Kamis, buka: "08.00", tutup: "15.00"}
darurat:
  - {nama: Ambulans, telepon: "118"}
"""
LAYANAN = """\
---
judul: KTP-el
kelompok: adminduk
populer: true
persyaratan:
  - nama: Kartu Keluarga
    bawa: fotokopi
prosedur: [Datang ke kantor desa, Isi formulir]
biaya: {nominal: 0}
waktu_penyelesaian: {nilai: 1, satuan: hari_kerja}
produk: KTP-el
pengaduan: WhatsApp desa
diperbarui: 2026-11-01
---
Bawa dokumen lengkap. Lihat juga [KK](kk.md).
"""
KK = LAYANAN.replace("judul: KTP-el", "judul: Kartu Keluarga").replace(
    "Lihat juga [KK](kk.md).", "")
PENGUMUMAN = """\
---
judul: {judul}
tanggal: {tanggal}
{extra}
---
Isi pengumuman {judul}.
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def announcement(judul: str, tanggal: str = "2026-11-20", extra: str = "") -> str:
    return PENGUMUMAN.format(judul=judul, tanggal=tanggal, extra=extra)


def make_site(root: Path, villages: tuple[str, ...] = ("sukamaju",)) -> Path:
    write(root, "content/portal.yaml", PORTAL)
    for slug in villages:
        write(root, f"content/{slug}/desa.yaml", DESA.replace("Sukamaju", slug.title()))
        write(root, f"content/{slug}/layanan/ktp-el.md", LAYANAN)
        write(root, f"content/{slug}/layanan/kk.md", KK)
        write(root, f"content/{slug}/pengumuman/kerja-bakti.md", announcement("Kerja bakti"))
        write(root, f"content/{slug}/halaman/profil.md",
              "---\njudul: Profil\nmenu: true\n---\nDesa kami.\n")
    return root
