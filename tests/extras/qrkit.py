"""Read a poster's inline QR code back: SVG path -> module matrix -> picture -> zxing-cpp."""

from __future__ import annotations

import re

import zxingcpp
from PIL import Image

STEP = re.compile(r"([Mmh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?")


def svg_matrix(svg: str) -> list[list[bool]]:
    """Dark modules from the poster's path ('M4 4.5h7m1 0h2...': one stroke per run of modules)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg, re.I)[1])
    path = re.search(r' d="([^"]+)"', svg)[1]
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in STEP.findall(path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = True
            x += float(a)
    return grid


def decode_svg(svg: str, scale: int = 8) -> str:
    """The text a phone camera would read from this QR code."""
    grid = svg_matrix(svg)
    image = Image.new("L", (len(grid) * scale,) * 2, 255)
    for row, cells in enumerate(grid):
        for column, dark in enumerate(cells):
            if dark:
                image.paste(0, (column * scale, row * scale, (column + 1) * scale,
                                (row + 1) * scale))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    return found[0].text
