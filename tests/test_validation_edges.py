"""Content that `check` used to pass and the build then tripped over, in a theme template
or deep in a library: each is now a problem at its own file and line, with a hint, and the
build stops on the same problem instead of a template's error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import NOW
from sitekit import write

from kampung.build import build
from kampung.cli import main
from kampung.errors import ContentError, errors_only
from kampung.jsonschema import file_schema
from kampung.model import load_site
from kampung.schema import FILE_TYPES, MAX_COUNT, MAX_RUPIAH, Field

V = "content/sukamaju"
NOTICE_EN = f"{V}/pengumuman/kerja-bakti.en.md"
BUDGET = """\
tahun: 2026
pendapatan:
  - uraian: Dana Desa
    anggaran: 1000000
belanja:
  - uraian: Jalan desa
    anggaran: 1000000
"""
SHAPE = ('{{"type": "FeatureCollection", "features": [{{"type": "Feature", '
         '"properties": {properties}, "geometry": {{"type": "Polygon", "coordinates": '
         '[[[114.30, -8.20], [{point}], [114.31, -8.21], [114.30, -8.20]]]}}}}]}}')


def checked(site: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, str, str]]:
    """`kampung check`: (file, line, code, hint) of every error it reports."""
    failed = main(["check", "--site", str(site), "--format", "json", "--now", "2026-11-28"])
    report = json.loads(capsys.readouterr().out)
    found = [(p["file"], p["line"], p["code"], p["hint"]) for p in report["problems"]
             if p["severity"] == "error"]
    assert failed == (1 if found else 0)
    return found


def build_stops_at(site: Path) -> list[tuple[str, int, str]]:
    """The problems a build stops on: the content's, never a template's."""
    with pytest.raises(ContentError) as caught:
        build(site, site / "output", now=NOW)
    return [(p.path, p.line, p.code) for p in errors_only(caught.value.problems)]


def reported_once(site: Path, capsys: pytest.CaptureFixture[str], where: tuple[str, int, str],
                  *hint_words: str) -> None:
    """`check` reports exactly this, with a hint naming what to write; `build` stops on it."""
    [(path, line, code, hint)] = checked(site, capsys)
    assert (path, line, code) == where
    assert hint and all(word in hint for word in hint_words), hint
    assert build_stops_at(site) == [where]


# translations (D1, D2): a field left out is inherited, an object given is complete

def test_a_translated_image_without_its_file_is_named_at_the_translation(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, NOTICE_EN, "---\njudul: Working together\ngambar:\n  alt: only alt\n---\n")
    reported_once(site, capsys, ("sukamaju/pengumuman/kerja-bakti.en.md", 3, "missing_field"),
                  '"file: ..."')


def test_a_translated_attachment_without_its_file_is_named_at_its_item(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, NOTICE_EN, "---\njudul: Working together\nlampiran:\n  - judul: Letter\n---\n")
    reported_once(site, capsys, ("sukamaju/pengumuman/kerja-bakti.en.md", 4, "missing_field"),
                  '"file: ..."')


def test_a_translation_still_leaves_whole_fields_to_its_original(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, NOTICE_EN, "---\njudul: Working together\n---\nEveryone is welcome.\n")
    assert checked(site, capsys) == []


def editor_accepts(kind: str, text: str, translation: bool) -> bool:
    schema = file_schema(kind, FILE_TYPES[kind], translation=translation)
    return jsonschema.Draft7Validator(schema).is_valid(yaml.safe_load(text))


@pytest.mark.parametrize(("text", "accepted"), [
    ("judul: Working together\n", True),
    ("judul: Working together\ngambar: {file: balai.jpg, alt: The hall}\n", True),
    ("judul: Working together\ngambar: {alt: only alt}\n", False),
    ("judul: Working together\nlampiran:\n  - judul: Letter\n", False),
])
def test_the_editor_asks_a_translation_for_what_check_asks(text: str, accepted: bool) -> None:
    assert editor_accepts("pengumuman", text, translation=True) is accepted


# numbers (D3): every one has a bound that keeps it printable, and NaN is no number

def numeric_fields(fields: dict[str, Field], where: str) -> list[tuple[str, Field]]:
    found = []
    for name, spec in fields.items():
        inner = spec.item if spec.kind == "list" and spec.item else spec
        if inner.kind in ("int", "number", "rupiah"):
            found.append((f"{where}.{name}", inner))
        found += numeric_fields(dict(inner.fields), f"{where}.{name}")
    return found


def test_every_number_a_volunteer_writes_has_an_upper_bound() -> None:
    fields = [f for kind, spec in FILE_TYPES.items() for f in numeric_fields(spec, kind)]
    assert len(fields) > 30
    assert [where for where, spec in fields
            if spec.maximum is None or spec.maximum > MAX_RUPIAH] == []


@pytest.mark.parametrize(("rel", "text", "line", "maximum"), [
    ("data/apbdes-2026.yaml",
     BUDGET.replace("anggaran: 1000000\nbelanja", f"anggaran: {'9' * 50}\nbelanja"),
     4, MAX_RUPIAH),
    ("data/apbdes-2026.yaml",
     BUDGET.replace("anggaran: 1000000\nbelanja", f"anggaran: Rp {'9' * 5000},-\nbelanja"),
     4, MAX_RUPIAH),
    ("data/statistik.yaml", "tanggal_data: 2026-11-01\nsumber: Buku induk\nkelompok:\n"
     "  - judul: Penduduk\n    rincian:\n      - {label: Laki-laki, jumlah: 99999999999}\n",
     6, MAX_COUNT),
])
def test_a_figure_too_large_to_print_is_refused_at_its_line(
        site: Path, capsys: pytest.CaptureFixture[str], rel: str, text: str, line: int,
        maximum: int) -> None:
    write(site, f"{V}/{rel}", text)
    reported_once(site, capsys, (f"sukamaju/{rel}", line, "too_large"), str(maximum))


def test_the_editor_refuses_an_amount_too_large_too() -> None:
    huge = BUDGET.replace("anggaran: 1000000\nbelanja", f"anggaran: {MAX_RUPIAH + 1}\nbelanja")
    assert editor_accepts("apbdes", BUDGET, translation=False)
    assert not editor_accepts("apbdes", huge, translation=False)


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf"])
def test_a_coordinate_that_is_no_number_is_refused(
        site: Path, capsys: pytest.CaptureFixture[str], written: str) -> None:
    desa = (site / V / "desa.yaml").read_text()
    write(site, f"{V}/desa.yaml", desa.replace("koordinat: {lat: -8.2, lng: 114.3}",
                                               f"koordinat:\n  lat: {written}\n  lng: 114.3"))
    reported_once(site, capsys, ("sukamaju/desa.yaml", 8, "wrong_number"), "-8.2192")


# the map file

@pytest.mark.parametrize("point", ["NaN, -8.2", "114.3, Infinity", "114.3, 1e308",
                                   "-Infinity, -8.2", "595000, 9090000"])
def test_a_map_point_that_is_no_longitude_and_latitude_is_refused(
        site: Path, capsys: pytest.CaptureFixture[str], point: str) -> None:
    write(site, f"{V}/data/peta.geojson", SHAPE.format(properties="{}", point=point))
    reported_once(site, capsys, ("sukamaju/data/peta.geojson", 1, "geojson_point"),
                  "EPSG:4326")


def test_a_map_nested_a_hundred_thousand_deep_is_refused(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, f"{V}/data/peta.geojson", "[" * 100_000 + "]" * 100_000)
    reported_once(site, capsys, ("sukamaju/data/peta.geojson", 1, "geojson_too_deep"),
                  "GeoJSON")


def test_a_map_that_is_a_list_is_no_feature_collection(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, f"{V}/data/peta.geojson", "[]")
    reported_once(site, capsys, ("sukamaju/data/peta.geojson", 1, "geojson_shape"),
                  "FeatureCollection")


def test_a_map_shape_with_odd_properties_is_drawn_without_a_name(site: Path) -> None:
    write(site, f"{V}/data/peta.geojson", SHAPE.format(properties="[1]", point="114.31, -8.2"))
    loaded, problems = load_site(site / "content", NOW)
    assert errors_only(problems) == [] and loaded is not None
    [area] = loaded.villages[0].data["peta"]
    assert (area["nama"], area["jenis"]) == ("", "dusun")


# the budget's year, in its file name and in `tahun`

@pytest.mark.parametrize(("name", "tahun", "code", "words"), [
    ("apbdes-2025.yaml", "2026", "file_name_mismatch", ("apbdes-2026.yaml",)),
    ("apbdes-0000.yaml", "2026", "file_name_mismatch", ("apbdes-2026.yaml",)),
    ("apbdes-0000.yaml", "0000", "too_small", ("2000",)),
    ("apbdes-2026.yaml", "1999", "too_small", ("2000",)),
])
def test_a_budget_year_must_be_plausible_and_match_its_file_name(
        site: Path, capsys: pytest.CaptureFixture[str], name: str, tahun: str, code: str,
        words: tuple[str, ...]) -> None:
    write(site, f"{V}/data/{name}", BUDGET.replace("tahun: 2026", f"tahun: {tahun}"))
    reported_once(site, capsys, (f"sukamaju/data/{name}", 1, code), *words)


def test_a_budget_named_for_its_year_is_published_under_it(site: Path) -> None:
    write(site, f"{V}/data/apbdes-2026.yaml", BUDGET)
    loaded, problems = load_site(site / "content", NOW)
    assert errors_only(problems) == [] and loaded is not None
    budgets: dict[int, Any] = loaded.villages[0].data["apbdes"]
    assert list(budgets) == [2026] and budgets[2026]["tahun"] == 2026
