"""Every poster of the sample villages, printed by Chromium: one A4 page each, its QR code
on that page and readable by a phone, and no text cut off without the poster saying so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import NOW, REPO
from .printkit import A4_POINTS, pages, print_pdf, qr_codes, silently_cut

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]


def public_url(tab: object, rel: str) -> str:
    """The address the poster prints under its QR code, checked against its path:
    'kemiren/layanan/ktp-el/cetak.html' -> 'https://desa.example.id/kemiren/layanan/ktp-el/'
    (or 'https://sumberagung.example.id/layanan/ktp-el/' for a village on its own domain)."""
    printed = tab.evaluate("document.querySelector('.scan .url').textContent")
    assert printed.startswith("https://")
    assert printed.endswith("/" + rel.split("/", 1)[1].removesuffix("cetak.html")), printed
    return printed


def test_every_sample_poster_prints_on_one_a4_page_with_its_qr_code(sample_output, host,
                                                                   chromium) -> None:
    tab = chromium.new_page()
    posters = sorted(p.relative_to(sample_output).as_posix()
                     for p in sample_output.rglob("cetak.html"))
    assert len(posters) >= 60
    wrong = {}
    for rel in posters:
        pdf = print_pdf(tab, host.url + rel)
        sizes = pages(pdf)
        if len(sizes) != 1 or sizes[0] != pytest.approx(A4_POINTS, abs=1.5):
            wrong[rel] = f"{len(sizes)} pages {sizes}"
        elif qr_codes(pdf) != [[public_url(tab, rel)]]:
            wrong[rel] = f"QR codes {qr_codes(pdf)}"
        elif cut := silently_cut(tab):
            wrong[rel] = f"text cut off without a note: {cut}"
    assert wrong == {}


@pytest.mark.parametrize("village", ["kemiren", "sumberagung", "tamansari"])
def test_notice_board_prints_one_page_per_poster_in_order(chromium, tmp_path: Path,
                                                          village: str) -> None:
    """`kampung posters <desa>`: the one file a volunteer takes to the photocopy shop,
    opened from disk as it would be there."""
    target = tmp_path / f"papan-{village}.html"
    subprocess.run([sys.executable, "-m", "kampung", "posters", village, "--site", str(REPO),
                    "--output", str(target), "--now", NOW.date().isoformat()],
                   check=True, capture_output=True)
    count = target.read_text("utf-8").count('<section class="poster ')
    tab = chromium.new_page()
    pdf = print_pdf(tab, target.as_uri())
    codes = qr_codes(pdf)
    assert len(pages(pdf)) == count > 5
    printed = tab.evaluate("[...document.querySelectorAll('.scan .url')].map(u => u.textContent)")
    assert codes == [[url] for url in printed]
    assert printed[0].endswith(("/" + village + "/", ".example.id/"))  # home poster first
    assert silently_cut(tab) == []

