"""Sharing on WhatsApp: a plain link with title, summary and URL, and a small preview card."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from extras.conftest import soup_of
from kampung.extras.share import share_text, whatsapp_share

BASE = "https://uji.example.id/sukamaju/"


def shared_message(href: str) -> str:
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/")
    return parse_qs(parts.query, strict_parsing=True)["text"][0]


@pytest.mark.parametrize("page", ["layanan/akta-kelahiran/", "pengumuman/banjir/",
                                  "agenda/posyandu/", "wisata/sawah/"])
def test_share_link_carries_title_summary_and_address(out: Path, page: str) -> None:
    soup = soup_of(out, f"sukamaju/{page}index.html")
    link = soup.select_one('a[href^="https://wa.me/?text="]')
    message = shared_message(link["href"])
    title = soup.h1.get_text(strip=True)
    assert message.startswith(f"*{title}*\n") and message.endswith("\n" + BASE + page)
    assert not soup.select('a[href^="https://wa.me/?"] ~ script')


def test_share_text_survives_characters_that_break_urls() -> None:
    title, summary = "Kerja bakti & lomba #17 Agustus?", "Kumpul 07.00 = tepat 100% 🇮🇩"
    url = "https://desa.example.id/kemiren/pengumuman/lomba/"
    message = shared_message(whatsapp_share(title, summary, url))
    assert message == share_text(title, summary, url)
    assert message == f"*{title}*\n{summary}\n{url}"


def test_list_pages_and_home_have_no_share_button(out: Path) -> None:
    for rel in ("sukamaju/index.html", "sukamaju/layanan/index.html"):
        assert not soup_of(out, rel).select('a[href^="https://wa.me/?text="]'), rel


def test_card_shows_the_pages_first_photo_sized_for_whatsapp(out: Path) -> None:
    soup = soup_of(out, "sukamaju/wisata/sawah/index.html")
    image = soup.select_one('meta[property="og:image"]')["content"]
    assert image == BASE + "pratinjau/sawah.jpg"
    assert soup.select_one('meta[property="og:image:width"]')["content"] == "600"
    assert soup.select_one('meta[property="og:image:alt"]')["content"] == "Sawah berundak hijau"
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary"
    file = out / "sukamaju/pratinjau/sawah.jpg"
    with Image.open(file) as picture:
        assert picture.size == (600, 315) and picture.format == "JPEG"
        assert not picture.getexif()
    assert file.stat().st_size < 60_000


def test_pages_without_a_photo_show_the_village_logo(out: Path) -> None:
    soup = soup_of(out, "sukamaju/layanan/ktp-el/index.html")
    card = soup.select_one('meta[property="og:image"]')["content"]
    assert card == BASE + "pratinjau/logo-png.jpg"
    with Image.open(out / "sukamaju/pratinjau/logo-png.jpg") as picture:
        assert picture.size == (300, 300)
        assert picture.getpixel((150, 150))[0] > 150  # the red logo, not a black square


def test_village_without_logo_or_photo_has_no_broken_card(out: Path) -> None:
    soup = soup_of(out, "sumberrejo/layanan/ktp-el/index.html")
    assert soup.select_one('meta[property="og:image"]') is None
    assert soup.select_one('meta[property="og:title"]')["content"]
