"""The sample portal a new volunteer sees first: complete, valid, and light enough for a phone."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from conftest import NOW

from kampung.build import build
from kampung.model import load_site
from kampung.pages import expired, is_urgent

REPO = Path(__file__).resolve().parents[1]
VILLAGES = ("kemiren", "sumberagung", "tamansari")
HOME_BUDGET = 14 * 1024


@pytest.fixture(scope="module")
def sample_site():
    site, problems = load_site(REPO / "content", NOW)
    assert site is not None, [p.format("en") for p in problems]
    return site, problems


def test_sample_content_has_no_problems(sample_site) -> None:
    _, problems = sample_site
    assert [p.format("en") for p in problems] == []


def test_three_banyuwangi_villages_marked_as_sample_data(sample_site) -> None:
    site, _ = sample_site
    assert tuple(v.slug for v in site.villages) == VILLAGES
    assert all(v.profile["kabupaten"] == "Banyuwangi" and v.profile["contoh"]
               for v in site.villages)


@pytest.mark.parametrize("slug", VILLAGES)
def test_each_village_has_what_the_issue_asks_for(sample_site, slug: str) -> None:
    site, _ = sample_site
    village = next(v for v in site.villages if v.slug == slug)
    services = {p.slug for p in village.section("layanan")}
    assert {"ktp-el", "kartu-keluarga", "akta-kelahiran", "surat-keterangan-domisili", "sktm",
            "pindah-datang"} <= services
    assert len(village.section("wisata")) >= 3
    announcements = village.section("pengumuman")
    assert len(announcements) >= 10
    assert sum(is_urgent(p, site.today) for p in announcements) >= 1
    assert sum(expired(p, site.today) for p in announcements) >= 1
    assert len(village.section("agenda")) >= 4
    assert village.section("layanan", "en"), "some English translations"
    assert {"perangkat", "statistik"} <= set(village.data) and village.data["apbdes"]
    photos = [m for m in village.media if m.endswith(".jpg")]
    assert photos and all((REPO / "content" / slug / "media" / m).stat().st_size > 1_000_000
                          for m in photos)


@pytest.mark.slow
def test_every_home_page_fits_the_first_round_trip(tmp_path: Path) -> None:
    site = tmp_path / "situs"
    shutil.copytree(REPO / "content", site / "content")
    build(site, site / "output", now=NOW)
    for slug in VILLAGES:
        html = (site / "output" / slug / "index.html").read_bytes()
        assert len(gzip.compress(html, 9)) <= HOME_BUDGET, slug
