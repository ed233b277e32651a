"""One preview session: bind, build, watch, serve; and take it all down cleanly.

    with Session(site_root, port=0) as preview:
        print(preview.url)      # http://127.0.0.1:<free port>/
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from ..render.themes import THEMES_DIR
from .rebuild import Log, Rebuilder
from .server import PreviewServer
from .watcher import QUIET, Watcher


class Session:
    """A running preview of the site at `site_root`."""

    def __init__(self, site_root: Path, *, host: str = "127.0.0.1", port: int = 8000,
                 lang: str = "id", now: str | None = None, log: Log = print,
                 quiet: float = QUIET):
        self.site_root = site_root.resolve()
        self._folder = Path(tempfile.mkdtemp(prefix="kampung-pratinjau-"))
        self.rebuilder = Rebuilder(self.site_root, self._folder / "situs", lang=lang, now=now,
                                   log=log)
        self.host, self.port, self.quiet = host, port, quiet
        self.httpd: PreviewServer | None = None
        self.watcher: Watcher | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Session:
        """Bind the port (raises OSError when taken), serve at once, then build and watch."""
        try:
            self.httpd = PreviewServer((self.host, self.port), self.rebuilder,
                                       self.rebuilder.lang)
        except OSError:
            self.close()
            raise
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.2,),
                                        name="kampung-http", daemon=True)
        self._thread.start()
        self.watcher = Watcher(self.watch_roots(), self.rebuilder.rebuild, quiet=self.quiet,
                               site_root=self.site_root)
        self.watcher.start()
        self.rebuilder.rebuild()
        return self

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"

    def watch_roots(self) -> list[Path]:
        """content/, the site's own templates/ and themes/, and the packaged themes."""
        roots = [*(self.site_root / name for name in ("content", "templates", "themes")),
                 THEMES_DIR]
        return list(dict.fromkeys(root.resolve() for root in roots))

    def close(self) -> None:
        """Stop watching, end every live-reload stream, stop serving, delete the preview."""
        if self.watcher:
            self.watcher.stop()
        self.rebuilder.channel.close()
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Session:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def lan_address() -> str | None:
    """This machine's address on the local network, for opening the preview on a phone.

    Connecting a UDP socket sends no packet; it only asks the kernel which interface
    would be used.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe, \
            contextlib.suppress(OSError):
        probe.connect(("10.254.254.254", 1))
        address = probe.getsockname()[0]
        if not address.startswith("127."):
            return address
    with contextlib.suppress(OSError):
        address = socket.gethostbyname(socket.gethostname())
        if not address.startswith("127."):
            return address
    return None
