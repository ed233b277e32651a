"""Stage 6, write: the only place that touches the output folder.

A build writes into a staging folder beside the output and swaps it in only when every
file is there, so a failed or interrupted build leaves the previous site as it was.
Files whose bytes did not change are hard-linked from the previous output, so their
modification times stay (publishing and browser caches see them as unchanged).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from .errors import ContentError, Problem

MARKER = ".kampung-output"


def check_output_folder(content: Path, output: Path) -> None:
    """Refuse an output folder that is content/, holds it, sits in it, or is not ours."""
    content, output = content.resolve(), output.resolve()
    if output == content or output in content.parents or content in output.parents:
        raise ContentError([Problem.at(str(output), 1, 1, "output_is_content")])
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise ContentError([Problem.at(str(output), 1, 1, "output_not_ours",
                                       output=str(output))])


class Staging:
    """Collects a complete new site, then swaps it in place of the old one."""

    def __init__(self, output: Path, keep: tuple[str, ...] = ()):
        self.output = output.resolve()
        self.staging = self.output.with_name(f".{self.output.name}.staging")
        self.previous = self.output.with_name(f".{self.output.name}.previous")
        self.written: set[str] = set()
        self.changed: list[str] = []
        for leftover in (self.staging, self.previous):  # from an interrupted build
            if leftover.exists():
                shutil.rmtree(leftover)
        self.staging.mkdir(parents=True)
        (self.staging / MARKER).write_text("Made by Kampung. Safe to delete.\n")
        for name in keep:  # top-level entries a partial build leaves as they were
            self._link_tree(name)

    def write(self, rel: str, data: bytes) -> None:
        target = self._target(rel)
        old = self.output / rel
        if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
            os.link(old, target)
        else:
            target.write_bytes(data)
            self.changed.append(rel)

    def copy(self, rel: str, source: Path) -> None:
        target = self._target(rel)
        old = self.output / rel
        stat = source.stat()
        if old.is_file() and old.stat().st_size == stat.st_size and \
                old.stat().st_mtime_ns == stat.st_mtime_ns:
            os.link(old, target)
        else:
            shutil.copy2(source, target)
            self.changed.append(rel)

    def commit(self) -> list[str]:
        """Swap the staging folder in; return paths of files that disappeared."""
        removed = sorted(self._files(self.output) - self._files(self.staging))
        if self.output.exists():
            self.output.rename(self.previous)
        self.staging.rename(self.output)
        if self.previous.exists():
            shutil.rmtree(self.previous)
        return removed

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _target(self, rel: str) -> Path:
        parts = PurePosixPath(rel).parts
        if rel in self.written or ".." in parts or PurePosixPath(rel).is_absolute():
            raise ValueError(f"refusing to write {rel!r} twice or outside the output folder")
        self.written.add(rel)
        target = self.staging.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def _link_tree(self, name: str) -> None:
        source = self.output / name
        if not source.exists():
            return
        for path in [source] if source.is_file() else sorted(source.rglob("*")):
            if path.is_file():
                rel = path.relative_to(self.output).as_posix()
                os.link(path, self._target(rel))

    @staticmethod
    def _files(root: Path) -> set[str]:
        if not root.exists():
            return set()
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
