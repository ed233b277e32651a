"""Screenshots of the preview for the volunteer guide, taken by real headless Chromium.

    .venv/bin/python tests/serve/screenshots.py docs/img

Each picture follows the guide's own steps on a site made by `kampung init`, so the
pictures show exactly what a volunteer following the guide sees. `test_screenshots.py`
runs this into a temporary folder, so a change that breaks a step fails the tests.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

if __name__ == "__main__":  # run as a script: make tests/ importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from browser.cdp import Chromium, Page

from kampung.scaffold import init_site, new_page
from kampung.serve import Session

NOW = "2026-11-28"
TODAY = date(2026, 11, 28)
SLUG = "sukamaju"
SHOTS = ("pratinjau-baru.png", "pratinjau-profil.png", "pengumuman-baru.png",
         "pengumuman-penting.png", "kesalahan-layar.png")
ANNOUNCEMENT = "Kerja Bakti Minggu Pagi"
PROFILE = {
    '"[GANTI] Nama kecamatan"': "Glagah", '"[GANTI] Nama kabupaten"': "Banyuwangi",
    '"[GANTI] Nama provinsi"': "Jawa Timur", '"[GANTI] Nama kepala desa"': "Budi Santoso",
    '"[GANTI] Jl. ... No. ..., Desa Sukamaju"': "Jl. Raya Sukamaju No. 1",
    '"[GANTI] Sambutan singkat di beranda: satu-dua kalimat tentang desa ini."':
        "Desa di kaki Gunung Ijen, 10 km dari kota Banyuwangi.",
    "# telepon: 0333 000000": "telepon: 0333 000000",
    "# whatsapp: 0812 0000 0000": "whatsapp: 0812 0000 0000",
}
BODY = ("Warga RT 01–04 diajak kerja bakti membersihkan saluran air pada hari Minggu, "
        "29 November 2026, pukul 07.00 WIB. Berkumpul di balai desa; bawa cangkul dan "
        "sapu lidi.\n")


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, (path, old)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def rebuilt(session: Session, change: Callable[[], object]) -> None:
    """Make a change and wait until the preview has built it."""
    seen = session.rebuilder.channel.current().build
    change()
    deadline = time.monotonic() + 120
    while session.rebuilder.channel.current().build <= seen:
        if time.monotonic() > deadline:
            raise TimeoutError("the preview did not rebuild")
        time.sleep(0.05)
    session.rebuilder.idle.wait(120)


def shoot(page: Page, url: str, path: Path, scroll_to: str = "") -> Path:
    page.goto(url)
    if scroll_to:
        page.evaluate(f"document.querySelector({scroll_to!r}).scrollIntoView()")
    page.screenshot(path)
    page.goto("about:blank")  # so no live-reload of this page overlaps the next step
    return path


def make(folder: Path, browser: Chromium) -> list[Path]:
    """Follow the guide on a fresh site and photograph each step into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kampung-panduan-") as tmp:
        site = Path(tmp) / SLUG
        init_site(site, SLUG, "Sukamaju", TODAY)
        content = site / "content" / SLUG
        with Session(site, port=0, now=NOW, log=lambda line: None) as session:
            page = browser.new_page()
            page.emulate_phone()
            home = session.url + f"{SLUG}/"
            shots = [shoot(page, home, folder / SHOTS[0])]
            rebuilt(session, lambda: edit(content / "desa.yaml", *PROFILE.items()))
            shots.append(shoot(page, home, folder / SHOTS[1]))
            path = content / "pengumuman" / "kerja-bakti-minggu-pagi.md"

            def announce() -> None:
                new_page(site / "content", "pengumuman", SLUG, ANNOUNCEMENT, TODAY)
                edit(path, (path.read_text().split("---\n")[-1], BODY))

            rebuilt(session, announce)
            shots.append(shoot(page, session.url + f"{SLUG}/pengumuman/kerja-bakti-minggu-pagi/",
                               folder / SHOTS[2]))
            rebuilt(session, lambda: edit(path, ("penting: false", "penting: true")))
            shots.append(shoot(page, home, folder / SHOTS[3]))
            rebuilt(session, lambda: edit(path, ("\ntanggal:", "\ntangal:")))
            shots.append(shoot(page, home, folder / SHOTS[4]))
    return shots


if __name__ == "__main__":
    with Chromium.launch() as chromium:
        for shot in make(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img"), chromium):
            print(shot)
