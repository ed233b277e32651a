"""Open data: each APBDes and statistics table as CSV and JSON, and its chart as geometry.

The numbers in the files are the YAML numbers, unformatted (no 'Rp', no thousands dots),
so a spreadsheet or the regency's data portal reads them as they are. Charts are computed
here as plain data and drawn by `partials/chart.html` as inline SVG: no chart library.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Site, Village, slugify
from .feature import Feature

BUDGET_PARTS = ("pendapatan", "belanja", "pembiayaan")
BUDGET_COLUMNS = ("uraian", "sumber", "anggaran", "realisasi", "persen_realisasi")
STAT_COLUMNS = ("label", "jumlah", "persen")


def budget_name(year: int, part: str) -> str:
    """'apbdes-2026-belanja': the file name (without .csv/.json) of one budget table."""
    return f"apbdes-{year}-{part}"


def stat_names(stats: dict[str, Any] | None) -> list[str]:
    """File names of the statistics tables, in order: 'statistik-jenis-kelamin', ..."""
    names: list[str] = []
    for group in (stats or {}).get("kelompok", []):
        name = f"statistik-{slugify(group['judul'])}"
        while name in names:
            name += "-2"
        names.append(name)
    return names


def percent(part: int | None, whole: int) -> float | None:
    return round(100 * part / whole, 1) if part is not None and whole else None


def budget_rows(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"uraian": line["uraian"], "sumber": line.get("sumber", ""),
             "anggaran": line["anggaran"], "realisasi": line.get("realisasi"),
             "persen_realisasi": percent(line.get("realisasi"), line["anggaran"])}
            for line in lines]


def stat_rows(group: dict[str, Any]) -> list[dict[str, Any]]:
    total = sum(row["jumlah"] for row in group["rincian"])
    return [{"label": row["label"], "jumlah": row["jumlah"],
             "persen": percent(row["jumlah"], total)} for row in group["rincian"]]


def village_files(site_root: Path, site: Site, village: Village) -> Iterator[tuple[str, bytes]]:
    for year, budget in sorted(village.data["apbdes"].items()):
        for part in BUDGET_PARTS:
            if not budget.get(part):
                continue
            meta = {"judul": f"APBDes {year}: {part}", "tahun": year, "bagian": part,
                    "status": budget.get("status"), "perdes": budget.get("perdes"),
                    "satuan": "rupiah"}
            rows = budget_rows(budget[part])
            yield from _table(f"{village.slug}/apbdes/{budget_name(year, part)}", meta,
                              BUDGET_COLUMNS, rows, village)
    stats = village.data.get("statistik") or {}
    for name, group in zip(stat_names(stats), stats.get("kelompok", []), strict=True):
        meta = {"judul": group["judul"], "tanggal_data": stats["tanggal_data"].isoformat(),
                "sumber": stats["sumber"], "satuan": "jiwa"}
        yield from _table(f"{village.slug}/statistik/{name}", meta, STAT_COLUMNS,
                          stat_rows(group), village)


def _table(stem: str, meta: dict[str, Any], columns: tuple[str, ...],
           rows: list[dict[str, Any]], village: Village) -> Iterator[tuple[str, bytes]]:
    yield f"{stem}.csv", to_csv(columns, rows)
    document = {"desa": village.profile["nama"], "kode_desa": village.profile.get("kode_desa"),
                **meta, "kolom": list(columns), "baris": rows}
    yield f"{stem}.json", (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


def to_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    """RFC 4180 CSV, comma-separated, a header row, numbers as plain digits; UTF-8 with a
    byte-order mark, without which Excel on Windows (what village offices open it with)
    reads the file as ANSI and garbles every non-ASCII letter."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in columns})
    return buffer.getvalue().encode("utf-8-sig")


# Charts: horizontal bars, the label above its bars so long labels fit a 320 px screen.
# The viewBox is a phone's column wide, so its units are about CSS pixels there and the
# 15/13-unit labels read at 15/13 px (at 600 units they shrank to 7-8 px); the longest bar
# leaves room beside it for its value ('Rp1.018.420.000' is about 105 units).
WIDTH = 320
BAR_SHARE = 0.6
LABEL_HEIGHT = 22
LABEL_CHARS = 36  # a longer label wraps: SVG text does not
BAR_HEIGHT = 17
ROW_GAP = 12


def bar_chart(rows: list[dict[str, Any]], label: str, series: list[str]) -> dict[str, Any]:
    """Geometry for one chart: a row per item, a bar per series, all in viewBox units."""
    largest = max((row.get(key) or 0 for row in rows for key in series), default=0) or 1
    items, y = [], 0
    for row in rows:
        bars, lines = [], textwrap.wrap(str(row[label]), LABEL_CHARS) or [""]
        for index, key in enumerate(series):
            value = row.get(key)
            width = round(WIDTH * BAR_SHARE * (value or 0) / largest, 1)
            bars.append({"series": index, "key": key, "value": value, "width": width,
                         "y": y + len(lines) * LABEL_HEIGHT + index * BAR_HEIGHT})
        items.append({"label": row[label], "bars": bars,
                      "lines": [{"text": text, "y": y + (n + 1) * LABEL_HEIGHT - 5}
                                for n, text in enumerate(lines)]})
        y += len(lines) * LABEL_HEIGHT + len(series) * BAR_HEIGHT + ROW_GAP
    return {"width": WIDTH, "height": y, "bar_height": BAR_HEIGHT - 3, "items": items,
            "series": series}


def budget_chart(lines: list[dict[str, Any]]) -> dict[str, Any]:
    rows = budget_rows(lines)
    series = ["anggaran", "realisasi"] if any(r["realisasi"] is not None for r in rows) \
        else ["anggaran"]
    return bar_chart(rows, "uraian", series)


def stat_chart(group: dict[str, Any]) -> dict[str, Any]:
    return bar_chart(stat_rows(group), "label", ["jumlah"])


FEATURE = Feature(name="opendata", village_files=village_files)
