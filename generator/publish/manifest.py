"""The manifest: which files a publish put on a remote, with their content hashes.

It is kept on the remote itself (`.kampung-manifest.json` at the target's root), so any
machine that publishes, a volunteer's laptop or a fresh CI runner, knows what is there
without asking for a listing. An entry whose hash is `null` marks a file a publish had
begun to send but not confirmed: it belongs to us (so it may be deleted later) but its
content is unknown (so the next publish sends it again).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

STATE_PREFIX = ".kampung"
MANIFEST_NAME = ".kampung-manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class Entry:
    sha256: str | None
    size: int


Manifest = dict[str, Entry]


class ManifestError(ValueError):
    """The remote manifest cannot be read; its text is never trusted further."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bytes_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scan(root: Path) -> Manifest:
    """Hash every file under `root`, dotfiles too (`.htaccess`, `.well-known/`), but not
    Kampung's own state files (`.kampung-*`), which are no part of the site."""
    found: Manifest = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if name.startswith(STATE_PREFIX) or not path.is_file():
                continue
            found[rel] = Entry(file_sha256(path), path.stat().st_size)
    return found


def safe_path(rel: str) -> bool:
    """A manifest path we may touch: relative, no `..`, no empty or hidden-parent tricks."""
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/")) and rel != MANIFEST_NAME


def dumps(manifest: Manifest) -> bytes:
    files = {
        rel: {"sha256": entry.sha256, "size": entry.size}
        for rel, entry in sorted(manifest.items())
    }
    text = json.dumps({"kampung_manifest": FORMAT, "files": files}, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def loads(data: bytes) -> Manifest:
    try:
        doc = json.loads(data.decode("utf-8"))
        files = doc["files"]
        if doc.get("kampung_manifest") != FORMAT or not isinstance(files, dict):
            raise ManifestError("format")
        manifest: Manifest = {}
        for rel, item in files.items():
            sha, size = item["sha256"], item["size"]
            if not safe_path(rel) or not isinstance(size, int) or (
                sha is not None and not isinstance(sha, str)
            ):
                raise ManifestError(rel)
            manifest[rel] = Entry(sha, size)
        return manifest
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ManifestError(str(exc)) from None
