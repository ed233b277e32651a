"""Watch the site's sources; turn a burst of file events into one batch of changed paths.

An editor saving one file makes several events (write a temporary file, rename it over
the old one, delete a backup); `git pull` can touch hundreds of files at once. The
`Coalescer` waits until the events stop for `quiet` seconds (or `longest` seconds have
passed since the first) and then hands the whole batch over in one call.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

# Only changes count: the build itself opens and reads every file, and watchdog reports
# those opens too, which would otherwise trigger a rebuild after every rebuild.
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
# editors' swap, backup and lock files; `4913` is the file Vim writes to test a folder
SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".kate-swp")
SCRATCH_NAMES = ("4913",)

Batch = Callable[[set[Path]], object]
# an editor's save (write a temporary file, rename it, delete a backup) takes a few
# milliseconds; waiting longer only delays the reload
QUIET = 0.05


def relevant(path: str | Path, root: Path) -> bool:
    """False for hidden files and editors' scratch files, which the build never reads."""
    path = Path(path)
    parts = path.relative_to(root).parts if root in path.parents else (path.name,)
    if any(part.startswith((".", "#")) for part in parts):
        return False
    return not (path.name.endswith(SCRATCH_SUFFIXES) or path.name in SCRATCH_NAMES)


class Coalescer:
    """Collects paths and calls `on_batch` once per burst, from its own thread."""

    def __init__(self, on_batch: Batch, quiet: float = QUIET, longest: float = 2.0):
        self.on_batch, self.quiet, self.longest = on_batch, quiet, longest
        self._pending: set[Path] = set()
        self._first = self._last = 0.0
        self._stopping = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="kampung-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def add(self, paths: Iterable[Path]) -> None:
        with self._wake:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._wake.notify()

    def stop(self) -> None:
        """Stop taking batches; a build already running finishes first."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            self.on_batch(batch)

    def _next_batch(self) -> set[Path] | None:
        with self._wake:
            self._wake.wait_for(lambda: self._stopping or bool(self._pending))
            while not self._stopping:
                now = time.monotonic()
                due = min(self._last + self.quiet, self._first + self.longest)
                if now >= due:
                    break
                self._wake.wait(due - now)
            if self._stopping:
                return None
            batch, self._pending = self._pending, set()
            return batch


class _Handler(FileSystemEventHandler):
    def __init__(self, root: Path, coalescer: Coalescer):
        self.root, self.coalescer = root, coalescer

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        wanted = [Path(p) for p in paths if relevant(p, self.root)]
        if wanted:
            self.coalescer.add(wanted)


class Watcher:
    """Watches each existing folder in `roots` (recursively) and feeds one `Coalescer`."""

    def __init__(self, roots: Iterable[Path], on_batch: Batch, *, quiet: float = QUIET,
                 site_root: Path | None = None):
        self.roots = [r for r in roots if r.is_dir()]
        self.coalescer = Coalescer(on_batch, quiet)
        self.observer = Observer()
        for root in self.roots:
            base = site_root if site_root and site_root in root.parents else root
            self.observer.schedule(_Handler(base, self.coalescer), str(root), recursive=True,
                                   event_filter=CHANGES)

    def start(self) -> None:
        self.coalescer.start()
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join()
        self.coalescer.stop()
