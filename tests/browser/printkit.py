"""Print a page as Chromium prints it (A4 PDF) and read the paper back: its pages and sizes,
the QR codes a phone camera would find on each, and what the page cut off.

    pdf = print_pdf(tab, url)
    pages(pdf)            # [(595.3, 841.9)]: one A4 page, in points
    qr_codes(pdf)         # [['https://...']]: what zxing-cpp reads on each printed page
    silently_cut(tab)     # posters whose text runs past their box without saying so
"""

from __future__ import annotations

import base64

import pypdfium2
import zxingcpp

A4_POINTS = (595.0, 842.0)


def print_pdf(tab: object, url: str) -> bytes:
    """The PDF Chromium's print dialog makes, honouring the page's `@page` size."""
    tab.goto(url)
    result = tab.send("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
    return base64.b64decode(result["data"])


def pages(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of each printed page, in points."""
    document = pypdfium2.PdfDocument(pdf)
    return [tuple(page.get_size()) for page in document]


def qr_codes(pdf: bytes, dpi: int = 150) -> list[list[str]]:
    """The text of every QR code zxing-cpp finds on each page, rendered at `dpi`."""
    document = pypdfium2.PdfDocument(pdf)
    return [[found.text for found in zxingcpp.read_barcodes(
                page.render(scale=dpi / 72, grayscale=True).to_pil(),
                formats=zxingcpp.BarcodeFormat.QRCode)]
            for page in document]


def silently_cut(tab: object) -> list[str]:
    """What the paper loses, laid out for print: posters (by heading) whose text runs below
    the QR code's rule without the 'scan the QR code for the rest' note, and elements that
    stick out sideways."""
    tab.send("Emulation.setEmulatedMedia", media="print")
    try:
        return tab.evaluate("""[...document.querySelectorAll('.poster')].flatMap(p => {
            const box = p.querySelector('.isi').getBoundingClientRect(), text = new Range();
            text.selectNodeContents(p.querySelector('.isi'));
            const out = text.getBoundingClientRect().bottom > box.bottom + 1
                && !p.querySelector('.more') ? [p.querySelector('h1').textContent] : [];
            for (const el of p.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > box.right + 1 || r.left < box.left - 1)
                    out.push(el.outerHTML.slice(0, 80));
            }
            return out; })""")
    finally:
        tab.send("Emulation.setEmulatedMedia", media="")
