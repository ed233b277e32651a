"""Read built pages the way a resident sees them."""

from __future__ import annotations

import posixpath
from pathlib import Path

from bs4 import BeautifulSoup


def page(output: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((output / rel).read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def internal_links(output: Path, rel: str) -> list[str]:
    """Every relative href/src of a page, resolved to a path under the output root."""
    soup = page(output, rel)
    base = posixpath.dirname(rel)
    found = []
    for tag, attr in (("a", "href"), ("img", "src"), ("link", "href"), ("source", "srcset")):
        for element in soup.find_all(tag):
            value = element.get(attr)
            if not value or ":" in value.split("/")[0] or value.startswith(("#", "/", "data:")):
                continue
            target = value.split("#")[0].split(" ")[0]
            found.append(posixpath.normpath(posixpath.join(base, target)))
    return found
