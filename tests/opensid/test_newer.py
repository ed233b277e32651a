"""Newer OpenSID versions (2023 on) name things differently: `artikel.tipe`, `ref_jabatan`,
a letter's requirements as JSON. The budget comes from `keuangan_manual_rinci`."""

from __future__ import annotations

import yaml

from kampung.content import load_markdown
from kampung.model import load_site

from .test_drift import NOW, config, run_import, sql_table


def front(path):
    doc, _ = load_markdown(path, path.name)
    return doc.data


NEWER = (
    sql_table("config", [config(1, "Senggigi")])
    + sql_table("artikel", [
        {"id": 1, "config_id": 1, "judul": "Sejarah", "isi": "<h2>Awal</h2><p>Dulu.</p>",
         "enabled": 1, "tgl_upload": "2023-01-02 08:00:00", "tipe": "statis"},
        {"id": 2, "config_id": 1, "judul": "Musdes", "isi": "<p>Rapat</p>", "enabled": 1,
         "tgl_upload": "2023-02-03 09:00:00", "tipe": "agenda"},
        {"id": 3, "config_id": 1, "judul": "Panen", "isi": "<p>Panen raya</p>", "enabled": 1,
         "tgl_upload": "2023-03-04 10:00:00", "tipe": "dinamis"},
        {"id": 4, "config_id": 1, "judul": "Laporan keuangan", "isi": "<p>x</p>",
         "enabled": 1, "tgl_upload": "2023-03-04 10:00:00", "tipe": "keuangan"}])
    + sql_table("agenda", [{"id": 1, "config_id": 1, "id_artikel": 2,
                            "tgl_agenda": "2023-02-10 19:30:00",
                            "lokasi_kegiatan": "Balai desa", "koordinator_kegiatan": "BPD"}])
    + sql_table("ref_jabatan", [{"id": 1, "config_id": 1, "nama": "Kepala Desa"},
                                {"id": 2, "config_id": 1, "nama": "Sekretaris Desa"}])
    + sql_table("tweb_desa_pamong", [
        {"pamong_id": 1, "config_id": 1, "pamong_nama": "Muhammad Ilham", "jabatan_id": 1,
         "pamong_status": 1, "urut": 1, "pamong_nik": "5201140101700001"},
        {"pamong_id": 2, "config_id": 1, "pamong_nama": "Mustahiq", "jabatan_id": 2,
         "pamong_status": 1, "urut": 2}])
    + sql_table("ref_syarat_surat", [{"ref_syarat_id": 1, "ref_syarat_nama": "Fotokopi KK"},
                                     {"ref_syarat_id": 2, "ref_syarat_nama": "Pengantar RT"}])
    + sql_table("tweb_surat_format", [{"id": 1, "config_id": 1, "nama": "Keterangan Usaha",
                                       "syarat_surat": "[2, 1]", "kunci": 0}])
    + sql_table("keuangan_manual_rinci", [
        {"id": 1, "config_id": 1, "Tahun": "2023", "Kd_Akun": "4.PENDAPATAN", "Kd_Keg": "",
         "Kd_Rincian": "4.2.1. Dana Desa", "Nilai_Anggaran": "900000000",
         "Nilai_Realisasi": "450000000"},
        {"id": 2, "config_id": 1, "Tahun": "2023", "Kd_Akun": "5.BELANJA",
         "Kd_Keg": "02.01.01.", "Kd_Rincian": "5.2.1. Belanja Barang dan Jasa",
         "Nilai_Anggaran": "150000000", "Nilai_Realisasi": "0"},
        {"id": 3, "config_id": 1, "Tahun": "2023", "Kd_Akun": "5.BELANJA", "Kd_Keg": "",
         "Kd_Rincian": "5.1.1. Penghasilan Tetap", "Nilai_Anggaran": "0",
         "Nilai_Realisasi": "0"}])
    + sql_table("keuangan_manual_ref_kegiatan", [
        {"id": 1, "ID_Keg": "02.01.01.", "Nama_Kegiatan": "Pembangunan Jalan Desa"}])
)


def test_a_newer_backup_imports_into_a_village_that_passes_the_check(tmp_path):
    code, site, reports = run_import(tmp_path, NEWER)
    assert code == 0
    village = site / "content/senggigi"
    assert front(village / "halaman/sejarah.md")["judul"] == "Sejarah"
    assert "## Awal" in (village / "halaman/sejarah.md").read_text()
    event = front(village / "agenda/musdes.md")
    assert event["mulai"] == "2023-02-10 19:30" and event["lokasi"] == "Balai desa"
    assert front(village / "pengumuman/panen.md")["tanggal"].isoformat() == "2023-03-04"
    assert any(s["reason"] == "finance_article" for s in reports[0]["skipped"])
    officials = yaml.safe_load((village / "data/perangkat.yaml").read_text())["perangkat"]
    assert [(o["nama"], o["jabatan"]) for o in officials] == [
        ("Muhammad Ilham", "Kepala Desa"), ("Mustahiq", "Sekretaris Desa")]
    letter = front(village / "layanan/surat-keterangan-usaha.md")
    assert [r["nama"] for r in letter["persyaratan"]] == ["Pengantar RT", "Fotokopi KK"]
    found, problems = load_site(site / "content", NOW)
    assert found is not None, [p for p in problems if p.severity == "error"]


def test_the_budget_lines_come_with_their_names_fields_and_realisation(tmp_path):
    _, site, reports = run_import(tmp_path, NEWER)
    budget = yaml.safe_load((site / "content/senggigi/data/apbdes-2023.yaml").read_text())
    assert budget["pendapatan"] == [{"uraian": "Dana Desa", "anggaran": 900000000,
                                     "kode": "4.2.1", "realisasi": 450000000}]
    assert budget["belanja"] == [{"uraian": "Pembangunan Jalan Desa", "anggaran": 150000000,
                                  "kode": "5.2.1", "bidang": 2}]
    assert reports[0]["counts"]["apbdes"] == 1
