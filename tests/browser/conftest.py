"""Fixtures for browser tests: the sample portal (tests/conftest.py), served like a cheap
host, and one Chromium per module."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from .cdp import Chromium, Page
from .host import StaticHost

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 28, 9, 0)
# The four page types the phone tests walk through, on the sample portal.
PAGES = {
    "home": "kemiren/index.html",
    "service": "kemiren/layanan/ktp-el/index.html",
    "tourism": "tamansari/wisata/kawah-ijen/index.html",
    "announcements": "kemiren/pengumuman/index.html",
}


@pytest.fixture(scope="module")
def host(sample_output: Path) -> Iterator[StaticHost]:
    with StaticHost(sample_output) as served:
        yield served


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    with Chromium.launch() as browser:
        yield browser


def visit_home(browser: Chromium, site: StaticHost) -> Page:
    """A resident opens the village home once, online, on a phone: its service worker
    takes over the page."""
    page = browser.new_page()
    page.emulate_phone()
    page.goto(site.url + PAGES["home"])
    page.wait_for("navigator.serviceWorker.controller !== null", timeout=30)
    return page
