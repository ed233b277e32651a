"""`kampung serve`: build, serve on http://127.0.0.1:8000, rebuild and reload on every save."""

from __future__ import annotations

import argparse
import contextlib
import errno
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING

from ..i18n import translate
from . import add_now, not_a_site
from .new import fail

if TYPE_CHECKING:  # the server and watcher load only when serving: every command starts faster
    from ..serve import Session

EXAMPLES = """\
contoh / examples:
  kampung serve                          pratinjau di http://127.0.0.1:8000
  kampung serve --port 8080
  kampung serve --host 0.0.0.0           buka juga dari ponsel di Wi-Fi yang sama
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("serve", parents=[common], help=translate(lang, "cli.serve"),
                       description=translate(lang, "cli.serve"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=8000, help=translate(lang, "cli.port"))
    p.add_argument("--host", default="127.0.0.1", help=translate(lang, "cli.host"))
    add_now(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if not_a_site(args):
        return 1
    from ..serve import Session
    session = Session(args.site, host=args.host, port=args.port, lang=lang, now=args.now,
                      log=say)
    try:
        session.start()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return fail(lang, "serve.port_in_use", "serve.port_hint", port=args.port,
                        next=args.port + 1)
        return fail(lang, "serve.cannot_listen", "serve.cannot_listen_hint", host=args.host,
                    port=args.port, detail=exc.strerror or exc)
    except KeyboardInterrupt:  # Ctrl-C during the first build
        session.close()
        say(translate(lang, "serve.stopped"))
        return 0
    try:
        with stop_signals() as stop:
            announce(session, args)
            while not stop.wait(0.5):
                pass
    finally:
        session.close()
        say(translate(lang, "serve.stopped"))
    return 0


def announce(session: Session, args: argparse.Namespace) -> None:
    say(translate(args.lang, "serve.started", url=session.url))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        say(translate(args.lang, "serve.lan_warning"))
        from ..serve import lan_address
        address = lan_address() if args.host in ("0.0.0.0", "::", "") else args.host
        say(translate(args.lang, "serve.lan_url", url=f"http://{address}:{session.port}/")
            if address else translate(args.lang, "serve.lan_unknown"))
    folders = ", ".join(str(p) for p in session.watch_roots() if p.is_dir())
    say(translate(args.lang, "serve.watching", folders=folders))
    say(translate(args.lang, "serve.stop_hint"))


@contextlib.contextmanager
def stop_signals() -> Iterator[threading.Event]:
    """An event set by Ctrl-C (SIGINT) or SIGTERM while inside the block."""
    stop = threading.Event()

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def say(text: str) -> None:
    print(text, flush=True)

