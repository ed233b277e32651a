"""The common mistakes the guide explains, each made on a fresh site (docs/kesalahan.md).

`test_guide.py` checks that the guide quotes exactly what `kampung check` prints for each,
in Bahasa Indonesia (docs/kesalahan.md) and in English (docs/en/errors.md), so the guide
never drifts from the program. Print them all with:

    .venv/bin/python tests/serve/guide_errors.py
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kampung.cli import main
from kampung.scaffold import init_site

SLUG = "desaku"
TODAY = date(2026, 11, 28)
RAPAT = "---\njudul: Rapat Warga\ntanggal: 2026-11-28\n---\nRapat di balai desa.\n"


def put(site: Path, rel: str, text: str | bytes) -> None:
    path = site / "content" / SLUG / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def replace(site: Path, rel: str, old: str, new: str) -> None:
    path = site / "content" / SLUG / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ANNOUNCEMENT = "pengumuman/rapat-warga.md"
SERVICE = "layanan/surat-keterangan-domisili.md"
CASES: dict[str, Callable[[Path], None]] = {
    "salah_ketik": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("tanggal:", "tangal:")),
    "kolom_wajib": lambda s: replace(s, SERVICE, "\nproduk:", "\n# produk:"),
    "tanggal": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("2026-11-28", "28-11-2026")),
    "titik_dua": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("Rapat Warga",
                                                              "Rapat Warga: RT 01")),
    "spasi": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("judul: ", "judul:")),
    "pilihan": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("---\nRapat",
                                                            "jenis: darurat\n---\nRapat")),
    "foto": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace(
        "---\nRapat", "gambar:\n  file: rapat.jpg\n  alt: Warga di balai desa\n---\nRapat")),
    "tautan": lambda s: put(s, ANNOUNCEMENT,
                            RAPAT + "Lihat [syaratnya](../layanan/domisili.md).\n"),
    "garis": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("---\n", "", 1)),
    "garis_tutup": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("\n---\nRapat", "\nRapat")),
    "utf8": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("Rapat di", "Caf\u00e9 di")
                          .encode("cp1252")),
    "nama_berkas": lambda s: put(s, "pengumuman/Rapat Warga.md", RAPAT),
    "terjemahan": lambda s: put(s, "halaman/sejarah.en.md", "---\njudul: History\n---\nText.\n"),
    "darurat": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace(
        "---\nRapat", "jenis: serta_merta\nbahaya: Banjir\n---\nRapat")),
    "daftar": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace(
        "tanggal:", "wilayah_terdampak: [Dusun Krajan, Dusun Kidul\ntanggal:")),
    "kutip": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace("judul: Rapat Warga",
                                                          'judul: "Rapat Warga')),
    "tab": lambda s: replace(s, SERVICE, "\n  nominal: 0", "\n\tnominal: 0"),
    "indentasi": lambda s: replace(s, SERVICE, "\n    bawa: asli", "\n   bawa: asli"),
    "tanpa_titik_dua": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace(
        "tanggal: 2026-11-28", "tanggal 2026-11-28\njenis: berita")),
    "kolom_ganda": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace(
        "---\nRapat", "judul: Rapat RT 01\n---\nRapat")),
    "rupiah": lambda s: replace(s, SERVICE, "nominal: 0", "nominal: 10,000"),
    "butir": lambda s: replace(s, SERVICE, '  - nama: "Surat pengantar RT/RW"\n    bawa: asli',
                               "  - Surat pengantar RT/RW"),
    "ganti": lambda s: put(s, ANNOUNCEMENT, RAPAT.replace(
        "Rapat di balai desa.", "[GANTI] Tulis isi pengumuman di sini.")),
}


def filled_in(site: Path) -> None:
    """The volunteer has replaced every [GANTI] of the new site (the marks are a warning)."""
    for path in (site / "content").rglob("*"):
        if path.suffix in (".md", ".yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("[GANTI] ", "").replace("[GANTI]", ""),
                            encoding="utf-8")


def check_output(case: str, lang: str) -> str:
    """What `kampung check` prints for one mistake, on a fresh site made by `kampung init`."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SLUG
        init_site(site, SLUG, "Desaku", TODAY)
        filled_in(site)
        CASES[case](site)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            main(["check", "--site", str(site), "--now", "2026-11-28", "--lang", lang])
    return "\n".join(line for line in err.getvalue().splitlines()
                     if not line.startswith(("Ditemukan", "Found")))


if __name__ == "__main__":
    for name in CASES:
        for lang in ("id", "en"):
            print(f"## {name} ({lang})\n{check_output(name, lang)}\n")
