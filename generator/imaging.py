"""Opening a picture with Pillow, HEIC/HEIF included: the one door the media stage and the
sharing previews (`extras/preview.py`) open photos through, and the one place that refuses
a picture too big to decode before any pixel is.

Pillow's modules are imported where pixels are touched: most builds open no photo.
"""

from __future__ import annotations

import io
import re
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

# A 108-megapixel phone photo is real; a 20000x20000 PNG of one colour is an attack.
MAX_PIXELS = 120_000_000
# A baseline JPEG is decoded at 1/2 to 1/8 scale (`Image.draft`); any other picture costs
# its full size (a progressive JPEG too: libjpeg keeps every coefficient). Above this many
# pixels such a picture must weigh what a real one that size weighs (a 48-megapixel iPhone
# HEIC is megabytes), or it is a few KB that would take hundreds of MB to decode.
DENSE_FROM = 16_000_000
MIN_BYTES_PER_MEGAPIXEL = 5_000


class Oversized(OSError):
    """A picture refused before it is decoded: `pixels` claimed, `limit` for its file."""

    def __init__(self, pixels: int, limit: int, size: int):
        super().__init__(f"{pixels} pixels, limit {limit}")
        self.pixels = pixels
        self.limit = limit
        self.size = size  # of the file, in bytes


@cache
def _phone_formats() -> None:
    """Teach Pillow the formats phones save that it cannot read alone (HEIC/HEIF): once
    per process (the build's workers too), and only when a picture needs it, as the
    import costs 60-130 ms that a site of JPEGs should not pay on every edit."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


def open_picture(source: Path | bytes) -> Image.Image:
    """`Image.open` for a file or its bytes, reading HEIC/HEIF too (whatever its name);
    raises `Oversized` for a picture above `pixel_limit`."""
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    image = _opened(source, size)
    limit = pixel_limit(image, size)
    if image.width * image.height > limit:
        image.close()
        raise Oversized(image.width * image.height, limit, size)
    return image


def pixel_limit(image: Image.Image, size: int) -> int:
    """The most pixels an opened picture whose file is `size` bytes may have: MAX_PIXELS
    (always, for one above it), or fewer for one decoded at full size from a small file."""
    if image.width * image.height > MAX_PIXELS or (
            image.format == "JPEG" and not image.info.get("progressive")):
        return MAX_PIXELS
    return min(MAX_PIXELS, max(DENSE_FROM, size * 1_000_000 // MIN_BYTES_PER_MEGAPIXEL))


def _opened(source: Path | bytes, size: int) -> Image.Image:
    """Pillow's own bomb check gives way to ours: its warning (above 89 MP) is silenced,
    its error (above 179 MP, raised before we learn the size) becomes `Oversized`."""
    from PIL import Image, UnidentifiedImageError

    def opened() -> Image.Image:
        return Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            try:
                return opened()
            except UnidentifiedImageError:
                _phone_formats()
                return opened()
        except Image.DecompressionBombError as exc:  # "Image size (N pixels) exceeds ..."
            claimed = re.search(r"\d+", str(exc))
            raise Oversized(int(claimed[0]) if claimed else MAX_PIXELS + 1, MAX_PIXELS,
                            size) from None
