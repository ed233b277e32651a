"""A resident never taps a link to a page the build did not make: every relative link and
asset of the whole output names a file of it, on the sample portal and on a generated
corpus whose villages have no profile page (issue 15, point 12)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kampung.build import build

from .linkkit import dead_links, internal_links

pytestmark = pytest.mark.slow  # builds whole portals
REPO = Path(__file__).resolve().parents[2]


def test_every_link_of_the_sample_portal_leads_to_a_file(sample_output: Path) -> None:
    pages = list(sample_output.rglob("*.html"))
    assert len(pages) > 200
    assert sum(len(internal_links(p.read_text("utf-8"))) for p in pages) > 3_000
    assert dead_links(sample_output) == {}


def test_every_link_of_a_generated_corpus_leads_to_a_file(tmp_path: Path) -> None:
    """Two generated villages of 100 pages each, written as a volunteer would: no
    profil.md, links between sibling pages in their bodies."""
    import sys

    sys.path.insert(0, str(REPO))
    from benchmarks.corpus import corpus
    from benchmarks.writers import write_kampung

    villages = corpus(200, seed=15)
    write_kampung(villages, tmp_path / "situs")
    assert not list((tmp_path / "situs" / "content").glob("*/halaman/profil.md"))
    build(tmp_path / "situs", tmp_path / "output", now=datetime(2026, 11, 28, 9))
    assert dead_links(tmp_path / "output") == {}
