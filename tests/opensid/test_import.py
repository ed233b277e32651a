"""A village that ran OpenSID gets its Kampung folder from the backup alone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from kampung.build import build, load
from kampung.content import load_markdown

NOW = datetime(2026, 11, 28, 9, 0)
VILLAGE = "content/senggig1"


def front(path: Path) -> dict:
    doc, _ = load_markdown(path, path.name)
    assert doc is not None
    return doc.data


def test_the_imported_village_passes_the_check_with_only_placeholder_warnings(imported):
    site, _ = imported
    found, problems = load(site, NOW)
    assert found is not None
    assert {p.code for p in problems} == {"placeholder"}
    assert [v.slug for v in found.villages] == ["senggig1"]


def test_the_profile_comes_from_config_and_the_office_hours_from_the_attendance_table(imported):
    site, _ = imported
    desa = yaml.safe_load((site / VILLAGE / "desa.yaml").read_text())
    assert desa["nama"] == "Senggig1" and desa["kode_desa"] == "5201142005"
    assert desa["kecamatan"] == "Batulay4r" and desa["provinsi"] == "Nusa Tenggara Barat"
    assert desa["zona_waktu"] == "WITA"  # Nusa Tenggara Barat
    assert desa["koordinat"] == {"lat": -8.483833, "lng": 116.085234}
    assert desa["jam_layanan"][0] == {"hari": "Senin–Jumat", "buka": "08.00", "tutup": "16.00"}
    assert desa["tema"]["logo"] == "opensid-logo-sid-bxzitu1.png"
    assert (site / VILLAGE / "media" / desa["tema"]["logo"]).is_file()
    assert desa["media_sosial"] == [{"nama": "Facebook",
                                     "url": "https://www.facebook.com/groups/OpenSID/"}]


def test_articles_become_pages_news_and_events_by_their_category(imported):
    site, report = imported
    assert report["counts"]["halaman"] == 25 and report["counts"]["pengumuman"] == 4
    assert report["counts"]["agenda"] == 2
    profil = front(site / VILLAGE / "halaman/profil-desa.md")
    assert profil["menu"] is True  # OpenSID's menu links to it
    event = front(site / VILLAGE / "agenda/rapat-lagi.md")
    assert event["lokasi"] == "Aula Desa"
    news = front(site / VILLAGE / "pengumuman/perayaan-hari-kemerdekaan-2016.md")
    assert news["gambar"]["file"] == "1527540313-kemerdekaan-pantai.jpg"
    assert news["gambar"]["alt"].startswith("[GANTI]")  # OpenSID has no alt text
    assert (site / VILLAGE / "media" / news["gambar"]["file"]).is_file()
    body = (site / VILLAGE / "halaman/profil-desa.md").read_text()
    assert "<div" not in body and "1. Sejarah Desa" in body  # HTML became Markdown


def test_letters_become_services_with_their_requirements_and_placeholders(imported):
    site, report = imported
    assert report["counts"]["layanan"] == 46
    letter = front(site / VILLAGE / "layanan/surat-keterangan-pengantar.md")
    assert letter["kelompok"] == "pengantar" and letter["masa_berlaku"] == "1 bulan"
    assert "[GANTI]" in letter["pengaduan"]
    assert letter["persyaratan"] == [{"nama": "Surat Pengantar RT/RW", "bawa": "asli"},
                                     {"nama": "Fotokopi KK", "bawa": "fotokopi"},
                                     {"nama": "Fotokopi KTP", "bawa": "fotokopi"}]
    kk = front(site / VILLAGE / "layanan/surat-permohonan-kartu-keluarga.md")
    assert kk["biaya"] == {"nominal": 0, "dasar_hukum": "UU 24/2013 Pasal 79A"}  # adminduk
    assert "[GANTI]" in kk["persyaratan"][0]["nama"]  # the demo lists none for it


def test_documents_carry_number_year_and_public_information_category(imported):
    site, _ = imported
    doc = front(site / VILLAGE / "dokumen/rpjmdes-miau-merah-tahun-2016-s-d-2022.md")
    assert doc["jenis"] == "rpjmdes" and doc["nomor"] == "2" and doc["tahun"] == 2017
    assert str(doc["tanggal_penetapan"]) == "2017-01-13"


def test_officials_keep_name_and_position_and_never_nik_nip_or_pin(imported):
    site, _ = imported
    text = (site / VILLAGE / "data/perangkat.yaml").read_text()
    officials = yaml.safe_load(text)["perangkat"]
    assert {"nama": "Muhammad Ilham", "jabatan": "Kepala Desa"}.items() <= officials[0].items()
    assert "5201140506790001" not in text and "197905062010011007" not in text


def test_gallery_albums_come_with_the_photos_the_upload_folder_has(imported):
    site, report = imported
    album = front(site / VILLAGE / "galeri/karnaval-hari-kemerdekaan.md")
    assert [p["file"] for p in album["foto"]] == ["galeri-1-2.jpeg", "galeri-1-1.jpg"]
    assert album["foto"][0]["keterangan"] == "Kemeriahan Karnaval"
    assert any(s["reason"] == "album_without_photos" for s in report["skipped"])


def test_territory_statistics_and_aid_are_counts_per_dusun(imported):
    site, _ = imported
    wilayah = yaml.safe_load((site / VILLAGE / "data/wilayah.yaml").read_text())
    names = [d["nama"] for d in wilayah["dusun"]]
    assert "Mangsit" in names
    mangsit = wilayah["dusun"][names.index("Mangsit")]
    assert mangsit["rt"] == ["002", "003", "004", "005"]  # RTs with no RW ('-' in OpenSID)
    assert sum(d.get("penduduk", 0) for d in wilayah["dusun"]) == 97
    stats = yaml.safe_load((site / VILLAGE / "data/statistik.yaml").read_text())
    tables = {g["judul"]: g["rincian"] for g in stats["kelompok"]}
    assert sum(r["jumlah"] for r in tables["Jenis kelamin"]) == 97
    assert {"Penduduk per dusun", "Agama", "Kelompok umur", "Pekerjaan"} <= set(tables)
    aid = yaml.safe_load((site / VILLAGE / "data/bantuan.yaml").read_text())
    assert all(set(r) == {"dusun", "jumlah"} for p in aid["program"] for r in p["penerima"])
    peta = (site / VILLAGE / "data/peta.geojson").read_text()
    assert '"jenis": "desa"' in peta and "116.036" in peta  # [lng, lat], as GeoJSON wants


def test_the_report_says_what_was_skipped_and_what_a_volunteer_must_fill_in(imported):
    _, report = imported
    assert report["fill_in"]["desa.yaml"] >= 2
    assert any(s["reason"] == "disabled" and "PKK" in s["what"] for s in report["skipped"])
    assert report["unreadable"][0]["line"] == 6059  # a merge-conflict marker in the real file
    assert report["unknown_tables"] == [] and report["unknown_columns"] == {}


def test_an_import_never_overwrites_a_folder(imported, capsys):
    from kampung.cli import main

    site, _ = imported
    before = (site / VILLAGE / "desa.yaml").read_bytes()
    from .conftest import backup
    assert main(["impor", "opensid", str(backup()), "--site", str(site)]) == 1
    assert "sudah ada" in capsys.readouterr().err
    assert (site / VILLAGE / "desa.yaml").read_bytes() == before


@pytest.mark.slow
def test_the_imported_village_builds(imported, tmp_path):
    site, _ = imported
    build(site, tmp_path / "out", now=NOW)
    village = tmp_path / "out/senggig1"
    for page in ("index.html", "layanan/index.html", "dokumen/index.html", "wilayah/index.html",
                 "bantuan/index.html", "galeri/index.html", "statistik/index.html",
                 "halaman/sejarah-desa/index.html", "informasi-publik/index.html"):
        assert (village / page).is_file(), page
