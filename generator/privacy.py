"""Personal data never enters a village site (UU 27/2022 on personal data protection).

Aid programmes (`data/bantuan.yaml`) are published as figures per dusun. A file that
lists people instead (a NIK or KK number, a recipient's name, a birth date, an address)
is refused as a whole, each such value pinned to its line, so nothing of it is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .content import Document
from .errors import Problem

PERSONAL_KEYS = frozenset({
    "nik", "kk", "no_kk", "nomor_kk", "no_kartu", "kartu_nik", "kartu_nama", "nama_penerima",
    "penerima_nama", "nama_kepala_keluarga", "alamat", "tanggal_lahir", "tempat_lahir",
    "tgl_lahir", "peserta", "nip", "pin",
})
ID_NUMBER = re.compile(r"^\d{16}$")  # NIK and KK numbers are 16 digits


def personal_data(doc: Document) -> list[Problem]:
    """Every place in an aid file that holds data about a person."""
    return [Problem.at(doc.rel, *doc.where(path), "personal_data", field=str(path[-1]))
            for path in _personal_paths(doc.data, ())]


def _personal_paths(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            person_list = "penerima" in path and key == "nama"
            if str(key).lower() in PERSONAL_KEYS or person_list:
                yield (*path, key)
            else:
                yield from _personal_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _personal_paths(value, (*path, index))
    elif ID_NUMBER.match(str(node)) and path:
        yield path
