"""Rebuild the preview after a batch of changes, keeping the last good site when one fails.

Broken content never takes the preview down: `build()` writes nothing when it finds an
error, so the previous site stays in place while the errors go to the terminal and, through
the published `Status`, to the overlay on every page.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from ..build import BuildReport, build, build_now
from ..errors import ContentError, Problem, errors_only, report_text
from ..i18n import translate
from .channel import Channel, Status

Log = Callable[[str], None]


def preview_now(given: str | None = None) -> datetime:
    """The reference time for expiry and upcoming events: `--now`, else the hour now.

    To the hour, not the second: pages that depend on the time (lists without expired
    announcements, upcoming events) are then re-rendered at most once an hour, instead of
    after every save, which on a large site costs more than the edit itself.
    """
    now = build_now(given)
    return now if given else now.replace(minute=0, second=0, microsecond=0)


class Rebuilder:
    """Builds `site_root` into `output`, one build at a time, and publishes each result."""

    def __init__(self, site_root: Path, output: Path, *, lang: str, now: str | None = None,
                 log: Log = print):
        self.site_root, self.output = site_root, output
        self.lang, self.now, self.log = lang, now, log
        self.channel = Channel(Status(0, "0"))
        self.idle = threading.Event()
        self.idle.set()
        self._session = secrets.token_hex(3)
        self._generation = 0
        self._warnings: set[Problem] = set()  # as last shown in the terminal
        self._lock = threading.Lock()

    def rebuild(self, changed: Iterable[Path] = ()) -> Status:
        """Build the site again after `changed` (a batch of paths) and publish the result.

        The whole site is asked for: the build's own cache knows which outputs depend on
        which files, so it renders only what the change touched.
        """
        with self._lock:
            self.idle.clear()
            try:
                status = self._run()
            finally:
                self.idle.set()
            self.channel.publish(status)
            return status

    def _run(self) -> Status:
        before = self.channel.current()
        started = time.perf_counter()
        try:
            # all or nothing: the volunteer watching sees every error in the overlay, on
            # the last good site, rather than their village quietly held back
            report = build(self.site_root, self.output, now=preview_now(self.now),
                           all_or_nothing=True)
        except ContentError as exc:
            return self._failed(before, exc.problems)
        except Exception as exc:  # a bug must not stop the preview; say what happened
            detail = f"{type(exc).__name__}: {exc}"
            return self._failed(before, [Problem.at("content", 1, 1, "serve_crashed",
                                                    detail=detail)])
        return self._succeeded(before, report, time.perf_counter() - started)

    def _succeeded(self, before: Status, report: BuildReport, seconds: float) -> Status:
        changed = len(report.changed) + len(report.removed)
        if changed or before.errors or before.build == 0:
            self._generation += 1
        self._show_warnings(report.problems)
        key = "serve.fixed" if before.errors else "serve.rebuilt"
        self.log(self._stamp(translate(self.lang, key, changed=changed,
                                       seconds=f"{seconds:.2f}")))
        return Status(before.build + 1, self._name(), (), True)

    def _show_warnings(self, problems: list[Problem]) -> None:
        """A warning is printed when it appears and when it is gone, not on every save."""
        now = set(problems)
        new, gone = sorted(now - self._warnings), sorted(self._warnings - now)
        if new:
            self.log(report_text(new, self.lang))
        for problem in gone:
            self.log(translate(self.lang, "serve.warning_gone", message=problem.message(
                self.lang), where=f"{problem.path}:{problem.line}"))
        self._warnings = now

    def _failed(self, before: Status, problems: list[Problem]) -> Status:
        errors = tuple(errors_only(problems)) or tuple(problems)
        if errors != before.errors:
            self._generation += 1
        self.log(report_text(list(errors), self.lang))
        has_site = (self.output / "index.html").is_file()
        key = "serve.failed_kept" if has_site else "serve.failed_none"
        self.log(self._stamp(translate(self.lang, key, errors=len(errors))))
        return Status(before.build + 1, self._name(), errors, has_site)

    def _name(self) -> str:
        return f"{self._session}.{self._generation}"

    @staticmethod
    def _stamp(text: str) -> str:
        return f"[{time.strftime('%H:%M:%S')}] {text}"
