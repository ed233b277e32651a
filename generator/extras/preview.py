"""Small preview images for sharing cards, sized for WhatsApp.

WhatsApp shows a link's `og:image` as a small thumbnail and skips images that are too
large to fetch quickly, so every card gets its own small JPEG: photos cropped to the
1.91:1 card shape at 600x315, logos as 300x300 squares. Orientation is applied and no
metadata is kept (phone photos carry GPS).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..imaging import open_picture
from ..model import Site, Village
from .feature import Feature

if TYPE_CHECKING:  # imported where a preview is drawn (see imaging.py)
    from PIL import Image

FOLDER = "pratinjau"
PHOTO_SIZE = (600, 315)
LOGO_SIZE = (300, 300)
QUALITY = 78


def preview_name(file: str) -> str:
    """'media/foto/Sawah.PNG' -> 'pratinjau/foto-Sawah-png.jpg' (one name per source file)."""
    path = PurePosixPath(file.removeprefix("media/"))
    stem = path.with_suffix("").as_posix().replace("/", "-")
    suffix = path.suffix.lower().lstrip(".")
    return f"{FOLDER}/{stem}{'' if suffix in ('jpg', 'jpeg') else '-' + suffix}.jpg"


def describe(file: str, alt: str, *, logo: bool) -> dict[str, Any]:
    width, height = LOGO_SIZE if logo else PHOTO_SIZE
    return {"path": preview_name(file), "width": width, "height": height, "alt": alt}


def wanted(village: Village) -> dict[str, bool]:
    """Source media file -> is it the logo? One entry per picture some card shows."""
    files: dict[str, bool] = {}
    logo = village.profile.get("tema", {}).get("logo")
    if logo:
        files[logo.removeprefix("media/")] = True
    for page in village.pages:
        photo = first_photo(page.data)
        if photo:
            files.setdefault(photo["file"].removeprefix("media/"), False)
    return files


def first_photo(data: dict[str, Any]) -> dict[str, Any] | None:
    """A page's first photo (`foto[0]`), else its `gambar`."""
    if data.get("foto"):
        return dict(data["foto"][0])
    return data.get("gambar")


def village_files(site_root: Path, site: Site, village: Village) -> Iterator[tuple[str, bytes]]:
    media = site_root / "content" / village.slug / "media"
    for name, logo in sorted(wanted(village).items()):
        data = render_preview(media / name, logo=logo)
        if data is not None:
            yield f"{village.slug}/{preview_name(name)}", data


def render_preview(source: Path, *, logo: bool) -> bytes | None:
    """The card-sized JPEG of one picture, or None if it cannot be read: the media stage
    reports that picture, at each place the content names it (`assets/media.py`)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    size = LOGO_SIZE if logo else PHOTO_SIZE
    try:
        with open_picture(source) as image:
            image.draft("RGB", (size[0] * 2, size[1] * 2))  # JPEG: decode at a smaller scale
            image = ImageOps.exif_transpose(image)
            picture = _flatten(image)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    if logo:
        picture = ImageOps.pad(picture, size, color="white")
    else:
        picture = ImageOps.fit(picture, size, method=Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and a logo's clear parts should look white."""
    from PIL import Image

    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


FEATURE = Feature(name="preview", village_files=village_files)
