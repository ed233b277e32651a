"""Count what a static host sends, per request: the browser's own network events miss the
requests a web worker makes (Pagefind fetches its index chunks from one)."""

from __future__ import annotations

from typing import Any


class _Counting:
    def __init__(self, stream: Any, log: list[tuple[str, int]], path: str):
        self.stream, self.log, self.path, self.sent = stream, log, path, 0

    def write(self, data: bytes) -> int:
        self.sent += len(data)
        return self.stream.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def record_requests(host: Any) -> list[tuple[str, int]]:
    """(URL path, bytes sent with headers) for each file `host` serves from now on."""
    log: list[tuple[str, int]] = []
    handler = host.server.RequestHandlerClass
    original = handler._send_file

    def send_file(self: Any, path: str, target: Any, body: bool) -> None:
        counting = _Counting(self.wfile, log, path)
        self.wfile = counting
        try:
            original(self, path, target, body)
        finally:
            self.wfile = counting.stream
            log.append((path, counting.sent))

    handler._send_file = send_file
    return log
