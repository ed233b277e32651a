"""What a resident reads in the sample portal, checked in every output file: no raw catalog
keys, the next date of a recurring event wherever the event shows, day names in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEXT = {".html", ".xml", ".json", ".csv", ".ics", ".txt", ".js", ".svg"}
RAW_KEY = re.compile(r"\bui\.[a-z_]+(?:\.[a-z0-9_]+)*")

pytestmark = pytest.mark.slow


@pytest.fixture
def output(sample_output: Path) -> Path:
    return sample_output


def read(output: Path, rel: str) -> str:
    return (output / rel).read_text(encoding="utf-8")


def test_no_untranslated_key_in_any_output_file_in_either_language(output) -> None:
    files = [f for f in output.rglob("*") if f.suffix in TEXT and f.is_file()]
    assert any("/en/" in f.as_posix() for f in files), "the sample has English pages"
    raw = {f"{f.relative_to(output)}: {key}" for f in files
           for key in RAW_KEY.findall(f.read_text(encoding="utf-8", errors="replace"))}
    assert raw == set()


def test_the_tourism_kind_reads_as_words(output) -> None:
    assert "<dd>Wisata budaya</dd>" in read(output, "kemiren/wisata/barong-osing/index.html")
    assert "<dd>Culture</dd>" in read(output, "kemiren/en/wisata/barong-osing/index.html")


@pytest.mark.parametrize("rel", ["kemiren/index.html", "kemiren/agenda/index.html",
                                 "kemiren/agenda/posyandu-balita/index.html",
                                 "kemiren/agenda/posyandu-balita/cetak.html"])
def test_the_monthly_posyandu_shows_its_next_date_everywhere(output, rel) -> None:
    """Posyandu: every second Tuesday from 13 January 2026; on 28 November the next is
    8 December."""
    html = read(output, rel)
    assert "Selasa, 8 Desember 2026" in html
    assert "13 Januari 2026" not in html


def test_upcoming_events_are_in_the_order_they_next_happen(output) -> None:
    html = read(output, "kemiren/agenda/index.html")
    upcoming = html.split("Agenda mendatang", 1)[1].split("<h2", 1)[0]
    months = {"Desember": 12, "Januari": 1}
    dates = [(int(y), months[m], int(d))
             for d, m, y in re.findall(r"(\d+) (Desember|Januari) (\d{4})", upcoming)]
    assert len(dates) >= 3 and dates == sorted(dates), upcoming


def test_english_pages_give_office_hours_days_in_english(output) -> None:
    html = read(output, "kemiren/en/layanan/ktp-el/index.html")
    assert "Monday–Thursday" in html and "Monday and Thursday" in html
    assert "Senin" not in html.split("class=foot", 1)[1]


def test_a_poster_page_has_a_main_landmark(output) -> None:
    assert "<main>" in read(output, "kemiren/layanan/ktp-el/cetak.html")


def test_the_portal_heading_does_not_repeat_the_header_title(output) -> None:
    html = read(output, "index.html")
    header = re.search(r"<header[^>]*>.*?</header>", html, re.S).group()
    h1 = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert h1 not in header


def test_english_pages_say_their_menu_leads_to_indonesian_pages(output) -> None:
    html = read(output, "kemiren/en/layanan/ktp-el/index.html")
    menu = re.search(r"<nav [^>]*class=menu.*?</nav>", html, re.S).group()
    assert "The menu's pages are in Indonesian." in menu
    assert menu.count("hreflang=id") == menu.count("<a ")
