"""A minimal Chrome DevTools Protocol client for Debian's headless Chromium.

Enough to open a page at phone size, run JavaScript in it, wait for something to become
true, and take a screenshot. Chromium is started with a fresh profile and the flags this
machine needs (no sandbox as root, no background networking on a closed network).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--remote-debugging-port=0", "--hide-scrollbars"]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """A headless Chromium process with one page."""

    def __init__(self, width: int = 360, height: int = 800):
        binary = chromium_path()
        if not binary:
            raise RuntimeError("chromium not found")
        self.profile = Path(tempfile.mkdtemp(prefix="kampung-chromium-"))
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        page = next(t for t in targets if t["type"] == "page")
        self.page = Page(page["webSocketDebuggerUrl"], width, height)

    def _port(self) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port")

    def close(self) -> None:
        self.page.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab, spoken to over its DevTools WebSocket."""

    def __init__(self, ws_url: str, width: int, height: int):
        self.socket = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=True)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        return result.get("result", {}).get("value")

    def goto(self, url: str, timeout: float = 30) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && location.href === "
                      + json.dumps(url), timeout)

    def wait_for(self, expression: str, timeout: float = 30, every: float = 0.01) -> float:
        """Poll until `expression` is truthy; return the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                if self.evaluate(expression):
                    return time.monotonic() - started
            except RuntimeError:  # the page is between two documents
                pass
            time.sleep(every)
        raise AssertionError(f"not true within {timeout} s: {expression}")

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", **params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        self.socket.close()


def required() -> bool:
    """Chromium tests may skip where it is absent, except in CI."""
    return os.environ.get("CI") == "true"
