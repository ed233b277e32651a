"""`--shard I/N`: a deterministic share of the villages, for CI matrix jobs.

A village's shard comes from a hash of its folder name, not its position, so adding or
removing a village never moves the others to another shard (and each shard's build cache
stays useful). Shard 1 also builds the portal's own pages.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable


def shard_of(slug: str, count: int) -> int:
    """The shard (1..count) that builds the village `slug`."""
    return zlib.crc32(slug.encode("utf-8")) % count + 1


def parse_shard(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4); ValueError unless 1 <= I <= N."""
    index, _, count = text.partition("/")
    i, n = int(index), int(count)
    if not 1 <= i <= n:
        raise ValueError(text)
    return i, n


def scope(selected: Iterable[str], villages: Iterable[str],
          shard: tuple[int, int] | None) -> Callable[[str], bool]:
    """Which output paths a build writes: its villages' folders, and, unless it is a shard
    other than the first, everything outside any village folder (the portal's files)."""
    mine, every = set(selected), set(villages)
    portal = shard is None or shard[0] == 1

    def owns(rel: str) -> bool:
        top = rel.split("/", 1)[0] if "/" in rel else ""
        return top in mine or (portal and top not in every)
    return owns
