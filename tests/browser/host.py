"""A static host on 127.0.0.1 that behaves like the cheap hosts the build writes rules for.

It serves `page.html.br` (or `.gz`) in place of `page.html` to browsers that accept it,
and applies the output's own `_headers` file (Netlify/Cloudflare syntax), so a test or
the Lighthouse audit sees the same compression and caching a resident's phone would.
`stop()` takes the site off the network, as a dropped connection does. `plain=True` is a
host that ignores `_headers` and sends only `Last-Modified` (a date long ago), as nginx or
Apache do with no rules: browsers then cache pages by heuristic. `sent` counts the body
bytes the host has sent, whoever asked (a page, or a service worker).

    with StaticHost(output_dir) as host:
        host.url            # 'http://127.0.0.1:<port>/'
"""

from __future__ import annotations

import contextlib
import fnmatch
import mimetypes
import socket
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {".html": "text/html; charset=utf-8", ".webp": "image/webp",
         ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".json": "application/json", ".svg": "image/svg+xml"}


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """`_headers` rules: [(path pattern, [(name, value), ...]), ...]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


LONG_AGO = "Mon, 01 Jan 2024 00:00:00 GMT"


class _Handler(SimpleHTTPRequestHandler):
    root: Path
    rules: list[tuple[str, list[tuple[str, str]]]]
    plain: bool
    sent: list[int]  # body sizes, shared by the handlers of one host (append is atomic)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if self.root not in (target, *target.parents):
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            target = target / "index.html"
            path += "index.html"
        if not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self._send_file(path, target, body)

    def _send_file(self, path: str, target: Path, body: bool) -> None:
        accepted = self.headers.get("Accept-Encoding", "")
        encoding, served = "", target
        for name, suffix in (("br", ".br"), ("gzip", ".gz")):
            candidate = target.with_name(target.name + suffix)
            if name in accepted and candidate.is_file():
                encoding, served = name, candidate
                break
        data = served.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", TYPES.get(target.suffix) or
                         mimetypes.guess_type(target.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if self.plain:
            self.send_header("Last-Modified", LONG_AGO)
        for pattern, headers in self.rules:
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)
            self.sent.append(len(data))


class _Server(ThreadingHTTPServer):
    """Remembers its open connections, so that going offline closes them too: Chromium
    keeps spare connections open, and a handler already waiting on one would still answer."""

    daemon_threads = True

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.connections: set[socket.socket] = set()

    def get_request(self) -> tuple[socket.socket, object]:
        request, address = super().get_request()
        self.connections.add(request)
        return request, address

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]
        self.connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        for connection in list(self.connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class StaticHost:
    """Serve `root` on 127.0.0.1 (a free port) in a background thread."""

    def __init__(self, root: Path, port: int = 0, plain: bool = False):
        headers = root / "_headers"
        self._sent: list[int] = []
        handler = type("Handler", (_Handler,), {
            "root": root.resolve(), "plain": plain, "sent": self._sent,
            "rules": parse_headers_file(headers.read_text())
            if headers.is_file() and not plain else []})
        self.server = _Server(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def sent(self) -> int:
        return sum(self._sent)

    def stop(self) -> None:
        """Take the site off the network: later requests are refused."""
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.server.drop_connections()
            self.thread.join()

    def __enter__(self) -> StaticHost:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
