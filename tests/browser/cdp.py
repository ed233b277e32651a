"""A small Chrome DevTools Protocol client for tests: real headless Chromium, nothing mocked.

Debian's /usr/bin/chromium is started with the flags this machine needs (root, no
network beyond loopback) and a fresh profile; pages are driven over CDP with
websocket-client. No browser download, no Node.js.

    from browser.cdp import Chromium

    with Chromium.launch() as browser:
        page = browser.new_page()
        page.emulate_phone()                  # 360x800 CSS px, DPR 2, touch, mobile UA
        page.throttle("slow-4g")              # DevTools' Slow 4G: 562.5 ms RTT, 1.44 Mbit/s
        page.goto("http://127.0.0.1:8000/kemiren/index.html")
        assert page.evaluate("document.title")
        assert not page.console_errors()
        print(page.bytes_received())          # encoded bytes of every response so far

API (all methods block until Chromium answers; every wait has a timeout):

- `Chromium.launch(binary=..., extra_args=())` -> `Chromium` (a context manager);
  `browser.new_page()` -> `Page`; `browser.close()`.
- `Page.send(method, **params)` -> result dict: any CDP command.
- `Page.goto(url)`, `Page.reload()`: navigate and wait for the load event.
- `Page.evaluate(expression)` -> the JSON value (promises are awaited).
- `Page.emulate_phone(width=360, height=800, dpr=2)`, `Page.throttle(profile)`,
  `Page.disable_javascript()`.
- `Page.console_errors()`: console.error calls, uncaught exceptions, and browser log
  errors (failed loads, CSP, ...) since the page opened or since `Page.clear()`.
- `Page.responses()`: (url, status, encoded bytes, from service worker) per finished load;
  `Page.bytes_received()` sums the bytes.
- `Page.wait_for(predicate_js, timeout)`: poll a JavaScript expression until truthy.
- `Page.screenshot(path)`: PNG of the viewport.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import websocket
from tools import require

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--no-default-browser-check", "--mute-audio",
         "--disable-features=Translate,OptimizationHints,MediaRouter")
# DevTools' presets (Chromium front_end/core/sdk/NetworkManager.ts): throughput in bytes/s
PROFILES = {
    "slow-4g": {"latency": 562.5, "downloadThroughput": 1.6e6 * 0.9 / 8,
                "uploadThroughput": 750e3 * 0.9 / 8},
    "fast-4g": {"latency": 165.0, "downloadThroughput": 9e6 * 0.9 / 8,
                "uploadThroughput": 1.5e6 * 0.9 / 8},
    "3g": {"latency": 2000.0, "downloadThroughput": 400e3 * 0.9 / 8,
           "uploadThroughput": 400e3 * 0.9 / 8},
}
PHONE_UA = ("Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0.0.0 Mobile Safari/537.36")


class CDPError(RuntimeError):
    """Chromium answered a command with an error, or did not answer in time."""


class _Connection:
    """One WebSocket to a DevTools target; a reader thread files answers and events."""

    def __init__(self, url: str):
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)
        self.answers: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self.cond = threading.Condition()
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                message = json.loads(self.ws.recv())
            except (websocket.WebSocketException, OSError, ValueError):
                with self.cond:
                    self.closed = True
                    self.cond.notify_all()
                return
            with self.cond:
                if "id" in message:
                    self.answers[message["id"]] = message
                else:
                    self.events.append(message)
                self.cond.notify_all()

    def send(self, method: str, params: dict[str, Any], timeout: float = 60) -> dict[str, Any]:
        ident = next(self.ids)
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        with self.cond:
            while ident not in self.answers:
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    raise CDPError(f"{method}: no answer within {timeout} s")
                self.cond.wait(left)
            answer = self.answers.pop(ident)
        if "error" in answer:
            raise CDPError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def wait_event(self, method: str, since: int, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for event in self.events[since:]:
                    if event["method"] == method:
                        return event
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    raise CDPError(f"no {method} within {timeout} s")
                self.cond.wait(left)

    def close(self) -> None:
        self.ws.close()


class Page:
    """A browser tab. Network, Page, Runtime and Log events are recorded from the start."""

    def __init__(self, connection: _Connection):
        self.cdp = connection
        self.mark = 0
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.cdp.send(method, params)

    def goto(self, url: str, timeout: float = 60) -> None:
        since = len(self.cdp.events)
        result = self.send("Page.navigate", url=url)
        if result.get("errorText"):
            raise CDPError(f"{url}: {result['errorText']}")
        self.cdp.wait_event("Page.loadEventFired", since, timeout)

    def reload(self, timeout: float = 60) -> None:
        since = len(self.cdp.events)
        self.send("Page.reload", ignoreCache=False)
        self.cdp.wait_event("Page.loadEventFired", since, timeout)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise CDPError(f"{expression!r}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise CDPError(f"{expression!r} still false after {timeout} s")

    def emulate_phone(self, width: int = 360, height: int = 800, dpr: float = 2) -> None:
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=dpr, mobile=True)
        self.send("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
        self.send("Network.setUserAgentOverride", userAgent=PHONE_UA)

    def throttle(self, profile: str = "slow-4g") -> None:
        self.send("Network.emulateNetworkConditions", offline=False, **PROFILES[profile])

    def disable_javascript(self) -> None:
        self.send("Emulation.setScriptExecutionDisabled", value=True)

    def clear(self) -> None:
        """Forget events so far: console errors and responses count from here."""
        self.mark = len(self.cdp.events)

    def _events(self, method: str) -> list[dict[str, Any]]:
        with self.cdp.cond:
            return [e["params"] for e in self.cdp.events[self.mark:] if e["method"] == method]

    def console_errors(self) -> list[str]:
        errors = [e["exceptionDetails"].get("exception", {}).get("description")
                  or e["exceptionDetails"].get("text", "")
                  for e in self._events("Runtime.exceptionThrown")]
        errors += [" ".join(str(a.get("value", a.get("description", ""))) for a in e["args"])
                   for e in self._events("Runtime.consoleAPICalled") if e["type"] == "error"]
        errors += [f"{e['entry'].get('url', '')}: {e['entry']['text']}"
                   for e in self._events("Log.entryAdded") if e["entry"]["level"] == "error"]
        return errors

    def responses(self) -> list[tuple[str, int, int, bool]]:
        """(url, status, encoded bytes, served by a service worker) per finished request."""
        started = {e["requestId"]: e["response"] for e in self._events("Network.responseReceived")}
        done = []
        for event in self._events("Network.loadingFinished"):
            response = started.get(event["requestId"], {})
            done.append((response.get("url", ""), response.get("status", 0),
                         int(event["encodedDataLength"]),
                         bool(response.get("fromServiceWorker"))))
        return done

    def bytes_received(self) -> int:
        return sum(size for _, _, size, from_sw in self.responses() if not from_sw)

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))


class Chromium:
    """A headless Chromium process with its own throwaway profile."""

    def __init__(self, process: subprocess.Popen[bytes], profile: Path, port: int):
        self.process, self.profile, self.port = process, profile, port
        self.pages: list[Page] = []

    @classmethod
    def launch(cls, binary: str = CHROMIUM, extra_args: tuple[str, ...] = (),
               timeout: float = 30) -> Chromium:
        binary = str(require("chromium", shutil.which(binary), "apt-get install chromium"))
        profile = Path(tempfile.mkdtemp(prefix="kampung-chromium-"))
        process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "--remote-allow-origins=*", *extra_args, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.is_file() and port_file.read_text().count("\n") >= 1):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                shutil.rmtree(profile, ignore_errors=True)
                raise CDPError(f"{binary} did not start (exit {process.poll()})")
            time.sleep(0.05)
        return cls(process, profile, int(port_file.read_text().split("\n")[0]))

    def new_page(self) -> Page:
        browser = self._browser()
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        browser.close()
        page = Page(_Connection(f"ws://127.0.0.1:{self.port}/devtools/page/{target}"))
        self.pages.append(page)
        return page

    def _browser(self) -> _Connection:
        path = (self.profile / "DevToolsActivePort").read_text().split("\n")[1].strip()
        return _Connection(f"ws://127.0.0.1:{self.port}{path}")

    def close(self) -> None:
        for page in self.pages:
            page.cdp.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
