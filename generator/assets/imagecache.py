"""Processed images on disk, keyed by the hash of the source bytes and the recipe.

Layout: `<cache>/<key[:2]>/<key>/meta.json` plus one file per variant. A photo is
processed once, ever: renaming it, moving it to another village or rebuilding after any
other change finds the same key. A source that failed to decode is remembered too, so a
broken photo costs one attempt per recipe, not one per build.

Entries are written to a temporary folder and renamed into place, so an interrupted
build never leaves a half-written entry, and two processes writing the same entry agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .images import RECIPE, ImageError, Processed

DEFAULT_DIR = Path(".kampung-cache") / "images"


@dataclass(frozen=True)
class CachedVariant:
    width: int
    height: int
    format: str
    path: Path
    digest: str  # sha256 of the variant's bytes, hex


@dataclass(frozen=True)
class CachedImage:
    width: int
    height: int
    variants: tuple[CachedVariant, ...]


def image_key(print_: bytes) -> str:
    """The cache key of a photo from its content digest (the one the build keeps for every
    content file, so an unchanged photo is not even read)."""
    return hashlib.sha256(RECIPE.encode() + b"\0" + print_).hexdigest()


class ImageCache:
    """Look up and store `Processed` results; `get` raises the remembered ImageError."""

    def __init__(self, root: Path):
        self.root = root

    def _dir(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> CachedImage | None:
        folder = self._dir(key)
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if "error" in meta:
            raise ImageError(meta["error"], meta.get("detail", ""), meta.get("params"))
        variants = tuple(CachedVariant(v["width"], v["height"], v["format"], folder / v["file"],
                                       v["sha256"]) for v in meta["variants"])
        if not all(v.path.is_file() for v in variants):
            return None
        return CachedImage(meta["width"], meta["height"], variants)

    def put(self, key: str, result: Processed | ImageError) -> None:
        folder = self._dir(key)
        folder.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=folder.parent))
        try:
            meta = _write_variants(temp, result)
            (temp / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
            if folder.exists():
                shutil.rmtree(folder)
            try:
                os.replace(temp, folder)
            except OSError:
                if not (folder / "meta.json").is_file():  # another process won the race
                    raise
        finally:
            shutil.rmtree(temp, ignore_errors=True)


def _write_variants(folder: Path, result: Processed | ImageError) -> dict:
    if isinstance(result, ImageError):
        return {"error": result.code, "detail": result.detail, "params": result.params}
    variants = []
    for variant in result.variants:
        name = f"{variant.width}{variant.suffix}"
        (folder / name).write_bytes(variant.data)
        variants.append({"width": variant.width, "height": variant.height,
                         "format": variant.format, "file": name,
                         "sha256": hashlib.sha256(variant.data).hexdigest()})
    return {"width": result.width, "height": result.height, "variants": variants}
