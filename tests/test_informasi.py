"""What Perki 1/2018 and residents expect beyond services: documents, projects, aid figures,
a gallery, local products and the territory with its map (issue 19)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sitekit import make_site, write

from kampung.build import build
from kampung.model import load_site

NOW = datetime(2026, 11, 28, 9, 0)
V = "content/sukamaju"
PROJECT = """\
---
judul: Rabat beton jalan Dusun Krajan
bidang: 2
tahun_anggaran: 2026
lokasi: {dusun: Krajan, alamat: RT 01 RW 01, lat: -8.201, lng: 114.301}
anggaran: 150000000
sumber_dana: DD
pelaksana: TPK Desa Sukamaju
volume: 300
satuan: meter
progres:
  - {tanggal: 2026-08-01, persen: 0, foto: {file: sebelum.jpg, alt: Jalan tanah becek}}
  - {tanggal: 2026-10-01, persen: 40}
  - {tanggal: 2026-11-20, persen: 75, foto: {file: sesudah.jpg, alt: Jalan beton baru}}
---
Dikerjakan padat karya.
"""
BUDGET = """\
tahun: 2026
pendapatan: [{uraian: Dana Desa, anggaran: 900000000}]
belanja:
  - uraian: Rabat beton jalan Krajan
    anggaran: 150000000
    bidang: 2
    pembangunan: [{slug}]
"""
DOCUMENTS = {
    "perdes-apbdes-2026": "judul: APBDes 2026\njenis: perdes\nnomor: \"1\"\ntahun: 2026\n"
                          "status: dicabut\ndiganti_oleh: perdes-perubahan-apbdes-2026\n",
    "perdes-perubahan-apbdes-2026": "judul: Perubahan APBDes 2026\njenis: perdes\n"
                                    "nomor: \"5\"\ntahun: 2026\n",
    "rpjmdes-2025-2031": "judul: RPJM Desa 2025-2031\njenis: rpjmdes\ntahun: 2025\n",
}
AID = """\
tanggal_data: 2026-11-01
sumber: Kantor desa
program:
  - nama: BLT Dana Desa
    sumber: desa
    tahun: 2026
    penerima:
      - {dusun: Krajan, jumlah: 12}
      - {dusun: Kulon, jumlah: 9}
"""
AID_WITH_PEOPLE = """\
tanggal_data: 2026-11-01
sumber: Kantor desa
program:
  - nama: BLT Dana Desa
    sumber: desa
    tahun: 2026
    penerima:
      - {dusun: Krajan, jumlah: 1}
      - dusun: Kulon
        jumlah: 1
        nama: Siti Aminah
        nik: "3510123456789012"
"""
TERRITORY = """\
luas_ha: 210
dusun:
  - {nama: Krajan, penduduk: 1200, keluarga: 400, rw: [{nomor: "01", rt: ["01", "02"]}]}
  - {nama: Kulon, penduduk: 800, keluarga: 260}
"""
MAP = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"nama": "Sukamaju", "jenis": "desa"},
     "geometry": {"type": "Polygon", "coordinates": [[[114.29, -8.19], [114.31, -8.19],
                                                      [114.31, -8.21], [114.29, -8.21],
                                                      [114.29, -8.19]]]}},
    {"type": "Feature", "properties": {"nama": "Krajan"},
     "geometry": {"type": "Polygon", "coordinates": [[[114.29, -8.19], [114.31, -8.19],
                                                      [114.31, -8.20], [114.29, -8.20],
                                                      [114.29, -8.19]]]}},
    {"type": "Feature", "properties": {"nama": "Kulon"},
     "geometry": {"type": "Polygon", "coordinates": [[[114.29, -8.20], [114.31, -8.20],
                                                      [114.31, -8.21], [114.29, -8.21],
                                                      [114.29, -8.20]]]}}]}
TOURISM = """\
---
judul: Air Terjun Kembar
kategori: alam
lokasi: {alamat: Dusun Kulon, lat: -8.205, lng: 114.305}
---
Air terjun.
"""


def photo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 200), (90, 120, 60)).save(path)


def rich(root: Path) -> Path:
    make_site(root)
    write(root, f"{V}/pembangunan/jalan-krajan.md", PROJECT)
    write(root, f"{V}/data/apbdes-2026.yaml", BUDGET.replace("{slug}", "jalan-krajan"))
    for slug, front in DOCUMENTS.items():
        write(root, f"{V}/dokumen/{slug}.md", f"---\n{front}---\nIsi.\n")
    write(root, f"{V}/data/bantuan.yaml", AID)
    write(root, f"{V}/data/wilayah.yaml", TERRITORY)
    write(root, f"{V}/data/peta.geojson", json.dumps(MAP))
    write(root, f"{V}/wisata/air-terjun.md", TOURISM)
    write(root, f"{V}/galeri/hut-ri.md", "---\njudul: HUT RI\nfoto:\n  - {file: sebelum.jpg, "
          "alt: Lomba panjat pinang, keterangan: Juara lomba}\n---\nAlbum.\n")
    write(root, f"{V}/produk/keripik.md", "---\njudul: Keripik pisang\nharga: 15000\nsatuan: "
          "bungkus\npenjual: {nama: UMKM Bu Sri, whatsapp: \"0812 1111 2222\"}\n---\nRenyah.\n")
    photo(root / V / "media/sebelum.jpg")
    photo(root / V / "media/sesudah.jpg")
    return root


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = rich(tmp_path_factory.mktemp("informasi") / "situs")
    build(root, root / "output", now=NOW)
    return root / "output/sukamaju"


def soup(out: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((out / rel).read_text("utf-8"), "html.parser")


def codes(root: Path) -> list[tuple[str, int, str]]:
    _, problems = load_site(root / "content", NOW)
    return [(p.path, p.line, p.code) for p in problems if p.severity == "error"]


def test_a_project_page_shows_progress_and_before_and_after_photos_without_script(out):
    page = soup(out, "pembangunan/jalan-krajan/index.html")
    assert page.select_one("progress")["value"] == "75"
    captions = [f.get_text(" ", strip=True) for f in page.select(".beforeafter figcaption")]
    assert captions[0].startswith("Sebelum (0%") and captions[1].startswith("Terkini (75%")
    assert page.select_one("article script") is None


def test_projects_are_open_data_and_linked_from_the_budget_line_that_pays(out):
    rows = list(csv.DictReader(io.StringIO((out / "pembangunan/pembangunan.csv").read_text())))
    assert rows[0]["anggaran"] == "150000000" and rows[0]["persen"] == "75"
    assert json.loads((out / "pembangunan/pembangunan.json").read_text())["baris"][0][
        "dusun"] == "Krajan"
    links = [a["href"] for a in soup(out, "apbdes/index.html").select("td a")]
    assert "../pembangunan/jalan-krajan/index.html" in links


def test_documents_are_listed_by_kind_and_in_the_public_information_list(out):
    listing = soup(out, "dokumen/index.html")
    assert [h.get_text() for h in listing.select("main h2")] == ["Peraturan Desa", "RPJM Desa"]
    dip = soup(out, "informasi-publik/index.html").get_text(" ")
    assert "RPJM Desa 2025-2031" in dip and "Perubahan APBDes 2026" in dip
    revoked = soup(out, "dokumen/perdes-apbdes-2026/index.html")
    assert "Dicabut" in revoked.get_text() and revoked.select_one(
        "a[href*=perdes-perubahan-apbdes-2026]")


def test_aid_is_published_as_counts_per_dusun(out):
    page = soup(out, "bantuan/index.html")
    assert [td.get_text() for td in page.select("main tbody td")] == ["Krajan", "12", "Kulon", "9"]
    assert "UU 27/2022" in page.get_text()


def test_an_aid_file_that_lists_people_is_refused_citing_the_law(tmp_path):
    root = make_site(tmp_path / "situs")
    write(root, f"{V}/data/bantuan.yaml", AID_WITH_PEOPLE)
    assert codes(root) == [("sukamaju/data/bantuan.yaml", 11, "personal_data"),
                           ("sukamaju/data/bantuan.yaml", 12, "personal_data")]
    _, problems = load_site(root / "content", NOW)
    assert "UU 27/2022" in problems[0].message("id")
    assert "Law 27/2022" in problems[0].message("en")


def test_the_map_is_inline_svg_with_labels_places_and_a_text_list(out):
    page = soup(out, "wilayah/index.html")
    svg = page.select_one("svg[role=img]")
    assert svg.select_one("title").get_text() == "Peta wilayah Sukamaju"
    assert sorted(t.get_text() for t in svg.select("text[text-anchor=middle]")) == [
        "Krajan", "Kulon"]
    assert len(svg.select("path")) == 3 and svg.select_one("rect") is not None  # the office
    assert [a.get_text() for a in page.select("ol a")] == ["Air Terjun Kembar"]
    assert "Kotak merah" in page.select_one("figcaption").get_text()
    assert "http" not in str(svg).replace("http://www.w3.org", "")  # no tiles
    assert [td.get_text() for td in page.select("main tbody td.num")] == [
        "1.200", "400", "800", "260"]


def test_a_broken_map_file_is_named_with_its_line(tmp_path):
    root = make_site(tmp_path / "situs")
    write(root, f"{V}/data/peta.geojson", '{"type": "FeatureCollection",\n "features": [\n}')
    assert codes(root) == [("sukamaju/data/peta.geojson", 3, "geojson_syntax")]


def test_a_budget_line_naming_a_missing_project_is_an_error_with_a_suggestion(tmp_path):
    root = rich(tmp_path / "situs")
    write(root, f"{V}/data/apbdes-2026.yaml", BUDGET.replace("{slug}", "jalan-kraja"))
    _, problems = load_site(root / "content", NOW)
    wrong = [p for p in problems if p.code == "unknown_slug"]
    assert [(p.path, p.line) for p in wrong] == [("sukamaju/data/apbdes-2026.yaml", 7)]
    assert "jalan-krajan" in wrong[0].hint("id")


def test_products_order_over_whatsapp_and_albums_caption_their_photos(out):
    order = soup(out, "produk/keripik/index.html").select_one("a.btn")["href"]
    assert order.startswith("https://wa.me/6281211112222?text=")
    album = soup(out, "galeri/hut-ri/index.html")
    assert album.select_one("figcaption").get_text() == "Juara lomba"
    assert album.select_one("img")["alt"] == "Lomba panjat pinang"


@pytest.mark.parametrize("rel", ["pembangunan/jalan-krajan/index.html", "wilayah/index.html",
                                 "bantuan/index.html", "dokumen/index.html",
                                 "galeri/hut-ri/index.html", "produk/keripik/index.html"])
def test_each_new_page_fits_the_first_round_trip(out, rel):
    assert len(gzip.compress((out / rel).read_bytes(), 9)) < 14 * 1024


def test_the_menu_shows_only_sections_the_village_has(out, tmp_path):
    menu = [a.get_text() for a in soup(out, "index.html").select("nav.menu a")]
    assert {"Dokumen", "Pembangunan", "Galeri", "Produk", "Wilayah", "Bantuan"} <= set(menu)
    bare = make_site(tmp_path / "kosong")
    build(bare, bare / "output", now=NOW)
    menu = [a.get_text() for a in soup(bare / "output/sukamaju", "index.html").select(
        "nav.menu a")]
    assert not {"Dokumen", "Pembangunan", "Wilayah", "Bantuan"} & set(menu)


def test_the_sample_villages_show_each_new_kind_marked_as_samples():
    root = Path(__file__).parent.parent
    site, _ = load_site(root / "content", NOW)
    assert site is not None
    kemiren, tamansari = (next(v for v in site.villages if v.slug == s)
                          for s in ("kemiren", "tamansari"))
    for kind in ("dokumen", "pembangunan", "galeri", "produk"):
        assert kemiren.section(kind), kind
    assert {"bantuan", "wilayah", "peta"} <= set(kemiren.data)
    assert tamansari.section("pembangunan") and {"bantuan", "wilayah"} <= set(tamansari.data)
    assert all(v.profile["contoh"] for v in (kemiren, tamansari))


@pytest.mark.slow
def test_an_edited_project_and_map_rebuild_to_the_bytes_of_a_clean_build(tmp_path):
    from test_incremental import clean_build, differences, tree

    root = rich(tmp_path / "situs")
    build(root, root / "output", now=NOW)
    project = root / V / "pembangunan/jalan-krajan.md"
    project.write_text(project.read_text().replace("persen: 75", "persen: 90"))
    moved = json.loads(json.dumps(MAP).replace("114.31", "114.32"))
    (root / V / "data/peta.geojson").write_text(json.dumps(moved))
    build(root, root / "output", now=NOW)
    assert differences(tree(root / "output"), clean_build(root, NOW)) == []
    assert "90" in (root / "output/sukamaju/pembangunan/pembangunan.csv").read_text()
