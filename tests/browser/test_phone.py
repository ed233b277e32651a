"""A resident on a cheap phone over Slow 4G: small pages, no sideways scrolling, no errors,
readable without JavaScript, and readable again offline after one visit."""

from __future__ import annotations

import pytest

from .cdp import Chromium
from .conftest import PAGES, visit_home
from .host import StaticHost

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]
KB = 1024


@pytest.mark.parametrize("kind", PAGES)
def test_first_visit_on_slow_4g_phone(kind, host, chromium):
    page = chromium.new_page()
    page.emulate_phone(360, 800, 2)
    page.throttle("slow-4g")
    page.send("Network.setCacheDisabled", cacheDisabled=True)
    page.send("Network.setBypassServiceWorker", bypass=True)
    page.goto(host.url + PAGES[kind])
    responses = page.responses()
    html = next(size for url, _, size, _ in responses if url.endswith(PAGES[kind]))
    assert html <= 14 * KB, f"{kind}: HTML {html} bytes over the first round trip"
    assert page.bytes_received() <= 100 * KB, responses
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), \
        f"{kind}: scrolls sideways at 360 px"
    undimensioned = page.evaluate(
        "[...document.images].filter(i => !i.getAttribute('width') || !i.getAttribute('height'))"
        ".map(i => i.currentSrc || i.src)")
    assert undimensioned == []
    assert page.console_errors() == []
    assert all(status == 200 for _, status, _, _ in responses), responses


def test_tourism_photo_arrives_as_720px_webp(host, chromium):
    page = chromium.new_page()
    page.emulate_phone(360, 800, 2)
    page.send("Network.setBypassServiceWorker", bypass=True)
    page.goto(host.url + PAGES["tourism"])
    photo = page.evaluate("document.querySelector('main picture img').currentSrc")
    assert "/aset/kawah-ijen-720." in photo and photo.endswith(".webp")
    size = next(s for url, _, s, _ in page.responses() if url == photo)
    assert size < 60 * KB


@pytest.mark.parametrize("kind", PAGES)
def test_usable_without_javascript(kind, host, chromium):
    page = chromium.new_page()
    page.emulate_phone()
    page.disable_javascript()
    page.goto(host.url + PAGES[kind])
    assert page.evaluate("document.querySelector('main h1').textContent.trim().length > 0")
    links = page.evaluate("[...document.querySelectorAll('nav.menu a')].map(a => a.href)")
    assert len(links) >= 6 and all(link.startswith(host.url) for link in links)
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.console_errors() == []


def test_home_and_service_reload_offline_after_one_visit(sample_output, tmp_path):
    with Chromium.launch() as browser:
        site = StaticHost(sample_output)
        page = visit_home(browser, site)
        page.wait_for("caches.open('kampung').then(c => c.keys()).then(k => k.some("
                      "r => r.url.endsWith('/kemiren/kontak/')))", timeout=30)
        page.goto(site.url + PAGES["service"])  # read once: kept as it was read
        page.goto(site.url + PAGES["home"])
        site.stop()  # the signal is gone
        page.clear()
        page.reload()
        assert page.evaluate("document.querySelector('main h1').textContent").startswith(
            "Selamat datang")
        notice = page.evaluate("document.querySelector('main [role=status]').textContent")
        assert notice.startswith("Salinan offline dari ") and "2026" in notice
        page.goto(site.url + PAGES["service"])
        assert page.evaluate("document.querySelector('main h1').textContent").startswith("KTP-el")
        assert page.evaluate("!!document.querySelector('main [role=status]')")
        page.goto(site.url + "kemiren/agenda/index.html")  # never visited, not kept
        assert page.evaluate("document.querySelector('main h1').textContent") == \
            "Anda sedang offline"
        page.screenshot(tmp_path / "offline.png")
