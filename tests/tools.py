"""Outside tools some tests need (Chromium, apache2, nginx and its brotli module, Java, the
Nu HTML checker, axe-core, the SSH and FTP servers). Where one is missing its tests skip with a
one-line reason; with CI=true they fail instead, since `.ci/run` installs every one.

KAMPUNG_TEST_HIDE=chromium,apache2,... makes installed tools count as missing, so both sides
can be checked on a machine that has them (tests/test_tools.py does)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

HIDE = "KAMPUNG_TEST_HIDE"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def require(tool: str, path: str | Path | None, install: str) -> Path:
    """`path`, if the tool is there; else skip the test (fail it in CI) saying how to get it."""
    hidden = tool in os.environ.get(HIDE, "").split(",")
    if path and Path(path).exists() and not hidden:
        return Path(path)
    message = f"{tool} is not installed ({install})"
    if in_ci():
        pytest.fail(f"{message}; CI=true requires it", pytrace=False)
    pytest.skip(message)


def program(name: str, install: str, *places: str) -> Path:
    """A program on PATH, or at one of `places` (Debian keeps servers in /usr/sbin)."""
    found = shutil.which(name) or next((p for p in places if Path(p).exists()), None)
    return require(name, found, install)
