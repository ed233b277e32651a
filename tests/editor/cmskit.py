"""The pinned Sveltia CMS npm package, as `.ci/run` installs it (.ci/npm/editor.txt)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "node_modules" / "@sveltia" / "cms"


def cms_package() -> Path:
    """The npm package's folder; the test skips without it (fails in CI, which installs it)."""
    if not (PACKAGE / "package.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("node_modules/@sveltia/cms missing: .ci/npm/editor.txt installs it")
        pytest.skip("npm package @sveltia/cms not installed (npm install @sveltia/cms)")
    return PACKAGE
