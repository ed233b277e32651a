"""What residents see: each test is a story about a page of the built site."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOW
from htmlkit import internal_links, page, text
from sitekit import announcement, write

from kampung.build import build

V = "content/sukamaju"
URGENT = """berlaku_sampai: 2026-12-31
jenis: serta_merta
penting: true
bahaya: Banjir bandang
wilayah_terdampak: [Dusun Krajan]
cara_menghindari: Jauhi sungai
evakuasi: {titik_kumpul: Balai Desa}
bantuan: [{nama: BPBD, telepon: "0333 111222"}]
diumumkan_oleh: Kepala Desa
upaya_penanganan: Posko siaga dibuka"""


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One built village shared by the stories below, which only read it."""
    from sitekit import make_site

    site = make_site(tmp_path_factory.mktemp("pages") / "situs")
    write(site, f"{V}/pengumuman/banjir.md", announcement("Awas banjir", "2026-11-27", URGENT))
    write(site, f"{V}/pengumuman/lomba.md",
          announcement("Lomba lama", "2026-08-01", "berlaku_sampai: 2026-08-31"))
    write(site, f"{V}/agenda/posyandu.md",
          "---\njudul: Posyandu Balita\nmulai: 2026-12-08 08:00\nlokasi: Balai Dusun\n---\n")
    write(site, f"{V}/agenda/musdes.md",
          "---\njudul: Musyawarah Desa\nmulai: 2026-10-01 19:00\nlokasi: Balai Desa\n---\n")
    build(site, site / "output", now=NOW)
    return site / "output"


def test_urgent_announcement_is_a_banner_on_every_page(output: Path) -> None:
    for rel in ("sukamaju/index.html", "sukamaju/layanan/ktp-el/index.html",
                "sukamaju/kontak/index.html", "sukamaju/halaman/profil/index.html"):
        banner = page(output, rel).select_one(".banner")
        assert banner is not None and "Awas banjir" in text(banner), rel


def test_urgent_banner_comes_before_the_main_content(output: Path) -> None:
    soup = page(output, "sukamaju/index.html")
    assert soup.select_one(".banner").find_next("main") is soup.main


def test_emergency_notice_shows_what_to_do_and_whom_to_call(output: Path) -> None:
    soup = page(output, "sukamaju/pengumuman/banjir/index.html")
    body = text(soup)
    assert "Banjir bandang" in body and "Jauhi sungai" in body and "Dusun Krajan" in body
    assert soup.select_one('a[href="tel:+62333111222"]') is not None


def test_home_shows_hours_address_phone_whatsapp_and_emergency_numbers(output: Path) -> None:
    soup = page(output, "sukamaju/index.html")
    body = text(soup)
    assert "08.00–15.00 WIB" in body
    assert "Jl. Raya Sukamaju 1" in body
    assert soup.select_one('a[href="tel:+62333123456"]') is not None
    assert soup.select_one('a[href="https://wa.me/6281200001111"]') is not None
    assert soup.select_one('a[href="tel:118"]') is not None
    assert soup.select_one('a[href^="https://www.openstreetmap.org/"]') is not None


def test_home_has_quick_links_to_popular_services(output: Path) -> None:
    links = page(output, "sukamaju/index.html").select(".quick a")
    quick = {a.get_text(): a["href"] for a in links}
    assert quick["KTP-el"] == "layanan/ktp-el/index.html"


def test_expired_announcement_leaves_home_and_lists_for_the_archive(output: Path) -> None:
    assert "Lomba lama" not in text(page(output, "sukamaju/index.html"))
    assert "Lomba lama" not in text(page(output, "sukamaju/pengumuman/index.html"))
    assert "Lomba lama" in text(page(output, "sukamaju/pengumuman/arsip/index.html"))
    assert "Lomba lama" not in (output / "sukamaju/feed.xml").read_text()
    assert (output / "sukamaju/pengumuman/lomba/index.html").exists()


def test_events_split_into_upcoming_and_past(output: Path) -> None:
    soup = page(output, "sukamaju/agenda/index.html")
    sections = soup.find_all("h2")
    upcoming = text(soup).split(sections[1].get_text())[0]
    assert "Posyandu Balita" in upcoming and "Musyawarah Desa" not in upcoming
    assert "Posyandu Balita" in text(page(output, "sukamaju/index.html"))


def test_service_page_shows_the_six_parts_of_the_service_standard(output: Path) -> None:
    soup = page(output, "sukamaju/layanan/ktp-el/index.html")
    body = text(soup)
    assert "Gratis" in body
    assert [li.get_text(" ", strip=True) for li in soup.select("ul.check li")] == [
        "Kartu Keluarga (fotokopi)"]
    assert len(soup.select("ol.steps li")) == 2
    for label in ("Persyaratan", "Langkah pengurusan", "Lama penyelesaian", "Biaya",
                  "Yang Anda terima", "Pengaduan"):
        assert label in body
    assert "1 hari kerja" in body
    assert "Minggu, 1 November 2026" in body


def test_fees_are_written_the_official_way(site: Path) -> None:
    text_ = (site / V / "layanan/kk.md").read_text().replace("nominal: 0", "nominal: 10000")
    write(site, f"{V}/layanan/kk.md", text_)
    build(site, site / "output", now=NOW)
    assert "Rp10.000" in text(page(site / "output", "sukamaju/layanan/kk/index.html"))


def test_markdown_link_to_another_content_file_becomes_its_url(output: Path) -> None:
    link = page(output, "sukamaju/layanan/ktp-el/index.html").find("a", string="KK")
    assert link["href"] == "../kk/index.html"


def test_every_internal_link_points_at_a_built_file(output: Path) -> None:
    for html in output.rglob("*.html"):
        rel = html.relative_to(output).as_posix()
        for target in internal_links(output, rel):
            assert (output / target).is_file(), f"{rel} -> {target}"


def test_every_page_has_lang_title_description_canonical_and_open_graph(output: Path) -> None:
    soup = page(output, "sukamaju/layanan/ktp-el/index.html")
    assert soup.html["lang"] == "id"
    assert soup.title.get_text() == "KTP-el · Sukamaju"
    assert soup.select_one('meta[name="description"]')["content"]
    canonical = "https://uji.example.id/sukamaju/layanan/ktp-el/"
    assert soup.select_one('link[rel="canonical"]')["href"] == canonical
    assert soup.select_one('meta[property="og:url"]')["content"] == canonical


def test_feed_sitemap_robots_and_404(output: Path) -> None:
    feed = (output / "sukamaju/feed.xml").read_text()
    assert "<feed" in feed and "https://uji.example.id/sukamaju/pengumuman/kerja-bakti/" in feed
    sitemap = (output / "sukamaju/sitemap.xml").read_text()
    assert "https://uji.example.id/sukamaju/layanan/ktp-el/" in sitemap
    assert "Sitemap: https://uji.example.id/sitemap.xml" in (output / "robots.txt").read_text()
    assert "https://uji.example.id/sukamaju/sitemap.xml" in (output / "sitemap.xml").read_text()
    assert (output / "404.html").exists() and (output / "sukamaju/404.html").exists()


def test_portal_index_lists_every_village(site: Path) -> None:
    from sitekit import make_site

    make_site(site, villages=("sukamaju", "sumberrejo"))
    build(site, site / "output", now=NOW)
    index = page(site / "output", "index.html")
    links = [a["href"] for a in index.select("main ul.villages > li > a:first-child")]
    assert links == ["sukamaju/index.html", "sumberrejo/index.html"]


def test_script_in_markdown_is_removed(site: Path) -> None:
    write(site, f"{V}/pengumuman/x.md", announcement("X") +
          '\n<script>alert(1)</script><img src=x onerror="alert(2)"> <b>tebal</b>\n')
    build(site, site / "output", now=NOW)
    html = (site / "output/sukamaju/pengumuman/x/index.html").read_text()
    assert "<script>alert" not in html and "onerror" not in html and "<b>tebal</b>" in html


def test_a_site_may_opt_in_to_raw_html(site: Path) -> None:
    write(site, "content/portal.yaml",
          "nama: P\nbase_url: https://p.example/\nizinkan_html: true\n")
    write(site, f"{V}/pengumuman/x.md", announcement("X") + '\n<iframe src="peta.html"></iframe>\n')
    build(site, site / "output", now=NOW)
    assert "<iframe" in (site / "output/sukamaju/pengumuman/x/index.html").read_text()


def test_translation_sits_beside_the_original(site: Path) -> None:
    write(site, f"{V}/layanan/ktp-el.en.md", "---\njudul: Electronic ID card\n---\nBring it.\n")
    build(site, site / "output", now=NOW)
    soup = page(site / "output", "sukamaju/en/layanan/ktp-el/index.html")
    assert soup.html["lang"] == "en"
    assert "Electronic ID card" in text(soup) and "Free" in text(soup)
    original = page(site / "output", "sukamaju/layanan/ktp-el/index.html")
    assert original.select_one('a[hreflang="en"]')["href"] == "../../en/layanan/ktp-el/index.html"


def test_village_colour_comes_from_desa_yaml(site: Path) -> None:
    desa = (site / V / "desa.yaml").read_text() + 'tema: {warna: "#7a1f5c"}\n'
    write(site, f"{V}/desa.yaml", desa)
    build(site, site / "output", now=NOW)
    assert ":root{--c:#7a1f5c}" in (site / "output/sukamaju/index.html").read_text()


def test_site_template_overrides_the_theme(site: Path) -> None:
    write(site, "templates/kontak.html",
          '{% extends "base.html" %}{% block content %}<h1>Kontak khusus</h1>{% endblock %}')
    build(site, site / "output", now=NOW)
    assert "Kontak khusus" in text(page(site / "output", "sukamaju/kontak/index.html"))


def test_announcements_are_paginated(site: Path) -> None:
    for n in range(12):
        write(site, f"{V}/pengumuman/p{n:02d}.md", announcement(f"Pengumuman {n}",
                                                               f"2026-10-{n + 1:02d}"))
    build(site, site / "output", now=NOW)
    first = page(site / "output", "sukamaju/pengumuman/index.html")
    assert len(first.select("main ul.list li")) == 10
    second = page(site / "output", "sukamaju/pengumuman/halaman/2/index.html")
    assert len(second.select("main ul.list li")) == 3
    assert first.select_one('.pager a')["href"] == "halaman/2/index.html"
