"""Stage 5: each owner's files (a village's, or the portal's own), on all cores.

An owner's job either puts its files back from the cache as they were recorded (every
input unchanged, the output folder without them: a CI build with the cache restored), or
makes them (making.py: plan, render, finish, stage, record, link check, other steps). The
build session (incremental/session.py) decides which owners need a job at all, and which
can be put back.

Jobs run in worker processes; a job reads the cache but writes only content-addressed
bytes to it (finished files, Markdown fragments), which are harmless if the build fails.
Records of what each output was made from go back to the parent, which commits them with
the output folder.

Work is split by owner, so a job's outputs never depend on which worker ran it or in what
order jobs finished: the site is the same bytes with one worker or many.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .incremental.jobs import Done, Job, Spec, place
from .incremental.steps import put_back
from .incremental.store import Store
from .parallel import SMALL, fresh_workers, workers

if TYPE_CHECKING:
    from .making import Maker


class Worker:
    """A process's means to run jobs: its own cache connection at once, and what making
    files takes (`making.Maker`: the renderer, its tracked tables, the Markdown cache) the
    first time a job makes any."""

    def __init__(self, spec: Spec):
        self.spec = spec
        self.store = Store(spec.cache_file, spec.version, attach=True)
        self._maker: Maker | None = None

    def maker(self) -> Maker:
        if self._maker is None:
            # the renderer, Markdown, the minifier and the features load here, not when
            # the build starts: a build that only puts files back never needs them
            from .making import maker
            self._maker = maker(self.spec, self.store)
        return self._maker


def run_jobs(spec: Spec, todo: list[Job], count: int, take: Callable[[Done], None]) -> None:
    """Run every job, in worker processes when there is enough work to share.

    The portal's job, when it has to run rather than be put back from the cache, runs
    first and alone, in this process: its search index holds a record of every page of
    the regency in memory (Pagefind, about 23 KB a record), and beside the workers that
    took a 10,000-page build over 400 MB."""
    portal = next((job for job in todo if not job.owner and job.restore is None), None)
    shared = [job for job in todo if job is not portal]
    if portal is not None:
        _in_this_process(spec, [portal], take)
    if not shared:
        return
    pages = sum(len(job.restore or ()) or 100 for job in shared)
    count = min(count, len(shared)) if pages >= SMALL * (5 if fresh_workers() else 1) else 1
    if count <= 1:
        _in_this_process(spec, shared, take)
        return
    with workers(count, _start_worker, (spec,)) as pool:
        for done in pool.imap_unordered(_run_here, shared, chunksize=1):
            take(done)


def _in_this_process(spec: Spec, jobs: list[Job], take: Callable[[Done], None]) -> None:
    here = Worker(spec)
    try:
        for job in jobs:
            take(run(here, job))
    finally:
        here.store.close()


_THIS_PROCESS: list[Worker] = []  # a pool worker's Worker: set up once, by _start_worker


def _start_worker(spec: Spec) -> None:
    _THIS_PROCESS[:] = [Worker(spec)]


def _run_here(job: Job) -> Done:
    return run(_THIS_PROCESS[0], job)


def run(worker: Worker, job: Job) -> Done:
    """One owner's job: its files put back from the cache, or made."""
    done = Done(job.owner)
    if job.restore is not None and put_back(worker.store, place(worker.spec, job), sorted(
            job.restore.items()), done.changed):
        done.restored = True  # its files came back from the cache as recorded
        return done
    from .making import make  # see Worker.maker
    make(worker.maker(), job, done)
    return done
