"""`kampung new <jenis> <desa> "Judul"`: one new page with every field shown and explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model import slugify
from ..schema import PAGE_TYPES, SERTA_MERTA_REQUIRED
from .examples import BODIES, page_values
from .files import create
from .frontmatter import mapping

NOUNS = {"layanan": "Layanan", "wisata": "Tempat wisata", "pengumuman": "Pengumuman",
         "agenda": "Agenda", "halaman": "Halaman", "dokumen": "Dokumen",
         "pembangunan": "Kegiatan pembangunan", "galeri": "Album foto", "produk": "Produk"}
HEADER = """\
# {noun} baru. Baris yang diawali # hanya catatan dan tidak tampil di situs.
# Ganti semua yang bertanda [GANTI]. Untuk memakai kolom yang masih bercatatan,
# hapus tanda "# " di depan namanya (dan di depan baris-baris isinya).
"""


def page_text(kind: str, title: str, today: date) -> str:
    """The whole new file: commented front matter and a body to replace."""
    values, active = page_values(kind, title, today)
    notes = {name: "Wajib untuk jenis serta_merta." for name in SERTA_MERTA_REQUIRED
             } if kind == "pengumuman" else {}
    lines = mapping(PAGE_TYPES[kind], values, today=today, active=active, notes=notes)
    header = HEADER.format(noun=NOUNS[kind])
    return "---\n" + header + "\n".join(lines) + "\n---\n" + BODIES[kind]


def page_path(content: Path, kind: str, village: str, title: str) -> Path:
    return content / village / kind / f"{slugify(title)}.md"


def new_page(content: Path, kind: str, village: str, title: str, today: date) -> Path:
    """Create the page; raise FileExistsError rather than overwrite."""
    return create(page_path(content, kind, village, title), page_text(kind, title, today))
