"""`kampung init [DIR]`: a new site with one village, ready to preview and to edit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..schema import PORTAL
from .editor import write_editor_help
from .files import create, schema_comment
from .frontmatter import mapping
from .village import new_village

PORTAL_HEADER = """\
# Pengaturan portal. Baris yang diawali # hanya catatan dan tidak tampil di situs.
# Ganti semua yang bertanda [GANTI]; base_url diganti setelah alamat web situs diketahui.
"""
GITIGNORE = """\
# hasil pembangunan dan cache: dibuat ulang oleh `kampung build`
output/
.output.staging/
.output.previous/
.kampung-cache/
__pycache__/
.DS_Store
Thumbs.db
"""
README = """\
# Situs {name}

Dibuat dengan Kampung. Isi situs ada di folder `content/`.

- Lihat pratinjau: `kampung serve`, lalu buka http://127.0.0.1:8000
- Periksa isi: `kampung check`
- Tambah pengumuman: `kampung new pengumuman {slug} "Judul pengumuman"`
- Ganti semua teks bertanda [GANTI]: situs tidak diterbitkan selama teks itu masih ada.
- Terbitkan: isi bagian `publikasi:` di `content/portal.yaml`, lalu `kampung publish`.
- Simpan di git: `git init`, `git add .`, `git commit -m "Situs baru"`. Folder `output/`
  dan cache tidak ikut disimpan (lihat `.gitignore`); CI membangunnya sendiri.
- Terbitkan otomatis dari CI: `kampung ci github` (GitHub, Forgejo, Gitea) atau
  `kampung ci gitlab`.
"""


def init_site(root: Path, slug: str, name: str, today: date) -> list[Path]:
    """Create content/ (portal.yaml and one village), .gitignore, README.md and editor help.

    Raises FileExistsError if `root` already has a content/ folder.
    """
    content = root / "content"
    if content.exists():
        raise FileExistsError(content)
    portal = content / "portal.yaml"
    values = {"nama": f"[GANTI] Portal {name}", "base_url": "https://desa.example.id/",
              "deskripsi": f"[GANTI] Informasi resmi {name}.", "bahasa": "id",
              "tema": "default", "per_halaman": 10}
    lines = mapping(PORTAL, values, today=today, active={"deskripsi"})
    made = [create(portal, schema_comment(portal, root, "portal") + PORTAL_HEADER +
                   "\n".join(lines) + "\n")]
    made += new_village(root, slug, name, today)
    for rel, text in ((".gitignore", GITIGNORE), ("README.md", README)):
        if not (root / rel).exists():
            made.append(create(root / rel, text.format(name=name, slug=slug)))
    schemas, settings = write_editor_help(root)
    return made + schemas + ([settings] if settings else [])
