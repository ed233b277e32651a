"""The real OpenSID demo backup imported once into a fresh site (with a desa/ upload folder)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image

from kampung.cli import main

# the real demo backup, kept in the repository (its provenance: tests/fixtures/opensid/README.md)
FIXTURE = Path(os.environ.get("KAMPUNG_OPENSID_FIXTURE", Path(__file__).parents[1] /
                              "fixtures/opensid/contoh_data_awal_20221201.sql"))
PORTAL = "nama: Portal Uji\nbase_url: https://uji.example.id/\n"


def backup() -> Path:
    if not FIXTURE.is_file():
        if os.environ.get("CI") == "true":
            raise FileNotFoundError(FIXTURE)
        pytest.skip(f"OpenSID fixture not found at {FIXTURE}")
    return FIXTURE


def new_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "content/portal.yaml").write_text(PORTAL, encoding="utf-8")
    return root


def upload_folder(root: Path) -> Path:
    """OpenSID's desa/ folder as the demo would have it: the logo, one album, one photo."""
    for rel in ("logo/opensid_logo__sid__bXziTU1.png", "upload/galeri/galeri-1-1.jpg",
                "upload/galeri/sedang_galeri-1-2.jpeg", "upload/user_pict/jhpgD6_kuser.png",
                "upload/artikel/sedang_1527540313_kemerdekaan-pantai.jpg"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 48), (30, 120, 60)).save(path)
    (root / "upload/dokumen").mkdir(parents=True)
    return root


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """(site root, JSON report) of the fixture imported with its upload folder."""
    base = tmp_path_factory.mktemp("opensid")
    site = new_site(base / "situs")
    media = upload_folder(base / "desa")
    report = base / "laporan.json"
    with report.open("w") as out:
        import contextlib
        with contextlib.redirect_stdout(out):
            code = main(["impor", "opensid", str(backup()), "--media", str(media),
                         "--site", str(site), "--format", "json"])
    assert code == 0
    return site, json.loads(report.read_text())[0]
