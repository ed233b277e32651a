"""Stage 6, write: the only place that changes the output folder.

A build never edits a file in place. New and changed files go to a staging folder beside
the output (`.output.staging/`); files whose bytes did not change are not touched at all,
so their modification times stay and publishing sends only what changed. When every file
is staged, a journal listing the moves and deletions is written, then each staged file is
renamed over its old version (assets first, pages next, indexes and feeds last, deletions
at the very end). A reader sees each file either old or new, never half written, and never
a link to a page that is not there yet.

A build that fails writes nothing; one interrupted while moving files is finished by the
next build from the journal (or undone, if the build cache never recorded it), so the
folder is always the previous site or the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from .errors import ContentError, Problem

MARKER = ".kampung-output"
LAST = ("index.html", "feed.xml", "sitemap.xml", "robots.txt", "sw.js")


def check_output_folder(content: Path, output: Path) -> None:
    """Refuse an output folder that is content/, holds it, sits in it, is a file, or is not
    ours."""
    content, output = content.resolve(), output.resolve()
    if output == content or output in content.parents or content in output.parents:
        raise ContentError([Problem.at(str(output), 1, 1, "output_is_content")])
    if output.exists() and not output.is_dir():
        raise ContentError([Problem.at(str(output), 1, 1, "output_not_folder",
                                       output=str(output))])
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise ContentError([Problem.at(str(output), 1, 1, "output_not_ours",
                                       output=str(output))])


def safe_rel(rel: str) -> str:
    """`rel` itself, once it is sure to stay inside the output folder."""
    if not rel or rel[0] == "/" or (".." in rel and ".." in rel.split("/")) or \
            rel.startswith(MARKER):
        raise ValueError(f"refusing to write {rel!r} outside the output folder")
    return rel


def stage(staging: Path, output: Path, rel: str, data: bytes, trusted_same: bool | None) -> bool:
    """Stage `data` for `rel` unless the output already holds exactly these bytes.

    `trusted_same` is what the build cache knows (True: the file on disk has these bytes;
    False: it has not; None: unknown, so the file is read and compared). Returns whether the
    file changes. (Plain strings, not pathlib: a regency's build stages every file.)
    """
    rel = safe_rel(rel)
    if trusted_same:
        return False
    if trusted_same is None:
        old = os.path.join(output, rel)
        with contextlib.suppress(OSError):
            if os.stat(old).st_size == len(data):
                with open(old, "rb") as file:
                    if file.read() == data:
                        return False
    target = f"{staging}/{rel}"
    make_parent(target)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:  # (no buffered file object: a regency's build writes hundreds of thousands)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)
    return True


_FOLDERS: set[str] = set()  # folders this process made in this build (saves syscalls)


def make_parent(path: str | Path) -> None:
    folder = str(path).rpartition("/")[0]
    if folder not in _FOLDERS:
        os.makedirs(folder, exist_ok=True)
        while folder and folder not in _FOLDERS:
            _FOLDERS.add(folder)
            folder = os.path.dirname(folder)


class OutputFolder:
    """The output folder and its staging area for one build."""

    def __init__(self, output: Path):
        self.output = output.resolve()
        self.staging = self.output.with_name(f".{self.output.name}.staging")
        self.journal = self.output.with_name(f".{self.output.name}.journal")

    def identity(self, plan: dict[str, object] | None = None) -> tuple[int, int, int] | None:
        """(device, inode, marker mtime): changes when anyone else rebuilt or replaced it.

        With a `plan` not yet applied: what the folder will be once it is."""
        stamp = plan["stamp"] if plan else None
        try:
            folder = (self.staging if plan and plan.get("whole") else self.output).stat()
            marker = stamp if stamp is not None else (self.output / MARKER).stat().st_mtime_ns
        except OSError:
            return None
        return folder.st_dev, folder.st_ino, marker  # type: ignore[return-value]

    def recover(self, committed: str | None) -> bool:
        """Finish (or undo) a build interrupted while moving files; clear leftovers.

        Returns whether an interrupted build was finished (its files are then best checked
        again, in case some of what it staged went missing)."""
        finished = False
        if self.journal.exists():
            try:
                plan = json.loads(self.journal.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                plan = None
            if plan and plan.get("id") == committed:
                self._apply(plan)
                finished = True
            self.journal.unlink(missing_ok=True)
        shutil.rmtree(self.staging, ignore_errors=True)
        return finished

    def begin(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        _FOLDERS.clear()

    def prepare(self, changed: Iterable[str], removed: Iterable[str]) -> dict[str, object]:
        """Create the output folder if needed and write the journal; return the plan.

        The caller records `plan['id']` and `plan['stamp']` in its cache, then calls
        `apply(plan)`."""
        stamp = time.time_ns()
        whole = not self.output.exists()  # a first build: the staging folder becomes it
        plan = {"id": f"{stamp:x}", "stamp": stamp, "whole": whole,  # whole: one rename
                "changed": sorted(changed) if whole else sorted(changed, key=_order),
                "removed": sorted(removed)}
        temp = self.journal.with_name(self.journal.name + ".tmp")
        temp.write_text(json.dumps(plan), encoding="utf-8")
        os.replace(temp, self.journal)
        return plan

    def ensure(self) -> None:
        """The output folder, with its marker, even if nothing goes in it."""
        if not self.output.exists():
            self.output.mkdir(parents=True)
            (self.output / MARKER).write_text("Made by Kampung. Safe to delete.\n")

    def apply(self, plan: dict[str, object]) -> None:
        self._apply(plan)
        self.journal.unlink(missing_ok=True)
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _apply(self, plan: dict[str, object]) -> None:
        if plan.get("whole"):
            if self.staging.is_dir() and not self.output.exists():
                self._mark(self.staging, plan)
                self.output.parent.mkdir(parents=True, exist_ok=True)
                os.rename(self.staging, self.output)
            return
        _FOLDERS.clear()
        for rel in plan["changed"]:  # type: ignore[attr-defined]
            source = self.staging / safe_rel(rel)
            if source.exists():
                target = self.output / safe_rel(rel)
                make_parent(target)
                if target.is_dir():
                    shutil.rmtree(target)
                os.replace(source, target)
        folders: set[Path] = set()
        for rel in plan["removed"]:  # type: ignore[attr-defined]
            target = self.output / safe_rel(rel)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            folders.update(target.parents)
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            if self.output in folder.parents:
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when empty
        self.output.mkdir(parents=True, exist_ok=True)  # (deleted since the build began)
        self._mark(self.output, plan)

    @staticmethod
    def _mark(folder: Path, plan: dict[str, object]) -> None:
        marker = folder / MARKER
        if not marker.exists():
            marker.write_text("Made by Kampung. Safe to delete.\n")
        os.utime(marker, ns=(plan["stamp"], plan["stamp"]))  # type: ignore[arg-type]

    def files_on_disk(self) -> set[str]:
        """Every file in the output folder (for a build that cannot trust its records)."""
        found = set()
        for folder, _, names in os.walk(self.output):
            base = Path(folder).relative_to(self.output).as_posix()
            for name in names:
                rel = name if base == "." else f"{base}/{name}"
                if rel != MARKER:
                    found.add(rel)
        return found


def _order(rel: str) -> tuple[int, str]:
    """Assets first, then pages, then the pages and files that link to everything."""
    name = rel.rsplit("/", 1)[-1]
    base = name.removesuffix(".gz").removesuffix(".br")
    if not base.endswith((".html", ".xml", ".txt", ".js", ".json")):
        return 0, rel
    depth = rel.count("/")
    if base in LAST and depth <= 1:
        return 2, rel
    return 1, rel
