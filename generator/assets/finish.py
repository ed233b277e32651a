"""The last touch on each rendered file: a pure function of (path, bytes).

HTML is minified by minify-html (a maintained HTML/CSS/JS minifier in Rust; its output
stays valid HTML: quoted attribute values where the spec needs them, doctype kept), after
the first picture of the page is made eager. Closing tags and the <html>, <head> and <body>
tags are kept: streaming parsers (Pagefind's search indexer, the service worker's notice)
need them, and gzip makes them cost about 4 %. Then every text file gets `.gz` and `.br`
copies, when the build makes them (`copies`: see `hosting.precompress`). Being pure,
`finished` can be cached by (path, hash of bytes, copies) and run in workers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..names import LAZY
from .compress import compressed_copies

EAGER = ' fetchpriority="high"'
STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.DOTALL | re.IGNORECASE)


def finished(path: str, data: bytes, copies: bool = True) -> list[tuple[str, bytes]]:
    """The file itself, finished, followed by its compressed copies (with `copies`)."""
    data = finish(path, data)
    return [(path, data), *(compressed_copies(path, data) if copies else ())]


def finish(path: str, data: bytes) -> bytes:
    if not path.endswith(".html"):
        return data
    import minify_html  # (a build that renders nothing never loads it)

    html = STYLE.sub(lambda m: m[1] + minified_css(m[2]) + m[3],
                     eager_first_image(data.decode("utf-8")))
    return minify_html.minify(html, minify_css=False, minify_js=True, keep_closing_tags=True,
                              keep_html_and_head_opening_tags=True).encode("utf-8")


@lru_cache(maxsize=256)
def minified_css(css: str) -> str:
    """Every page inlines the theme's stylesheet: minify each distinct one once, not once a
    page (it was three quarters of the minifier's time)."""
    import minify_html

    html = minify_html.minify(f"<style>{css}</style>", minify_css=True)
    return html.removeprefix("<style>").removesuffix("</style>")


def eager_first_image(html: str) -> str:
    """The first lazy picture is most likely the largest thing in the first view: load it
    at once and first, as the browser's Largest Contentful Paint wants."""
    return html.replace(LAZY, EAGER, 1)
