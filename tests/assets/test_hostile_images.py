"""Pictures a phone or a stranger's pull request can bring: a long screenshot, a line one
pixel wide, a PNG that claims 100 megapixels in a few KB, a 108-megapixel photo. Each is
published within what the encoders take, or is one error at the page and line that uses
it, in the reader's language, and the rest of the site builds."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from sitekit import make_site, write

from kampung.assets.images import WEBP_MAX, ImageError, Processed, process
from kampung.build import build
from kampung.errors import Problem

from .photos import bomb_png

NOW = datetime(2026, 11, 28, 9, 0)
Built = tuple[Path, list[Problem]]  # the village's output folder, the build's errors
VILLAGE = "content/sukamaju"
GALERI = """\
---
judul: Galeri
menu: true
---
Percakapan warga tentang jadwal posyandu.

![Tangkapan layar percakapan](../media/obrolan.jpg)

![Garis batas](../media/garis.png)
"""
RUSAK = """\
---
judul: Peta Dusun
tanggal: 2026-11-20
gambar: {file: peta.svg, alt: Peta dusun}
---
Peta dusun terbaru.

![Foto udara](../media/udara.png)
"""


def long_screenshot(width: int = 1080, height: int = 20000) -> bytes:
    """A phone's scrolling screenshot of a chat: white, with grey and green bubbles."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for top in range(40, height - 200, 230):
        left = 40 if top % 460 else width // 3
        draw.rounded_rectangle((left, top, left + width * 2 // 3 - 80, top + 180), 24,
                               fill=(220, 248, 198) if left > 40 else (235, 235, 235))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def png(width: int, height: int, bits: int = 1, colour: int = 0) -> bytes:
    """A valid PNG of one colour, its rows compressed as they are made: a few KB on disk
    (and in this test) that decode to `width` x `height` pixels."""
    channels = {0: 1, 2: 3, 3: 1}[colour]
    row = b"\0" * ((width * bits * channels + 7) // 8 + 1)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    palette = chunk(b"PLTE", b"\0\0\0\xff\xff\xff") if colour == 3 else b""
    header = struct.pack(">IIBBBBB", width, height, bits, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + palette
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def sides(result: Processed) -> list[tuple[int, int]]:
    return [Image.open(io.BytesIO(v.data)).size for v in result.variants]


def test_a_line_one_pixel_wide_and_30000_long_is_published_within_webps_limit() -> None:
    result = process(png(1, 30000, 8, 2))
    assert {v.format for v in result.variants} == {"webp", "jpeg"}
    assert sides(result) == [(1, WEBP_MAX)] * 2
    assert (result.width, result.height) == (1, WEBP_MAX)


@pytest.mark.parametrize(("bits", "colour", "limit"), [
    (1, 0, 16),  # black and white: 12 KB
    (8, 3, 19),  # a palette: 95 KB
    pytest.param(8, 2, 58, marks=pytest.mark.slow),  # full colour: 285 KB, 300 MB to pack
])
def test_a_png_claiming_100_megapixels_in_a_few_kb_is_refused_before_decoding(
        bits: int, colour: int, limit: int) -> None:
    data = png(10000, 10000, bits, colour)
    with pytest.raises(ImageError) as caught:
        process(data)
    assert caught.value.code == "image_sparse"
    assert caught.value.params == {"megapixels": 100, "limit": limit,
                                   "kb": round(len(data) / 1024)}


def test_a_png_header_claiming_100_megapixels_with_nothing_after_is_refused() -> None:
    with pytest.raises(ImageError) as caught:
        process(bomb_png(10000, 10000))
    assert caught.value.code == "image_sparse"
    assert caught.value.params == {"megapixels": 100, "limit": 16, "kb": 1}


@pytest.mark.parametrize(("width", "height", "megapixels"), [
    (40000, 40000, 1600),  # over Pillow's own limit: its error, not its words
    (12000, 11000, 132),  # over ours only
])
def test_a_picture_over_120_megapixels_is_refused_in_our_words(
        width: int, height: int, megapixels: int) -> None:
    with pytest.raises(ImageError) as caught:
        process(bomb_png(width, height))
    assert caught.value.code == "image_bomb"
    assert caught.value.params == {"megapixels": megapixels, "limit": 120, "kb": 1}


@pytest.mark.slow
def test_a_progressive_jpeg_of_one_colour_is_refused_like_a_png() -> None:
    """libjpeg keeps every coefficient of a progressive JPEG, whatever the scale."""
    out = io.BytesIO()
    Image.new("L", (9000, 9000), 128).save(out, "JPEG", quality=10, progressive=True)
    with pytest.raises(ImageError) as caught:
        process(out.getvalue())
    assert (caught.value.code, caught.value.params["megapixels"]) == ("image_sparse", 81)


def hostile_site(root: Path) -> Path:
    make_site(root)
    media = root / VILLAGE / "media"
    media.mkdir(parents=True)
    (media / "obrolan.jpg").write_bytes(long_screenshot())
    (media / "garis.png").write_bytes(png(1, 30000, 8, 2))
    (media / "udara.png").write_bytes(png(10000, 10000))
    (media / "peta.svg").write_bytes(b"<svg><g>terpotong")
    write(root, f"{VILLAGE}/halaman/galeri.md", GALERI)
    write(root, f"{VILLAGE}/pengumuman/peta-dusun.md", RUSAK)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = hostile_site(tmp_path_factory.mktemp("situs"))
    report = build(root, root / "output", now=NOW)
    return root / "output" / "sukamaju", [p for p in report.problems if p.severity == "error"]


@pytest.mark.slow
def test_a_long_phone_screenshot_is_published_no_side_over_webps_limit(built: Built) -> None:
    output, _ = built
    html = (output / "halaman" / "galeri" / "index.html").read_text(encoding="utf-8")
    variants = sorted(output.glob("aset/obrolan-*"))
    assert {p.suffix for p in variants} == {".webp", ".jpg"}
    for path in [*variants, output / "media" / "obrolan.jpg"]:
        width, height = Image.open(path).size
        assert max(width, height) <= WEBP_MAX, path.name
        assert abs(height / width - 20000 / 1080) < 0.02, path.name  # not squashed
    widest = max(Image.open(p).size for p in variants)
    assert widest == (884, 16370)
    assert re.search(r'srcset="[^"]*obrolan-884\.[0-9a-f]+\.webp 884w', html)
    assert "width=884" in html and "height=16370" in html


@pytest.mark.slow
def test_a_bomb_and_a_broken_svg_are_errors_at_the_lines_that_use_them(built: Built) -> None:
    output, errors = built
    assert [(p.path, p.line, p.code) for p in sorted(errors)] == [
        ("sukamaju/pengumuman/peta-dusun.md", 4, "svg_invalid"),  # gambar: {file: ...}
        ("sukamaju/pengumuman/peta-dusun.md", 8, "image_sparse"),  # ![...](...)
    ]
    svg, bomb = sorted(errors)
    assert "sukamaju/media/peta.svg" in svg.message("id")
    assert bomb.message("id") == (
        "Gambar sukamaju/media/udara.png berukuran 100 megapiksel, tetapi berkasnya hanya "
        "12 KB; gambar seperti ini hanya diolah sampai 16 megapiksel.")
    assert bomb.message("en").startswith("Image sukamaju/media/udara.png has 100 megapixels")
    for lang, words in (("id", "Perkecil gambar di ponsel atau komputer"),
                        ("en", "Resize the image on the phone or computer")):
        text = bomb.message(lang) + bomb.hint(lang)
        assert words in text
        assert not re.search(r"bomb|DOS|attack|Pillow|exceeds", text)
    for page in ("pengumuman/peta-dusun", "halaman/galeri", "layanan/ktp-el"):
        assert (output / page / "index.html").is_file(), page


MEASURED = """\
import resource, subprocess, sys
run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def measured(*command: str) -> tuple[int, int]:
    """The exit status and peak RSS (MB) of `command`, read by a fresh process of its own
    that waits for it: the test process's other children (other tests' builds) do not
    count."""
    run = subprocess.run([sys.executable, "-c", MEASURED, *command], capture_output=True,
                         text=True, check=True)
    status, peak = run.stdout.split()
    return int(status), int(peak)


@pytest.mark.slow
def test_a_100_megapixel_png_of_12_kb_builds_in_little_memory(tmp_path: Path) -> None:
    """Before: 1.1 GB and 25 s (decoded for the page and for its sharing preview)."""
    root = make_site(tmp_path / "situs")
    (root / VILLAGE / "media").mkdir()
    (root / VILLAGE / "media" / "udara.png").write_bytes(png(10000, 10000))
    write(root, f"{VILLAGE}/pengumuman/peta-dusun.md", RUSAK.replace("peta.svg", "udara.png"))
    status, peak = measured(sys.executable, "-m", "kampung", "build", "--site", str(root),
                            "--now", "2026-11-28", "--jobs", "1")
    assert status == 1  # the error, at the page's two uses of the picture
    assert peak < 200  # 65 MB measured; 1117 MB before


PHOTO_108 = """\
import sys
from PIL import Image
gradient = Image.linear_gradient("L").resize((12000, 9000))
Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
                    gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM))).save(
    sys.argv[1], "JPEG", quality=90)
"""
PROCESS = """\
import sys
from pathlib import Path
from kampung.assets.images import process
result = process(Path(sys.argv[1]).read_bytes())
assert (result.width, result.height) == (1080, 810), (result.width, result.height)
"""


@pytest.mark.slow
def test_a_108_megapixel_phone_photo_is_decoded_at_an_eighth_of_its_size(
        tmp_path: Path) -> None:
    photo = tmp_path / "sawah.jpg"
    subprocess.run([sys.executable, "-c", PHOTO_108, str(photo)], check=True)
    status, peak = measured(sys.executable, "-c", PROCESS, str(photo))
    assert status == 0
    assert peak < 150  # 43 MB measured: 1500x1125 decoded, not 12000x9000 (430 MB)
