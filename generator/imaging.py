"""Opening a picture with Pillow, HEIC/HEIF included: the one door the media stage and the
sharing previews (`extras/preview.py`) open photos through.

Pillow's modules are imported where pixels are touched: most builds open no photo.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image


@cache
def _phone_formats() -> None:
    """Teach Pillow the formats phones save that it cannot read alone (HEIC/HEIF): once
    per process (the build's workers too), and only when a picture needs it, as the
    import costs 60-130 ms that a site of JPEGs should not pay on every edit."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


def open_picture(source: Path | bytes) -> Image.Image:
    """`Image.open` for a file or its bytes, reading HEIC/HEIF too (whatever its name)."""
    from PIL import Image, UnidentifiedImageError

    def opened() -> Image.Image:
        return Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)

    try:
        return opened()
    except UnidentifiedImageError:
        _phone_formats()
        return opened()
