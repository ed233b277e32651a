"""Open data: budget and statistics as CSV and JSON that hold the YAML's own numbers, and
charts that a screen reader can read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from extras.conftest import soup_of
from kampung.extras.opendata import bar_chart


def yaml_of(site: Path, rel: str) -> dict:
    return yaml.safe_load((site / "content/sukamaju/data" / rel).read_text("utf-8"))


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


@pytest.mark.parametrize("part", ["pendapatan", "belanja"])
def test_budget_csv_round_trips_to_the_yaml_numbers(extras_site: Path, out: Path,
                                                    part: str) -> None:
    source = yaml_of(extras_site, "apbdes-2026.yaml")[part]
    rows = rows_of(out / f"sukamaju/apbdes/apbdes-2026-{part}.csv")
    assert [r["uraian"] for r in rows] == [line["uraian"] for line in source]
    assert [int(r["anggaran"]) for r in rows] == [line["anggaran"] for line in source]
    assert [int(r["realisasi"]) if r["realisasi"] else None for r in rows] == \
        [line.get("realisasi") for line in source]


def test_budget_json_has_the_same_rows(extras_site: Path, out: Path) -> None:
    source = yaml_of(extras_site, "apbdes-2026.yaml")["belanja"]
    data = json.loads((out / "sukamaju/apbdes/apbdes-2026-belanja.json").read_text("utf-8"))
    assert data["tahun"] == 2026 and data["satuan"] == "rupiah"
    assert [(r["uraian"], r["anggaran"], r["realisasi"]) for r in data["baris"]] == \
        [(line["uraian"], line["anggaran"], line.get("realisasi")) for line in source]
    assert data["baris"][0]["persen_realisasi"] == 50.0


def test_statistics_csv_round_trips(extras_site: Path, out: Path) -> None:
    groups = yaml_of(extras_site, "statistik.yaml")["kelompok"]
    for group, name in zip(groups, ["jenis-kelamin", "kelompok-umur"], strict=True):
        rows = rows_of(out / f"sukamaju/statistik/statistik-{name}.csv")
        assert [(r["label"], int(r["jumlah"])) for r in rows] == \
            [(row["label"], row["jumlah"]) for row in group["rincian"]]


@pytest.mark.parametrize("page", ["apbdes", "statistik"])
def test_every_table_has_its_downloads_next_to_it(out: Path, page: str) -> None:
    soup = soup_of(out, f"sukamaju/{page}/index.html")
    tables = soup.select("main table")
    assert tables
    for table in tables:
        links = [a["href"] for a in table.find_parent("div").find_next_sibling("p").select("a")]
        assert [h.rsplit(".", 1)[1] for h in links] == ["csv", "json"]
        for href in links:
            assert (out / f"sukamaju/{page}" / href).is_file(), href


@pytest.mark.parametrize("page", ["apbdes", "statistik"])
def test_charts_carry_text_alternatives(out: Path, page: str) -> None:
    soup = soup_of(out, f"sukamaju/{page}/index.html")
    charts = soup.select("main figure.chart > svg")
    assert len(charts) == len(soup.select("main table"))
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.select_one(f"title#{title_id}").get_text(strip=True)
        desc = svg.select_one(f"desc#{desc_id}").get_text()
        for label in svg.select("text"):
            assert label.get_text(strip=True) in desc


def test_chart_description_reads_planned_and_realised_in_rupiah(out: Path) -> None:
    svg = soup_of(out, "sukamaju/apbdes/index.html").select_one("figure.chart > svg")
    desc = svg.desc.get_text()
    assert "Dana Desa: Anggaran Rp1.050.000.000, Realisasi Rp630.000.000" in desc
    bars = [float(r["width"]) for r in svg.select("rect")]
    assert bars[0] == max(bars) and bars[1] == pytest.approx(bars[0] * 0.6, abs=0.2)


@pytest.mark.parametrize("rel", ["apbdes/apbdes-2026-belanja.csv",
                                 "statistik/statistik-kelompok-umur.csv"])
def test_csv_opens_in_excel_with_its_dashes_and_letters_intact(out: Path, rel: str) -> None:
    """Excel on Windows reads a CSV as UTF-8 only when it starts with a byte-order mark;
    without one, "0–14 tahun" shows as "0â€“14 tahun" in the village office."""
    data = (out / "sukamaju" / rel).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\xef\xbb\xbf") == 1  # the mark once, not before every row
    text = data.decode("utf-8-sig")
    assert "–" in text and text.startswith(("uraian,", "label,"))


def test_a_long_chart_label_wraps_above_its_bars_in_a_phone_wide_chart() -> None:
    chart = bar_chart([{"uraian": "Bantuan keuangan khusus Kabupaten Banyuwangi",
                        "anggaran": 150_000_000}, {"uraian": "Bunga bank", "anggaran": 1}],
                      "uraian", ["anggaran"])
    long, short = chart["items"]
    assert [line["text"] for line in long["lines"]] == [
        "Bantuan keuangan khusus Kabupaten", "Banyuwangi"]
    assert long["lines"][1]["y"] < long["bars"][0]["y"] < short["lines"][0]["y"]
    assert chart["width"] <= 360 and long["bars"][0]["width"] + 105 <= chart["width"]
