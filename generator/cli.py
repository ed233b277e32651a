"""The `kampung` command. Each subcommand lives in its own module in `generator/commands/`.

A command module exposes `register(subparsers)`, which adds its parser and sets
`run=<function(args) -> exit code>`. Discovery is by module, so adding a command never
touches this file.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import pkgutil
import sys
from pathlib import Path

from . import __version__, commands
from .i18n import available_languages, resolve_language, translate

GLOBAL_OPTIONS = ("--site", "--lang")  # given before or after the command
EPILOG = """\
contoh / examples:
  kampung init desaku                 membuat situs baru / create a new site
  kampung check                       memeriksa isi / check the content
  kampung build                       membangun ke output/ / build into output/
  kampung build --village kemiren     satu desa saja / one village only
  kampung serve                       pratinjau di http://127.0.0.1:8000
  kampung new pengumuman kemiren "Jadwal Posyandu"

Bahasa pesan / message language: --lang en atau / or KAMPUNG_LANG=en
"""


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `command` (a known one), only that command's: each
    command imports what it runs with, and a build need not import the publishers."""
    lang = resolve_language(_peek_lang(sys.argv[1:]))
    root = argparse.ArgumentParser(
        prog="kampung",
        description=translate(lang, "cli.description"),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    root.add_argument("--version", action="version", version=f"kampung {__version__}")
    _global_options(root, lang, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, lang, defaults=False)
    sub = root.add_subparsers(dest="command", metavar="COMMAND")
    names = [info.name for info in pkgutil.iter_modules(commands.__path__)]
    for name in [command] if command in names else names:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        module.register(sub, common, lang)
    return root


def _global_options(p: argparse.ArgumentParser, lang: str, *, defaults: bool) -> None:
    """`--site` and `--lang`, before the command or after it: the root parser holds the
    defaults, a command's copy only overrides them when given (`kampung --lang en check`
    and `kampung check --lang en` are the same)."""
    site, language = (Path("."), None) if defaults else (argparse.SUPPRESS, argparse.SUPPRESS)
    p.add_argument("--site", type=Path, default=site, metavar="DIR",
                   help=translate(lang, "cli.site"))
    p.add_argument("--lang", choices=available_languages(), default=language,
                   help=translate(lang, "cli.lang"))


def _command(argv: list[str]) -> str | None:
    """The command named on the line: the first word that is neither an option nor the
    value of a global option given before it (`kampung --lang en check`)."""
    values = {i + 1 for i, arg in enumerate(argv) if arg in GLOBAL_OPTIONS}
    return next((arg for i, arg in enumerate(argv)
                 if not arg.startswith("-") and i not in values), None)


def _peek_lang(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser(_command(argv)).parse_args(argv)
    if not getattr(args, "run", None):
        parser().print_help()
        return 2
    args.lang = resolve_language(args.lang)
    args.site = args.site.resolve()
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print(translate(args.lang, "ui.interrupted"), file=sys.stderr)
        return 130


def entry() -> None:
    """The `kampung` program: `main`, then the exit handlers, then exit at once.

    The interpreter's own teardown frees a big build's objects one by one, which took
    longer than a one-page build itself (0.1–0.2 s at 10,000 pages); by now every file
    and connection is closed, and the output is flushed here."""
    code = main()
    atexit._run_exitfuncs()  # worker pools, semaphores, threads: as a normal exit does
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
