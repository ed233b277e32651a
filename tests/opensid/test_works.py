"""Projects and the village market come over from OpenSID too (empty in the demo backup,
so these backups are written here the way OpenSID's own tables hold them)."""

from __future__ import annotations

from kampung.content import load_markdown
from kampung.model import load_site

from .test_drift import NOW, config, run_import, sql_table


def front(path):
    doc, _ = load_markdown(path, path.name)
    return doc.data


def test_a_project_keeps_budget_location_and_progress_in_date_order(tmp_path):
    sql = sql_table("config", [config(1, "Senggigi")]) + sql_table(
        "tweb_wil_clusterdesa", [{"id": 4, "dusun": "MANGSIT", "rw": "0", "rt": "0"}]) + \
        sql_table("pembangunan", [{
            "id": 1, "id_lokasi": 4, "judul": "Jalan usaha tani", "sumber_dana": "Dana Desa",
            "anggaran": 85000000, "lokasi": "Sawah Mangsit", "volume": "250 meter",
            "tahun_anggaran": 2022, "pelaksana_kegiatan": "TPK", "status": 1,
            "manfaat": "Petani"}]) + sql_table("pembangunan_ref_dokumentasi", [
                {"id": 2, "id_pembangunan": 1, "persentase": "100%", "keterangan": "Selesai",
                 "created_at": "2022-09-01 10:00:00", "gambar": ""},
                {"id": 1, "id_pembangunan": 1, "persentase": "30%", "keterangan": "Mulai",
                 "created_at": "2022-06-01 10:00:00", "gambar": ""}])
    code, site, _ = run_import(tmp_path, sql)
    assert code == 0
    project = front(site / "content/senggigi/pembangunan/jalan-usaha-tani.md")
    assert project["lokasi"] == {"dusun": "Mangsit", "alamat": "Sawah Mangsit"}
    assert project["volume"] == 250 and project["satuan"] == "meter"
    assert [u["persen"] for u in project["progres"]] == [30, 100]
    assert load_site(site / "content", NOW)[0] is not None


def test_a_product_keeps_its_order_number_but_not_the_sellers_name(tmp_path):
    sql = sql_table("config", [config(1, "Senggigi")]) + sql_table(
        "tweb_penduduk", [{"id": 9, "nama": "WARTINI", "nik": "5201140101800001",
                           "status_dasar": 1}]) + sql_table(
        "pelapak", [{"id": 1, "id_pend": 9, "telepon": "081234567890"}]) + sql_table(
        "produk", [{"id": 1, "id_pelapak": 1, "nama": "Dodol rumput laut", "harga": 20000,
                    "satuan": "kotak", "status": 1, "foto": '["dodol.jpg"]'},
                   {"id": 2, "id_pelapak": 7, "nama": "Tanpa penjual", "harga": 1,
                    "status": 1}])
    code, site, reports = run_import(tmp_path, sql)
    assert code == 0
    path = site / "content/senggigi/produk/dodol-rumput-laut.md"
    product = front(path)
    assert product["penjual"]["whatsapp"] == "081234567890"
    assert "WARTINI" not in path.read_text().upper()
    assert any(s["reason"] == "product_without_phone" for s in reports[0]["skipped"])
    assert load_site(site / "content", NOW)[0] is not None
