"""The new sections on a 320 px phone: no sideways scrolling, no errors, small, and the
territory map drawn inside the screen with JavaScript off."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]
KB = 1024
PAGES = {  # path on the sample portal -> what its first view may weigh
    "kemiren/wilayah/index.html": 100 * KB,
    "kemiren/pembangunan/rabat-beton-jalan-kedaleman/index.html": 100 * KB,
    "kemiren/bantuan/index.html": 100 * KB,
    "kemiren/dokumen/index.html": 100 * KB,
    "kemiren/produk/kopi-bubuk-osing/index.html": 250 * KB,
    "kemiren/galeri/festival-ngopi-sepuluh-ewu/index.html": 250 * KB,
}


@pytest.mark.parametrize("path", PAGES)
def test_new_pages_fit_a_320px_phone_on_slow_4g(path, host, chromium):
    page = chromium.new_page()
    page.emulate_phone(320, 640, 2)
    page.throttle("slow-4g")
    page.send("Network.setCacheDisabled", cacheDisabled=True)
    page.send("Network.setBypassServiceWorker", bypass=True)
    page.goto(host.url + path)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
    assert page.bytes_received() <= PAGES[path], page.responses()
    assert page.console_errors() == []
    assert all(status == 200 for _, status, _, _ in page.responses())


def test_the_map_is_drawn_inside_the_screen_without_javascript(host, chromium):
    page = chromium.new_page()
    page.emulate_phone(320, 640, 2)
    page.disable_javascript()
    page.goto(host.url + "kemiren/wilayah/index.html")
    box = page.evaluate("(() => { const r = document.querySelector('main svg[role=img]')"
                        ".getBoundingClientRect(); return [r.width, r.height]; })()")
    assert 250 <= box[0] <= 320 and box[1] > 100
    labels = page.evaluate("[...document.querySelectorAll('main svg text[text-anchor=middle]')]"
                           ".map(t => t.textContent)")
    assert sorted(labels) == ["Kedaleman", "Krajan"]


@pytest.mark.parametrize("path", PAGES)
def test_new_pages_have_no_axe_violations(path, host, chromium):
    from .test_standards import axe_source

    page = chromium.new_page()
    page.emulate_phone()
    page.goto(host.url + path)
    page.evaluate(axe_source())
    violations = page.evaluate(
        "axe.run(document).then(r => r.violations.map(v => v.id + ': ' + v.help + ' ' +"
        " v.nodes.map(n => n.target.join(' ')).join(' | ')))")
    assert violations == []


def test_new_pages_pass_the_nu_html_checker(sample_output):
    import json
    import subprocess
    from pathlib import Path

    from tools import program

    from .test_standards import vnu_jar

    program("java", "apt-get install default-jre-headless")
    run = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
                          *[str(sample_output / rel) for rel in PAGES]],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    assert [f"{Path(m.get('url', '')).parent.name}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m.get("type") == "error"] == []
