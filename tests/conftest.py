import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sitekit import make_site

from kampung.build import build

NOW = datetime(2026, 11, 28, 9, 0)
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small valid site with one village, in a fresh folder."""
    return make_site(tmp_path / "situs")


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample content, built once per run as CI would (image cache in
    .kampung-cache).

    KAMPUNG_BROWSER_OUTPUT=<folder> reuses a portal built before, to iterate on a test.
    """
    if os.environ.get("KAMPUNG_BROWSER_OUTPUT"):
        return Path(os.environ["KAMPUNG_BROWSER_OUTPUT"])
    output = tmp_path_factory.mktemp("sample") / "output"
    build(REPO, output, now=NOW)
    return output
