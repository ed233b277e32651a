"""A real headless Chromium page reloads itself when the volunteer saves a file."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from browser.cdp import CDPError, Chromium, Page
from sitekit import write

from kampung.serve import Session

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


def until(page: Page, expression: str, timeout: float = 60) -> None:
    """Poll `expression` until true; a page being replaced by its reload may not answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(CDPError):
            if page.evaluate(f"!!document.body && ({expression})"):
                return
        time.sleep(0.05)
    raise AssertionError(f"still false after {timeout} s: {expression}")


@pytest.fixture
def phone(chromium: Chromium) -> Page:
    page = chromium.new_page()
    page.emulate_phone()
    return page


def test_an_open_page_reloads_itself_after_an_edit_and_shows_the_overlay(
        site: Path, phone: Page) -> None:
    with Session(site, port=0, now="2026-11-28", log=lambda line: None) as session:
        phone.goto(session.url + "sukamaju/")
        until(phone, "document.body.innerText.includes('Kerja bakti')")
        until(phone, "performance.getEntriesByType('resource')"
                     ".some(e => e.name.includes('/__kampung/reload.js'))")
        phone.evaluate("window.belumDimuat = true")

        write(site, "content/sukamaju/pengumuman/kerja-bakti.md",
              "---\njudul: Kerja bakti hari Minggu\ntanggal: 2026-11-20\n---\nBawa cangkul.\n")
        until(phone, "document.body.innerText.includes('Kerja bakti hari Minggu')")
        assert phone.evaluate("window.belumDimuat") is None  # a fresh document: it reloaded

        phone.evaluate("window.belumDimuat = true")
        write(site, "content/sukamaju/pengumuman/kerja-bakti.md",
              "---\njudul: Kerja bakti hari Minggu\ntangal: 2026-11-20\n---\nBawa cangkul.\n")
        until(phone, "document.getElementById('kampung-overlay') !== null")
        assert phone.evaluate("window.belumDimuat") is None
        shown = phone.evaluate("document.getElementById('kampung-overlay').innerText")
        assert "sukamaju/pengumuman/kerja-bakti.md:3:1" in shown
        assert phone.evaluate("document.body.innerText.includes('Kerja bakti hari Minggu')")
        assert not [e for e in phone.console_errors() if "__kampung" in e]
