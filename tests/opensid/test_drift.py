"""OpenSID's schema changes every month, and backups get damaged: the importer says what it
could not read and imports the rest; it never crashes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kampung.build import load
from kampung.cli import main
from kampung.opensid.dump import parse_dump
from kampung.opensid.importer import import_backup

from .conftest import backup, new_site
from .test_import import NOW

TODAY = date(2026, 11, 28)


def sql_table(name: str, rows: list[dict[str, Any]]) -> str:
    """A table as mysqldump writes it: CREATE TABLE, then one INSERT per row."""
    columns = list(rows[0])
    create = ",\n".join(f"  `{c}` text" for c in columns)
    inserts = "".join(
        f"INSERT INTO `{name}` ({', '.join(f'`{c}`' for c in columns)}) VALUES "
        f"({', '.join(_literal(r.get(c)) for c in columns)});\n" for r in rows)
    return f"DROP TABLE IF EXISTS `{name}`;\nCREATE TABLE `{name}` (\n{create}\n);\n{inserts}"


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def config(id_: int, name: str, **extra: Any) -> dict[str, Any]:
    return {"id": id_, "nama_desa": name, "kode_desa": f"520114200{id_}",
            "nama_kecamatan": "Batulayar", "nama_kabupaten": "Lombok Barat",
            "alamat_kantor": "Jl. Raya 1", "lat": "-8.48", "lng": "116.08", **extra}


def article(id_: int, title: str, config_id: int, **extra: Any) -> dict[str, Any]:
    return {"id": id_, "config_id": config_id, "judul": title, "isi": f"<p>{title}</p>",
            "enabled": 1, "tgl_upload": "2024-05-01 08:00:00", "id_kategori": 1, **extra}


def run_import(tmp_path: Path, sql: str, *args: str) -> tuple[int, Path, dict | list]:
    site = new_site(tmp_path / "situs")
    dump = tmp_path / "cadangan.sql"
    dump.write_text(sql, encoding="utf-8")
    out = tmp_path / "laporan.json"
    import contextlib
    with out.open("w") as stream, contextlib.redirect_stdout(stream):
        code = main(["impor", "opensid", str(dump), "--site", str(site), "--format", "json",
                     *args])
    text = out.read_text()
    return code, site, json.loads(text) if text.strip() else {}


def test_villages_of_a_multi_village_backup_are_kept_apart_by_config_id(tmp_path):
    sql = sql_table("config", [config(1, "Senggigi"), config(2, "Meninting")]) + sql_table(
        "artikel", [article(1, "Panen raya", 1), article(2, "Lomba perahu", 2)])
    code, site, reports = run_import(tmp_path, sql)
    assert code == 0 and len(reports) == 2
    assert [p.name for p in (site / "content/senggigi/pengumuman").iterdir()] == [
        "panen-raya.md"]
    assert [p.name for p in (site / "content/meninting/pengumuman").iterdir()] == [
        "lomba-perahu.md"]
    found, _problems = load(site, NOW)
    assert found is not None and len(found.villages) == 2


def test_one_village_is_picked_from_a_multi_village_backup_by_its_code(tmp_path):
    sql = sql_table("config", [config(1, "Senggigi"), config(2, "Meninting")])
    code, _site, reports = run_import(tmp_path, sql, "--desa", "5201142002")
    assert code == 0 and [r["folder"].rsplit("/", 1)[1] for r in reports] == ["meninting"]


@pytest.mark.slow
def test_a_renamed_table_is_named_and_what_needed_it_is_skipped(tmp_path):
    raw = backup().read_text(encoding="utf-8").replace("`artikel`", "`artikel_web`")
    code, site, reports = run_import(tmp_path, raw)
    assert code == 0
    assert "artikel_web" in reports[0]["unknown_tables"]
    assert "artikel" in reports[0]["missing_tables"]
    assert not (site / "content/senggig1/halaman").exists()
    found, _problems = load(site, NOW)
    assert found is not None


def test_a_dropped_column_skips_what_needs_it_and_an_extra_one_is_named(tmp_path):
    rows = [{k: v for k, v in article(1, "Panen raya", 1).items() if k != "judul"}]
    sql = sql_table("config", [config(1, "Senggigi", nomor_wa_operator="0812")]) + \
        sql_table("artikel", rows)
    code, site, reports = run_import(tmp_path, sql)
    assert code == 0
    assert {"what": "artikel", "reason": "columns_missing", "columns": "judul"} in \
        reports[0]["skipped"]
    assert reports[0]["unknown_columns"] == {"config": ["nomor_wa_operator"]}
    assert load(site, NOW)[0] is not None


def test_a_garbled_backup_gives_a_report_not_a_crash(tmp_path):
    sql = sql_table("config", [config(1, "Senggigi")]) + (
        "INSERT INTO `artikel` (`id`, `judul`) VALUES (1, 'tanpa penutup);\n"
        "<<<<<<< HEAD\nINSERT INTO `menu` VALUES (1, 2, 3);\n\x00\x01\xff garbage ((((;\n"
        "INSERT INTO `dokumen` (`id`) VALUES (1), (2, 3);\n")
    code, site, reports = run_import(tmp_path, sql)
    assert code == 0
    assert len(reports[0]["unreadable"]) >= 2
    assert load(site, NOW)[0] is not None


def test_a_file_that_is_not_a_backup_is_refused_with_a_reason(tmp_path, capsys):
    code, site, _ = run_import(tmp_path, "\x89PNG\r\n\x1a\n" + "\x00" * 100)
    assert code == 1
    assert "config" in capsys.readouterr().err
    assert list((site / "content").iterdir()) == [site / "content/portal.yaml"]


def test_uploaded_file_names_cannot_reach_outside_the_upload_folder(tmp_path):
    secret = tmp_path / "rahasia.jpg"
    secret.write_bytes(b"not for the site")
    media = tmp_path / "desa"
    (media / "upload/artikel").mkdir(parents=True)
    sql = sql_table("config", [config(1, "Senggigi")]) + sql_table("artikel", [article(
        1, "Foto", 1, gambar="../../rahasia.jpg",
        isi='<img src="../../../rahasia.jpg"><a href="../admin">masuk</a>')])
    code, site, _ = run_import(tmp_path, sql, "--media", str(media))
    assert code == 0
    assert not (site / "content/senggigi/media").exists()
    body = (site / "content/senggigi/pengumuman/foto.md").read_text()
    assert "rahasia" not in body and "masuk" in body and "../admin" not in body


def test_the_reader_takes_mysql_literals_as_mysql_means_them():
    dump = parse_dump("INSERT INTO `t` (`a`, `b`) VALUES (1, 'it\\'s ''ok''\\n'), "
                      "(NULL, _binary 0x41), (-2.5, \"dq\");")
    assert dump.tables["t"].rows == [{"a": 1, "b": "it's 'ok'\n"}, {"a": None, "b": "A"},
                                     {"a": -2.5, "b": "dq"}]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("INSERT INTO`t`(a,b)VALUES'\\\";#-/*\n 01xN")),
               max_size=200))
def test_no_text_makes_the_reader_crash(text):
    dump = parse_dump(text)
    assert all(isinstance(line, int) for line, _ in dump.unreadable)


def test_no_dump_makes_the_importer_crash(tmp_path):
    sql = sql_table("config", [config(1, "Senggigi", path="[[not json")]) + sql_table(
        "tweb_wil_clusterdesa", [{"id": 1, "dusun": "KRAJAN", "rw": "0", "rt": "0",
                                  "path": "[[[1]]]"}]) + sql_table(
        "kehadiran_jam_kerja", [{"id": 1, "nama_hari": "Senin", "jam_masuk": None,
                                 "jam_keluar": "x", "status": 1}]) + sql_table(
        "dokumen", [{"id": 1, "nama": "SK", "attr": "{broken", "tahun": "dua ribu",
                     "kategori": 2, "enabled": 1}])
    path = tmp_path / "c.sql"
    path.write_text(sql)
    villages = import_backup(path, None, TODAY)
    assert len(villages) == 1 and "dokumen/sk.md" in villages[0].files


def test_an_existing_folder_for_one_village_stops_the_import_before_anything_is_written(
        tmp_path):
    sql = sql_table("config", [config(1, "Senggigi"), config(2, "Meninting")])
    (tmp_path / "situs/content/meninting").mkdir(parents=True)
    (tmp_path / "situs/content/portal.yaml").write_text("nama: P\nbase_url: https://p.id/\n")
    dump = tmp_path / "c.sql"
    dump.write_text(sql)
    assert main(["impor", "opensid", str(dump), "--site", str(tmp_path / "situs")]) == 1
    assert sorted(p.name for p in (tmp_path / "situs/content").iterdir()) == [
        "meninting", "portal.yaml"]
