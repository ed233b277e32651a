"""`kampung new village <slug>`: a complete, valid village whose placeholders say [GANTI]."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..schema import DATA_TYPES, DESA
from .examples import data_values, village_values
from .files import create, schema_comment
from .frontmatter import mapping
from .pages import new_page

DESA_HEADER = """\
# Profil desa. Baris yang diawali # hanya catatan dan tidak tampil di situs.
# Ganti semua yang bertanda [GANTI]. Untuk memakai kolom yang masih bercatatan,
# hapus tanda "# " di depan namanya (dan di depan baris-baris isinya).
"""
DATA_HEADER = "# {what}. Ganti semua yang bertanda [GANTI] dan angka 0 dengan data desa.\n"
DATA_WHAT = {"perangkat": "Perangkat desa", "statistik": "Statistik penduduk",
             "apbdes": "APBDes (anggaran desa)",
             "bantuan": "Program bantuan (jumlah penerima per dusun, tanpa nama)",
             "wilayah": "Wilayah: dusun, RW dan RT"}
# the first pages of a new village: (kind, title)
STARTER_PAGES = (("halaman", "Profil Desa"), ("layanan", "Surat Keterangan Domisili"),
                 ("pengumuman", "Selamat Datang di Situs Desa"), ("agenda", "Posyandu Balita"))


def yaml_file(site_root: Path, path: Path, kind: str, header: str, lines: list[str]) -> Path:
    text = schema_comment(path, site_root, kind) + header + "\n".join(lines) + "\n"
    return create(path, text)


def new_village(site_root: Path, slug: str, name: str, today: date) -> list[Path]:
    """Create content/<slug>/ with a profile, data files and starter pages.

    Raises FileExistsError if the folder is already there.
    """
    folder = site_root / "content" / slug
    folder.mkdir(parents=True, exist_ok=False)
    values, active = village_values(name, today)
    made = [yaml_file(site_root, folder / "desa.yaml", "desa", DESA_HEADER,
                      mapping(DESA, values, today=today, active=active))]
    for kind in DATA_TYPES:
        values, active = data_values(kind, today)
        stem = f"apbdes-{today.year}" if kind == "apbdes" else kind
        made.append(yaml_file(site_root, folder / "data" / f"{stem}.yaml", kind,
                              DATA_HEADER.format(what=DATA_WHAT[kind]),
                              mapping(DATA_TYPES[kind], values, today=today, active=active)))
    for kind, title in STARTER_PAGES:
        made.append(new_page(site_root / "content", kind, slug, title, today))
    made.append(create(folder / "media" / ".gitkeep", ""))
    return made
