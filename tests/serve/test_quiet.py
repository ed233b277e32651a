"""The preview's terminal stays quiet: a warning is printed when it appears and when it is
gone, not again on every save (a new site printed its [GANTI] warnings 432 times in one run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import write

from kampung.serve.rebuild import Rebuilder

pytestmark = pytest.mark.slow
PROFIL = "content/sukamaju/halaman/profil.md"


def test_a_warning_is_printed_once_when_it_appears_and_once_when_it_is_gone(
        site: Path, tmp_path: Path) -> None:
    log: list[str] = []
    preview = Rebuilder(site, tmp_path / "pratinjau", lang="en", now="2026-11-28",
                        log=log.append)
    write(site, PROFIL, "---\njudul: Profil\nmenu: true\n---\n[GANTI] Sejarah desa.\n")
    preview.rebuild()
    assert sum("[GANTI]" in line for line in log) == 1
    for text in ("Desa kami, bagian dua.", "Desa kami, bagian tiga."):
        write(site, "content/sukamaju/pengumuman/kerja-bakti.md",
              f"---\njudul: Kerja bakti\ntanggal: 2026-11-20\n---\n{text}\n")
        preview.rebuild()
    assert sum("[GANTI]" in line for line in log) == 1
    write(site, PROFIL, "---\njudul: Profil\nmenu: true\n---\nSejarah desa.\n")
    preview.rebuild()
    assert log[-2].startswith("Resolved: sukamaju/halaman/profil.md:5: Sample text marked")
    preview.rebuild()
    assert not any(line.startswith("Resolved") for line in log[-1:])
