"""A live preview of a small site on a free loopback port, with a real SSE client."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser.cdp import Chromium

from kampung.serve import Session

from .sse import EventStream


@dataclass
class Live:
    session: Session
    site: Path
    log: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.session.url

    def get(self, path: str) -> tuple[int, str]:
        """(status, body) of a GET, as a browser would fetch it."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def content(self, rel: str) -> Path:
        return self.site / "content" / rel

    def events(self) -> EventStream:
        stream = EventStream(self.url)
        stream.next("hello")
        return stream


@pytest.fixture
def live(site: Path) -> Iterator[Live]:
    log: list[str] = []
    session = Session(site, port=0, now="2026-11-28", log=log.append)
    with session:
        yield Live(session, site, log)


@pytest.fixture
def chromium() -> Iterator[Chromium]:
    """Headless Chromium; skipped where it is not installed, except in CI where it must be."""
    with Chromium.launch() as browser:
        yield browser
