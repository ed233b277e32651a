"""ARCHITECTURE.md's "where a change goes", done once each: a new feature is its module and
one line in `extras.FEATURES`; a new step is its function and one line in
`filesteps.STEPS`. Each is built, edited around, and compared with a clean build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW
from sitekit import make_site, write
from test_incremental import clean_build, tree

from kampung import extras, filesteps
from kampung.build import build
from kampung.extras.feature import Feature
from kampung.filesteps import Step, StepInput
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
