"""A small site with what volunteers upload: phone photos, a logo, a PDF, and a broken photo."""

from __future__ import annotations

from pathlib import Path

from sitekit import make_site, write

from .photos import logo, phone_photo, truncated

WISATA = """\
---
judul: Air Terjun Sukamaju
kategori: alam
lokasi: {alamat: Dusun Krajan}
foto:
  - {file: air-terjun.jpg, alt: Air terjun di antara tebing hijau}
  - {file: jalan-setapak.jpg, alt: Jalan setapak menuju air terjun}
---
Air terjun setinggi 20 meter.

![Kolam di bawah air terjun](../media/kolam.jpg)
"""
PENGUMUMAN = """\
---
judul: Musyawarah Desa
tanggal: 2026-11-20
lampiran:
  - {file: undangan.pdf, judul: Undangan musyawarah}
---
Hadirilah musyawarah desa.
"""


def photo_site(root: Path, broken: bool = False) -> Path:
    """make_site plus photos; with `broken`, one photo's upload was cut short."""
    make_site(root)
    media = root / "content" / "sukamaju" / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / "air-terjun.jpg").write_bytes(phone_photo(1200, 900, seed=1))
    (media / "kolam.jpg").write_bytes(phone_photo(1200, 900, seed=2))
    jalan = phone_photo(900, 1200, seed=3)
    (media / "jalan-setapak.jpg").write_bytes(truncated(jalan) if broken else jalan)
    (media / "logo.png").write_bytes(logo())
    (media / "undangan.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (240 * 1024 - 16) + b"\n%%EOF\n")
    write(root, "content/sukamaju/wisata/air-terjun.md", WISATA)
    write(root, "content/sukamaju/pengumuman/musyawarah.md", PENGUMUMAN)
    desa = root / "content" / "sukamaju" / "desa.yaml"
    desa.write_text(desa.read_text() + "tema: {warna: '#0b5d3b', logo: logo.png}\n")
    return root
