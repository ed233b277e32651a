"""A real server-sent-events client, as a browser's EventSource reads the stream."""

from __future__ import annotations

import http.client
import json
import queue
import threading
import time
from typing import Any
from urllib.parse import urlsplit


class EventStream:
    """Connects to /__kampung/events and queues each (event name, data) as it arrives."""

    def __init__(self, base_url: str, path: str = "/__kampung/events"):
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.connection.request("GET", path, headers={"Accept": "text/event-stream"})
        self.response = self.connection.getresponse()
        self.content_type = self.response.getheader("Content-Type", "")
        self.events: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        name, data = "message", []
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\r\n")
                if not line:
                    if data:
                        self.events.put((name, json.loads("\n".join(data))))
                    name, data = "message", []
                elif line.startswith("event:"):
                    name = line.partition(":")[2].strip()
                elif line.startswith("data:"):
                    data.append(line.partition(":")[2].strip())
        except (OSError, ValueError):
            return

    def next(self, name: str = "build", timeout: float = 15.0) -> dict[str, Any]:
        """The next event called `name` (others are skipped); fails the test on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {name!r} event within {timeout} s")
            try:
                got, data = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            if got == name:
                return data

    def collect(self, quiet: float) -> list[tuple[str, dict[str, Any]]]:
        """Every event until none has come for `quiet` seconds."""
        found = []
        while True:
            try:
                found.append(self.events.get(timeout=quiet))
            except queue.Empty:
                return found

    def close(self) -> None:
        self.connection.close()
