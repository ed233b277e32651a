"""Which file events count, how a burst of them becomes one batch, and the preview clock."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from kampung.serve.rebuild import preview_now
from kampung.serve.watcher import Coalescer, relevant

ROOT = Path("/situs")


def test_editor_scratch_and_hidden_files_do_not_count() -> None:
    for name in ("content/a/.rapat.md.swp", "content/a/rapat.md~", "content/a/4913",
                 "content/.git/index", "content/a/#rapat.md#", "content/a/x.tmp"):
        assert not relevant(ROOT / name, ROOT), name
    for name in ("content/a/pengumuman/rapat.md", "content/a/desa.yaml",
                 "templates/base.html", "content/a/media/foto.jpg"):
        assert relevant(ROOT / name, ROOT), name


def test_a_burst_becomes_one_batch_and_a_later_edit_another() -> None:
    batches: list[set[Path]] = []
    done = threading.Event()

    def take(batch: set[Path]) -> None:
        batches.append(batch)
        done.set()

    coalescer = Coalescer(take, quiet=0.05)
    coalescer.start()
    try:
        for n in range(200):
            coalescer.add([ROOT / f"content/a/pengumuman/{n}.md"])
        assert done.wait(5)
        done.clear()
        coalescer.add([ROOT / "content/a/desa.yaml"])
        assert done.wait(5)
    finally:
        coalescer.stop()
    assert [len(b) for b in batches] == [200, 1]


def test_a_steady_stream_of_events_is_cut_after_the_longest_wait() -> None:
    batches: list[set[Path]] = []
    coalescer = Coalescer(batches.append, quiet=0.05, longest=0.2)
    coalescer.start()
    try:
        started = time.monotonic()
        while not batches and time.monotonic() - started < 3:
            coalescer.add([ROOT / f"content/a/{time.monotonic()}.md"])
            time.sleep(0.01)
    finally:
        coalescer.stop()
    assert batches
    assert time.monotonic() - started < 1.5


def test_the_preview_clock_moves_by_the_hour_so_saves_do_not_rerender_by_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795833000")  # 2026-11-28 09:30 WIB
    assert preview_now() == datetime(2026, 11, 28, 9, 0)
    assert preview_now("2026-12-01") == datetime(2026, 12, 1)
