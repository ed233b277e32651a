"""Subcommands of `kampung`, one module each, discovered by `generator.cli`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime

from ..i18n import translate

# from 1970, where SOURCE_DATE_EPOCH begins, to well short of Python's last year (9999)
NOW_YEARS = range(1970, 3000)


def not_a_site(args: argparse.Namespace) -> bool:
    """True, after saying so in one sentence, when `--site` (or the current folder) has no
    content/ folder: a command then neither reads nor writes anything there."""
    if (args.site / "content").is_dir():
        return False
    print(translate(args.lang, "gate.not_a_site", site=args.site), file=sys.stderr)
    return True


def add_now(parser: argparse.ArgumentParser, lang: str) -> None:
    """`--now`, the moment a command takes as now (for expiry, what is upcoming)."""
    parser.add_argument("--now", metavar="YYYY-MM-DD", type=_now(lang),
                        help=translate(lang, "cli.now"))


def _now(lang: str) -> Callable[[str], str]:
    """--now as argparse reads it: a date (and time) in NOW_YEARS, else exit 2 saying so."""
    def check(text: str) -> str:
        try:
            year = datetime.fromisoformat(text).year
        except ValueError:
            year = 0
        if year not in NOW_YEARS:
            raise argparse.ArgumentTypeError(
                translate(lang, "error.bad_now", value=text, first=NOW_YEARS[0],
                          last=NOW_YEARS[-1]) + " " + translate(lang, "hint.bad_now"))
        return text
    return check
