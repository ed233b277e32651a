"""Posters print on A4 in Chromium's own PDF print, one page each, nothing cut off."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]
A4_POINTS = (595.0, 842.0)
CONTENT_PX = (round(186 / 25.4 * 96), round(273 / 25.4 * 96))  # 210x297 mm less 12 mm margins


@pytest.fixture(scope="module")
def tab(out: Path) -> Iterator[tuple[object, str]]:
    from browser.cdp import Chromium
    from browser.host import StaticHost

    with StaticHost(out.parent) as host, Chromium.launch() as browser:
        yield browser.new_page(), host.url


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Size of each page of a PDF Chromium printed, in points."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    return [(float(w), float(h)) for w, h in boxes]


def print_pdf(tab: tuple, url: str) -> bytes:
    page, _ = tab
    page.goto(url)
    result = page.send("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
    return base64.b64decode(result["data"])


def overflow(tab: tuple) -> list[str]:
    """Elements that stick out of their poster, laid out as print at A4 content width."""
    page, _ = tab
    page.send("Emulation.setEmulatedMedia", media="print")
    page.send("Emulation.setDeviceMetricsOverride", width=CONTENT_PX[0], height=CONTENT_PX[1],
              deviceScaleFactor=1, mobile=False)
    try:
        return page.evaluate(f"""[...document.querySelectorAll('.poster')].flatMap(p => {{
            const box = p.getBoundingClientRect(), out = [];
            if (box.height > {CONTENT_PX[1]} + 1) out.push(p.id + ' too tall ' + box.height);
            for (const el of p.querySelectorAll('*')) {{
                const r = el.getBoundingClientRect();
                if (r.right > box.right + 1 || r.left < box.left - 1)
                    out.push(el.outerHTML.slice(0, 80));
            }}
            return out; }})""")
    finally:
        page.send("Emulation.setEmulatedMedia", media="")
        page.send("Emulation.clearDeviceMetricsOverride")


@pytest.mark.parametrize("poster", ["sukamaju/cetak.html",
                                    "sukamaju/layanan/akta-kelahiran/cetak.html",
                                    "sukamaju/layanan/ahli-waris/cetak.html",
                                    "sukamaju/pengumuman/banjir/cetak.html",
                                    "sukamaju/agenda/posyandu/cetak.html"])
def test_each_poster_prints_on_one_a4_page(tab: tuple, poster: str) -> None:
    url = f"{tab[1]}output/{poster}"
    pages = pdf_pages(print_pdf(tab, url))
    assert len(pages) == 1
    assert pages[0] == pytest.approx(A4_POINTS, abs=1.5)
    assert overflow(tab) == []


def test_notice_board_file_prints_one_poster_per_page(tab: tuple, extras_site: Path) -> None:
    target = extras_site / "papan.html"
    subprocess.run([sys.executable, "-m", "kampung", "posters", "sukamaju", "--site",
                    str(extras_site), "--output", str(target), "--now", "2026-11-28"],
                   check=True, capture_output=True)
    count = target.read_text("utf-8").count('<section class="poster ')
    pages = pdf_pages(print_pdf(tab, f"{tab[1]}papan.html"))
    assert len(pages) == count >= 8
    assert all(p == pytest.approx(A4_POINTS, abs=1.5) for p in pages)
    assert overflow(tab) == []
