"""No resident's NIK, KK number, name, birth date or address reaches the imported village,
nor the site built from it (UU 27/2022 on personal data protection). A one-word name
alone ("AHMAD", "INDAH") identifies no one and is an ordinary word in a village's history
or vision text: it is removed only beside its person (tests/opensid/test_privacy_hostile.py)."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from babel.dates import format_date

from kampung.build import build
from kampung.opensid.dump import read_dump

from .conftest import backup

# Every column of the backup that holds data about a person, as OpenSID names them.
PERSONAL = {
    "tweb_penduduk": ("nik", "nama", "tanggallahir", "alamat_sekarang", "alamat_sebelumnya",
                      "ayah_nik", "ibu_nik", "nama_ayah", "nama_ibu", "telepon", "email"),
    "tweb_keluarga": ("no_kk", "alamat"),
    "tweb_desa_pamong": ("pamong_nik", "pamong_nip", "pamong_pin", "pamong_tanggallahir"),
    "program_peserta": ("peserta", "no_id_kartu", "kartu_nik", "kartu_nama",
                        "kartu_tanggal_lahir", "kartu_alamat"),
    "config": ("nip_kepala_desa", "nip_kepala_camat"),
}
NAMES = ("nama", "nama_ayah", "nama_ibu", "kartu_nama")


@cache
def personal_values() -> frozenset[str]:
    dump = read_dump(backup())
    officials = {str(r.get("pamong_nama") or "").strip().upper()
                 for r in dump.rows("tweb_desa_pamong")}
    officials |= {str(r.get("nama")).strip().upper() for r in dump.rows("tweb_penduduk")
                  if r["id"] in {p.get("id_pend") for p in dump.rows("tweb_desa_pamong")}}
    values = {re.sub(r"\s+", " ", str(row.get(column) or "")).strip()
              for table, columns in PERSONAL.items() for row in dump.rows(table)
              for column in columns
              if column not in NAMES or " " in str(row.get(column) or "").strip()}
    values = {v for v in values if len(v) >= 4 and v not in ("0000-00-00", "-")}
    values -= officials  # the officials' names are public (Perki 1/2018 Pasal 2)
    raw = backup().read_text(encoding="utf-8")
    values |= set(re.findall(r"(?<!\d)\d{16}(?!\d)", raw))  # any NIK/KK-shaped number at all
    return frozenset(values)


def with_dates(values: frozenset[str]) -> set[str]:
    """Birth dates also as the site prints them ('20 Mei 1970')."""
    extra = set()
    for value in values:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = datetime.strptime(value, "%Y-%m-%d").date()
            extra.add(format_date(day, "d MMMM y", locale="id"))
    return values | extra


def leaks(folder: Path, values: frozenset[str] | set[str]) -> list[tuple[str, str]]:
    """(file, value) for every personal value found as a whole word in a text file."""
    words = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix not in (".gz", ".br", ".png", ".jpg", ".jpeg",
                                                  ".webp", ".pf_fragment", ".pf_index",
                                                  ".pf_meta", ".pagefind"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [(str(path.relative_to(folder)), m.group()) for m in pattern.finditer(text)]
    return found


def test_the_backup_really_holds_personal_data_to_keep_out():
    values = personal_values()
    assert len(values) > 300
    assert "5201142005716996" in values and "ADINI SEPTIA LISTA" in values and \
        "1970-05-20" in values


def test_no_personal_value_is_in_any_imported_file(imported):
    site, _ = imported
    assert leaks(site / "content", personal_values()) == []


@pytest.mark.slow
def test_no_personal_value_is_in_the_built_site(imported, tmp_path):
    site, _ = imported
    build(site, tmp_path / "out", now=datetime(2026, 11, 28, 9, 0))
    assert leaks(tmp_path / "out", with_dates(personal_values())) == []
