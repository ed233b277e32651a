"""Re-encode one photo for phones: a pure function of the source bytes.

A volunteer's 4000x3000 phone photo (4-8 MB, GPS in its EXIF) becomes a few WebP files at
the widths phones need, plus a JPEG (or PNG, for pictures with transparency) fallback at
the same widths. Orientation is applied to the pixels, colours are converted to sRGB, and
nothing of the source's metadata is written: no EXIF, no GPS, no XMP, no ICC profile.

`process(data)` never touches the disk, so it can run in a worker process and its result
can be cached by the hash of `data` (see `imagecache`).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import PIL

from ..imaging import open_picture

if TYPE_CHECKING:  # Pillow's modules are imported where pixels are touched: most builds
    from PIL import Image  # process no photo, and importing them took 8 ms of a page edit

# CSS widths of the content column on phones are 320-412 px at DPR 1-3; a 360-px phone at
# DPR 2 shows a full-width photo 656 device pixels wide and downloads the 720 variant.
# 80 and 160 serve logos and thumbnails (40-80 CSS px).
WIDTHS = (80, 160, 360, 540, 720, 1080)
WEBP_QUALITY = 70
JPEG_QUALITY = 72
# Part of the cache key: change it whenever the output of `process` would change.
# r2: HEIC/HEIF became readable, so an r1 "image_corrupt" for one must not be reused.
RECIPE = f"r2-{WIDTHS}-{WEBP_QUALITY}-{JPEG_QUALITY}-pillow{PIL.__version__}"
# A 108-megapixel phone photo is real; a 20000x20000 PNG of one colour is an attack.
MAX_PIXELS = 120_000_000
# .heic/.heif: iPhones' default (and an option on many Android phones); browsers on
# phones cannot show it, so it is only ever a source, read through pillow-heif
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


class ImageError(Exception):
    """A source image that cannot be used; `code` is a message key (image_corrupt, ...)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    format: str  # 'webp', 'jpeg' or 'png'
    data: bytes

    @property
    def suffix(self) -> str:
        return {"jpeg": ".jpg", "png": ".png", "webp": ".webp"}[self.format]


@dataclass(frozen=True)
class Processed:
    width: int  # of the largest variant, as displayed (after orientation)
    height: int
    variants: tuple[Variant, ...]  # WebP ones first, each format by ascending width


def is_image(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def process(data: bytes) -> Processed:
    """Decode, orient, resize and re-encode; raise ImageError for unusable input."""
    from PIL import Image

    image, lossless, palette = _decode(data)
    widths = target_widths(image.width)
    fallback = "png" if lossless else "jpeg"
    variants = []
    for width in widths:
        resized = _resize(image, width)
        if palette:  # a drawn logo: resampling made thousands of colours; keep 256
            resized = resized.quantize(256, method=Image.Quantize.FASTOCTREE)
        for fmt in ("webp", fallback):
            variants.append(Variant(resized.width, resized.height, fmt,
                                    _encode(resized, fmt, lossless)))
    variants.sort(key=lambda v: (v.format != "webp", v.width))
    largest = variants[len(widths) - 1]
    return Processed(largest.width, largest.height, tuple(variants))


def target_widths(width: int) -> list[int]:
    """Phone widths below the source width, plus the source width if it is below the top."""
    widths = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    return widths


def _decode(data: bytes) -> tuple[Image.Image, bool, bool]:
    """(pixels, lossless source, palette source)."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = open_picture(data)
        except Image.DecompressionBombError as exc:
            raise ImageError("image_bomb", str(exc)) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ImageError("image_corrupt", str(exc) or type(exc).__name__) from None
        pixels = image.width * image.height
        if pixels > MAX_PIXELS or pixels == 0:
            raise ImageError("image_bomb", f"{image.width}x{image.height}")
        palette = image.mode == "P"
        # drawings (palette or transparency) stay lossless; a photo saved as PNG does not
        lossless = image.format in ("PNG", "GIF") and (palette or "A" in image.mode
                                                       or "transparency" in image.info)
        image.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))  # JPEG: decode at 1/2, 1/4 or 1/8 scale
        try:
            image.load()
        except OSError as exc:
            code = "image_truncated" if "truncated" in str(exc) else "image_corrupt"
            raise ImageError(code, str(exc)) from None
        except (SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise ImageError("image_corrupt", str(exc) or type(exc).__name__) from None
    return _normalise(image), lossless, palette


def _normalise(image: Image.Image) -> Image.Image:
    """Apply EXIF orientation, convert to sRGB RGB(A), and forget every piece of metadata."""
    from PIL import ImageOps

    with contextlib.suppress(ValueError, TypeError, SyntaxError, OSError):
        image = ImageOps.exif_transpose(image)  # broken EXIF: keep the pixels as stored
    image = _to_srgb(image)
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if alpha else "RGB")
    image.info = {}
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    from PIL import ImageCms

    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                              outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted or image


def _resize(image: Image.Image, width: int) -> Image.Image:
    from PIL import Image

    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _encode(image: Image.Image, fmt: str, lossless: bool) -> bytes:
    out = io.BytesIO()
    if image.mode == "P" and fmt != "png":
        image = image.convert("RGBA")
    if fmt == "webp":
        options = {"lossless": True, "quality": 100, "method": 6} if lossless else {
            "quality": WEBP_QUALITY, "method": 6}
        image.save(out, "WEBP", **options)
    elif fmt == "png":
        image.save(out, "PNG", optimize=True)
    else:
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True,
                                  progressive=True)
    return out.getvalue()
