"""ARCHITECTURE.md's "where a change goes", done once each: a new field is one entry in
`schema.py` (validation and the JSON Schemas follow) and a line in a template; a new feature
is its module and one line in `extras.FEATURES`; a new step is its function and one line in
`filesteps.STEPS`. Each is built, edited around, and compared with a clean build (a new
theme: tests/test_themes.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW
from sitekit import make_site, write
from test_incremental import clean_build, tree

from kampung import extras, filesteps, schema
from kampung.build import build, load
from kampung.errors import ContentError
from kampung.extras.feature import Feature
from kampung.filesteps import Step, StepInput
from kampung.jsonschema import file_schema
from kampung.model import Site, Village
from kampung.pages import Output

VILLAGES = ("sukamaju", "sumberrejo")


def _notice_page(site: Site, village: Village, out: Any) -> Iterator[Output]:
    yield out("papan/index.html", "kontak.html")  # any template: the page is the point


def _notice_file(site_root: Path, site: Site, village: Village) -> Iterator[tuple[str, bytes]]:
    count = len(village.section("pengumuman"))
    yield f"{village.slug}/papan/jumlah.txt", f"{count}\n".encode()


def _portal_count(given: StepInput) -> filesteps.Plan:
    count = len(given.site.villages)
    return count, lambda: [("jumlah-desa.txt", f"{count}\n".encode())]


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    notice = Feature(name="papan", village_pages=_notice_page, village_files=_notice_file)
    monkeypatch.setattr(extras, "FEATURES", (*extras.FEATURES, notice))
    monkeypatch.setattr(filesteps, "STEPS", (*filesteps.STEPS, Step("jumlah",
                                                                     portal=_portal_count)))


@pytest.mark.slow
def test_a_new_feature_and_step_are_one_line_each_and_stay_current(
        registered: None, tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs", villages=VILLAGES)
    build(site, site / "output", now=NOW, jobs=1)
    out = site / "output"
    assert (out / "sukamaju/papan/index.html").is_file()
    assert (out / "sukamaju/papan/jumlah.txt").read_text() == "1\n"
    assert (out / "jumlah-desa.txt").read_text() == "2\n"
    assert "/sukamaju/papan/</loc>" in (out / "sukamaju/sitemap.xml").read_text()

    write(site, "content/sukamaju/pengumuman/rapat.md",  # one village edited
          "---\njudul: Rapat\ntanggal: 2026-11-20\n---\nRapat desa.\n")
    report = build(site, site / "output", now=NOW, jobs=1)
    assert (out / "sukamaju/papan/jumlah.txt").read_text() == "2\n"
    assert not any(rel.startswith("sumberrejo/") for rel in report.changed)
    assert (out / "jumlah-desa.txt").is_file()  # the other owner's step kept its file
    assert tree(out) == clean_build(site, NOW)


def _with_counter(text: str, value: str) -> str:
    return text.replace("---\n", f"---\nloket: {value}\n", 1)


@pytest.mark.slow
def test_a_new_field_is_one_schema_entry_and_one_template_line(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs")
    service = site / "content/sukamaju/layanan/ktp-el.md"
    service.write_text(_with_counter(service.read_text(), "Loket 2"))
    with pytest.raises(ContentError) as refused:  # not in the schema: an unknown field
        load(site, NOW)
    assert [(p.path.endswith("ktp-el.md"), p.line, p.code) for p in refused.value.problems] \
        == [(True, 2, "unknown_field")]

    monkeypatch.setitem(schema.LAYANAN, "loket", schema.f(
        "text", "Loket tempat layanan ini diurus.", "The counter where this service is handled."))
    write(site, "templates/layanan.html", '{% extends "default:layanan.html" %}'
          '{% block page %}<p class="loket">{{ page.loket }}</p>{{ super() }}{% endblock %}')
    build(site, site / "output", now=NOW, jobs=1)
    page = (site / "output/sukamaju/layanan/ktp-el/index.html").read_text()
    assert '<p class=loket>Loket 2</p>' in page  # (minified)
    assert "string" in file_schema("layanan", schema.LAYANAN)["properties"]["loket"]["type"]

    service.write_text(_with_counter(service.read_text().replace("loket: Loket 2\n", ""),
                                     "[1, 2]"))
    with pytest.raises(ContentError) as wrong:  # validation follows the new entry
        load(site, NOW)
    assert [(p.line, p.severity) for p in wrong.value.problems] == [(2, "error")]
