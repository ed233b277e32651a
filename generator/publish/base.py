"""The one small interface every publish target implements, and its shared helpers.

A target knows how to read, write and remove one file at its remote; the engine
(`engine.py`) decides what to send and in which order. Subclasses may override `send`
(rsync sends a batch at once) and `damaged` (rsync compares checksums remotely).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal, overload

from .manifest import bytes_sha256
from .spec import TargetSpec

Tick = Callable[[str], None]
USERINFO_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^/@\s:]*):[^/@\s]+@")


class PublishError(Exception):
    """A publish that cannot go on; the message names the target and, if any, the file.

    `detail` comes from the library or server and is scrubbed of every secret value.
    """

    def __init__(self, code: str, target: str = "", file: str = "", detail: str = ""):
        super().__init__(code)
        self.code, self.target, self.file, self.detail = code, target, file, detail


class Secrets:
    """Secret values read from the environment variables a spec names; never printed."""

    def __init__(self, spec: TargetSpec, environ: dict[str, str] | None = None):
        self.spec = spec
        self.environ = os.environ if environ is None else environ
        self.values: list[str] = []

    @overload
    def get(self, key: str, required: Literal[True]) -> str: ...
    @overload
    def get(self, key: str, required: bool = False) -> str | None: ...

    def get(self, key: str, required: bool = False) -> str | None:
        name = self.spec.options.get(key)
        value = self.environ.get(name) if name else None
        if (name or required) and not value:  # a named variable must be set
            raise PublishError("env_missing", self.spec.label, detail=name or key)
        if value:
            self.values.append(value)
        return value

    def redact(self, text: str) -> str:
        text = USERINFO_RE.sub(r"\1:***@", text)  # https://user:token@host in an address
        for value in sorted(self.values, key=len, reverse=True):
            text = text.replace(value, "***")
            for line in value.splitlines():  # a key's lines may appear one at a time
                if len(line.strip()) > 8:
                    text = text.replace(line.strip(), "***")
        return text


class Target:
    """One remote place a site is published to."""

    def __init__(self, spec: TargetSpec, site: Path, secrets: Secrets):
        self.spec, self.site, self.secrets = spec, site, secrets

    def fail(self, code: str, file: str = "", exc: BaseException | str = "") -> PublishError:
        return PublishError(code, self.spec.label, file, self.secrets.redact(str(exc)).strip())

    # the primitives ---------------------------------------------------------------------
    def connect(self) -> None:
        """Log in; wrong credentials or an unreachable host raise PublishError here."""

    def read(self, rel: str) -> bytes | None:
        """The remote file's bytes, or None when it is not there."""
        raise NotImplementedError

    def write(self, rel: str, source: Path) -> None:
        """Put one file in place so that no reader ever sees it half-written."""
        raise NotImplementedError

    def write_bytes(self, rel: str, data: bytes) -> None:
        raise NotImplementedError

    def remove(self, rel: str) -> None:
        """Remove one file; a file already gone is fine (a re-run after an interruption)."""
        raise NotImplementedError

    def listdir(self, folder: str) -> set[str] | None:
        """The names in one remote folder (`""` is the root), or None when it is not there."""
        raise NotImplementedError

    def remove_folder(self, folder: str) -> None:
        """Remove one remote folder if it is empty; leave it silently if it is not (or if
        the target has no folders)."""

    def finish(self) -> None:
        """Make the changes live, where a target batches them (git commits and pushes)."""

    def close(self) -> None:
        """Disconnect; called always, also after an error."""

    # batch operations with a default built on the primitives -----------------------------
    def send(self, items: list[tuple[str, Path]], tick: Tick) -> None:
        for rel, source in items:
            self.write(rel, source)
            tick(rel)

    def existing(self, paths: Iterable[str]) -> set[str]:
        """Which of `paths` are on the remote: one listing per folder, and none below a
        folder that is not there (a first publish to an empty host lists only its root)."""
        listings: dict[str, set[str] | None] = {}

        def names(folder: str) -> set[str]:
            if folder not in listings:
                parent, _, name = folder.rpartition("/")
                there = not folder or name in names(parent)
                listings[folder] = self.listdir(folder) if there else None
            return listings[folder] or set()

        return {rel for rel in paths if rel.rpartition("/")[2] in names(rel.rpartition("/")[0])}

    def remove_empty_folders(self, folders: list[str]) -> None:
        """Remove the folders (deepest first) that deleting files left empty."""
        for folder in folders:
            self.remove_folder(folder)

    def damaged(self, expected: dict[str, str], root: Path, tick: Tick) -> set[str]:
        """Paths whose remote content does not have the expected hash (read back)."""
        bad = set()
        for rel, sha in sorted(expected.items()):
            data = self.read(rel)
            if data is None or bytes_sha256(data) != sha:
                bad.add(rel)
            tick(rel)
        return bad


def temp_name(rel: str) -> str:
    """Where a file is written before it is renamed into place: `a/.b.html.kampung-tmp`."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/.{name}.kampung-tmp" if folder else f".{name}.kampung-tmp"


def folder_chain(folder: str) -> Iterable[str]:
    """`/srv/www/a` -> `/srv`, `/srv/www`, `/srv/www/a`: folders to make, outermost first."""
    parts = folder.split("/")
    for index in range(1, len(parts) + 1):
        current = "/".join(parts[:index])
        if current:
            yield current
