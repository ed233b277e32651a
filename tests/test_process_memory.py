"""The preview rebuilds in one process for hours: what it remembers between builds stays
bounded by the site it serves, not by every site, template or record it has seen."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import make_site

from kampung.extras import portal
from kampung.incremental import load as load_module
from kampung.incremental.load import load, scan, skeleton
from kampung.incremental.recent import Recent
from kampung.incremental.store import Store
from kampung.model import load_site


def test_a_memory_forgets_what_was_used_longest_ago() -> None:
    memory: Recent[str, int] = Recent(2)
    memory.put("kemiren", 1)
    memory.put("tamansari", 2)
    assert memory.get("kemiren") == 1  # used again: now the newest
    memory.put("sumberagung", 3)
    assert memory.get("tamansari") is None
    assert (memory.get("kemiren"), memory.get("sumberagung"), len(memory)) == (1, 3, 2)


def test_villages_of_a_site_no_longer_served_are_forgotten(tmp_path: Path) -> None:
    first = make_site(tmp_path / "pertama", villages=("kemiren", "tamansari"))
    second = make_site(tmp_path / "kedua", villages=("sumberagung",))
    for site in (first, second):
        store = Store(site / "cache.sqlite", "test")
        load(scan(site / "content", {}), NOW, store)  # the first load fills the cache
        load(scan(site / "content", {}), NOW, store)  # the second reads it back
        store.close()
    assert set(load_module._KEPT) == {"sumberagung"}


def test_an_unchanged_village_is_the_object_read_by_the_last_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs", villages=("kemiren",))
    store = Store(tmp_path / "cache.sqlite", "test")
    load(scan(site / "content", {}), NOW, store)
    once = load(scan(site / "content", {}), NOW, store).site
    again = load(scan(site / "content", {}), NOW, store).site
    assert once is not None and again is not None
    assert once.villages[0] is again.villages[0]


def test_the_service_directory_does_not_keep_an_old_site_alive(tmp_path: Path) -> None:
    site, _ = load_site(make_site(tmp_path / "situs", villages=("a", "b")) / "content", NOW)
    assert site is not None
    assert portal.services(site) is portal.services(site)  # worked out once per site
    alive = weakref.ref(site)
    del site
    gc.collect()
    assert alive() is None


def test_reading_the_body_of_a_skeleton_page_fails_loudly(tmp_path: Path) -> None:
    site, _ = load_site(make_site(tmp_path / "situs") / "content", NOW)
    assert site is not None
    page = site.villages[0].pages[0]
    assert page.loaded_body == page.body
    bare = skeleton(replace(site.villages[0], pages=(page,)))
    assert bare is not None
    with pytest.raises(ValueError, match="skeleton"):
        _ = bare.pages[0].loaded_body
