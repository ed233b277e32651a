"""Recording what a render reads, as it reads it (the Contingent way), declared below both
the renderer and the cache so that neither imports the other.

While an output renders, a `Recorder` is active in the thread. The Jinja context
(`render/tracking.py`) notes every name the templates look up; the cache's lookup tables
(`incremental/track.py`) note the keys asked for. Which templates an output is made from is
not recorded: it is known before rendering (`render.env.Renderer.templates_used`). The
renderer is handed a `RenderMemo` (the cache's `incremental/fragments.Fragments` implements
it) for work it may reuse from earlier builds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

_local = threading.local()


class Markdown(Protocol):
    def render(self, body: str, source: str, path: str) -> Any: ...


class RenderMemo(Protocol):
    """Work a render may take from earlier builds, each piece checked against what it read."""

    def render(self, markdown: Markdown, body: str, source: str, path: str) -> Any:
        """`markdown.render(body, source, path)`, or its HTML from an earlier build."""

    def kept(self, name: str, key: str, make: Callable[[], str]) -> str:
        """What a pure function `name` makes of `key`, made once ever."""


class Recorder:
    """What one render read: context names and table lookups."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.lookups: dict[tuple[str, str], bytes] = {}

    def merge(self, lookups: dict[tuple[str, str], bytes]) -> None:
        self.lookups.update(lookups)


def active() -> Recorder | None:
    return getattr(_local, "recorder", None)


class recording:
    """`with recording() as rec:` makes `rec` the active recorder in this thread."""

    def __init__(self) -> None:
        self.recorder = Recorder()

    def __enter__(self) -> Recorder:
        self.outer = active()
        _local.recorder = self.recorder
        return self.recorder

    def __exit__(self, *exc: object) -> None:
        _local.recorder = self.outer
        if self.outer is not None:  # a nested render (a cached fragment) counts for both
            self.outer.merge(self.recorder.lookups)
