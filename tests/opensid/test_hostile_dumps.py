"""Backups as villages really send them: written by another tool, with numbers in quotes,
a stray Latin-1 byte, a value nobody expected, cut off in the middle. Each is the real demo
backup with one thing changed; the import reads what it can, says precisely what it could
not, and the village passes the check but for a required value it had to mark [GANTI]."""

from __future__ import annotations

import contextlib
import gzip
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from kampung.cli import main
from kampung.content import load_markdown
from kampung.model import load_site
from kampung.opensid.dump import Dump, Reason, parse_dump, read_dump
from kampung.opensid.source import Report, Source, amount, why_no_village
from kampung.opensid.tables import unknown_columns

from .conftest import backup, new_site
from .test_import import NOW

VILLAGE = "content/senggig1"
ARTICLE = "INSERT INTO `artikel` (`id`, `judul`, `isi`, `enabled`, `tgl_upload`, `id_kategori`)"


def fixture() -> str:
    return backup().read_text(encoding="utf-8")


def run(tmp_path: Path, dump: str | bytes, *args: str, name: str = "cadangan.sql",
        ) -> tuple[int, Path, dict[str, Any]]:
    """Import `dump` into a fresh site: (exit code, site, the village's JSON report)."""
    site = new_site(tmp_path / "situs")
    path = tmp_path / name
    path.write_bytes(dump.encode("utf-8") if isinstance(dump, str) else dump)
    out = tmp_path / "laporan.json"
    with out.open("w") as stream, contextlib.redirect_stdout(stream):
        code = main(["impor", "opensid", str(path), "--site", str(site), "--format", "json",
                     *args])
    text = out.read_text()
    return code, site, json.loads(text)[0] if text.strip() else {}


def front(path: Path) -> dict[str, Any]:
    doc, _ = load_markdown(path, path.name)
    assert doc is not None
    return doc.data


def errors(site: Path) -> list[tuple[str, str]]:
    """(file, message code) of each error `kampung check` finds; [] when it passes."""
    _, problems = load_site(site / "content", NOW)
    return [(p.path, p.code) for p in problems if p.severity == "error"]


@cache
def demo_lines() -> set[int]:
    """The lines the demo file itself has reported: its merge-conflict markers."""
    return {line for line, _ in parse_dump(fixture()).unreadable}


def unreadable(report: dict[str, Any]) -> list[tuple[int, str]]:
    """The report's unreadable lines, less those of the demo file itself."""
    return [(u["line"], u["reason"]) for u in report["unreadable"]
            if u["line"] not in demo_lines()]


def line_after(text: str) -> int:
    """The line a statement appended to `text` starts on."""
    return text.count("\n") + 1


# -- how the statements are written ---------------------------------------------------------

MYSQL_SYNTAX = [  # (what MySQL accepts, the article it must give)
    ("INSERT INTO `opensid`.`artikel` (`id`, `judul`, `isi`, `enabled`, `tgl_upload`, "
     "`id_kategori`) VALUES (8002, 'Nama skema', '<p>b</p>', 1, '2024-05-01 08:00:00', 1);",
     "nama-skema"),
    (f"{ARTICLE} VALUE (8003, 'Kata VALUE', '<p>c</p>', 1, '2024-05-01 08:00:00', 1);",
     "kata-value"),
    (f"{ARTICLE} VALUES (8004, 'Ganda', '<p>d</p>', 1, '2024-05-01 08:00:00', 1) "
     "ON DUPLICATE KEY UPDATE `judul`=VALUES(`judul`);", "ganda"),
    (f"{ARTICLE} VALUES (8006, 'Angka aneh', '<p>f</p>', +1, '2024-05-01 08:00:00', 1.);",
     "angka-aneh"),
    (f"{ARTICLE} VALUES (8007, _utf8mb4'Dengan collate' COLLATE utf8mb4_unicode_ci, "
     "'<p>g</p>', 1, '2024-05-01 08:00:00', 1);", "dengan-collate"),
    (f"{ARTICLE} VALUES (8008, _binary 0x4A7564756C20686578, X'3C703E683C2F703E', b'1', "
     "'2024-05-01 08:00:00', 1);", "judul-hex"),
    ("insert into artikel (id, judul, isi, enabled, tgl_upload, id_kategori) values "
     "(8009, 'huruf kecil', '<p>i</p>', 1, '2024-05-01 08:00:00', 1);", "huruf-kecil"),
    (f"{ARTICLE} VALUES /* komentar */ (8011, 'Komentar', '<p>k</p>', 1, "
     "'2024-05-01 08:00:00', 1);", "komentar"),
    ("INSERT INTO `artikel` SET `id`=8013, `judul`='Insert SET', `isi`='<p>m</p>', "
     "`enabled`=1, `tgl_upload`='2024-05-01 08:00:00', `id_kategori`=1;", "insert-set"),
]


def test_every_way_mysql_writes_an_insert_is_read(tmp_path):
    text = fixture() + "\n".join(sql for sql, _ in MYSQL_SYNTAX) + "\n"
    code, site, report = run(tmp_path, text)
    assert code == 0
    made = {p.stem for p in (site / VILLAGE / "pengumuman").iterdir()}
    assert {slug for _, slug in MYSQL_SYNTAX} <= made
    assert front(site / VILLAGE / "pengumuman/judul-hex.md")["judul"] == "Judul hex"
    assert unreadable(report) == []
    assert errors(site) == []


def test_a_value_mysql_works_out_itself_is_read_as_empty_with_a_note(tmp_path):
    text = fixture()
    at = line_after(text)
    text += (f"{ARTICLE} VALUES (8012, 'Fungsi NOW', '<p>l</p>', 1, NOW(), 1);\n"
             f"{ARTICLE} VALUES (8014, 'Stempel', '<p>l</p>', 1, CURRENT_TIMESTAMP, 1);\n")
    code, site, report = run(tmp_path, text)
    assert code == 0
    assert unreadable(report) == [(at, "tabel artikel, kolom tgl_upload (NOW()): dibaca "
                                       "sebagai kosong (NULL) di 1 baris, karena nilainya "
                                       "dihitung MySQL saat dipulihkan"),
                                  (at + 1, "tabel artikel, kolom tgl_upload (CURRENT_TIMESTAMP):"
                                           " dibaca sebagai kosong (NULL) di 1 baris, karena "
                                           "nilainya dihitung MySQL saat dipulihkan")]
    assert front(site / VILLAGE / "pengumuman/fungsi-now.md")["tanggal"] == "[GANTI] TTTT-BB-HH"


def test_a_generated_column_is_left_out_of_a_row_without_a_column_list():
    dump = parse_dump("CREATE TABLE `produk_kategori` (\n  `id` int NOT NULL,\n"
                      "  `kategori` varchar(50),\n  `slug` varchar(50) GENERATED ALWAYS AS "
                      "(lower(`kategori`)) VIRTUAL,\n  `status` tinyint,\n"
                      "  PRIMARY KEY (`id`)\n);\nINSERT INTO `produk_kategori` VALUES "
                      "(1, 'Makanan', 1), (2, 'Kerajinan', 0);\n")
    assert dump.unreadable == []
    assert dump.rows("produk_kategori") == [
        {"id": 1, "kategori": "Makanan", "slug": None, "status": 1},
        {"id": 2, "kategori": "Kerajinan", "slug": None, "status": 0}]


def test_replace_keeps_the_last_row_and_insert_ignore_the_first(tmp_path):
    text = fixture() + (
        f"{ARTICLE.replace('INSERT', 'REPLACE')} VALUES (90, 'Perdes PHBS (revisi)', "
        "'<p>baru</p>', 1, '2024-05-01 08:00:00', 1);\n"
        f"{ARTICLE.replace('INSERT', 'INSERT IGNORE')} VALUES (90, 'Diabaikan MySQL', "
        "'<p>x</p>', 1, '2024-05-01 08:00:00', 1);\n")
    code, site, report = run(tmp_path, text)
    assert code == 0
    news = site / VILLAGE / "pengumuman"
    assert (news / "perdes-phbs-revisi.md").is_file()
    assert not (news / "perdes-phbs.md").exists() and not (news / "diabaikan-mysql.md").exists()
    assert unreadable(report) == []


def test_a_repeated_key_in_a_plain_insert_keeps_the_first_row_and_says_so():
    dump = parse_dump("CREATE TABLE `t` (`id` int, `a` text, PRIMARY KEY (`id`));\n"
                      "INSERT INTO `t` VALUES (1, 'satu');\nINSERT INTO `t` VALUES ('1', 'dua');\n")
    assert dump.rows("t") == [{"id": 1, "a": "satu"}]
    assert [(line, reason.code) for line, reason in dump.unreadable] == [(3, "repeated_key")]


def test_stored_routines_and_triggers_are_not_read_as_data():
    dump = parse_dump("CREATE TABLE `artikel` (`id` int, `judul` text);\nDELIMITER $$\n"
                      "CREATE PROCEDURE `isi` () BEGIN\nINSERT INTO artikel (id, judul) VALUES "
                      "(7, 'dari prosedur');\nEND$$\nDELIMITER ;\n"
                      "INSERT INTO `artikel` VALUES (1, 'asli');\n")
    assert dump.rows("artikel") == [{"id": 1, "judul": "asli"}]
    assert dump.unreadable == []


# -- the noise of ordinary dumps, and where problems are --------------------------------------

MYSQLDUMP_HEAD = """-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: opensid
-- ------------------------------------------------------
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
--
-- Table structure for table `artikel`
--

LOCK TABLES `artikel` WRITE;
/*!40000 ALTER TABLE `artikel` DISABLE KEYS */;
"""


def test_the_comments_and_settings_of_mysqldump_and_phpmyadmin_are_not_reported():
    plain = parse_dump(fixture())
    dump = parse_dump(MYSQLDUMP_HEAD + fixture() + "--\n/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n"
                      "UNLOCK TABLES;\n-- Dump completed on 2024-05-01 10:00:00\n")
    shift = MYSQLDUMP_HEAD.count("\n")
    assert [(line - shift, reason) for line, reason in dump.unreadable] == plain.unreadable


def test_an_unreadable_statement_is_named_at_its_own_line_in_the_readers_language():
    text = fixture()
    at = line_after(text) + 1
    dump = parse_dump(text + "\nINSERT INTO `artikel` (`id`, `judul`) VALUES (1, 'a', 'b');\n")
    line, reason = dump.unreadable[-1]
    assert line == at
    assert reason == "INSERT INTO artikel: 3 nilai untuk 2 kolom; seluruh perintah dilewati"
    assert f"{reason:en}" == "INSERT INTO artikel: 3 values for 2 columns; the whole statement " \
                             "was skipped"


def test_the_report_gives_the_reasons_in_english_too(tmp_path):
    text = fixture() + "INSERT INTO `artikel` (`id`, `judul`) VALUES (1, 'a', 'b');\n"
    site = new_site(tmp_path / "situs")
    (tmp_path / "c.sql").write_text(text, encoding="utf-8")
    out = tmp_path / "laporan.txt"
    with out.open("w") as stream, contextlib.redirect_stdout(stream):
        assert main(["impor", "opensid", str(tmp_path / "c.sql"), "--site", str(site),
                     "--lang", "en"]) == 0
    report = out.read_text()
    assert "not an SQL statement" in report and "bukan perintah" not in report


# -- values nobody expected -------------------------------------------------------------------

PROJECTS = """INSERT INTO `pembangunan` (`id`, `judul`, `volume`, `anggaran`, `status`,
  `tahun_anggaran`) VALUES (1, 'Jalan Usaha Tani', '2.500,50 m2', 150000000, 1, 2024),
  (2, 'Talud', '1.200 m', '85.000.000', 1, '2023'), (3, 'Sumur', 'dua', 1e400, 1, 0);
"""
ODD_VALUES = PROJECTS + """INSERT INTO `menu` (`id`, `nama`, `link`, `parrent`, `link_tipe`,
  `enabled`, `urut`) VALUES (999, 'X', 'artikel/34', 0, 1, 1, 'a');
INSERT INTO `keuangan_manual_rinci` (`id`, `Tahun`, `Kd_Akun`, `Kd_Keg`, `Kd_Rincian`,
  `Nilai_Anggaran`, `Nilai_Realisasi`) VALUES (1, '2024', '4.1', '', '4.1.1 Hasil usaha',
  1e400, 0), (2, '2024', '4.1', '', '4.1.2 Swadaya', 'NaN', 0),
  (3, '2024', '4.1', '', '4.1.3 Sewa', 1e300, 0), (4, '2024', '4.2', '', '4.2.1 Dana Desa',
  '900.000.000', '-0');
INSERT INTO `tweb_wil_clusterdesa` (`id`, `rt`, `rw`, `dusun`, `path`) VALUES
  (999, '0', '0', 'DALAM', '""" + "[" * 5000 + "]" * 5000 + """');
""" + f"""{ARTICLE} VALUES (9001, 'Tanggal nol', '<p>x</p>', 1, '0000-00-00 00:00:00', 1);
"""


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    text = fixture() + ODD_VALUES + (
        "INSERT INTO `tweb_surat_format` (`id`, `nama`, `url_surat`, `kunci`, `syarat_surat`) "
        "VALUES (998, 'Uji Bersarang', 'uji_a', 0, '[[1],{\"a\":2}]'), "
        "(999, 'Uji Teks', 'uji_b', '0', '[\"1\",\"2\"]');\n")
    code, site, report = run(tmp_path_factory.mktemp("odd"), text)
    assert code == 0
    return site, report


def skipped(report: dict[str, Any], what: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in s.items() if k != "what"} for s in report["skipped"]
            if s["what"].startswith(what)]


def test_indonesian_numbers_are_read_with_dots_for_thousands_and_commas_for_decimals(odd):
    site, report = odd
    road = front(site / VILLAGE / "pembangunan/jalan-usaha-tani.md")
    assert (road["volume"], road["satuan"], road["anggaran"]) == (2500.5, "m2", 150000000)
    wall = front(site / VILLAGE / "pembangunan/talud.md")
    assert (wall["volume"], wall["anggaran"], wall["tahun_anggaran"]) == (1200, 85000000, 2023)
    well = front(site / VILLAGE / "pembangunan/sumur.md")
    assert "volume" not in well and well["anggaran"] == "[GANTI] Anggaran"
    assert well["tahun_anggaran"] == "[GANTI] Tahun anggaran"
    assert skipped(report, "pembangunan 3") == [
        {"reason": "bad_number", "column": "tahun_anggaran", "value": "0"},
        {"reason": "bad_number", "column": "anggaran", "value": "inf"},
        {"reason": "bad_number", "column": "volume", "value": "dua"}]


def test_a_budget_line_that_is_not_a_finite_sensible_number_is_refused_and_named(odd):
    site, report = odd
    budget = yaml.safe_load((site / VILLAGE / "data/apbdes-2024.yaml").read_text())
    assert budget["pendapatan"] == [{"uraian": "Dana Desa", "anggaran": 900000000,
                                     "kode": "4.2.1"}]
    assert [(s["what"], s["value"]) for s in report["skipped"]
            if s["reason"] == "bad_number" and s["column"] == "Nilai_Anggaran"] == [
        ("keuangan_manual_rinci 1", "inf"), ("keuangan_manual_rinci 2", "NaN"),
        ("keuangan_manual_rinci 3", "1e+300")]


def test_a_menu_position_that_is_not_a_number_is_named_and_the_page_keeps_its_place(odd):
    site, report = odd
    assert skipped(report, "menu 999") == [{"reason": "bad_number", "column": "urut",
                                            "value": "a"}]
    assert front(site / VILLAGE / "halaman/profil-masyarakat-desa.md")["menu"] is True


def test_a_letters_requirements_as_text_ids_are_found_and_nested_ones_reported(odd):
    site, report = odd
    letter = front(site / VILLAGE / "layanan/surat-uji-teks.md")
    assert [r["nama"] for r in letter["persyaratan"]] == ["Surat Pengantar RT/RW",
                                                         "Fotokopi KK"]
    nested = front(site / VILLAGE / "layanan/surat-uji-bersarang.md")
    assert nested["persyaratan"][0]["nama"].startswith("[GANTI]")
    assert skipped(report, "tweb_surat_format 998") == [
        {"reason": "bad_requirements", "value": '[[1],{"a":2}]'}]


def test_a_boundary_nested_too_deep_is_reported_not_a_crash(odd):
    site, report = odd
    assert {"what": "peta Dalam", "reason": "bad_path"} in report["skipped"]
    assert "Dalam" in (site / VILLAGE / "data/wilayah.yaml").read_text()


def test_a_zero_date_is_never_made_today(odd):
    site, report = odd
    news = front(site / VILLAGE / "pengumuman/tanggal-nol.md")
    assert news["tanggal"] == "[GANTI] TTTT-BB-HH"
    assert skipped(report, "artikel 9001") == [
        {"reason": "date_to_fill", "column": "tgl_upload", "value": "0000-00-00 00:00:00"}]
    assert date.today().isoformat() not in (site / VILLAGE / "pengumuman/tanggal-nol.md"
                                            ).read_text()


def test_the_odd_values_leave_a_village_whose_only_errors_are_the_marked_fields(odd):
    site, _ = odd
    assert sorted(errors(site)) == [
        ("senggig1/pembangunan/sumur.md", "wrong_int"),
        ("senggig1/pembangunan/sumur.md", "wrong_int"),
        ("senggig1/pengumuman/tanggal-nol.md", "bad_date")]


def test_amounts_read_as_people_and_databases_write_them():
    assert [amount(v) for v in ("1.200", "2.500,50", "1200.50", "1,5", 12, "-0", "Rp 5")] == [
        1200, 2500.5, 1200.5, 1.5, 12, 0, None]
    assert [amount(v) for v in (float("inf"), float("nan"), 1e300, "1e400", None, "")] == [
        None] * 6


# -- numbers in quotes, bytes that are not UTF-8, a cut or packed file ------------------------

def quoted(text: str) -> str:
    """The backup as CodeIgniter's backup (OpenSID's own) writes a BIGINT table: every
    number in quotes, every column a plain text column."""
    dump = parse_dump(text)
    out = []
    for name, table in dump.tables.items():
        columns = table.columns or (list(table.rows[0]) if table.rows else [])
        if not columns:
            continue
        key = f", PRIMARY KEY (`{'`, `'.join(table.key)}`)" if table.key else ""
        out.append(f"CREATE TABLE `{name}` ({', '.join(f'`{c}` text' for c in columns)}{key});")
        out += [f"INSERT INTO `{name}` ({', '.join(f'`{c}`' for c in columns)}) VALUES "
                f"({', '.join(_quote(row.get(c)) for c in columns)});" for row in table.rows]
    return "\n".join(out) + "\n"


def _quote(value: Any) -> str:
    if value is None:
        return "NULL"
    escaped = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return "'" + escaped.replace("\r", "\\r").replace("\0", "\\0") + "'"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_numbers_written_in_quotes_give_the_same_village(tmp_path):
    _, plain, _ = run(tmp_path / "a", fixture())
    code, site, report = run(tmp_path / "b", quoted(fixture()))
    assert code == 0
    assert tree(site / VILLAGE) == tree(plain / VILLAGE)
    assert report["counts"]["halaman"] == 25 and report["counts"]["statistik"] >= 4


def test_one_stray_latin1_byte_changes_one_value_and_is_named(tmp_path):
    text = fixture() + f"{ARTICLE} VALUES (9301, 'Posyandu – Ampenan', '<p>“timbang”</p>', 1, " \
                       "'2024-05-01 08:00:00', 1);\n"
    at = line_after(text)
    raw = text.encode() + "INSERT INTO `artikel` (`id`, `judul`, `isi`, `enabled`, " \
                          "`tgl_upload`, `id_kategori`) VALUES (9302, 'Caf\xe9', '<p>x</p>', 1, " \
                          "'2024-05-01 08:00:00', 1);\n".encode("latin-1")
    code, site, report = run(tmp_path, raw)
    assert code == 0
    assert front(site / VILLAGE / "pengumuman/posyandu-ampenan.md")["judul"] == \
        "Posyandu – Ampenan"
    assert front(site / VILLAGE / "pengumuman/cafe.md")["judul"] == "Café"
    assert unreadable(report) == [(at, "tabel artikel, kolom judul: 1 nilai bukan teks UTF-8, "
                                       "dibaca sebagai Windows-1252; periksa hurufnya")]
    assert errors(site) == []


def test_a_backup_cut_off_mid_row_is_named_as_cut_and_the_rows_before_are_read(tmp_path):
    text = fixture()
    cut = text.index("'5201140706966997'", text.index("INSERT INTO `tweb_penduduk` ("))
    start = text.rindex("INSERT INTO", 0, cut)
    code, site, report = run(tmp_path, text[:cut + 12])
    assert code == 0
    line = line_after(text[:start])
    assert unreadable(report)[-1] == (line, f"berkas berakhir di tengah perintah untuk tabel "
                                            f"tweb_penduduk yang dimulai di baris {line}: "
                                            f"apakah cadangannya terpotong? Baris data yang "
                                            f"utuh sebelum potongan tetap dibaca.")
    assert errors(site) == []


def test_a_gzipped_backup_is_read_as_it_is(tmp_path):
    _, plain, _ = run(tmp_path / "a", fixture())
    code, site, _ = run(tmp_path / "b", gzip.compress(fixture().encode()),
                        name="cadangan.sql.gz")
    assert code == 0
    assert tree(site / VILLAGE) == tree(plain / VILLAGE)


def test_a_gzipped_backup_cut_off_says_so(tmp_path):
    packed = gzip.compress(fixture().encode())
    (tmp_path / "c.sql.gz").write_bytes(packed[:len(packed) // 2])
    dump = read_dump(tmp_path / "c.sql.gz")
    assert dump.unreadable[-1][1].code == "packed_cut"
    assert dump.rows("config")


# -- when no village comes out ----------------------------------------------------------------

def test_an_unknown_village_code_lists_the_codes_there_are():
    dump = parse_dump(fixture())
    assert why_no_village(dump, "123") == ("no_such_village", {
        "wanted": "123", "codes": "5201142005 (Senggig1)"})


def test_an_unreadable_config_names_its_line_and_reason():
    text = fixture()
    start = text.index("INSERT INTO `config` (")
    dump = parse_dump(text[:start] + "INSERT INTO `config` VALUES (1, 'x');\n")
    key, params = why_no_village(dump, None)
    assert key == "config_unreadable" and params["line"] == line_after(text[:start])
    assert isinstance(params["reason"], Reason) and params["reason"].code == "count"


def test_columns_newer_opensid_added_are_known_and_not_reported():
    text = fixture().replace("  `kantor_desa` varchar(100) DEFAULT NULL,\n",
                             "  `kantor_desa` varchar(100) DEFAULT NULL,\n  `border` text,\n")
    dump = parse_dump(text)
    assert "border" in dump.tables["config"].columns
    assert unknown_columns(dump) == {}


def test_an_optional_date_that_is_not_one_is_left_out_and_noted():
    src = Source(Dump(), {}, None, date(2026, 11, 28), Report())
    album = {"id": 9, "tgl_upload": "0000-00-00 00:00:00"}
    assert src.date_of("gambar_gallery 9", album, "tgl_upload", required=False) is None
    assert src.report.skipped == [("gambar_gallery 9", "date_left_out", {
        "column": "tgl_upload", "value": "0000-00-00 00:00:00"})]


def test_a_column_an_insert_leaves_out_is_empty_not_missing(tmp_path):
    text = fixture() + "INSERT INTO `artikel` SET `id`=8020, `judul`='Tanpa isi', `enabled`=1, " \
                       "`tgl_upload`='2024-05-01 08:00:00', `id_kategori`=1;\n"
    code, site, _ = run(tmp_path, text)
    assert code == 0
    assert "[GANTI] Isi halaman." in (site / VILLAGE / "pengumuman/tanpa-isi.md").read_text()


def test_the_command_names_a_folder_an_unknown_code_and_an_unwritable_out(tmp_path, capsys):
    site = new_site(tmp_path / "situs")
    assert main(["impor", "opensid", str(tmp_path), "--site", str(site)]) == 1
    assert "adalah folder, bukan berkas cadangan" in capsys.readouterr().err
    assert main(["impor", "opensid", str(backup()), "--site", str(site), "--desa", "999",
                 "--lang", "en"]) == 1
    said = capsys.readouterr().err
    assert "999" in said and "5201142005" in said  # the codes the backup does hold
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    assert main(["impor", "opensid", str(backup()), "--site", str(site), "--out",
                 str(blocker / "desa"), "--lang", "en"]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert blocker.read_text() == "bukan folder"
