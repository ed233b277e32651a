"""The village boundary and dusun areas: `data/peta.geojson`, read and checked.

Only what the static map needs is kept: each feature's name, kind and rings of
(lng, lat) points. Anything else in the file is ignored; a file that is not GeoJSON, or
a shape without usable coordinates, is a problem pinned to the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .content import read_text
from .errors import Problem

NAME = "peta.geojson"
SHAPES = ("Polygon", "MultiPolygon")
Ring = list[tuple[float, float]]


def load_geojson(path: Path, rel: str) -> tuple[list[dict[str, Any]] | None, list[Problem]]:
    """[{nama, jenis, rings}] for every area in the file, or None and the problems."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem.at(rel, exc.lineno, exc.colno, "geojson_syntax", detail=exc.msg)]
    except RecursionError:  # brackets nested thousands deep
        return None, [Problem.at(rel, 1, 1, "geojson_too_deep")]
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or data.get("type") != "FeatureCollection":
        return None, [Problem.at(rel, 1, 1, "geojson_shape")]
    areas = []
    for number, feature in enumerate(features, 1):
        area = _area(feature)
        if area is None:
            return None, [Problem.at(rel, 1, 1, "geojson_feature", number=number)]
        point = _off_the_globe(area["rings"])
        if point:
            return None, [Problem.at(rel, 1, 1, "geojson_point", number=number,
                                     point=f"[{point[0]}, {point[1]}]")]
        areas.append(area)
    return areas, []


def _area(feature: Any) -> dict[str, Any] | None:
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") not in SHAPES:
        return None
    polygons: Any = geometry.get("coordinates")  # JSON as written: checked by reading it
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    try:
        rings = [[(float(lng), float(lat)) for lng, lat, *_ in polygon[0]]
                 for polygon in polygons]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    if not all(len(ring) >= 3 for ring in rings) or not rings:
        return None
    properties = feature.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    return {"nama": str(properties.get("nama") or properties.get("name") or ""),
            "jenis": "desa" if properties.get("jenis") == "desa" else "dusun",
            "rings": rings}


def _off_the_globe(rings: list[Ring]) -> tuple[float, float] | None:
    """The first point that is no longitude and latitude in degrees (NaN, 1e308, or
    metres from a projected map), which the map could not be drawn with."""
    for ring in rings:
        for lng, lat in ring:
            if not (-180 <= lng <= 180 and -90 <= lat <= 90):  # NaN fails both too
                return lng, lat
    return None
