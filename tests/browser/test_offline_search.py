"""A resident who searched once can search again with no signal."""

from __future__ import annotations

import pytest

from .cdp import Chromium
from .conftest import visit_home
from .host import StaticHost

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]
SEARCH = "kemiren/cari/index.html"


def results(page, words: str) -> list[str]:
    page.evaluate(f"document.getElementById('q').value = {words!r},"
                  "document.getElementById('q').dispatchEvent(new Event('input'))")
    page.wait_for("document.querySelectorAll('#cari-hasil a').length", timeout=20)
    return page.evaluate("[...document.querySelectorAll('#cari-hasil a strong')]"
                         ".map(s => s.textContent)")


def test_search_works_offline_after_one_search(sample_output) -> None:
    with Chromium.launch() as browser:
        site = StaticHost(sample_output)
        page = visit_home(browser, site)
        page.goto(site.url + SEARCH)
        online = results(page, "ktp")
        assert any(title.startswith("KTP-el") for title in online)
        page.wait_for("caches.open('kampung').then(c => c.keys()).then(k => "
                      "k.some(r => r.url.endsWith('.pf_bundle')))", timeout=20)
        site.stop()
        page.clear()
        page.goto(site.url + SEARCH)
        assert results(page, "ktp") == online
