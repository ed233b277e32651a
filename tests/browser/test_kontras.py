"""The high-contrast theme, as a phone shows it: larger text, AAA contrast, no axe violation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from kampung.build import build

from .cdp import Chromium
from .conftest import NOW, PAGES, REPO
from .host import StaticHost
from .test_standards import axe_source

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]
# colour-contrast-enhanced is WCAG's AAA level (7:1), off in axe by default
AXE_AAA = ("axe.run(document, {rules: {'color-contrast-enhanced': {enabled: true}}})"
           ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' '))"
           ".join(' | ')))")
FONT_PX = "parseFloat(getComputedStyle(document.body).fontSize)"


@pytest.fixture(scope="module")
def kontras_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticHost]:
    site = tmp_path_factory.mktemp("kontras")
    shutil.copytree(REPO / "content", site / "content")
    portal = site / "content/portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8").replace("tema: default", "tema: kontras"),
                      encoding="utf-8")
    build(site, site / "output", now=NOW)
    with StaticHost(site / "output") as served:
        yield served


@pytest.mark.parametrize("kind", PAGES)
def test_kontras_pages_pass_axe_with_aaa_contrast_and_larger_text(
        kind: str, kontras_host: StaticHost, chromium: Chromium) -> None:
    page = chromium.new_page()
    page.emulate_phone()
    page.goto(kontras_host.url + PAGES[kind])
    assert page.evaluate(FONT_PX) >= 19
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.evaluate(axe_source())
    assert page.evaluate(AXE_AAA) == []
