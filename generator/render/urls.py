"""Relative links, so a site works at a domain root, under a sub-path, or from disk."""

from __future__ import annotations

import posixpath


def relative(from_path: str, to_path: str) -> str:
    """Link from the page at `from_path` to `to_path` (both relative to the output root).

    Folder targets ('kemiren/layanan/') get an explicit 'index.html', which a browser
    opening files from disk needs and every web server accepts.
    """
    from_dir = posixpath.dirname(from_path) or "."
    target, hash_, fragment = to_path.partition("#")
    if target.endswith("/") or not target:
        target += "index.html"
    return _relpath(target, from_dir) + hash_ + fragment


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for two normalised paths relative to one root, without its
    calls to os.getcwd() (this runs for every link on every page)."""
    there, here = target.split("/"), [] if start == "." else start.split("/")
    if {"", ".", ".."} & {*there, *here}:  # not normalised: the general way
        return posixpath.relpath(target, start)
    common = 0
    for a, b in zip(there, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def absolute(base_url: str, path: str) -> str:
    """Canonical URL: 'https://x.id/' + 'layanan/ktp-el/'."""
    return base_url.rstrip("/") + "/" + path.removesuffix("index.html").lstrip("/")
