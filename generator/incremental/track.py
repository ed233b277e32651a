"""Recording what a render reads, as it reads it (the Contingent way).

While an output renders, a `Recorder` is active. The Jinja context notes every name the
templates look up, the environment notes every template it loads (extends, include,
import), and shared lookup tables (content path -> URL, the media catalog) note every key
asked for and what came back. Nobody declares dependencies by hand, so none can be
forgotten: what was not read cannot have changed the bytes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import Any

import jinja2
from jinja2.runtime import Context

from .store import digest

MISSING = b"\0missing"
WHOLE = "\0whole"  # the key noted when a table is read as a whole (iterated, counted)
_local = threading.local()


class Recorder:
    """What one render read: template names, context names, and table lookups."""

    def __init__(self) -> None:
        self.templates: set[str] = set()
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


def value_digest(value: Any) -> bytes:
    """A digest of plain data. `repr` is exact for str, numbers, dates, lists and dicts;
    anything whose repr is not stable only costs a needless re-render."""
    return digest(repr(value).encode("utf-8", "surrogatepass"))


class TrackingContext(Context):
    """A Jinja context that notes every name a template looks up."""

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


class TrackingEnvironment(jinja2.Environment):
    """A Jinja environment that notes every template loaded, found or not."""

    context_class = TrackingContext

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        recorder = active()
        if recorder is not None:
            recorder.templates.add(name)
        return super()._load_template(name, globals)


class TrackedTable(Mapping[str, Any]):
    """A read-only table that notes each key looked up and what it held."""

    def __init__(self, name: str, data: Mapping[str, Any]):
        self.name, self.data = name, data

    def _note(self, key: str, value: Any) -> None:
        recorder = active()
        if recorder is not None:
            recorder.lookups[(self.name, key)] = MISSING if value is _ABSENT else \
                value_digest(value)

    def __getitem__(self, key: str) -> Any:
        value = self.data.get(key, _ABSENT)
        self._note(key, value)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self.data.get(key, _ABSENT)
        self._note(key, value)
        return default if value is _ABSENT else value

    def __contains__(self, key: object) -> bool:
        value = self.data.get(key, _ABSENT)  # type: ignore[call-overload]
        self._note(str(key), value)
        return value is not _ABSENT

    def __iter__(self) -> Iterator[str]:
        self._note(WHOLE, table_digest(self.data))
        return iter(self.data)

    def __len__(self) -> int:
        self._note(WHOLE, table_digest(self.data))
        return len(self.data)

    def current(self, key: str) -> bytes:
        """What a lookup of `key` would note now (to check a recorded lookup)."""
        if key == WHOLE:
            return value_digest(table_digest(self.data))
        value = self.data.get(key, _ABSENT)
        return MISSING if value is _ABSENT else value_digest(value)


_ABSENT = object()


def table_digest(data: Mapping[str, Any]) -> bytes:
    return value_digest(sorted(data.items()))


def tracked_tables(site: Any, catalog: Mapping[str, Any]) -> dict[str, TrackedTable]:
    """The shared tables renders look things up in, each noting what was asked."""
    return {"urls": TrackedTable("urls", site.source_urls),
            "media": TrackedTable("media", catalog),
            "config": TrackedTable("config", {
                "allow_html": bool(site.portal.get("izinkan_html"))})}
