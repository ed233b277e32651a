"""Numbers only: population statistics, aid recipients per dusun and the budget.

Residents' rows are read here to be counted and nothing else: no name, NIK, birth date or
address leaves this module, only labels OpenSID's reference tables give and counts.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from .dump import key
from .files import HEADER, yaml_text
from .profile import clusters
from .source import G, Source, as_date, integer, on, text, title_case

AGES = ((0, 5, "0–5 tahun"), (6, 12, "6–12 tahun"), (13, 17, "13–17 tahun"),
        (18, 25, "18–25 tahun"), (26, 40, "26–40 tahun"), (41, 59, "41–59 tahun"),
        (60, 200, "60 tahun ke atas"))
SEX: dict[Any, str] = {1: "Laki-laki", 2: "Perempuan"}  # looked up by a dump's raw value
PARTS = {"4": "pendapatan", "5": "belanja", "6": "pembiayaan"}


def living(src: Source) -> list[dict[str, Any]]:
    return [r for r in src.rows("tweb_penduduk") if on(r.get("status_dasar"))]


def per_dusun(src: Source) -> dict[str, dict[str, int]]:
    """Dusun -> {penduduk, keluarga} for data/wilayah.yaml."""
    dusun = clusters(src)
    people = Counter(dusun.get(key(r.get("id_cluster")), "") for r in living(src))
    families = Counter(dusun.get(key(r.get("id_cluster")), "") for r in living(src)
                       if key(r.get("kk_level")) == 1)
    return {name: {"penduduk": people[name], "keluarga": families[name]}
            for name in people if name}


def statistik(src: Source) -> None:
    rows = living(src)
    if not rows:
        src.report.skip("tweb_penduduk", "no_residents")
        return
    dusun = clusters(src)
    groups = [
        ("Jenis kelamin", Counter(SEX.get(key(r.get("sex")), "Tidak diketahui") for r in rows)),
        ("Kelompok umur", _ages(rows, src.today)),
        ("Penduduk per dusun", Counter(dusun.get(key(r.get("id_cluster")), "Tidak diketahui")
                                       for r in rows)),
        ("Agama", _labelled(src, rows, "agama_id", "tweb_penduduk_agama")),
        ("Pendidikan dalam KK", _labelled(src, rows, "pendidikan_kk_id",
                                          "tweb_penduduk_pendidikan_kk")),
        ("Pekerjaan", _labelled(src, rows, "pekerjaan_id", "tweb_penduduk_pekerjaan")),
    ]
    data: dict[str, Any] = {
            "tanggal_data": src.today,
            "sumber": f"OpenSID, {len(rows)} penduduk hidup (dihitung saat impor)",
            "kelompok": [{"judul": title, "rincian": [{"label": k, "jumlah": n}
                                                      for k, n in counts.most_common()]}
                         for title, counts in groups if counts]}
    src.add("data/statistik.yaml", yaml_text(data, HEADER), "statistik", len(data["kelompok"]))


def _labelled(src: Source, rows: list[dict[str, Any]], column: str,
              table: str) -> Counter[str]:
    names = {key(r.get("id")): title_case(r.get("nama")) for r in src.rows(table)}
    return Counter(names.get(key(r.get(column))) or "Tidak diketahui" for r in rows)


def _ages(rows: list[dict[str, Any]], today: date) -> Counter[str]:
    counts: Counter[str] = Counter()
    for row in rows:
        born = as_date(row.get("tanggallahir"))
        if born is None:
            counts["Tidak diketahui"] += 1
            continue
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        counts[next((label for low, high, label in AGES if low <= age <= high),
                    "Tidak diketahui")] += 1
    return Counter({label: counts[label] for *_, label in AGES if counts[label]} |
                   ({"Tidak diketahui": counts["Tidak diketahui"]}
                    if counts["Tidak diketahui"] else {}))


def bantuan(src: Source) -> None:
    """Each aid programme with its recipients counted per dusun (who they are stays out)."""
    dusun = clusters(src)
    by_nik = {text(r.get("nik")): dusun.get(key(r.get("id_cluster")))
              for r in src.rows("tweb_penduduk")}
    by_kk = {text(r.get("no_kk")): dusun.get(key(r.get("id_cluster")))
             for r in src.rows("tweb_keluarga")}
    members: dict[Any, Counter[str]] = {}
    for row in src.rows("program_peserta", "program_id", "peserta"):
        home = by_nik.get(text(row["peserta"])) or by_kk.get(text(row["peserta"]))
        members.setdefault(key(row["program_id"]), Counter())[home or "Tidak diketahui"] += 1
    programmes = []
    for row in src.rows("program", "id", "nama"):
        counts = members.get(key(row["id"]))
        what = f"program {row['id']} {text(row['nama'])}"
        if not counts:
            src.report.skip(what, "no_recipients")
            continue
        start = src.date_of(what, row, "sdate")
        programmes.append({"nama": text(row["nama"]),
                           "sumber": text(row.get("asaldana")) or f"{G} Asal bantuan",
                           "tahun": start.year if isinstance(start, date) else f"{G} Tahun",
                           "penerima": [{"dusun": k, "jumlah": n}
                                        for k, n in sorted(counts.items())]})
    if programmes:
        data = {"tanggal_data": src.today, "sumber": "OpenSID (jumlah peserta program)",
                "program": programmes}
        src.add("data/bantuan.yaml", yaml_text(data, HEADER), "bantuan", len(programmes))


def apbdes(src: Source) -> None:
    """keuangan_manual_rinci: one file per year, lines with their account names."""
    rows = src.rows("keuangan_manual_rinci", "Tahun", "Kd_Akun", "Kd_Rincian", "Nilai_Anggaran")
    activities = {text(r.get("ID_Keg")).rstrip("."): text(r.get("Nama_Kegiatan"))
                  for r in src.rows("keuangan_manual_ref_kegiatan")}
    years: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        what, part = f"keuangan_manual_rinci {row.get('id')}", PARTS.get(text(row["Kd_Akun"])[:1])
        year = src.number_of(what, row, "Tahun", 2000, 2100)
        planned = src.number_of(what, row, "Nilai_Anggaran")
        if not year or not part or not planned:
            continue
        code, item = _code_and_name(row["Kd_Rincian"])
        line: dict[str, Any] = {"uraian": item or code, "anggaran": int(planned), "kode": code}
        activity = text(row.get("Kd_Keg")).rstrip(".")
        if part == "belanja" and activity:
            line["uraian"] = activities.get(activity) or line["uraian"]
            field = integer(activity.split(".")[0]) or 0
            if 1 <= field <= 5:
                line["bidang"] = field
        done = src.number_of(what, row, "Nilai_Realisasi")
        if done:
            line["realisasi"] = int(done)
        years.setdefault(int(year), {}).setdefault(part, []).append(line)
    for year, parts in sorted(years.items()):
        data = {"tahun": year, "pendapatan": parts.get("pendapatan", []),
                "belanja": parts.get("belanja", []), **({"pembiayaan": parts["pembiayaan"]}
                                                       if "pembiayaan" in parts else {})}
        src.add(f"data/apbdes-{year}.yaml", yaml_text(data, HEADER), "apbdes")
    if not years:
        src.report.skip("keuangan_manual_rinci", "no_budget")


def _code_and_name(value: Any) -> tuple[str, str]:
    match = re.match(r"^([\d.]+)\s*(.*)$", text(value))
    return (match[1].rstrip("."), match[2]) if match else ("", text(value))
