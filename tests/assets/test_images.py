"""A volunteer's phone photo comes out small, upright and without the place it was taken."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from kampung.assets.images import ImageError, is_image, process, target_widths

from .photos import bomb_png, iphone_photo, logo, phone_photo, truncated


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.slow
def test_photo_becomes_webp_and_jpeg_at_phone_widths_without_metadata():
    result = process(phone_photo(1200, 900))
    webp = [v for v in result.variants if v.format == "webp"]
    jpeg = [v for v in result.variants if v.format == "jpeg"]
    assert [v.width for v in webp] == [80, 160, 360, 540, 720, 1080]
    assert [v.width for v in jpeg] == [v.width for v in webp]
    for variant in result.variants:
        image = decoded(variant.data)
        assert image.format == variant.format.upper()
        assert image.size == (variant.width, variant.height)
        assert not image.getexif(), "EXIF left in a published photo"
        assert b"GPS" not in variant.data and b"Exif" not in variant.data
        assert "icc_profile" not in image.info and "xmp" not in image.info
    assert (result.width, result.height) == (1080, 810)


@pytest.mark.slow
def test_sideways_photo_is_turned_upright():
    result = process(phone_photo(1200, 900, orientation=6))  # stored 1200 wide, lying down
    assert (result.width, result.height) == (900, 1200)
    assert all(v.height > v.width for v in result.variants)


def test_small_image_is_never_upscaled():
    assert target_widths(300) == [80, 160, 300]
    assert target_widths(1080) == [80, 160, 360, 540, 720, 1080]
    assert target_widths(4000) == [80, 160, 360, 540, 720, 1080]
    result = process(phone_photo(300, 200))
    assert max(v.width for v in result.variants) == 300


@pytest.mark.slow
def test_logo_keeps_transparency_and_stays_tiny():
    result = process(logo())
    formats = {v.format for v in result.variants}
    assert formats == {"webp", "png"}
    small = next(v for v in result.variants if v.format == "webp" and v.width == 80)
    assert len(small.data) < 3000
    assert decoded(small.data).mode == "RGBA"


@pytest.mark.parametrize(("data", "code"), [
    (b"this is not a picture", "image_corrupt"),
    (truncated(phone_photo(400, 300)), "image_truncated"),
    (bomb_png(), "image_bomb"),
    (bomb_png(12000, 11000), "image_bomb"),  # 132 MP: above our limit, below Pillow's
])
def test_unusable_image_is_a_clear_error(data, code):
    with pytest.raises(ImageError) as caught:
        process(data)
    assert caught.value.code == code


@pytest.mark.slow
def test_same_bytes_give_same_output():
    data = phone_photo(800, 600)
    assert process(data) == process(data)


@pytest.mark.slow
def test_an_iphone_heic_becomes_webp_and_jpeg_without_its_gps():
    data = iphone_photo(800, 600)
    assert data[4:12] == b"ftypheic"  # a real HEIC, with the place it was taken in its EXIF
    result = process(data)  # (which registers the HEIF opener that `decoded` needs)
    assert decoded(data).getexif().get_ifd(0x8825)
    assert is_image("IMG_0042.HEIC") and is_image("sawah.heif")
    assert (result.width, result.height) == (800, 600)
    assert {v.format for v in result.variants} == {"webp", "jpeg"}
    for variant in result.variants:
        image = decoded(variant.data)
        assert image.format == variant.format.upper() and not image.getexif()
        assert b"Exif" not in variant.data


def test_a_site_of_jpegs_never_pays_for_the_heif_reader():
    """pillow-heif costs 60-130 ms to import: only a picture Pillow cannot read loads it."""
    code = ("import io, sys; from PIL import Image; from kampung.assets.images import process; "
            "out = io.BytesIO(); Image.new('RGB', (400, 300)).save(out, 'JPEG'); "
            "process(out.getvalue()); print('pillow_heif' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
