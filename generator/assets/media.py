"""A village's media/ folder as output files and a catalog the templates read.

Photos go through `images.process` (once ever, thanks to the cache) and come out as
fingerprinted variants under `<desa>/aset/` (`kawah-ijen-720.1a2b3c4d5e.webp`), which hosts
may cache for a year. The photo's own name, `<desa>/media/kawah-ijen.jpg`, still works for
hand-written links: it holds the largest stripped variant, never the original with its GPS.
Attachments (PDF and others) are copied as they are and described by type and size;
an SVG is sanitised first (svg-hush), as raw HTML in Markdown is.

The catalog is plain data keyed by content path ('kemiren/media/foto.jpg'), so it can be
hashed into a build cache key like any page context.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..digests import digest
from ..errors import Problem
from ..model import Site, Village, media_places
from .imagecache import CachedImage, ImageCache, image_key
from .images import ImageError, Processed, is_image, process

ASSET_DIR = "aset"  # fingerprinted, immutable files of a village site
MIME = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
SVG_RECIPE = "svg-hush-1"  # a new sanitiser version or setting: a new name


@dataclass
class MediaResult:
    catalog: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: list[tuple[str, Path]] = field(default_factory=list)  # (output path, file to copy)
    problems: list[Problem] = field(default_factory=list)
    processed: int = 0  # images decoded in this build (cache misses)

    @property
    def images(self) -> int:
        return sum(entry["kind"] == "image" for entry in self.catalog.values())


def process_media(content: Path, site: Site, selected: Iterable[str], cache: ImageCache,
                  workers: int | None = None,
                  prints: Mapping[str, bytes] | None = None) -> MediaResult:
    """Process every media file of the selected villages; a bad image or SVG is a Problem
    at each place the content names it (at the file itself if nothing does).

    `prints` maps content paths ('kemiren/media/x.jpg') to their content `digest`, where
    the caller knows them already."""
    result = MediaResult()
    chosen = set(selected)
    sources = [(v.slug, name) for v in site.villages if v.slug in chosen
               for name in sorted(v.media)]
    images = [(slug, name) for slug, name in sources if is_image(name)]
    found = _lookup(content, images, cache, workers, prints or {}, result)
    written: set[str] = set()
    villages = {v.slug: v for v in site.villages}
    for slug, name in sources:
        rel = f"{slug}/media/{name}"
        source = content / slug / "media" / name
        outcome: Path | CachedImage | ImageError = source
        if name.lower().endswith(".svg"):
            outcome = _sanitised_svg(source, cache)
        elif is_image(name):
            outcome = found[rel]
        if isinstance(outcome, ImageError):
            result.problems.extend(_refused(content, villages[slug], name, outcome))
        elif isinstance(outcome, CachedImage):
            result.catalog[rel] = image_entry(slug, name, outcome)
            for out_rel, path in image_files(slug, name, outcome):
                _add(result, written, out_rel, path)
        else:
            result.catalog[rel] = attachment_entry(name, outcome.stat().st_size)
            _add(result, written, rel, outcome)
    return result


def _refused(content: Path, village: Village, name: str, error: ImageError) -> list[Problem]:
    """An error at each place the content names the picture (the file named in the
    message), or at the picture itself if nothing does."""
    rel = f"{village.slug}/media/{name}"
    places = media_places(content, village, name) or [(rel, 1, 1)]
    return [Problem.at(*place, error.code, file=rel, detail=error.detail, **error.params)
            for place in places]


def _sanitised_svg(source: Path, cache: ImageCache) -> Path | ImageError:
    """An SVG as svg-hush leaves it: no script, event handlers, foreign objects or
    outside references, so opened at its own address it cannot run code in the site's
    origin. Kept beside the processed photos, by the digest of its source."""
    import py_svg_hush

    data = source.read_bytes()
    clean = cache.root / "svg" / f"{SVG_RECIPE}-{digest(data).hex()}.svg"
    if clean.is_file():
        return clean
    try:
        safe = py_svg_hush.filter_svg(data)
    except ValueError as exc:
        return ImageError("svg_invalid", str(exc))
    clean.parent.mkdir(parents=True, exist_ok=True)
    temp = clean.with_name(f".{clean.name}.{os.getpid()}")
    temp.write_bytes(safe)
    os.replace(temp, clean)
    return clean


def by_village(catalog: Mapping[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    """Each village's catalog entries in path order (a village's cache keys hold them):
    grouped once, not searched for in the whole catalog once per village."""
    grouped: dict[str, list[tuple[str, Any]]] = {}
    for item in sorted(catalog.items()):
        grouped.setdefault(item[0].split("/", 1)[0], []).append(item)
    return grouped


def _add(result: MediaResult, written: set[str], rel: str, path: Path) -> None:
    if rel not in written:  # the same photo twice under one name writes one file
        written.add(rel)
        result.files.append((rel, path))


def _lookup(content: Path, images: list[tuple[str, str]], cache: ImageCache,
            workers: int | None, prints: Mapping[str, bytes], result: MediaResult,
            ) -> dict[str, CachedImage | ImageError]:
    found: dict[str, CachedImage | ImageError] = {}
    misses: dict[str, tuple[bytes, list[str]]] = {}
    for slug, name in images:
        rel = f"{slug}/media/{name}"
        source = content / slug / "media" / name
        data = None if rel in prints else source.read_bytes()
        key = image_key(prints.get(rel) or digest(data or b""))
        cached: CachedImage | ImageError | None
        try:
            cached = cache.get(key)
        except ImageError as exc:
            cached = exc
        if cached is None:
            misses.setdefault(key, (data or source.read_bytes(), []))[1].append(rel)
        else:
            found[rel] = cached
    for key, outcome in _processed(misses, workers):
        cache.put(key, outcome)
        entry: CachedImage | ImageError
        try:
            entry = cache.get(key) or ImageError("image_corrupt", "cache write failed")
        except ImageError as exc:
            entry = exc
        for rel in misses[key][1]:
            found[rel] = entry
    result.processed = len(misses)
    return found


def _processed(misses: dict[str, tuple[bytes, list[str]]],
               workers: int | None) -> Iterable[tuple[str, Processed | ImageError]]:
    keys = list(misses)
    datas = [misses[k][0] for k in keys]
    workers = min(workers or os.cpu_count() or 1, len(keys))
    if workers <= 1:
        return zip(keys, map(_work, datas), strict=True)
    from concurrent.futures import ProcessPoolExecutor  # only when photos changed

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(zip(keys, pool.map(_work, datas), strict=True))


def _work(data: bytes) -> Processed | ImageError:
    try:
        return process(data)
    except ImageError as exc:
        return exc


def variant_path(slug: str, name: str, width: int, fmt: str, digest: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", PurePosixPath(name).stem).strip("-") or "foto"
    suffix = {"jpeg": "jpg"}.get(fmt, fmt)
    return f"{slug}/{ASSET_DIR}/{stem}-{width}.{digest[:10]}.{suffix}"


def image_files(slug: str, name: str, image: CachedImage) -> list[tuple[str, Path]]:
    """Every variant under aset/, and the largest of the source's own format at its name."""
    files = [(variant_path(slug, name, v.width, v.format, v.digest), v.path)
             for v in image.variants]
    own = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp"}.get(
        PurePosixPath(name).suffix.lower().lstrip("."))  # HEIC: the JPEG (browsers sniff it)
    same = ([v for v in image.variants if v.format == own]
            or [v for v in image.variants if v.format != "webp"] or list(image.variants))
    files.append((f"{slug}/media/{name}", same[-1].path))
    return files


def image_entry(slug: str, name: str, image: CachedImage) -> dict[str, Any]:
    webp = [v for v in image.variants if v.format == "webp"]
    fallback = [v for v in image.variants if v.format != "webp"]
    return {
        "kind": "image", "width": image.width, "height": image.height,
        "webp": [[v.width, variant_path(slug, name, v.width, v.format, v.digest)] for v in webp],
        "fallback": [[v.width, variant_path(slug, name, v.width, v.format, v.digest)]
                     for v in fallback],
        "fallback_type": MIME[fallback[0].format] if fallback else MIME["webp"],
    }


def attachment_entry(name: str, size: int) -> dict[str, Any]:
    suffix = PurePosixPath(name).suffix.lstrip(".").upper() or "FILE"
    return {"kind": "file", "type": suffix, "bytes": size}
