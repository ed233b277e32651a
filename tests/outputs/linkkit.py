"""Every internal link of a built site, and those that lead nowhere.

An internal link is a relative `href`, `src` or `srcset` address (the build writes no
other kind): it must name a file of the output, or a folder holding an index.html.
Addresses with a scheme (https:, tel:, mailto:, whatsapp:, webcal:, data:) or only a
fragment are the outside world's and are not followed.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTRIBUTES = ("href", "src", "srcset", "poster", "action")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name not in ATTRIBUTES or not value:
                continue
            if name == "srcset":
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                self.found.append(value)


def internal_links(html: str) -> list[str]:
    """The relative addresses a page links to or loads."""
    parser = _Links()
    parser.feed(html)
    return [link for link in parser.found
            if not urlsplit(link).scheme and not link.startswith(("#", "//"))]


def dead_links(output: Path) -> dict[str, list[str]]:
    """{page: [its links that name no file of the output]} for every HTML file."""
    files = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    dead: dict[str, list[str]] = {}
    for rel in sorted(f for f in files if f.endswith(".html")):
        text = (output / rel).read_text("utf-8")
        for link in internal_links(text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel),
                                                       unquote(urlsplit(link).path)))
            if link.split("#")[0].split("?")[0].endswith("/"):
                target += "/index.html"
            if target not in files:
                dead.setdefault(rel, []).append(link)
    return dead
