"""The guide's screenshots can be made again: each step of the guide still works."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from browser.cdp import Chromium

from .screenshots import SHOTS, make

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


def test_every_screenshot_of_the_guide_is_made_at_phone_size(tmp_path: Path,
                                                             chromium: Chromium) -> None:
    shots = make(tmp_path / "img", chromium)
    assert tuple(p.name for p in shots) == SHOTS
    for shot in shots:
        header = shot.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (720, 1600)  # 360x800 at DPR 2

