"""All cores: pools of worker processes (for loading villages, and for owners' jobs).

Workers are forked after the site is loaded, so they share it without copying; where fork
is not available (Windows, macOS) or not safe (a process running other threads), they start
fresh and get what they need pickled once each.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

SMALL = 400  # below this much work (pages, files), starting workers costs more than it saves


def cpu_count() -> int:
    """Cores this process may use (respects taskset and container CPU sets)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _context() -> Any:
    """Fork (workers share the loaded site) unless this process runs other threads, as
    the preview server does: a forked child could inherit a lock held by one of them, so
    then workers start fresh (as they always do where fork is missing)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def fresh_workers() -> bool:
    """Do workers start fresh (import, unpickle) rather than fork?"""
    return _context().get_start_method() != "fork"


@contextlib.contextmanager
def workers(count: int, initializer: Callable[..., None] | None = None,
            initargs: tuple[Any, ...] = ()) -> Iterator[Any]:
    """A pool of `count` worker processes, or None when one process is enough."""
    if count <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield None
        return
    with _context().Pool(count, initializer, initargs) as pool:
        yield pool


def ordered_map(pool: Any) -> Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]:
    """`map` over the pool (results in order), or the built-in `map` without one."""
    if pool is None:
        return map
    return lambda fn, items: pool.imap(fn, items, chunksize=1)
