"""Posters print on A4 in Chromium's own PDF print: one page each with its QR code, however
long the text, and a poster whose text had to be cut says so."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser.printkit import A4_POINTS, pages, print_pdf, qr_codes, silently_cut
from sitekit import make_site, write

from extras.conftest import NOW
from kampung.build import build

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]
BASE = "https://uji.example.id/sukamaju/"
LONG = "panjang sekali dan harus dibaca dengan teliti oleh semua warga " * 3
HUGE_SERVICE = "---\njudul: Izin yang Sangat Rumit\nkelompok: keterangan\npersyaratan:\n" + \
    "".join(f"  - {{nama: Dokumen nomor {n} yang {LONG}, bawa: fotokopi, jumlah: 2}}\n"
            for n in range(60)) + \
    "prosedur:\n" + "".join(f"  - Langkah {n}, {LONG}\n" for n in range(30)) + \
    "biaya: {nominal: 0}\nwaktu_penyelesaian: {nilai: 3, satuan: hari_kerja}\n" \
    "produk: Surat izin\npengaduan: Kepala desa\n---\nDibuat di kantor desa.\n"
HUGE_NOTICE = "---\njudul: Waspada Bencana dengan Judul yang Juga Sangat Panjang " \
    "Sekali untuk Menguji Tata Letak\ntanggal: 2026-11-25\njenis: serta_merta\n" \
    "penting: true\nberlaku_sampai: 2026-12-31\n" \
    f"bahaya: Banjir {LONG}\nwilayah_terdampak: [" + \
    ", ".join(f"Dusun {n} RT 0{n % 9 + 1}" for n in range(40)) + "]\n" \
    f"cara_menghindari: {LONG * 4}\nbantuan:\n" + \
    "".join(f'  - {{nama: Posko {n}, telepon: "0812 0000 {n:04d}"}}\n' for n in range(12)) + \
    f"diumumkan_oleh: Kepala Desa\nevakuasi: {{titik_kumpul: Balai Desa}}\n" \
    f"upaya_penanganan: {LONG * 3}\n---\n" + "\n\n".join(LONG * 2 for _ in range(30)) + "\n"


@pytest.fixture(scope="module")
def tab(out: Path) -> Iterator[object]:
    from browser.cdp import Chromium
    from browser.host import StaticHost

    with StaticHost(out.parent) as host, Chromium.launch() as browser:
        page = browser.new_page()
        page.base = host.url
        yield page


def service(count: int) -> str:
    """A service with `count` requirements and steps, names of every length."""
    needs = "".join(f"  - {{nama: Dokumen {n} {'yang ' * (n % 9)}{LONG[:n * 7 % 150]}, "
                    "bawa: fotokopi, jumlah: 1}\n" for n in range(count))
    steps = "".join(f"  - Langkah {n}, {LONG[:n * 11 % 180]}\n" for n in range(count // 2 + 1))
    return (f"---\njudul: Layanan dengan {count} syarat\nkelompok: keterangan\n"
            f"untuk_apa: {LONG[:count * 5]}\npersyaratan:\n{needs or '  - {nama: KTP-el}'}\n"
            f"prosedur:\n{steps}biaya: {{nominal: 0}}\n"
            "waktu_penyelesaian: {nilai: 3, satuan: hari_kerja}\nproduk: Surat\n"
            "pengaduan: Kepala desa\n---\nIsi.\n")


def notice(count: int) -> str:
    """An emergency notice with `count` paragraphs and areas."""
    areas = ", ".join(f"Dusun {n}" for n in range(count + 1))
    helpers = "".join(f'  - {{nama: Posko {n}, telepon: "0812 {n:04d}"}}\n'
                      for n in range(count // 3 + 1))
    body = "\n\n".join(LONG[:40 + n * 13 % 190] for n in range(count))
    return ("---\njudul: Waspada banjir\ntanggal: 2026-11-25\njenis: serta_merta\n"
            f"berlaku_sampai: 2026-12-31\nbahaya: Banjir {LONG[:count * 9]}\n"
            f"wilayah_terdampak: [{areas}]\ncara_menghindari: {LONG[:count * 12 + 20]}\n"
            f"bantuan:\n{helpers}diumumkan_oleh: Kepala Desa\n"
            "evakuasi: {titik_kumpul: Balai Desa}\nupaya_penanganan: Posko dibuka.\n"
            f"---\n{body}\n")


LENGTHS = range(0, 49, 4)


@pytest.fixture(scope="module")
def lengths(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Services and emergency notices of every length from a line to far too long."""
    root = make_site(tmp_path_factory.mktemp("panjang") / "situs")
    for count in LENGTHS:
        write(root, f"content/sukamaju/layanan/syarat-{count}.md", service(count))
        write(root, f"content/sukamaju/pengumuman/banjir-{count}.md", notice(count))
    build(root, root / "output", now=NOW)
    return root / "output"


@pytest.mark.parametrize("kind", ["layanan/syarat", "pengumuman/banjir"])
def test_posters_of_every_length_fit_one_page_and_never_lose_text_silently(
        tab, lengths: Path, kind: str) -> None:
    """The type shrinks as the text grows; only past the smallest size is text cut, and
    then the poster says so. Whatever the length: one A4 page, its QR code readable."""
    sizes = []
    for count in LENGTHS:
        page = f"{kind}-{count}/"
        pdf = print_pdf(tab, (lengths / "sukamaju" / page / "cetak.html").as_uri())
        assert pages(pdf) == [pytest.approx(A4_POINTS, abs=1.5)], page
        assert qr_codes(pdf) == [[BASE + page]], page
        assert silently_cut(tab) == [], page
        sizes.append(tab.evaluate("getComputedStyle(document.querySelector('.poster'))"
                                  ".fontSize"))
    points = [float(size.removesuffix("px")) for size in sizes]
    assert points == sorted(points, reverse=True) and points[0] > points[-1]


@pytest.fixture(scope="module")
def extreme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A village whose service and emergency notice are far too long for one page."""
    root = make_site(tmp_path_factory.mktemp("ekstrem") / "situs")
    write(root, "content/sukamaju/layanan/izin-rumit.md", HUGE_SERVICE)
    write(root, "content/sukamaju/pengumuman/bencana.md", HUGE_NOTICE)
    build(root, root / "output", now=NOW)
    return root / "output"


@pytest.mark.parametrize("poster", ["sukamaju/cetak.html",
                                    "sukamaju/layanan/akta-kelahiran/cetak.html",
                                    "sukamaju/layanan/ahli-waris/cetak.html",
                                    "sukamaju/pengumuman/banjir/cetak.html",
                                    "sukamaju/agenda/posyandu/cetak.html"])
def test_each_poster_prints_on_one_a4_page(tab, poster: str) -> None:
    pdf = print_pdf(tab, f"{tab.base}output/{poster}")
    assert pages(pdf) == [pytest.approx(A4_POINTS, abs=1.5)]
    assert qr_codes(pdf) == [[BASE + poster.removeprefix("sukamaju/").removesuffix(
        "cetak.html")]]
    assert silently_cut(tab) == []


@pytest.mark.parametrize("poster", ["layanan/izin-rumit/", "pengumuman/bencana/"])
def test_a_far_too_long_poster_still_prints_on_one_page_and_says_the_rest_is_online(
        tab, extreme: Path, poster: str) -> None:
    pdf = print_pdf(tab, (extreme / "sukamaju" / poster / "cetak.html").as_uri())
    assert pages(pdf) == [pytest.approx(A4_POINTS, abs=1.5)]
    assert qr_codes(pdf) == [[BASE + poster]]
    assert tab.evaluate("document.querySelector('.more').textContent").startswith(
        "Teks ini dipotong")
    assert silently_cut(tab) == []


def test_notice_board_file_prints_one_poster_per_page(tab, extras_site: Path) -> None:
    target = extras_site / "papan.html"
    subprocess.run([sys.executable, "-m", "kampung", "posters", "sukamaju", "--site",
                    str(extras_site), "--output", str(target), "--now", "2026-11-28"],
                   check=True, capture_output=True)
    count = target.read_text("utf-8").count('<section class="poster ')
    pdf = print_pdf(tab, f"{tab.base}papan.html")
    assert len(pages(pdf)) == count >= 8
    assert all(p == pytest.approx(A4_POINTS, abs=1.5) for p in pages(pdf))
    assert all(len(found) == 1 for found in qr_codes(pdf))
    assert silently_cut(tab) == []
