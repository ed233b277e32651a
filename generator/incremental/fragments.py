"""Markdown rendered once, ever: page bodies cached by their text and what they looked up
(and QR codes, by their text alone).

A body's HTML depends on its text, its source path, the page it appears on (links are
relative), the sanitising setting, and the URL and media tables its links and pictures
looked up. The first four make the key; the lookups are recorded and checked, so a body
renders again only when it changed or a page or photo it points at did.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..digests import digest
from ..recording import Markdown, active, recording
from .store import Store
from .track import TrackedTable


class Fragments:
    """The `markdown` filter's cache (a `recording.RenderMemo`); one per worker process."""

    def __init__(self, store: Store, tables: Mapping[str, TrackedTable]):
        self.store, self.tables = store, tables
        self.pending: dict[bytes, Any] = {}

    def render(self, markdown: Markdown, body: str, source: str, path: str) -> Any:
        allow_html = self.tables["config"].get("allow_html")  # noted: it changes the HTML
        key = digest("\0".join((body, source, path, repr(allow_html))).encode(
            "utf-8", "surrogatepass"))
        record = self.pending.get(key) or self.store.get("fragments", key)
        if record is not None:
            lookups, rendered = record
            if all(self.tables[t].current(k) == d for (t, k), d in lookups):
                outer = active()
                if outer is not None:
                    outer.merge(dict(lookups))
                return rendered
        with recording() as rec:
            rendered = markdown.render(body, source, path)
        self.pending[key] = (tuple(sorted(rec.lookups.items())), rendered)
        return rendered

    def kept(self, name: str, key: str, make: Callable[[], str]) -> str:
        """What a pure function `name` (QR codes) makes of `key`, made once ever."""
        digest_ = digest(f"{name}\0{key}".encode("utf-8", "surrogatepass"))
        record = self.pending.get(digest_) or self.store.get("fragments", digest_)
        if record is None:
            record = self.pending[digest_] = ((), make())
        return record[1]

    def take(self) -> dict[bytes, Any]:
        """The fragments rendered since the last call, for the caller to store."""
        pending, self.pending = self.pending, {}
        return pending
