"""Re-encode one photo for phones: a pure function of the source bytes.

A volunteer's 4000x3000 phone photo (4-8 MB, GPS in its EXIF) becomes a few WebP files at
the widths phones need, plus a JPEG (or PNG, for pictures with transparency) fallback at
the same widths. Orientation is applied to the pixels, colours are converted to sRGB, and
nothing of the source's metadata is written: no EXIF, no GPS, no XMP, no ICC profile.

A picture longer than WebP allows (a phone's scrolling screenshot) is shown narrower, so
that no side passes 16383 px. A picture that would cost far more memory to decode than the
site needs is refused before it is decoded (`imaging.open_picture`).

`process(data)` never touches the disk, so it can run in a worker process and its result
can be cached by the hash of `data` (see `imagecache`).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import PIL

from ..imaging import MAX_PIXELS, Oversized, open_picture

if TYPE_CHECKING:  # Pillow's modules are imported where pixels are touched: most builds
    from PIL import Image  # process no photo, and importing them took 8 ms of a page edit

# CSS widths of the content column on phones are 320-412 px at DPR 1-3; a 360-px phone at
# DPR 2 shows a full-width photo 656 device pixels wide and downloads the 720 variant.
# 80 and 160 serve logos and thumbnails (40-80 CSS px).
WIDTHS = (80, 160, 360, 540, 720, 1080)
WEBP_QUALITY = 70
JPEG_QUALITY = 72
WEBP_MAX = 16383  # libwebp's longest side: a long phone screenshot is shown narrower
# Part of the cache key: change it whenever the output of `process` would change.
# r2: HEIC/HEIF became readable, so an r1 "image_corrupt" for one must not be reused.
# r3: JPEGs drafted to the width alone, big pictures box-reduced before conversion, long
# pictures narrowed to WebP's limit, pictures too small for their pixel count refused.
RECIPE = f"r3-{WIDTHS}-{WEBP_QUALITY}-{JPEG_QUALITY}-pillow{PIL.__version__}"
# .heic/.heif: iPhones' default (and an option on many Android phones); browsers on
# phones cannot show it, so it is only ever a source, read through pillow-heif
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
ORIENTATION = 0x0112  # EXIF; 5-8 store the picture turned a quarter
REDUCIBLE = ("L", "LA", "RGB", "RGBA", "CMYK", "I")  # the modes `Image.reduce` takes


class ImageError(Exception):
    """A source image that cannot be used; `code` is a message key (image_corrupt, ...)
    and `params` the numbers its message shows."""

    def __init__(self, code: str, detail: str = "", params: dict[str, Any] | None = None):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.params: dict[str, Any] = params or {}


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
    widths = target_widths(min(image.width, _widest(image.width, image.height)))
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
    image = _open(data)
    palette = image.mode == "P"
    # drawings (palette or transparency) stay lossless; a photo saved as PNG does not
    lossless = image.format in ("PNG", "GIF") and (palette or "A" in image.mode
                                                   or "transparency" in image.info)
    if image.format == "JPEG":  # decoded at 1/2 to 1/8 scale, down to the widest variant
        wide = _widest(*_shown(image))
        image.draft("RGB", (1, wide) if _turned(image) else (wide, 1))
    _load(image)
    image = _shrunk(image)  # the full-size one is let go before the copies below
    return _normalise(image), lossless, palette


def _open(data: bytes) -> Image.Image:
    from PIL import UnidentifiedImageError

    try:
        return open_picture(data)
    except Oversized as exc:
        code = "image_bomb" if exc.limit == MAX_PIXELS else "image_sparse"
        raise ImageError(code, str(exc), {
            "megapixels": round(exc.pixels / 1e6), "limit": exc.limit // 1_000_000,
            "kb": max(1, round(exc.size / 1024))}) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageError("image_corrupt", str(exc) or type(exc).__name__) from None


def _load(image: Image.Image) -> None:
    from PIL import Image

    try:
        image.load()
    except OSError as exc:
        code = "image_truncated" if "truncated" in str(exc) else "image_corrupt"
        raise ImageError(code, str(exc)) from None
    except (SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError("image_corrupt", str(exc) or type(exc).__name__) from None


def _widest(width: int, height: int) -> int:
    """The widest variant of a picture shown this size: WIDTHS[-1], or narrower where its
    height would pass WebP's limit (1 px at least: a thinner one is also made shorter)."""
    return max(1, min(WIDTHS[-1], width * WEBP_MAX // height))


def _shown(image: Image.Image) -> tuple[int, int]:
    return (image.height, image.width) if _turned(image) else image.size


def _turned(image: Image.Image) -> bool:
    """Stored a quarter turn from how it is shown: its shown width is its stored height."""
    try:
        return image.getexif().get(ORIENTATION) in (5, 6, 7, 8)
    except (ValueError, TypeError, SyntaxError, OSError):
        return False


def _shrunk(image: Image.Image) -> Image.Image:
    """A picture over twice the widest variant's width, box-reduced to no less than that
    (Pillow's `reducing_gap=2`, so the look is the same): the copies orientation and
    colour conversion make are then small, as a drafted JPEG's are."""
    width, height = _shown(image)
    factor = width // (2 * _widest(width, height))
    if factor < 2 or image.mode not in REDUCIBLE:
        return image
    return image.reduce(factor)


def _normalise(image: Image.Image) -> Image.Image:
    """Apply EXIF orientation, convert to sRGB RGB(A), and forget every piece of metadata."""
    from PIL import ImageOps

    with contextlib.suppress(ValueError, TypeError, SyntaxError, OSError):
        ImageOps.exif_transpose(image, in_place=True)  # broken EXIF: keep the pixels as stored
    image = _to_srgb(image)
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    image = image if image.mode == mode else image.convert(mode)
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

    height = min(WEBP_MAX, max(1, round(image.height * width / image.width)))
    if (width, height) == image.size:
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _encode(image: Image.Image, fmt: str, lossless: bool) -> bytes:
    out = io.BytesIO()
    if image.mode == "P" and fmt != "png":
        image = image.convert("RGBA")
    if fmt == "webp":
        options = {"lossless": True, "quality": 100, "method": 6} if lossless else {
            "quality": WEBP_QUALITY, "method": 6}
        _save(image, out, "WEBP", **options)
    elif fmt == "png":
        _save(image, out, "PNG", optimize=True)
    else:
        rgb = image if image.mode == "RGB" else image.convert("RGB")
        _save(rgb, out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _save(image: Image.Image, out: io.BytesIO, fmt: str, **options: Any) -> None:
    """Save, or the one error of a picture no encoder takes (none is known: a new
    encoder's limit must not stop the other pages)."""
    try:
        image.save(out, fmt, **options)
    except (OSError, ValueError) as exc:
        raise ImageError("image_unencodable", str(exc), {
            "width": image.width, "height": image.height}) from None
