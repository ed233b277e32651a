"""The Jinja context the build renders with: it notes every name a template looks up into
the active `recording.Recorder`, so the cache knows what each output read."""

from __future__ import annotations

from typing import Any

from jinja2.runtime import Context

from ..recording import active


class TrackingContext(Context):
    """A Jinja context that notes every name a template looks up (the build gives it to
    the renderer as its environment's `context_class`, the seam Jinja documents)."""

    def resolve_or_missing(self, key: str) -> Any:
        recorder = active()
        if recorder is not None:
            recorder.names.add(key)
        return super().resolve_or_missing(key)

    def __contains__(self, name: str) -> bool:
        recorder = active()
        if recorder is not None:
            recorder.names.add(name)
        return super().__contains__(name)

