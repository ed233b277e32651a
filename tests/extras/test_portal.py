"""The portal index across villages: urgent notices from all, a service directory, and each
village with its district and a map link."""

from __future__ import annotations

from pathlib import Path

from extras.conftest import soup_of


def test_urgent_announcements_from_every_village(out: Path) -> None:
    banner = soup_of(out, "index.html").select_one(".banner").get_text(" ", strip=True)
    assert "Sukamaju: Waspada Banjir di Dusun Krajan" in banner
    assert "Sumberrejo: Air PDAM mati" in banner


def test_each_village_with_its_district_and_a_map_link(out: Path) -> None:
    soup = soup_of(out, "index.html")
    text = soup.select_one("main").get_text(" ", strip=True)
    assert "Kecamatan Glagah" in text and "Kecamatan Songgon" in text
    maps = [a["href"] for a in soup.select('main a[href^="https://www.openstreetmap.org/"]')]
    assert len(maps) == 2 and "mlat=-8.2" in maps[0]


def test_service_directory_across_villages(out: Path) -> None:
    soup = soup_of(out, "index.html")
    entries = {a.strong.get_text(): a for a in soup.select('main a[href^="layanan/index.html#"]')}
    assert entries["KTP-el"].get_text(" ", strip=True).endswith("ada di 2 desa")
    assert entries["Akta Kelahiran"].get_text(" ", strip=True).endswith("ada di 1 desa")
    directory = soup_of(out, "layanan/index.html")
    ktp = directory.select_one("h3#ktp-el").find_next("ul")
    assert [a["href"] for a in ktp.select("a")] == ["../sukamaju/layanan/ktp-el/index.html",
                                                    "../sumberrejo/layanan/ktp-el/index.html"]
