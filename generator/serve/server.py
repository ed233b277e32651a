"""The preview's HTTP server: files from the last good build, plus the live-reload endpoints.

Every HTML response gets the reload script (and the error overlay when the content is
broken) on its way out. `/__kampung/events` is a server-sent-events stream: one `hello`
with the current status when a tab connects, then one `build` event after every build.
"""

from __future__ import annotations

import json
import mimetypes
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .channel import Status
from .inject import EVENTS, OVERLAY_CSS, PREFIX, RELOAD_JS, inject, placeholder_page
from .rebuild import Rebuilder

KEEPALIVE = 15.0  # seconds between SSE comments, so proxies and phones keep the stream
TEXT_TYPES = {".html": "text/html", ".xml": "application/xml", ".txt": "text/plain",
              ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
              ".webmanifest": "application/manifest+json"}


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the preview's folder, builder and language."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], rebuilder: Rebuilder, lang: str):
        self.rebuilder, self.lang = rebuilder, lang
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = 60  # an idle keep-alive connection frees its thread after this

    def do_GET(self) -> None:
        self._route(head=False)

    def do_HEAD(self) -> None:
        self._route(head=True)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build results and errors, not for every request."""

    def _route(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            self._events()
        elif path == PREFIX + "reload.js":
            self._send(HTTPStatus.OK, "text/javascript", RELOAD_JS.encode(), head)
        elif path == PREFIX + "overlay.css":
            self._send(HTTPStatus.OK, "text/css", OVERLAY_CSS.encode(), head)
        else:
            self._file(path, head)

    def _file(self, path: str, head: bool) -> None:
        found = self._lookup(path)
        if found is None and not self.server.rebuilder.idle.is_set():
            self.server.rebuilder.idle.wait(60)  # the folder is being swapped: ask again
            found = self._lookup(path)
        if isinstance(found, str):
            self._redirect(found)
        elif found is None:
            self._not_found(path, head)
        else:
            target, data = found
            self._send(HTTPStatus.OK, content_type(target), self._page(target, data), head)

    def _lookup(self, path: str) -> str | tuple[Path, bytes] | None:
        """(file, bytes); a URL to redirect to (a folder without its slash); or None."""
        output = self.server.rebuilder.output
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts or any("\\" in p or "\0" in p for p in parts):
            return None
        target = output.joinpath(*parts)
        if target.is_dir():
            if not path.endswith("/"):
                return path + "/"
            target = target / "index.html"
        try:
            return target, target.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None

    def _not_found(self, path: str, head: bool) -> None:
        """The village's own 404 page, else the portal's, else a note from the preview."""
        output = self.server.rebuilder.output
        first = path.strip("/").split("/")[0]
        candidates = [output / first / "404.html"] if first not in ("", ".", "..") else []
        for candidate in [*candidates, output / "404.html"]:
            if candidate.is_file():
                self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8",
                           self._page(candidate, candidate.read_bytes()), head)
                return
        page = placeholder_page(self._status(), self.server.lang)
        self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", page, head)

    def _page(self, target: Path, data: bytes) -> bytes:
        if target.suffix != ".html":
            return data
        return inject(data, self._status(), self.server.lang)

    def _status(self) -> Status:
        return self.server.rebuilder.channel.current()

    def _send(self, status: HTTPStatus, ctype: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self) -> None:
        channel = self.server.rebuilder.channel
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        status = channel.current()
        try:
            self._event("hello", status, retry=True)
            while not channel.closed:
                newer = channel.wait_newer(status.build, KEEPALIVE)
                if newer is None:
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
                    continue
                status = newer
                self._event("build", status)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return

    def _event(self, name: str, status: Status, retry: bool = False) -> None:
        data = json.dumps(status.as_event())
        text = ("retry: 1000\n" if retry else "") + f"event: {name}\ndata: {data}\n\n"
        self.wfile.write(text.encode())
        self.wfile.flush()


def content_type(path: Path) -> str:
    if path.suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[path.suffix]}; charset=utf-8"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
