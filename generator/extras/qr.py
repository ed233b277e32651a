"""QR codes as inline SVG: the poster needs no image request and prints sharp.

zxing-cpp (compiled) encodes; the SVG is one path of horizontal strokes, a run of dark
modules each, drawn here from the module matrix (segno's compact style).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

BORDER = 4  # the quiet zone scanners need, in modules
DARK_RUN = re.compile(rb"\x00+")  # zxing's image: 0 is a dark module


def qr_matrix(url: str) -> list[bytes]:
    """The QR code for a URL, a row of bytes per line of modules (0 dark, 255 light).
    Error correction M survives a creased or faded poster."""
    import zxingcpp  # imported where used: only builds that draw a poster need it

    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    drawn = code.to_image(scale=1, add_quiet_zones=False)
    image = memoryview(drawn).tobytes()  # type: ignore[arg-type]  # stub lacks its buffer
    size = int(len(image) ** 0.5)
    return [image[row * size:(row + 1) * size] for row in range(size)]


def qr_path(matrix: list[bytes]) -> str:
    """`M4 4.5h7m2 0h2...`: a stroke per run of dark modules, each move relative to the last."""
    steps: list[str] = []
    pen: tuple[int, int] | None = None
    for row, cells in enumerate(matrix):
        for run in DARK_RUN.finditer(cells):
            x, y = run.start() + BORDER, row + BORDER
            steps.append(f"M{x} {y}.5" if pen is None else f"m{x - pen[0]} {y - pen[1]}")
            steps.append(f"h{run.end() - run.start()}")
            pen = (run.end() + BORDER, y)
    return "".join(steps)


def qr_svg(url: str, label: str = "") -> Markup:
    """Inline `<svg>` for `url`, sized by CSS (viewBox only), with a title for screen readers."""
    matrix = qr_matrix(url)
    side = len(matrix) + 2 * BORDER
    return Markup(f'<svg role="img" viewBox="0 0 {side} {side}" class="qr">'
                  f"<title>{escape(label or url)}</title>"
                  f'<path stroke="#000" d="{qr_path(matrix)}"/></svg>')
