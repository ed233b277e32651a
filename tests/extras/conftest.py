"""One built portal shared by the extras tests: building is the slow part, reading is not."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from extras.site import make_extras_site
from kampung.build import build

NOW = datetime(2026, 11, 28, 9, 0)


@pytest.fixture(scope="session")
def extras_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_extras_site(tmp_path_factory.mktemp("extras") / "situs")
    build(root, root / "output", now=NOW)
    return root


@pytest.fixture(scope="session")
def out(extras_site: Path) -> Path:
    return extras_site / "output"


def soup_of(output: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((output / rel).read_text("utf-8"), "html.parser")
