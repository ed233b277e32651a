"""Precompressed copies of text files, for hosts that serve `foo.html.br` in place of `foo.html`.

Deterministic: gzip without a timestamp, brotli at a server's on-the-fly quality; the same bytes in
give the same bytes out, so a rebuild changes no compressed file it need not.
A copy is only written when it is smaller than the file itself, and only when a host the
site goes to serves it (see `hosting.precompress`); the page budgets weigh what gzip makes
of a page either way (`sent_size`).
"""

from __future__ import annotations

import gzip

import brotli

from ..names import PRINT_PAGE, is_text


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotlied(data: bytes) -> bytes:
    # Quality 6, what a server compressing on the fly would send: on our pages 4.5 % larger
    # than quality 10, at a twentieth of the time (0.2 ms a page against 4 ms, plus the
    # page faults of quality 10's large tables): a regency has tens of thousands of files.
    return brotli.compress(data, quality=6, lgwin=16, mode=brotli.MODE_TEXT)


def compressed_copies(path: str, data: bytes) -> list[tuple[str, bytes]]:
    """[('x.html.gz', ...), ('x.html.br', ...)] for a text file; [] for anything else
    and for print pages."""
    if not is_text(path) or path.endswith(PRINT_PAGE):
        return []
    copies = [(f"{path}.gz", gzipped(data)), (f"{path}.br", brotlied(data))]
    return [(name, packed) for name, packed in copies if len(packed) < len(data)]


def sent_size(path: str, files: list[tuple[str, bytes]]) -> int:
    """What a host compressing with gzip sends for the file `path` among its finished
    `files`: its `.gz` copy if the build made one, else what gzip makes of it (a host
    without copies compresses on the fly), never more than the file itself. Print pages
    are weighed as they are, as they are never precompressed."""
    made = dict(files)
    packed = made.get(f"{path}.gz")
    if packed is not None:
        return len(packed)
    data = made[path]
    if not is_text(path) or path.endswith(PRINT_PAGE):
        return len(data)
    return min(len(gzipped(data)), len(data))
