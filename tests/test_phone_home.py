"""A resident opens the sample village home page on a 360x800 phone in real headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import NOW

from kampung.build import build

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    from browser.cdp import Chromium

    with Chromium.launch() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    from browser.host import StaticHost

    output = tmp_path_factory.mktemp("sample") / "output"
    build(REPO, output, now=NOW)
    with StaticHost(output) as host:
        yield host.url


@pytest.mark.parametrize("village", ["kemiren", "tamansari", "sumberagung"])
def test_home_fits_the_phone_and_shows_the_urgent_notice_first(browser, served, village) -> None:
    page = browser.new_page()
    page.emulate_phone(width=360, height=800, dpr=2)
    page.goto(f"{served}{village}/index.html")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{village}: page is {overflow}px wider than the screen"
    banner = page.evaluate("""(() => {
        const link = document.querySelector('.banner a');
        const box = link.getBoundingClientRect();
        return {text: link.textContent, top: box.top, bottom: box.bottom,
                visible: box.width > 0 && box.height > 0};
    })()""")
    assert banner["visible"] and banner["text"].strip()
    assert banner["top"] >= 0 and banner["bottom"] <= 800, banner
    assert page.console_errors() == []
