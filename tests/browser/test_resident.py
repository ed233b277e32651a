"""What a resident meets on a 360x800 phone in real headless Chromium: the first screen of
the village home, tables and charts that fit, targets big enough for a thumb, a search that
finds the service, and what a first visit costs a prepaid plan."""

from __future__ import annotations

import pytest

from .cdp import Chromium
from .conftest import visit_home
from .host import StaticHost

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]
KB = 1024
VILLAGES = ("kemiren", "tamansari", "sumberagung")
# every page type with a table, a chart or many links
PAGE_TYPES = ["kemiren/index.html", "kemiren/layanan/akta-kelahiran/index.html",
              "kemiren/layanan/index.html", "kemiren/pengumuman/index.html",
              "kemiren/agenda/posyandu-balita/index.html", "kemiren/wisata/barong-osing/index.html",
              "kemiren/en/layanan/ktp-el/index.html", "kemiren/apbdes/index.html",
              "kemiren/statistik/index.html", "kemiren/perangkat/index.html",
              "kemiren/informasi-publik/index.html", "kemiren/kontak/index.html",
              "kemiren/cari/index.html", "index.html", "layanan/index.html"]
SEARCH = "kemiren/cari/index.html"


def phone(chromium: Chromium, url: str):
    page = chromium.new_page()
    page.emulate_phone(360, 800, 2)
    page.send("Network.setBypassServiceWorker", bypass=True)
    page.goto(url)
    return page


@pytest.mark.parametrize("village", VILLAGES)
def test_call_whatsapp_hours_search_and_a_service_are_on_the_first_screen(
        village, host, chromium) -> None:
    page = phone(chromium, f"{host.url}{village}/index.html")
    bottoms = page.evaluate("""Object.fromEntries(Object.entries({
        call: 'main a[href^="tel:"]', whatsapp: 'main a[href^="https://wa.me/"]',
        hours: 'main .today', search: 'main input[type=search]',
        service: 'main .quick a'}).map(([k, s]) => {
            const e = document.querySelector(s); const r = e && e.getBoundingClientRect();
            return [k, r && r.height > 0 ? r.bottom : null]; }))""")
    assert all(b is not None and b <= 800 for b in bottoms.values()), bottoms


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_table_or_chart_is_wider_than_the_phone(path, host, chromium) -> None:
    page = phone(chromium, host.url + path)
    wide = page.evaluate("""[...document.querySelectorAll('table, figure.chart svg')]
        .filter(e => e.getBoundingClientRect().right > innerWidth
                  || e.scrollWidth > e.parentElement.clientWidth)
        .map(e => (e.querySelector('caption, title') || e).textContent.slice(0, 40))""")
    assert wide == []
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("path", ["kemiren/apbdes/index.html", "kemiren/statistik/index.html"])
def test_chart_labels_read_at_13_px_or_more(path, host, chromium) -> None:
    page = phone(chromium, host.url + path)
    sizes = page.evaluate("""[...document.querySelectorAll('figure.chart svg text')].map(t => {
        const svg = t.ownerSVGElement; const scale = svg.getBoundingClientRect().width
            / svg.viewBox.baseVal.width; return +t.getAttribute('font-size') * scale; })""")
    assert sizes and min(sizes) >= 13, min(sizes)
    clipped = page.evaluate("""[...document.querySelectorAll('figure.chart svg text')]
        .filter(t => t.getBoundingClientRect().right > t.ownerSVGElement
                     .getBoundingClientRect().right + 1).map(t => t.textContent)""")
    assert clipped == []


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_link_button_and_field_is_at_least_24_by_24(path, host, chromium) -> None:
    """WCAG 2.2 target size (minimum), on every page type."""
    page = phone(chromium, host.url + path)
    small = page.evaluate("""[...document.querySelectorAll('a[href], button, input, summary')]
        .filter(e => e.getClientRects().length && !e.classList.contains('skip'))
        .map(e => [e.textContent.trim().slice(0, 30) || e.outerHTML.slice(0, 40),
                   e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24)
        .map(([t, r]) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`)""")
    assert small == []


def test_the_akta_fee_box_shows_the_fee_not_the_law_in_bold(host, chromium) -> None:
    page = phone(chromium, host.url + "kemiren/layanan/akta-kelahiran/index.html")
    weights = page.evaluate("""[...document.querySelector('.facts div').querySelectorAll('dd')]
        .map(d => [d.textContent.trim(), +getComputedStyle(d).fontWeight,
                   +getComputedStyle(d.querySelector('strong') || d).fontWeight])""")
    (fee, _, fee_weight), (law, law_weight, _) = weights
    assert fee == "Gratis" and fee_weight >= 600 and "UU" in law and law_weight < 600, weights


def search(page, words: str) -> list[str]:
    page.evaluate("document.getElementById('cari-hasil').textContent = '';"
                  f"document.getElementById('q').value = {words!r};"
                  "document.getElementById('q').dispatchEvent(new Event('input'))")
    page.wait_for("document.querySelectorAll('#cari-hasil a').length", timeout=20)
    return page.evaluate("[...document.querySelectorAll('#cari-hasil a strong')]"
                         ".map(s => s.textContent)")


@pytest.mark.parametrize(("words", "service"), [
    ("ktp", "KTP-el"), ("kelahran", "Akta Kelahiran"), ("akte lahir", "Akta Kelahiran"),
    ("surat pindah", "Pindah Datang"), ("kk", "Kartu Keluarga"), ("sku", "Surat Keterangan Usaha")])
def test_a_misspelt_or_other_name_finds_the_service_first(words, service, host, chromium):
    page = phone(chromium, host.url + SEARCH)
    assert search(page, words)[0].startswith(service)


def test_an_expired_notice_comes_last_if_at_all(host, chromium) -> None:
    page = phone(chromium, host.url + SEARCH)
    found = search(page, "ktp")
    expired = "Perekaman KTP-el Keliling di Balai Desa Kemiren"  # berlaku_sampai has passed
    assert found[0].startswith("KTP-el")
    assert expired not in found[:-1], found  # last, or left out for better matches


def test_the_portal_search_puts_each_village_s_service_first(host, chromium) -> None:
    page = phone(chromium, host.url + "cari/index.html")
    assert search(page, "ktp")[:3] == ["KTP-el (Kartu Tanda Penduduk Elektronik)"] * 3
    assert search(page, "kelahran")[0] == "Akta Kelahiran"


def test_the_search_box_is_big_enough_to_read_and_tap(host, chromium) -> None:
    page = phone(chromium, host.url + "kemiren/index.html")
    box = page.evaluate("""(() => { const i = document.querySelector('main input[type=search]');
        const r = i.getBoundingClientRect(); return {w: r.width, h: r.height,
        font: parseFloat(getComputedStyle(i).fontSize), fits: i.scrollWidth <= i.clientWidth};
        })()""")
    assert box["h"] >= 44 and box["w"] >= 200 and box["font"] >= 16, box


def test_without_javascript_a_query_from_home_lands_on_lists_and_says_why(host, chromium):
    page = chromium.new_page()
    page.emulate_phone()
    page.disable_javascript()
    page.goto(host.url + "kemiren/index.html")
    page.evaluate("const box = document.querySelector('main input[type=search]');"
                  "box.value = 'ktp'; box.focus()")
    # Enter as a resident presses it: a form.submit() inside Runtime.evaluate navigated
    # away during the evaluation, which then failed under load
    for kind in ("keyDown", "keyUp"):
        page.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                  windowsVirtualKeyCode=13, text="\r" if kind == "keyDown" else "")
    page.wait_for("location.pathname.endsWith('/kemiren/cari/index.html')", timeout=20)
    assert "Kotak pencarian perlu JavaScript" in page.evaluate("document.body.innerText")
    assert page.evaluate("[...document.querySelectorAll('main a')]"
                         ".some(a => a.textContent.startsWith('KTP-el'))")


def test_first_visit_costs_the_page_and_at_most_20_kb_more_for_offline(sample_output):
    """What a prepaid plan pays: every byte the host sends, the service worker's included."""
    with Chromium.launch() as browser, StaticHost(sample_output) as site:
        page = browser.new_page()
        page.emulate_phone()
        page.goto(site.url + "kemiren/index.html")
        shown = site.sent  # the page, as the load event fires
        page.wait_for("navigator.serviceWorker.controller !== null", timeout=30)
        page.wait_for("caches.open('kampung').then(c => c.keys()).then(k => k.length >= 5)",
                      timeout=30)
        assert shown <= 14 * KB and site.sent - shown <= 20 * KB, (shown, site.sent)


def test_notice_of_an_offline_copy_shows_on_a_host_without_cache_rules(sample_output):
    """nginx or Apache with no rules send Last-Modified only: the browser's heuristic cache
    must not answer the worker's network fetch, or the reader never learns the copy is old."""
    with Chromium.launch() as browser:
        site = StaticHost(sample_output, plain=True)
        page = browser.new_page()
        page.emulate_phone()
        page.goto(site.url + "kemiren/index.html")
        page.wait_for("caches.open('kampung').then(c => c.keys()).then(k => k.some("
                      "r => r.url.endsWith('/kemiren/layanan/')))", timeout=30)
        site.stop()
        page.goto(site.url + "kemiren/layanan/")
        notice = page.evaluate("document.querySelector('main [role=status]')?.textContent")
        assert notice and notice.startswith("Salinan offline dari ")


def test_saving_on_request_keeps_services_and_notices_for_offline(sample_output):
    with Chromium.launch() as browser:
        site = StaticHost(sample_output)
        page = visit_home(browser, site)
        page.wait_for("!document.querySelector('.save').hidden", timeout=30)
        kept = site.sent
        page.evaluate("document.querySelector('.save button').click()")
        page.wait_for("/tersimpan/.test(document.querySelector('.save [role=status]')"
                      ".textContent)", timeout=30)
        status = page.evaluate("document.querySelector('.save [role=status]').textContent")
        assert int(status.split()[0]) >= 10, status
        assert site.sent > kept  # only now, because the resident asked
        site.stop()
        page.goto(site.url + "kemiren/layanan/akta-kelahiran/index.html")  # never opened
        assert page.evaluate("document.querySelector('main h1').textContent") == \
            "Akta Kelahiran"
