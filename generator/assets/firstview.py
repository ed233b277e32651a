"""What a phone fetches for the first view of a page: stylesheets and scripts the page
links and every image that is not lazy-loaded, at the variant a 360-px phone at DPR 2 picks,
and the service worker with the pages it keeps as it installs. The page budgets
(`budgets.py`) weigh it; the build records it with each page it makes.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser

from ..names import PHONE_SLOT

# a start tag that may fetch a file; quoted values may hold '>'
FETCHING_TAG = re.compile(r"""<(?:img|source|link|script)\b(?:[^>"']|"[^"]*"|'[^']*')*>""",
                          re.IGNORECASE)
RAW_TEXT = re.compile(r"(<(script|style)\b[^>]*>).*?</\2\s*>", re.IGNORECASE | re.DOTALL)


class _FirstView(HTMLParser):
    """Collects, in order, what the browser fetches at once: eager images, CSS, scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.webp: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "source" and a.get("type") == "image/webp":
            self.webp = pick(a.get("srcset", ""), a.get("sizes", ""))
        elif tag == "img":
            if a.get("loading") != "lazy":
                self.urls.append(self.webp or pick(a.get("srcset", ""), a.get("sizes", ""))
                                 or a.get("src", ""))
            self.webp = ""
        elif (tag == "link" and a.get("rel") == "stylesheet") or (tag == "script" and a.get("src")):
            self.urls.append(a.get("href") or a.get("src", ""))
        elif tag == "script" and a.get("data-sw"):  # the service worker and what it keeps
            self.urls += [a["data-sw"], *a.get("data-precache", "").split()]


def pick(srcset: str, sizes: str) -> str:
    """The candidate a 360-px phone at DPR 2 takes: the smallest at least as wide as its slot."""
    candidates = []
    for item in filter(None, (c.strip() for c in srcset.split(","))):
        url, _, width = item.partition(" ")
        candidates.append((int(width.strip().rstrip("w") or 0), url))
    if not candidates:
        return ""
    slot = int(sizes[:-2]) * 2 if sizes.endswith("px") and sizes[:-2].isdigit() else PHONE_SLOT
    wide_enough = sorted(c for c in candidates if c[0] >= slot)
    return (wide_enough or sorted(candidates))[0 if wide_enough else -1][1]


def first_view_assets(path: str, html: bytes) -> tuple[str, ...]:
    """Output paths of the files a phone fetches for the first view of this page."""
    parser = _FirstView()
    # only the tags that fetch something: parsing the whole page cost more than minifying it
    tags = FETCHING_TAG.findall(RAW_TEXT.sub(r"\1", html.decode("utf-8")))
    parser.feed("".join(t + "</script>" if t[:7].lower() == "<script" else t for t in tags))
    base = posixpath.dirname(path)
    urls = (posixpath.normpath(posixpath.join(base, u.split("#")[0]))
            for u in parser.urls if u and "://" not in u and not u.startswith("data:"))
    return tuple(dict.fromkeys(u for u in urls if u != path))  # the page itself: fetched once
