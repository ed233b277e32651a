"""A real headless Chromium page reloads itself when the volunteer saves a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitekit import write

from generator.serve import Session

from .cdp import Browser, chromium_path, required

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not chromium_path():
        if required():
            pytest.fail("Chromium is required when CI=true (apt-get install chromium)")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    with Browser() as opened:
        yield opened


def test_an_open_page_reloads_itself_after_an_edit_and_shows_the_overlay(
        site: Path, browser: Browser) -> None:
    page = browser.page
    with Session(site, port=0, now="2026-11-28", log=lambda line: None) as session:
        page.goto(session.url + "sukamaju/")
        page.wait_for("document.body.innerText.includes('Kerja bakti')")
        page.evaluate("window.belumDimuat = true")
        page.wait_for("performance.getEntriesByType('resource')"
                      ".some(e => e.name.includes('/__kampung/reload.js'))")

        write(site, "content/sukamaju/pengumuman/kerja-bakti.md",
              "---\njudul: Kerja bakti hari Minggu\ntanggal: 2026-11-20\n---\nBawa cangkul.\n")
        page.wait_for("document.body.innerText.includes('Kerja bakti hari Minggu')", 60)
        assert page.evaluate("window.belumDimuat") is None  # a fresh document: it reloaded

        page.evaluate("window.belumDimuat = true")
        write(site, "content/sukamaju/pengumuman/kerja-bakti.md",
              "---\njudul: Kerja bakti hari Minggu\ntangal: 2026-11-20\n---\nBawa cangkul.\n")
        page.wait_for("document.getElementById('kampung-overlay') !== null", 60)
        assert page.evaluate("window.belumDimuat") is None
        shown = page.evaluate("document.getElementById('kampung-overlay').innerText")
        assert "sukamaju/pengumuman/kerja-bakti.md:3:1" in shown
        assert page.evaluate("document.body.innerText.includes('Kerja bakti hari Minggu')")
