"""Fingerprints of everything a build reads: content files, theme files and the generator.

A file's digest is its bytes' hash, but a file whose size and modification time are as
recorded is not read again (git's trick). A file changed within the last two seconds is
remembered as "racy" and hashed again next time, so two edits in one clock tick are
never missed. A fresh checkout (new mtimes) costs one read per file, never a parse.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from ..digests import digest

Known = dict[str, tuple[int, int, bytes]]  # rel -> (size, mtime_ns, digest)
RACY_NS = 2_000_000_000
GENERATOR = Path(__file__).resolve().parents[1]
# libraries whose output ends up in pages: a new version may change bytes
LIBRARIES = ("jinja2", "markdown", "nh3", "babel", "pyyaml", "markupsafe", "minify-html",
             "brotli", "pillow", "pagefind", "zxing-cpp")


def files_under(root: Path) -> list[Path]:
    """Every file under `root`, hidden files and folders left out, in a stable order."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found.extend(Path(folder, n) for n in sorted(names) if not n.startswith("."))
    return found


def digests(root: Path, files: Iterable[tuple[str, os.stat_result]], known: Known) -> Known:
    """Digest files already listed with their stat, reading only those whose stat changed."""
    started = time.time_ns()
    found: Known = {}
    for rel, stat in files:
        old = known.get(rel)
        if old and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
            found[rel] = old
            continue
        try:
            with open(f"{root}/{rel}", "rb", buffering=0) as file:  # a checkout reads all
                data = file.readall()
        except OSError:
            continue
        racy = stat.st_mtime_ns > started - RACY_NS
        found[rel] = (stat.st_size, -1 if racy else stat.st_mtime_ns, digest(data))
    return found


def scan_paths(root: Path, paths: Iterable[Path], known: Known) -> Known:
    """Like `digests`, for files given by path (keys relative to `root`)."""
    listed = []
    for path in paths:
        try:
            listed.append((path.relative_to(root).as_posix(), path.stat()))
        except OSError:
            continue
    return digests(root, listed, known)


def combine(items: Iterable[tuple[str, bytes]]) -> bytes:
    """One digest for many (name, digest) pairs, in the order given."""
    return digest(b"".join(name.encode() + b"\0" + value for name, value in items))


def generator_version() -> str:
    """Digest of the generator's own code and catalogs and of the libraries it renders with.

    Installed from a wheel, the code's digest is that of its RECORD (which holds the hash of
    every file it installed); from a source tree, of every file. The libraries' versions are
    read from the names of their `.dist-info` folders: `importlib.metadata` took a tenth of
    a CI build to import and ask."""
    parts = [("code", _code_digest()), *_library_versions(), ("python", sys.version.encode())]
    return combine(parts).hex()


def _code_digest() -> bytes:
    records = sorted(GENERATOR.parent.glob(f"{GENERATOR.name}-*.dist-info/RECORD"))
    if records:
        return digest(records[-1].read_bytes())
    files = [p for p in files_under(GENERATOR) if "__pycache__" not in p.parts]
    return combine(sorted((rel, value[2]) for rel, value in scan_paths(GENERATOR, files,
                                                                          {}).items()))


def _library_versions() -> list[tuple[str, bytes]]:
    """(name, version) of each of LIBRARIES found on the path, first found first."""
    found: dict[str, bytes] = {}
    for folder in sys.path:
        with contextlib.suppress(OSError):
            for entry in sorted(os.listdir(folder or ".")):
                if entry.endswith(".dist-info"):
                    name, _, version = entry.removesuffix(".dist-info").partition("-")
                    name = name.lower().replace("_", "-").replace(".", "-")
                    if name in LIBRARIES:
                        found.setdefault(name, version.encode())
    return sorted(found.items())
