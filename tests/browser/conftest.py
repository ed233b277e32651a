"""Fixtures for browser tests: the sample portal built once, served like a cheap host."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kampung.build import build

from .cdp import Chromium
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


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample content, built as CI would (image cache in .kampung-cache).

    KAMPUNG_BROWSER_OUTPUT=<folder> reuses a portal built before, to iterate on a test.
    """
    if os.environ.get("KAMPUNG_BROWSER_OUTPUT"):
        return Path(os.environ["KAMPUNG_BROWSER_OUTPUT"])
    output = tmp_path_factory.mktemp("sample") / "output"
    build(REPO, output, now=NOW)
    return output


@pytest.fixture(scope="module")
def host(sample_output: Path) -> Iterator[StaticHost]:
    with StaticHost(sample_output) as served:
        yield served


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    with Chromium.launch() as browser:
        yield browser
