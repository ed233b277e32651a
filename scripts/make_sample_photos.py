"""Generate the sample media under content/<desa>/media/: phone-like photos, logos, PDFs.

The sample content needs files that behave like what volunteers really upload:

* photos: 4000x3000 JPEG at quality 92, 2-5 MB each, with real EXIF (camera make and
  model of a cheap phone, DateTimeOriginal, Orientation, and a GPS block with the
  place's latitude and longitude). One photo is stored sideways with Orientation=6,
  so image processing that ignores EXIF orientation shows it rotated.
* logos: one small 256x256 PNG per village.
* one tiny one-page PDF attachment per village.

Everything is deterministic: the same script and Pillow version give the same bytes.
Nothing is downloaded; the pictures are painted from gradients, shapes and seeded noise,
so they compress like photographs but show no real place.

Usage (from the repository root):
    .venv/bin/python scripts/make_sample_photos.py            # write everything
    .venv/bin/python scripts/make_sample_photos.py --check    # only read back and verify
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFilter, ImageOps
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
WIDTH, HEIGHT = 4000, 3000
QUALITY = 92

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Photo:
    village: str
    name: str  # file name in media/
    scene: str  # painter function name
    lat: float
    lng: float
    altitude: float  # metres
    taken: str  # "YYYY:MM:DD HH:MM:SS", local time (WIB)
    make: str
    model: str
    orientation: int = 1  # 6: stored rotated, turn 90 degrees clockwise to view


PHOTOS = (
    Photo("kemiren", "rumah-adat-osing.jpg", "village", -8.21310, 114.33180, 182,
          "2026:07:12 08:14:37", "Xiaomi", "Redmi 12C"),
    Photo("kemiren", "kopi-osing.jpg", "coffee", -8.21245, 114.33305, 178,
          "2026:08:23 16:02:11", "samsung", "SM-A055F"),
    Photo("kemiren", "barong-osing.jpg", "barong", -8.21402, 114.33062, 185,
          "2026:04:03 20:41:55", "OPPO", "CPH2269"),
    Photo("tamansari", "kawah-ijen.jpg", "crater", -8.05830, 114.24220, 2380,
          "2026:06:20 03:12:08", "Xiaomi", "Redmi Note 12"),
    Photo("tamansari", "sendang-seruni.jpg", "waterfall", -8.13720, 114.25110, 610,
          "2026:05:17 09:47:30", "vivo", "V2204", orientation=6),
    Photo("tamansari", "agrowisata-kopi.jpg", "plantation", -8.12150, 114.24680, 820,
          "2026:08:02 07:25:49", "samsung", "SM-A055F"),
    Photo("sumberagung", "IMG_20260705_172311.jpg", "island", -8.60190, 114.02160, 4,
          "2026:07:05 17:23:11", "Xiaomi", "Redmi 12C"),
    Photo("sumberagung", "bukit-samben.jpg", "hilltop", -8.59890, 114.01720, 96,
          "2026:07:06 06:05:42", "realme", "RMX3710"),
    Photo("sumberagung", "pantai-wedi-ireng.jpg", "blacksand", -8.60720, 114.00480, 3,
          "2026:07:06 10:31:18", "OPPO", "CPH2269"),
)


# -- painting helpers -------------------------------------------------------------------

def vertical_gradient(size: tuple[int, int], stops: list[tuple[float, RGB]]) -> Image.Image:
    """A top-to-bottom gradient through colour stops given as (position 0..1, colour)."""
    w, h = size
    column = Image.new("RGB", (1, h))
    px = column.load()
    for y in range(h):
        t = y / max(h - 1, 1)
        for (p0, c0), (p1, c1) in itertools.pairwise(stops):
            if p0 <= t <= p1:
                k = (t - p0) / max(p1 - p0, 1e-9)
                px[0, y] = tuple(round(a + (b - a) * k) for a, b in zip(c0, c1, strict=True))
                break
        else:
            px[0, y] = stops[-1][1] if t > stops[-1][0] else stops[0][1]
    return column.resize((w, h), Image.Resampling.NEAREST)


def ridge(rng: random.Random, base_y: float, roughness: float, step: int = 20,
          smooth: float = 0.85) -> list[tuple[float, float]]:
    """A mountain or hill skyline as a random walk; returns points left to right."""
    points = []
    y, drift = base_y, 0.0
    for x in range(-step, WIDTH + 2 * step, step):
        drift = drift * smooth + rng.uniform(-roughness, roughness)
        y += drift
        points.append((x, y))
    return points


def fill_below(img: Image.Image, points: list[tuple[float, float]],
               top: RGB, bottom: RGB) -> None:
    """Paint the area under a skyline with a vertical gradient."""
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).polygon([*points, (WIDTH + 100, HEIGHT + 10), (-100, HEIGHT + 10)],
                                 fill=255)
    ys = [p[1] for p in points]
    y0 = max(0, int(min(ys)))
    grad = vertical_gradient((img.width, img.height),
                             [(0.0, top), (max(y0 / img.height, 0.0), top), (1.0, bottom)])
    img.paste(grad, (0, 0), mask)


def blobs(img: Image.Image, rng: random.Random, count: int, area: tuple[int, int, int, int],
          size: tuple[int, int], colours: list[RGB]) -> None:
    """Scatter soft ellipses (tree crowns, bushes, foam, stones)."""
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = area
    for _ in range(count):
        r = rng.randint(*size)
        cx, cy = rng.randint(x0, x1), rng.randint(y0, y1)
        c = rng.choice(colours)
        jitter = tuple(max(0, min(255, v + rng.randint(-14, 14))) for v in c)
        draw.ellipse((cx - r, cy - int(r * rng.uniform(0.6, 1.0)), cx + r, cy + r), fill=jitter)


def add_noise(img: Image.Image, rng: random.Random, scale: int, amplitude: float,
              colour: bool = False) -> Image.Image:
    """Add seeded noise; `scale` > 1 gives smooth blotches (texture), 1 gives grain."""
    w, h = img.size
    sw, sh = math.ceil(w / scale), math.ceil(h / scale)
    lut = [max(0, min(255, round(128 + (v - 127.5) * amplitude / 127.5))) for v in range(256)]

    def layer() -> Image.Image:
        n = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh))
        if scale > 1:
            n = n.resize((w, h), Image.Resampling.BICUBIC)
        return n.point(lut)

    if colour:
        noise = Image.merge("RGB", (layer(), layer(), layer()))
    else:
        one = layer()
        noise = Image.merge("RGB", (one, one, one))
    return ImageChops.add(img, noise, scale=1.0, offset=-128)


def streaks(img: Image.Image, rng: random.Random, box: tuple[int, int, int, int],
            amplitude: float, vertical: bool = False) -> Image.Image:
    """Stretched noise for water: horizontal ripples or a falling curtain."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    sw, sh = (w // 3, max(h // 60, 2)) if not vertical else (max(w // 80, 2), h // 4)
    n = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh))
    n = n.resize((w, h), Image.Resampling.BICUBIC)
    lut = [max(0, min(255, round(128 + (v - 127.5) * amplitude / 127.5))) for v in range(256)]
    n = n.point(lut)
    region = img.crop(box)
    region = ImageChops.add(region, Image.merge("RGB", (n, n, n)), scale=1.0, offset=-128)
    img.paste(region, box)
    return img


def vignette(img: Image.Image, strength: float = 0.28) -> Image.Image:
    radial = Image.radial_gradient("L").resize(img.size, Image.Resampling.BILINEAR)
    lut = [round(255 * (1 - strength * min(1.0, (v / 255) ** 1.6))) for v in range(256)]
    mask = radial.point(lut)
    return ImageChops.multiply(img, Image.merge("RGB", (mask, mask, mask)))


def finish(img: Image.Image, rng: random.Random, grain: float = 9.5) -> Image.Image:
    """Soften painted edges, add texture and sensor grain, darken the corners."""
    img = img.filter(ImageFilter.GaussianBlur(2.2))
    img = add_noise(img, rng, 48, 20)
    img = add_noise(img, rng, 9, 18)
    img = add_noise(img, rng, 2, 10, colour=True)
    img = add_noise(img, rng, 1, grain, colour=True)
    return vignette(img)


def sky(stops: list[tuple[float, RGB]]) -> Image.Image:
    return vertical_gradient((WIDTH, HEIGHT), stops)


# -- scenes ---------------------------------------------------------------------------

def scene_village(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (118, 164, 214)), (0.42, (196, 218, 236)), (1.0, (200, 210, 190))])
    fill_below(img, ridge(rng, 900, 9), (92, 118, 122), (70, 96, 84))  # far mountain
    fill_below(img, ridge(rng, 1350, 6), (58, 102, 52), (44, 82, 40))  # hills
    blobs(img, rng, 260, (0, 1250, WIDTH, 1650), (60, 170), [(36, 78, 34), (50, 96, 40)])
    d = ImageDraw.Draw(img)
    d.rectangle((0, 2050, WIDTH, HEIGHT), fill=(128, 112, 86))  # yard
    # an Osing house: wide body, steep two-level roof
    d.rectangle((1150, 1500, 2850, 2200), fill=(139, 98, 60))
    d.polygon([(980, 1560), (1500, 1080), (2500, 1080), (3020, 1560)], fill=(58, 44, 38))
    d.polygon([(1500, 1080), (2000, 820), (2500, 1080)], fill=(70, 52, 44))
    for x in range(1250, 2800, 130):
        d.rectangle((x, 1560, x + 22, 2200), fill=(104, 70, 40))  # wall boards
    d.rectangle((1880, 1760, 2120, 2200), fill=(66, 42, 26))  # door
    d.rectangle((0, 2170, WIDTH, 2230), fill=(150, 140, 120))  # step
    blobs(img, rng, 90, (0, 2200, WIDTH, HEIGHT), (20, 60), [(110, 96, 70), (140, 122, 94)])
    return finish(img, rng)


def scene_coffee(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (72, 48, 32)), (0.45, (110, 76, 48)), (1.0, (64, 40, 24))])
    d = ImageDraw.Draw(img)
    for y in range(1450, HEIGHT, 90):  # table planks
        shade = rng.randint(-18, 18)
        d.rectangle((0, y, WIDTH, y + 84), fill=(128 + shade, 86 + shade, 52 + shade))
    for cx, cy in ((1300, 1900), (2500, 2050), (3350, 1700)):
        d.ellipse((cx - 420, cy - 150, cx + 420, cy + 150), fill=(236, 232, 222))  # saucer
        d.rectangle((cx - 260, cy - 560, cx + 260, cy - 20), fill=(242, 238, 230))  # cup
        d.ellipse((cx - 260, cy - 640, cx + 260, cy - 480), fill=(232, 226, 214))
        d.ellipse((cx - 230, cy - 625, cx + 230, cy - 495), fill=(54, 30, 16))  # coffee
    blobs(img, rng, 400, (0, 1500, WIDTH, HEIGHT), (6, 22), [(70, 40, 20), (96, 56, 26)])
    return finish(img, rng)


def scene_barong(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (18, 14, 16)), (0.6, (46, 24, 22)), (1.0, (30, 20, 16))])
    d = ImageDraw.Draw(img)
    d.ellipse((1100, 500, 2900, 2400), fill=(150, 28, 26))  # mask face
    d.polygon([(1000, 900), (1400, 120), (1650, 800)], fill=(196, 150, 40))  # crown wings
    d.polygon([(3000, 900), (2600, 120), (2350, 800)], fill=(196, 150, 40))
    d.ellipse((1450, 1050, 1850, 1400), fill=(240, 232, 210))
    d.ellipse((2150, 1050, 2550, 1400), fill=(240, 232, 210))
    d.ellipse((1580, 1150, 1720, 1300), fill=(20, 16, 14))
    d.ellipse((2280, 1150, 2420, 1300), fill=(20, 16, 14))
    d.rectangle((1500, 1850, 2500, 2050), fill=(236, 224, 200))  # teeth
    blobs(img, rng, 500, (900, 300, 3100, 2500), (8, 40), [(210, 170, 60), (120, 20, 20)])
    blobs(img, rng, 220, (0, 2300, WIDTH, HEIGHT), (30, 90), [(40, 30, 26), (60, 40, 30)])
    return finish(img, rng, grain=12)  # a dark stage at night: high ISO grain


def scene_crater(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (10, 14, 34)), (0.35, (34, 40, 70)), (1.0, (60, 58, 64))])
    fill_below(img, ridge(rng, 700, 10), (70, 68, 72), (96, 92, 88))  # far rim
    d = ImageDraw.Draw(img)
    d.ellipse((700, 1500, 3600, 2300), fill=(76, 168, 160))  # acid lake
    fill_below(img, ridge(rng, 2150, 8), (84, 78, 70), (120, 110, 92))  # near slope
    blobs(img, rng, 60, (1700, 1150, 2300, 1450), (40, 120), [(60, 110, 240), (90, 150, 255)])
    blobs(img, rng, 140, (1200, 700, 3000, 1300), (60, 220), [(150, 150, 150), (180, 178, 170)])
    img = streaks(img, rng, (700, 1500, 3600, 2300), 22)
    return finish(img, rng, grain=11)


def scene_waterfall(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (150, 186, 206)), (0.25, (190, 210, 214)), (1.0, (120, 140, 120))])
    fill_below(img, ridge(rng, 500, 12), (44, 84, 46), (30, 64, 34))  # cliff
    blobs(img, rng, 420, (0, 300, WIDTH, 2200), (50, 160), [(34, 74, 32), (58, 104, 44)])
    d = ImageDraw.Draw(img)
    d.polygon([(1750, 450), (2250, 450), (2450, 2200), (1550, 2200)], fill=(214, 226, 228))
    img = streaks(img, rng, (1550, 450, 2450, 2200), 60, vertical=True)
    d = ImageDraw.Draw(img)
    d.ellipse((700, 2050, 3300, 2800), fill=(72, 128, 120))  # pool
    img = streaks(img, rng, (700, 2200, 3300, 2700), 26)
    blobs(img, rng, 160, (0, 2500, WIDTH, HEIGHT), (30, 110), [(90, 88, 80), (120, 116, 104)])
    return finish(img, rng)


def scene_plantation(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (140, 180, 222)), (0.3, (214, 226, 232)), (1.0, (200, 210, 200))])
    fill_below(img, ridge(rng, 760, 9), (96, 120, 132), (80, 110, 96))  # Ijen massif
    fill_below(img, ridge(rng, 1050, 5), (60, 110, 54), (48, 96, 44))
    for row in range(14):  # rows of coffee bushes, bigger toward the camera
        y = 1150 + row * row * 11 + row * 40
        r = 24 + row * 11
        blobs(img, rng, 70 + row * 4, (0, y - r // 2, WIDTH, y + r // 2), (r, int(r * 1.6)),
              [(30, 80, 30), (46, 100, 38), (66, 118, 48)])
    blobs(img, rng, 220, (0, 2600, WIDTH, HEIGHT), (4, 12), [(170, 30, 30), (200, 50, 40)])
    return finish(img, rng)


def scene_island(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (96, 130, 190)), (0.38, (238, 190, 150)), (0.48, (250, 214, 170)),
               (0.5, (60, 110, 150)), (1.0, (40, 90, 120))])
    d = ImageDraw.Draw(img)
    d.polygon([(1500, 1500), (1800, 900), (2300, 760), (2700, 1000), (2950, 1500)],
              fill=(168, 84, 60))  # the red hill
    blobs(img, rng, 150, (1750, 700, 2750, 1100), (40, 120), [(40, 82, 40), (54, 96, 48)])
    img = streaks(img, rng, (0, 1500, WIDTH, 2300), 30)
    d = ImageDraw.Draw(img)
    d.polygon([(0, 2250), (WIDTH, 2100), (WIDTH, HEIGHT), (0, HEIGHT)], fill=(214, 190, 150))
    blobs(img, rng, 300, (0, 2120, WIDTH, 2300), (20, 70), [(244, 244, 240), (220, 230, 232)])
    return finish(img, rng)


def scene_hilltop(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (150, 170, 210)), (0.3, (240, 200, 170)), (0.36, (70, 120, 160)),
               (1.0, (40, 96, 130))])
    img = streaks(img, rng, (0, 1100, WIDTH, 2000), 22)
    d = ImageDraw.Draw(img)
    d.polygon([(2600, 1150), (2900, 950), (3300, 1000), (3500, 1150)], fill=(150, 82, 60))
    fill_below(img, ridge(rng, 1900, 7), (70, 120, 56), (50, 96, 40))
    blobs(img, rng, 350, (0, 1800, WIDTH, HEIGHT), (40, 160), [(44, 92, 36), (74, 124, 52)])
    return finish(img, rng)


def scene_blacksand(rng: random.Random) -> Image.Image:
    img = sky([(0.0, (80, 140, 200)), (0.33, (180, 210, 230)), (0.36, (40, 140, 150)),
               (1.0, (30, 110, 130))])
    fill_below(img, ridge(rng, 1150, 8), (48, 92, 44), (36, 72, 36))  # headland left
    d = ImageDraw.Draw(img)
    d.polygon([(0, 1300), (1200, 1150), (WIDTH, 1120), (WIDTH, HEIGHT), (0, HEIGHT)],
              fill=(36, 130, 140))
    img = streaks(img, rng, (0, 1150, WIDTH, 1950), 28)
    d = ImageDraw.Draw(img)
    d.polygon([(0, 2000), (WIDTH, 1850), (WIDTH, HEIGHT), (0, HEIGHT)], fill=(58, 54, 52))
    blobs(img, rng, 900, (0, 1900, WIDTH, HEIGHT), (3, 14), [(30, 28, 28), (84, 80, 76)])
    blobs(img, rng, 200, (0, 1850, WIDTH, 2000), (20, 60), [(240, 242, 240)])
    return finish(img, rng)


SCENES = {name[6:]: fn for name, fn in globals().items() if name.startswith("scene_")}


# -- EXIF -------------------------------------------------------------------------------

def dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    value = abs(value)
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60 * 10000)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 10000)


def exif_for(photo: Photo, stored: tuple[int, int]) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = photo.make
    exif[ExifTags.Base.Model] = photo.model
    exif[ExifTags.Base.Orientation] = photo.orientation
    exif[ExifTags.Base.DateTime] = photo.taken
    exif[ExifTags.Base.XResolution] = IFDRational(72, 1)
    exif[ExifTags.Base.YResolution] = IFDRational(72, 1)
    exif[ExifTags.Base.ResolutionUnit] = 2
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.ExifVersion] = b"0232"
    sub[ExifTags.Base.DateTimeOriginal] = photo.taken
    sub[ExifTags.Base.DateTimeDigitized] = photo.taken
    sub[ExifTags.Base.OffsetTimeOriginal] = "+07:00"
    sub[ExifTags.Base.ExposureTime] = IFDRational(1, 120)
    sub[ExifTags.Base.FNumber] = IFDRational(18, 10)
    sub[ExifTags.Base.ISOSpeedRatings] = 100
    sub[ExifTags.Base.FocalLength] = IFDRational(393, 100)
    sub[ExifTags.Base.ExifImageWidth] = stored[0]
    sub[ExifTags.Base.ExifImageHeight] = stored[1]
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSVersionID] = b"\x02\x02\x00\x00"
    gps[ExifTags.GPS.GPSLatitudeRef] = "S" if photo.lat < 0 else "N"
    gps[ExifTags.GPS.GPSLatitude] = dms(photo.lat)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W" if photo.lng < 0 else "E"
    gps[ExifTags.GPS.GPSLongitude] = dms(photo.lng)
    gps[ExifTags.GPS.GPSAltitudeRef] = 0
    gps[ExifTags.GPS.GPSAltitude] = IFDRational(round(photo.altitude * 10), 10)
    day, clock = photo.taken.split(" ")
    h, m, s = (int(v) for v in clock.split(":"))
    utc_h = (h - 7) % 24  # WIB is UTC+7 (the date stamp is left as local, like many phones)
    gps[ExifTags.GPS.GPSTimeStamp] = (IFDRational(utc_h, 1), IFDRational(m, 1),
                                      IFDRational(s, 1))
    gps[ExifTags.GPS.GPSDateStamp] = day
    return exif


# -- photos ---------------------------------------------------------------------------

def seed_for(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


def make_photo(photo: Photo) -> Path:
    rng = random.Random(seed_for(photo.name))
    upright = SCENES[photo.scene](rng)
    assert upright.size == (WIDTH, HEIGHT)
    # Orientation 6 means "turn 90 degrees clockwise to view", so store it turned
    # 90 degrees counter-clockwise: the sensor's raw sideways frame.
    stored = upright.transpose(Image.Transpose.ROTATE_90) if photo.orientation == 6 else upright
    out = CONTENT / photo.village / "media" / photo.name
    out.parent.mkdir(parents=True, exist_ok=True)
    stored.save(out, "JPEG", quality=QUALITY, exif=exif_for(photo, stored.size),
                subsampling="4:2:0")
    return out


def rational_degrees(values: tuple[float, float, float], ref: str) -> float:
    d, m, s = (float(v) for v in values)
    sign = -1 if ref in ("S", "W") else 1
    return sign * (d + m / 60 + s / 3600)


def check_photo(photo: Photo) -> list[str]:
    """Read the file back: size, EXIF fields and GPS must be what we wrote."""
    path = CONTENT / photo.village / "media" / photo.name
    errors = []
    with Image.open(path) as im:
        exif = im.getexif()
        expected = (HEIGHT, WIDTH) if photo.orientation == 6 else (WIDTH, HEIGHT)
        if im.size != expected:
            errors.append(f"{path.name}: size {im.size}, expected {expected}")
        if (exif.get(ExifTags.Base.Make), exif.get(ExifTags.Base.Model)) != (photo.make,
                                                                           photo.model):
            errors.append(f"{path.name}: make/model wrong")
        if exif.get(ExifTags.Base.Orientation) != photo.orientation:
            errors.append(f"{path.name}: orientation {exif.get(ExifTags.Base.Orientation)}")
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        taken = sub.get(ExifTags.Base.DateTimeOriginal)
        if taken != photo.taken:
            errors.append(f"{path.name}: DateTimeOriginal {taken}")
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        lat = rational_degrees(gps[ExifTags.GPS.GPSLatitude], gps[ExifTags.GPS.GPSLatitudeRef])
        lng = rational_degrees(gps[ExifTags.GPS.GPSLongitude], gps[ExifTags.GPS.GPSLongitudeRef])
        if abs(lat - photo.lat) > 1e-5 or abs(lng - photo.lng) > 1e-5:
            errors.append(f"{path.name}: GPS {lat:.6f},{lng:.6f} != {photo.lat},{photo.lng}")
        upright = ImageOps.exif_transpose(im)
        if upright.size != (WIDTH, HEIGHT):
            errors.append(f"{path.name}: upright size {upright.size}")
    size = path.stat().st_size
    if not 2_000_000 <= size <= 5_000_000:
        errors.append(f"{path.name}: {size} bytes, expected 2-5 MB")
    return errors


# -- logos ----------------------------------------------------------------------------

LOGOS = {
    "kemiren": ((138, 28, 28), "house"),
    "tamansari": ((29, 79, 145), "flame"),
    "sumberagung": ((14, 107, 92), "wave"),
}


def make_logo(village: str) -> Path:
    colour, motif = LOGOS[village]
    big = 1024  # draw large, then shrink: smooth edges without anti-aliasing support
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((16, 16, big - 16, big - 16), fill=(*colour, 255))
    d.ellipse((70, 70, big - 70, big - 70), outline=(255, 255, 255, 255), width=24)
    white = (255, 255, 255, 255)
    if motif == "house":  # Osing roof over a small house
        d.polygon([(230, 560), (380, 330), (644, 330), (794, 560)], fill=white)
        d.polygon([(380, 330), (512, 220), (644, 330)], fill=white)
        d.rectangle((320, 590, 704, 790), fill=white)
        d.rectangle((462, 640, 562, 790), fill=(*colour, 255))
    elif motif == "flame":  # a mountain with a flame in the crater
        d.polygon([(190, 760), (420, 400), (604, 400), (834, 760)], fill=white)
        d.polygon([(512, 190), (600, 330), (560, 400), (464, 400), (424, 330)],
                  fill=(120, 180, 255, 255))
        d.rectangle((190, 790, 834, 830), fill=white)
    else:  # an island over three waves
        d.polygon([(360, 520), (450, 330), (580, 300), (680, 520)], fill=white)
        for i, y in enumerate((590, 680, 770)):
            inset = 60 * i
            d.arc((200 + inset, y - 60, 520, y + 60), 200, 340, fill=white, width=36)
            d.arc((504, y - 60, 824 - inset, y + 60), 200, 340, fill=white, width=36)
    small = img.resize((256, 256), Image.Resampling.LANCZOS)
    out = CONTENT / village / "media" / "logo.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    small.quantize(colors=48, method=Image.Quantize.FASTOCTREE).save(out, optimize=True)
    return out


# -- PDF ------------------------------------------------------------------------------

PDFS = {
    "kemiren": ("undangan-musdes-rkpdes-2027.pdf", [
        "PEMERINTAH DESA KEMIREN - KECAMATAN GLAGAH",
        "UNDANGAN MUSYAWARAH DESA",
        "Penyusunan RKPDes Tahun 2027",
        "",
        "Hari/tanggal : Kamis, 29 Oktober 2026",
        "Pukul        : 19.30 WIB - selesai",
        "Tempat       : Balai Desa Kemiren",
        "Peserta      : BPD, perangkat desa, ketua RT/RW, tokoh adat,",
        "               PKK, Karang Taruna, Pokdarwis, perwakilan warga",
        "",
        "DATA CONTOH - bukan dokumen resmi.",
    ]),
    "tamansari": ("jadwal-ktp-el-keliling-2026.pdf", [
        "PEMERINTAH DESA TAMANSARI - KECAMATAN LICIN",
        "JADWAL PEREKAMAN KTP-EL KELILING",
        "",
        "Senin, 7 Desember 2026   08.00-12.00  Balai Dusun Krajan",
        "Selasa, 8 Desember 2026  08.00-12.00  Balai Dusun Sumberwatu",
        "Rabu, 9 Desember 2026    08.00-12.00  Kantor Desa Tamansari",
        "",
        "Bawa: fotokopi Kartu Keluarga. Gratis (UU 24/2013 Pasal 79A).",
        "",
        "DATA CONTOH - bukan dokumen resmi.",
    ]),
    "sumberagung": ("realisasi-apbdes-2026-semester-1.pdf", [
        "PEMERINTAH DESA SUMBERAGUNG - KECAMATAN PESANGGARAN",
        "LAPORAN REALISASI APBDES 2026 SEMESTER I",
        "",
        "Pendapatan   anggaran Rp2.157.480.000  realisasi Rp1.094.210.000",
        "Belanja      anggaran Rp2.207.480.000  realisasi Rp  968.355.000",
        "Pembiayaan   netto    Rp   50.000.000",
        "",
        "Rincian lengkap ada di papan informasi kantor desa.",
        "",
        "DATA CONTOH - bukan dokumen resmi.",
    ]),
}


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page A4 PDF with Helvetica text and a correct cross-reference table."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 14 Tf", "56 780 Td", "18 TL"]
    for i, line in enumerate(lines):
        if i == 1:
            ops.append("/F1 12 Tf")
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (Data contoh) /Producer (Kampung sample script) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def make_pdf(village: str) -> Path:
    name, lines = PDFS[village]
    out = CONTENT / village / "media" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf_bytes(lines))
    return out


def check_pdf(path: Path) -> list[str]:
    data = path.read_bytes()
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    if not data[start:].startswith(b"xref"):
        return [f"{path.name}: startxref does not point at xref"]
    rows = data[start:].split(b"\n")[2:]
    errors = []
    for number, row in enumerate(rows[1:], start=1):
        if not row.endswith(b" n "):
            break
        offset = int(row[:10])
        if not data[offset:].startswith(f"{number} 0 obj".encode()):
            errors.append(f"{path.name}: xref entry {number} is off")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only verify existing files")
    args = parser.parse_args(argv)
    if not args.check:
        for photo in PHOTOS:
            path = make_photo(photo)
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1e6:.2f} MB")
        for village in LOGOS:
            for path in (make_logo(village), make_pdf(village)):
                print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1e3:.1f} KB")
    errors = [e for photo in PHOTOS for e in check_photo(photo)]
    errors += [e for v, (name, _) in PDFS.items() for e in check_pdf(CONTENT / v / "media" / name)]
    for village in LOGOS:
        logo = CONTENT / village / "media" / "logo.png"
        if logo.stat().st_size > 20_000:
            errors.append(f"{logo}: {logo.stat().st_size} bytes, over 20 KB")
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    total = sum(p.stat().st_size for p in CONTENT.glob("*/media/*"))
    print(f"media total {total / 1e6:.1f} MB; {'ok' if not errors else 'FAILED'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
