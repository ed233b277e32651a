"""The village's territory: dusun, RW and RT, a static SVG map and the aid figures.

The map is drawn here as plain geometry from `data/peta.geojson` (boundary and dusun
areas) with the office and tourism places marked, and rendered by `wilayah.html` as
inline SVG: no tiles, no script, a text list beside it for screen readers. Aid
programmes (`data/bantuan.yaml`) are figures per dusun, shown as tables.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Site, Village
from ..pages import Output
from .feature import Feature

WIDTH = 600  # viewBox units; the SVG scales to the screen


def village_outputs(site: Site, village: Village, out: Any) -> Iterator[Output]:
    if "wilayah" in village.data or village.data.get("peta"):
        yield out("wilayah/index.html", "wilayah.html", wilayah=village.data.get("wilayah"),
                  peta=map_geometry(village))
    if "bantuan" in village.data:
        yield out("bantuan/index.html", "bantuan.html", bantuan=village.data["bantuan"])


def places(village: Village) -> list[dict[str, Any]]:
    """The office and every tourism place with coordinates, as (lng, lat) points."""
    found = []
    office = village.profile.get("koordinat")
    if office:
        found.append({"nama": "kantor", "jenis": "kantor", "point": (office["lng"], office["lat"])})
    for page in village.section("wisata"):
        where = page.data["lokasi"]
        if "lat" in where and "lng" in where:
            found.append({"nama": page.title, "jenis": "wisata", "url": page.url,
                          "point": (where["lng"], where["lat"])})
    return found


def map_geometry(village: Village) -> dict[str, Any] | None:
    """viewBox size, one path and label per area, one marker per place; None without areas."""
    areas = village.data.get("peta") or []
    if not areas:
        return None
    points = [p for a in areas for ring in a["rings"] for p in ring]
    project = projector(points)
    shapes = [{"nama": a["nama"], "jenis": a["jenis"],
               "d": " ".join(_path(project, ring) for ring in a["rings"]),
               "label": project(centroid(max(a["rings"], key=len)))} for a in areas]
    shapes.sort(key=lambda s: s["jenis"] != "desa")  # the boundary first, dusun on top
    marks = [{**p, "xy": project(p["point"])} for p in places(village)]
    width, height = project.size
    return {"width": width, "height": height, "areas": shapes,
            "places": [m for m in marks if 0 <= m["xy"][0] <= width and 0 <= m["xy"][1] <= height]}


@dataclass(frozen=True)
class Projection:
    """lng/lat -> viewBox x/y: equirectangular, shrunk by cos(latitude), fit to WIDTH."""

    west: float
    north: float
    squash: float
    scale: float
    size: tuple[int, int]

    def __call__(self, point: tuple[float, float]) -> tuple[float, float]:
        return (round(20 + (point[0] - self.west) * self.squash * self.scale, 1),
                round(20 + (self.north - point[1]) * self.scale, 1))


def projector(points: list[tuple[float, float]]) -> Projection:
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 40) / max((east - west) * squash, north - south, 1e-9)
    return Projection(west, north, squash, scale, (WIDTH, round(40 + (north - south) * scale)))


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """Area-weighted centre of a ring (its vertex average if the ring has no area)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if abs(area) < 1e-15:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return (cx / (3 * area), cy / (3 * area))


def _path(project: Projection, ring: list[tuple[float, float]]) -> str:
    xy = [project(p) for p in ring]
    return "M" + " ".join(f"{x:g},{y:g}" for x, y in xy) + "Z"


FEATURE = Feature(name="wilayah", village_pages=village_outputs)
