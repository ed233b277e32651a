"""A volunteer's phone photos on the page they belong to (issue #14, point 7): an iPhone's
HEIC read like any photo, every type's `gambar` shown under the heading, and a photo that
cannot be read named where the content names it."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from sitekit import make_site, write

from kampung.build import build

from .photos import iphone_photo, phone_photo

NOW = datetime(2026, 11, 28, 9, 0)
pytestmark = pytest.mark.slow
VILLAGE = "content/sukamaju"
ANNOUNCEMENT = """\
---
judul: Kerja Bakti Saluran
tanggal: 2026-11-21
gambar:
  file: {photo}
  alt: Warga membersihkan saluran air
---
Saluran di Dusun Krajan sudah bersih kembali.

![Saluran yang sudah bersih](../media/{inline})
"""
# the other types with a `gambar`: (file, text to put the gambar before)
WITH_GAMBAR = {
    "layanan/ktp-el.md": "populer: true",
    "halaman/profil.md": "menu: true",
    "agenda/posyandu.md": "lokasi: Balai desa",
    "wisata/sawah.md": "lokasi: {alamat: Dusun Krajan}",
}
PERANGKAT = """\
perangkat:
  - nama: Budi Santoso
    jabatan: Kepala Desa
    foto: {file: kerja-bakti.heic, alt: Budi Santoso di balai desa}
"""
AGENDA = "---\njudul: Posyandu\nmulai: 2026-12-08 08:00\nlokasi: Balai desa\n---\nBawa KIA.\n"
WISATA = "---\njudul: Sawah\nkategori: alam\nlokasi: {alamat: Dusun Krajan}\n---\nHijau.\n"


def photo_site(root: Path, photo: str = "kerja-bakti.heic", inline: str = "saluran.heic",
               ) -> Path:
    make_site(root)
    media = root / VILLAGE / "media"
    media.mkdir(parents=True)
    (media / "kerja-bakti.heic").write_bytes(iphone_photo(800, 600))
    (media / "saluran.heic").write_bytes(iphone_photo(600, 800, seed=12))
    (media / "sawah.jpg").write_bytes(phone_photo(800, 600, seed=3))
    write(root, f"{VILLAGE}/pengumuman/kerja-bakti.md",
          ANNOUNCEMENT.format(photo=photo, inline=inline))
    write(root, f"{VILLAGE}/agenda/posyandu.md", AGENDA)
    write(root, f"{VILLAGE}/data/perangkat.yaml", PERANGKAT)
    write(root, f"{VILLAGE}/wisata/sawah.md", WISATA)
    for rel, before in WITH_GAMBAR.items():
        path = root / VILLAGE / rel
        text = path.read_text(encoding="utf-8")
        assert before in text, rel
        gambar = "gambar: {file: sawah.jpg, alt: Sawah hijau di kaki bukit}\n"
        path.write_text(text.replace(before, gambar + before, 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = photo_site(tmp_path_factory.mktemp("situs"))
    report = build(root, root / "output", now=NOW)
    assert [p for p in report.problems if p.severity == "error"] == []
    return root / "output" / "sukamaju"


def images(html: str) -> list[str]:
    """The content's <img> tags (the header logo is not one of them)."""
    article = html[html.index("<article"):html.index("</article>")]
    return re.findall(r"<img [^>]+>", article)


def test_an_iphone_photo_as_gambar_shows_on_the_announcement_page(built: Path) -> None:
    html = (built / "pengumuman" / "kerja-bakti" / "index.html").read_text()
    first, inline = images(html)
    assert 'alt="Warga membersihkan saluran air"' in first
    assert "fetchpriority=high" in first and "loading" not in first
    assert "width=800" in first and "height=600" in first
    assert re.search(r'srcset="[^"]*kerja-bakti-720\.[0-9a-f]{10}\.jpg 720w', first)
    assert re.search(r"<source [^>]*kerja-bakti-720\.[0-9a-f]{10}\.webp 720w", html)
    assert 'alt="Saluran yang sudah bersih"' in inline and "loading=lazy" in inline
    assert "width=600" in inline and "height=800" in inline
    assert ".heic" not in html, "a phone browser cannot show HEIC: never link it"


def test_an_iphone_photo_is_published_as_webp_and_jpeg_without_gps(built: Path) -> None:
    made = sorted(p.name for p in (built / "aset").glob("saluran-*"))
    assert {Path(n).suffix for n in made} == {".webp", ".jpg"} and len(made) == 10
    for name in made:
        data = (built / "aset" / name).read_bytes()
        assert b"GPS" not in data and b"Exif" not in data, name
        assert Image.open(io.BytesIO(data)).format in ("WEBP", "JPEG")
    own_name = (built / "media" / "saluran.heic").read_bytes()
    assert Image.open(io.BytesIO(own_name)).format == "JPEG" and b"GPS" not in own_name


@pytest.mark.parametrize("page", ["layanan/ktp-el", "halaman/profil", "agenda/posyandu",
                                  "wisata/sawah"])
def test_every_type_shows_its_gambar_under_the_heading(built: Path, page: str) -> None:
    html = (built / page / "index.html").read_text()
    [first, *_] = images(html)
    assert 'alt="Sawah hijau di kaki bukit"' in first and "fetchpriority=high" in first
    assert html.index("</h1>") < html.index("<picture>", html.index("<article"))


def test_an_officials_photo_shows_beside_the_name(built: Path) -> None:
    html = (built / "perangkat" / "index.html").read_text()
    cell = re.search(r"<td><picture>.*?</picture>Budi Santoso</td>", html)
    assert cell and 'alt="Budi Santoso di balai desa"' in cell[0] and "sizes=4rem" in cell[0]
    assert "width=800" in cell[0] and "height=600" in cell[0]


@pytest.mark.parametrize(("photo", "inline", "line", "lang", "words"), [
    # the `file:` line of `gambar`
    ("rusak.jpg", "saluran.heic", 5, "id", ": kesalahan: Gambar sukamaju/media/rusak.jpg rusak"),
    # the Markdown image
    ("kerja-bakti.heic", "rusak.jpg", 10, "en", ": error: Image sukamaju/media/rusak.jpg is"),
])
def test_a_photo_that_cannot_be_read_is_named_where_the_content_names_it(
        tmp_path: Path, photo: str, inline: str, line: int, lang: str, words: str) -> None:
    root = photo_site(tmp_path / "situs", photo, inline)
    (root / VILLAGE / "media" / "rusak.jpg").write_bytes(b"WhatsApp sent an HTML page\n")
    run = subprocess.run([sys.executable, "-m", "kampung", "build", "--site", str(root),
                          "--now", "2026-11-28", "--lang", lang], capture_output=True, text=True)
    assert run.returncode == 1
    [error] = [x for x in run.stderr.splitlines() if words in x]
    assert error.startswith(f"sukamaju/pengumuman/kerja-bakti.md:{line}:")
    for leak in ("Traceback", "UnidentifiedImageError", "BytesIO", "/tmp", str(tmp_path)):
        assert leak not in run.stderr
