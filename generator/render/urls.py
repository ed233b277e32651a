"""Relative links, so a site works at a domain root, under a sub-path, or from disk."""

from __future__ import annotations

import posixpath


def relative(from_path: str, to_path: str) -> str:
    """Link from the page at `from_path` to `to_path` (both relative to the output root).

    Folder targets ('kemiren/layanan/') get an explicit 'index.html', which a browser
    opening files from disk needs and every web server accepts.
    """
    from_dir = posixpath.dirname(from_path) or "."
    target = to_path + "index.html" if to_path.endswith("/") or not to_path else to_path
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    return posixpath.relpath(target, from_dir) + fragment


def absolute(base_url: str, path: str) -> str:
    """Canonical URL: 'https://x.id/' + 'layanan/ktp-el/'."""
    return base_url.rstrip("/") + "/" + path.removesuffix("index.html").lstrip("/")
