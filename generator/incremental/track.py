"""The shared tables renders look things up in, noting what they read (the Contingent way).

While an output renders, a `recording.Recorder` is active: the Jinja context and environment
note names and templates (`recording.py`), and these tables (content path -> URL, the media
catalog) note every key asked for and what came back. Nobody declares dependencies by hand,
so none can be forgotten: what was not read cannot have changed the bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..assets.hosting import precompress
from ..digests import digest
from ..recording import active

MISSING = b"\0missing"
WHOLE = "\0whole"  # the key noted when a table is read as a whole (iterated, counted)


def value_digest(value: Any) -> bytes:
    """A digest of plain data. `repr` is exact for str, numbers, dates, lists and dicts;
    anything whose repr is not stable only costs a needless re-render."""
    return digest(repr(value).encode("utf-8", "surrogatepass"))


class TrackedTable(Mapping[str, Any]):
    """A read-only table that notes each key looked up and what it held."""

    def __init__(self, name: str, data: Mapping[str, Any]):
        self.name, self.data = name, data

    def _note(self, key: str, value: Any) -> None:
        recorder = active()
        if recorder is not None and (self.name, key) not in recorder.lookups:  # (same value)
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


def tracked_tables(site: Any, catalog: Mapping[str, Any],
                   theme: Mapping[str, Any]) -> dict[str, TrackedTable]:
    """The shared tables renders look things up in, each noting what was asked; finishing
    looks up `precompress` (whether it writes .gz/.br copies) the same way. `theme` is the
    theme's render-time settings (`ThemeSettings.table()`: column, logo, UI strings)."""
    return {"urls": TrackedTable("urls", site.source_urls),
            "media": TrackedTable("media", catalog),
            "theme": TrackedTable("theme", theme),
            "config": TrackedTable("config", {
                "allow_html": bool(site.portal.get("izinkan_html")),
                "precompress": precompress(site.portal, (v.profile for v in site.villages))})}
