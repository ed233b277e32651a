"""The latest build status, and a way for each live-reload connection to wait for the next."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..errors import Problem


@dataclass(frozen=True)
class Status:
    """What the preview shows after a build.

    `build` counts builds; `generation` names what a browser sees and changes only when a
    build changed the served files or the list of errors, so only then do tabs reload.
    """

    build: int
    generation: str
    errors: tuple[Problem, ...] = ()
    has_site: bool = False

    def as_event(self) -> dict[str, object]:
        return {"build": self.build, "generation": self.generation, "errors": len(self.errors)}


class Channel:
    """Holds the latest `Status`; waiters wake when a newer one is published or on close."""

    def __init__(self, first: Status):
        self._status = first
        self._closed = False
        self._changed = threading.Condition()

    def current(self) -> Status:
        with self._changed:
            return self._status

    def publish(self, status: Status) -> None:
        with self._changed:
            self._status = status
            self._changed.notify_all()

    def wait_newer(self, seen_build: int, timeout: float) -> Status | None:
        """The first status after build `seen_build`; None on timeout or when closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._status.build > seen_build,
                                   timeout)
            if self._closed or self._status.build <= seen_build:
                return None
            return self._status

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
