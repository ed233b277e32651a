import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sitekit import make_site

NOW = datetime(2026, 11, 28, 9, 0)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small valid site with one village, in a fresh folder."""
    return make_site(tmp_path / "situs")
