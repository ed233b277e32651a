"""Test pictures made on the spot: phone photos with GPS EXIF, logos, broken files."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def phone_photo(width: int = 1600, height: int = 1200, orientation: int = 1,
                seed: int = 7) -> bytes:
    """A JPEG like a volunteer's: noisy gradient, camera EXIF with GPS and orientation."""
    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.ellipse((x, y, x + rng.randrange(20, 200), y + rng.randrange(20, 200)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    image = Image.blend(image, noise, 0.25)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[ORIENTATION] = "Xiaomi", "Redmi 12C", orientation
    exif.get_ifd(GPS_IFD).update({
        1: "S", 2: (IFDRational(8), IFDRational(12), IFDRational(4718, 100)),
        3: "E", 4: (IFDRational(114), IFDRational(19), IFDRational(5448, 100))})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def logo(size: int = 256) -> bytes:
    image = Image.new("P", (size, size), 0)
    image.putpalette([255, 255, 255, 11, 93, 59, 200, 30, 30] + [0] * 759)
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=1)
    draw.rectangle((size // 3, size // 3, 2 * size // 3, 2 * size // 3), fill=2)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    return out.getvalue()


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def bomb_png(width: int = 40000, height: int = 40000) -> bytes:
    """A few hundred bytes that claim 1.6 gigapixels: a decompression bomb."""
    raw = zlib.compress(b"\0" * 1000)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw)
            + chunk(b"IEND", b""))


def iphone_photo(width: int = 1200, height: int = 900, seed: int = 11) -> bytes:
    """A real HEIC, as an iPhone saves by default (HEVC in HEIF), with camera EXIF and GPS:
    the phone photo above, encoded by libheif through pillow-heif."""
    from pillow_heif import from_pillow

    jpeg = Image.open(io.BytesIO(phone_photo(width, height, seed=seed)))
    heif = from_pillow(jpeg)
    out = io.BytesIO()
    heif.save(out, format="HEIF", quality=60, exif=jpeg.info["exif"])
    return out.getvalue()
