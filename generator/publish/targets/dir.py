"""A local or mounted folder (a web server's document root, a network share)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..base import PublishError, Target, temp_name

NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


class DirTarget(Target):
    def connect(self) -> None:
        """The folder is made by the first write, so a dry run leaves no trace."""
        self.root = (self.site / self.spec.options["path"]).resolve()

    def read(self, rel: str) -> bytes | None:
        try:
            return (self.root / rel).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise self._oserror(rel, exc) from None

    def write(self, rel: str, source: Path) -> None:
        self._atomic(rel, lambda tmp: shutil.copyfile(source, tmp))

    def write_bytes(self, rel: str, data: bytes) -> None:
        self._atomic(rel, lambda tmp: tmp.write_bytes(data))

    def remove(self, rel: str) -> None:
        try:
            (self.root / rel).unlink(missing_ok=True)
        except OSError as exc:
            raise self._oserror(rel, exc) from None

    def listdir(self, folder: str) -> set[str] | None:
        try:
            return set(os.listdir(self.root / folder))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise self._oserror(folder, exc) from None

    def remove_folder(self, folder: str) -> None:
        with contextlib.suppress(OSError):
            (self.root / folder).rmdir()

    def _atomic(self, rel: str, fill: Callable[[Path], object]) -> None:
        final = self.root / rel
        tmp = self.root / temp_name(rel)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            fill(tmp)
            os.replace(tmp, final)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise self._oserror(rel, exc) from None

    def _oserror(self, rel: str, exc: OSError) -> PublishError:
        if exc.errno in NO_SPACE:
            return self.fail("no_space", rel, exc)
        if isinstance(exc, PermissionError):
            return self.fail("permission", rel, exc)
        return self.fail("transfer", rel, exc)
