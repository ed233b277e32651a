"""The notice board: a printable A4 poster for each service, announcement, event and home."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extras.conftest import soup_of
from extras.qrkit import decode_svg, svg_matrix
from kampung.extras.qr import qr_matrix

BASE = "https://uji.example.id/sukamaju/"
POSTERS = {
    "sukamaju/cetak.html": BASE,
    "sukamaju/layanan/akta-kelahiran/cetak.html": BASE + "layanan/akta-kelahiran/",
    "sukamaju/layanan/ktp-el/cetak.html": BASE + "layanan/ktp-el/",
    "sukamaju/pengumuman/banjir/cetak.html": BASE + "pengumuman/banjir/",
    "sukamaju/agenda/posyandu/cetak.html": BASE + "agenda/posyandu/",
}


@pytest.mark.parametrize(("rel", "url"), POSTERS.items())
def test_poster_qr_code_opens_the_public_page(out: Path, rel: str, url: str) -> None:
    svg = str(soup_of(out, rel).select_one("svg.qr"))
    assert decode_svg(svg) == url
    quiet = 4  # the blank border a camera needs, in modules
    inside = [row[quiet:-quiet] for row in svg_matrix(svg)[quiet:-quiet]]
    assert inside == [[module == 0 for module in row] for row in qr_matrix(url)]


def test_qr_code_is_inline_svg_with_a_text_alternative(out: Path) -> None:
    soup = soup_of(out, "sukamaju/layanan/ktp-el/cetak.html")
    svg = soup.select_one("svg.qr")
    assert svg["role"] == "img" and svg.title.get_text()
    assert not soup.select('img[src$=".png"], img[src^="http"]')


def test_service_poster_has_requirements_as_a_checklist_fee_and_office_hours(out: Path) -> None:
    soup = soup_of(out, "sukamaju/layanan/akta-kelahiran/cetak.html")
    items = [li.get_text(" ", strip=True) for li in soup.select("ul.check li")]
    assert items[0].startswith("Surat keterangan lahir") and len(items) == 3
    text = soup.get_text(" ", strip=True)
    assert "GRATIS" in text and "7 hari kerja" in text and "Senin–Kamis 08.00–15.00" in text
    # a print copy points search engines at the page it prints
    assert soup.select_one('link[rel="canonical"]')["href"] == BASE + "layanan/akta-kelahiran/"


def test_emergency_poster_says_what_to_do_and_whom_to_call(out: Path) -> None:
    text = soup_of(out, "sukamaju/pengumuman/banjir/cetak.html").get_text(" ", strip=True)
    assert "Banjir dari luapan sungai" in text and "0812 0000 2222" in text


def test_home_poster_has_hours_contacts_and_emergency_numbers(out: Path) -> None:
    text = soup_of(out, "sukamaju/cetak.html").get_text(" ", strip=True)
    assert "08.00–15.00 WIB" in text and "0333 123456" in text and "Ambulans" in text


def test_each_page_links_to_its_poster(out: Path) -> None:
    for page in ("layanan/ktp-el/", "pengumuman/banjir/", "agenda/posyandu/"):
        links = [a["href"] for a in soup_of(out, f"sukamaju/{page}index.html").select("a")]
        assert "cetak.html" in links, page
    home = [a["href"] for a in soup_of(out, "sukamaju/index.html").select("a")]
    assert "cetak.html" in home


def test_posters_command_writes_one_self_contained_print_file(extras_site: Path,
                                                              tmp_path: Path) -> None:
    target = tmp_path / "papan.html"
    done = subprocess.run([sys.executable, "-m", "kampung", "posters", "sukamaju",
                           "--site", str(extras_site), "--output", str(target),
                           "--now", "2026-11-28"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    soup = soup_of(tmp_path, "papan.html")
    titles = [h.get_text() for h in soup.select(".poster h1")]
    assert "Akta Kelahiran" in titles and "Posyandu Balita" in titles
    assert "Kerja bakti" in titles  # a current announcement
    assert all(img["src"].startswith("data:image/jpeg;base64,") for img in soup.select("img"))
    assert len(soup.select("svg.qr")) == len(titles)


def test_posters_command_names_an_unknown_village(extras_site: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kampung", "posters", "sukamju",
                           "--site", str(extras_site), "--output", str(tmp_path / "x.html")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "sukamju" in done.stderr and "sukamaju" in done.stderr



@pytest.mark.slow
def test_expired_announcements_and_past_events_lose_their_posters_and_links(
        tmp_path: Path) -> None:
    from datetime import datetime

    from extras.site import make_extras_site
    from kampung.build import build

    root = make_extras_site(tmp_path / "situs")
    output = root / "output"
    pages = ("sumberrejo/pengumuman/air/", "sukamaju/agenda/musdes/")  # until 2 and 5 Dec
    build(root, output, now=datetime(2026, 12, 1, 9, 0))
    assert all((output / page / "cetak.html").is_file() for page in pages)
    build(root, output, now=datetime(2026, 12, 6, 9, 0))
    for page in pages:
        assert not (output / page / "cetak.html").exists()  # the incremental build removed it
        assert "cetak.html" not in [a["href"] for a in soup_of(output, page + "index.html")
                                    .select("a")]
    assert (output / "sumberrejo/layanan/ktp-el/cetak.html").is_file()  # services keep theirs
