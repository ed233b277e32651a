"""All cores: the same bytes with one worker or many, and the same site as a plain load."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from conftest import NOW
from sitekit import make_site, write
from test_incremental import rich_site, tree

from kampung import owners, parallel
from kampung.build import build
from kampung.errors import ContentError
from kampung.incremental.load import load, scan, skeleton
from kampung.incremental.store import Store
from kampung.model import load_site

pytestmark = pytest.mark.slow  # each test builds sites in worker processes


def test_one_worker_or_two_give_the_same_bytes(tmp_path: Path) -> None:
    site = rich_site(tmp_path / "situs")
    with mock.patch.object(parallel, "SMALL", 0):
        one = build(site, tmp_path / "one", now=NOW, jobs=1, cache=tmp_path / "c1")
        two = build(site, tmp_path / "two", now=NOW, jobs=2, cache=tmp_path / "c2")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert one.rendered == two.rendered


def test_workers_started_fresh_beside_other_threads_give_the_same_bytes(
        tmp_path: Path) -> None:
    """The preview server builds while its own threads run: workers are not forked then."""
    site = rich_site(tmp_path / "situs")
    build(site, tmp_path / "one", now=NOW, jobs=1, cache=tmp_path / "c1")
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        with mock.patch.object(parallel, "SMALL", 0):
            assert parallel._context().get_start_method() != "fork"
            build(site, tmp_path / "two", now=NOW, jobs=2, cache=tmp_path / "c2")
    finally:
        stop.set()
        server.join()
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_villages_loaded_in_workers_are_the_site_the_model_loads(tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs", villages=("a", "b", "c"))
    write(site, "content/b/catatan.txt", "bukan isi situs\n")  # a warning, not an error
    expected, expected_problems = load_site(site / "content", NOW)
    store = Store(tmp_path / "cache.sqlite", "test")
    with mock.patch.object(parallel, "SMALL", 0):
        loaded = load(scan(site / "content", {}), NOW, store, jobs=2)
    assert loaded.site is not None and expected is not None
    assert [store.village(v.slug) for v in loaded.site.villages] == list(expected.villages)
    assert loaded.site.villages == tuple(skeleton(v) for v in expected.villages)
    assert loaded.site.source_urls == expected.source_urls
    assert sorted(loaded.problems) == sorted(expected_problems)


def test_a_template_mistake_in_a_worker_names_the_template(tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs", villages=("a", "b"))
    write(site, "templates/kontak.html", '{% extends "base.html" %}{% block content %}'
                                         "{{ 1 / 0 }}{% endblock %}")
    with mock.patch.object(parallel, "SMALL", 0), pytest.raises(ContentError) as caught:
        build(site, site / "output", now=NOW, jobs=2)
    problem = caught.value.problems[0]
    assert problem.code == "template_error" and problem.path.endswith("templates/kontak.html")
    assert not (site / "output").exists()


def test_a_worker_count_above_the_villages_still_builds_everything(tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs")
    with mock.patch.object(owners, "SMALL", 0):
        build(site, tmp_path / "many", now=NOW, jobs=8, cache=tmp_path / "c8")
    build(site, tmp_path / "one", now=NOW, jobs=1, cache=tmp_path / "c1")
    assert tree(tmp_path / "many") == tree(tmp_path / "one")
    shutil.rmtree(tmp_path / "many")


_run = owners.run


def _spying_run(worker: Any, job: Any) -> Any:  # at module level: forked workers find it
    done = _run(worker, job)
    done.pid, done.alive = os.getpid(), len(multiprocessing.active_children())
    return done


def test_the_portal_job_runs_first_and_alone_in_this_process(tmp_path: Path) -> None:
    """Its search index holds a record of every page in memory (Pagefind): beside the
    workers, that took a 10,000-page build over 400 MB."""
    site = rich_site(tmp_path / "situs")
    run_jobs = owners.run_jobs
    seen: list[tuple[str, int, int]] = []  # (owner, pid, workers alive), in order done
    def spying_run_jobs(spec: Any, todo: Any, count: int, take: Any) -> None:
        def noting(done: Any) -> None:
            seen.append((done.owner, done.pid, done.alive))
            take(done)
        run_jobs(spec, todo, count, noting)

    with mock.patch.object(owners, "SMALL", 0), \
            mock.patch.object(owners, "run", _spying_run), \
            mock.patch("kampung.build.run_jobs", spying_run_jobs):
        build(site, tmp_path / "out", now=NOW, jobs=2)
    assert seen[0] == ("", os.getpid(), 0)
    villages = seen[1:]
    assert len(villages) >= 2 and all(pid != os.getpid() for _, pid, _ in villages)
