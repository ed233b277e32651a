"""Which file events count, and how a burst of them becomes one batch."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from generator.serve.watcher import Coalescer, relevant

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
