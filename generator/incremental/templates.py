"""Compiled templates kept between builds and shared by processes.

Compiling the theme's templates costs more than rendering a small site, so the compiled
code is kept in the build cache folder (and in memory, for several builds in one process).
Jinja checks each entry against its template's source, so an edited template is compiled
again; the key also holds the environment's options, which change the compiled code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from .recent import Recent

# compiled templates by key; 256 is four times the 60 templates the shipped themes hold
_MEMORY: Recent[str, bytes] = Recent(256)


class SharedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache with a process-wide memory layer in front."""

    def __init__(self, folder: Path, options: str):
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))
        self.options = options

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self.options}\0{name}\0{filename}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        data = _MEMORY.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)
            return
        super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        _MEMORY.put(bucket.key, bucket.bytecode_to_string())
        super().dump_bytecode(bucket)


def share_compiled(env: jinja2.Environment, folder: Path) -> None:
    """Give `env` the shared cache (its options are part of every key)."""
    options = repr((env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
                    _autoescape(env), env.undefined, sorted(env.filters), jinja2.__version__))
    env.bytecode_cache = SharedBytecodeCache(folder, options)


def _autoescape(env: jinja2.Environment) -> object:
    """What the autoescape setting does, not its repr: a function's repr holds its address,
    which differs in every process (and made every build compile every template again)."""
    if not callable(env.autoescape):
        return env.autoescape
    return tuple(env.autoescape(name) for name in ("x.html", "x.xml", "x.txt", "x.js", None))
