"""The portal index across villages: urgent notices from all, a service directory, and each
village with its district and a map link."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOW

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
    entries = {a.strong.get_text(): a for a in soup.select("main a") if a.strong}
    assert entries["KTP-el"]["href"] == "layanan/ktp-el/index.html"
    assert entries["KTP-el"].get_text(" ", strip=True).endswith("ada di 2 desa")
    akta = entries["Akta Kelahiran"]  # one village offers it: straight to its page
    assert akta["href"] == "sukamaju/layanan/akta-kelahiran/index.html", akta["href"]
    assert akta.get_text(" ", strip=True).endswith("Desa Sukamaju")
    directory = soup_of(out, "layanan/index.html")
    assert directory.select_one('a[href="ktp-el/index.html"]').get_text(" ", strip=True) \
        == "KTP-el ada di 2 desa"
    ktp = soup_of(out, "layanan/ktp-el/index.html").select_one("main")
    assert [a["href"] for a in ktp.select("ul a")] == ["../../sukamaju/layanan/ktp-el/index.html",
                                                       "../../sumberrejo/layanan/ktp-el/index.html"]
    assert "Kecamatan Glagah" in ktp.get_text(" ", strip=True)


@pytest.mark.slow
def test_a_regency_portal_stays_one_round_trip(tmp_path: Path) -> None:
    """217 villages in 25 districts (Banyuwangi), each with a summary of its own and ten of
    forty services: the index, the directory and the search page stay within the 14 KB
    first-round-trip budget, and the directory does not grow with the villages."""
    from sitekit import LAYANAN, make_site

    from kampung.assets.budgets import Budgets
    from kampung.build import build

    site = tmp_path / "situs"
    villages = tuple(f"desa-{n:03d}" for n in range(217))
    make_site(site, villages=villages)
    words = ["sawah", "kopi", "batik", "pantai", "kerajinan", "tari", "gandrung", "jeruk",
             "buah naga", "tambak", "hutan", "air terjun", "kebun", "pasar", "sungai"]
    for n, slug in enumerate(villages):
        about = ", ".join(words[(n * k + 3) % len(words)] for k in range(1, 5))
        desa = site / "content" / slug / "desa.yaml"
        desa.write_text(desa.read_text(encoding="utf-8").replace(
            "kecamatan: ", f"ringkasan: Desa nomor {n * 37 % 1000} dikenal dengan {about}.\n"
                           f"kecamatan: Kec{n % 25:02d} ", 1), encoding="utf-8")
        for k in range(8):
            (site / "content" / slug / "layanan" / f"surat-{k}.md").write_text(
                LAYANAN.replace("judul: KTP-el", f"judul: Surat Keterangan {(n * 7 + k * 3) % 40}"),
                encoding="utf-8")
    report = build(site, site / "output", now=NOW, budgets=Budgets())
    over = {dict(p.params)["page"] for p in report.problems if p.code == "budget_html"}
    assert not over & {"index.html", "layanan/index.html", "cari/index.html"}, over
    directory = soup_of(site / "output", "layanan/index.html").select("main a")
    assert len([a for a in directory if a["href"].endswith("/index.html")]) == 42
    assert not [a for a in directory if "desa-" in a["href"]]  # villages: on each service's page
    ktp = soup_of(site / "output", "layanan/ktp-el/index.html")
    assert len(ktp.select('main a[href*="desa-"]')) == 217
    assert len(ktp.select("main h2")) == 25  # by district
