"""The last gate: no personal value from the backup may appear in an imported file.

The mapping never copies a personal column, but free text can still hold one (an article
naming a resident, a letter's requirement quoting a NIK). So every value of a personal
column in the dump is collected, and any imported file holding one has it replaced by a
[GANTI] mark that `kampung check` flags and the import report names.
"""

from __future__ import annotations

import re
from typing import Any

from .dump import Dump

# table -> columns holding data about a person (UU 27/2022)
PERSONAL = {
    "tweb_penduduk": ("nik", "nama", "tanggallahir", "alamat_sekarang", "alamat_sebelumnya",
                      "ayah_nik", "ibu_nik", "nama_ayah", "nama_ibu", "telepon", "email",
                      "dokumen_pasport", "dokumen_kitas", "akta_lahir", "akta_perkawinan",
                      "akta_perceraian", "no_kk_sebelumnya", "tag_id_card", "no_asuransi",
                      "bpjs_ketenagakerjaan"),
    "tweb_keluarga": ("no_kk", "nik_kepala", "alamat"),
    "tweb_rtm": ("no_kk",),
    "tweb_desa_pamong": ("pamong_nik", "pamong_nip", "pamong_pin", "pamong_tag_id_card",
                         "pamong_tanggallahir", "pamong_niap"),
    "program_peserta": ("peserta", "no_id_kartu", "kartu_nik", "kartu_nama",
                        "kartu_tanggal_lahir", "kartu_alamat"),
    "config": ("nip_kepala_desa", "nip_kepala_camat"),
    "user": ("password", "email", "nama", "username", "pin"),
    "tweb_penduduk_mandiri": ("pin",),
}
REPLACEMENT = "(data pribadi dihapus [GANTI])"
NOTHING = {"", "-", "0", "00", "000", "null", "none", "0000-00-00"}


def personal_values(dump: Dump, officials: set[str]) -> list[str]:
    """Every distinct personal value in the dump long enough to mean something.

    `officials` are names the portal may show (Perki 1/2018 Pasal 2: the officials' profile)."""
    found = set()
    for table, columns in PERSONAL.items():
        for row in dump.rows(table):
            for column in columns:
                value = re.sub(r"\s+", " ", str(row.get(column) or "")).strip()
                if len(value) >= 4 and value.lower() not in NOTHING and \
                        value.upper() not in officials:
                    found.add(value)
    return sorted(found, key=len, reverse=True)


def pattern(values: list[str]) -> re.Pattern[str] | None:
    if not values:
        return None
    words = "|".join(re.escape(v) for v in values)
    return re.compile(rf"(?<![\w]){'(?:' + words + ')'}(?![\w])", re.IGNORECASE)


def redact(files: dict[str, str], found: re.Pattern[str] | None) -> dict[str, int]:
    """Replace each personal value in `files` (in place); {file: how many} for the report."""
    counts: dict[str, int] = {}
    if found is None:
        return counts
    for rel, body in files.items():
        clean, n = found.subn(REPLACEMENT, body)
        if n:
            files[rel], counts[rel] = clean, n
    return counts


def officials_of(rows: list[dict[str, Any]]) -> set[str]:
    return {re.sub(r"\s+", " ", str(r.get("nama") or "")).strip().upper() for r in rows}
