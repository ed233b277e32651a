"""Subcommands of `kampung`, one module each, discovered by `generator.cli`."""

from __future__ import annotations

import argparse
import sys

from ..i18n import translate


def not_a_site(args: argparse.Namespace) -> bool:
    """True, after saying so in one sentence, when `--site` (or the current folder) has no
    content/ folder: a command then neither reads nor writes anything there."""
    if (args.site / "content").is_dir():
        return False
    print(translate(args.lang, "gate.not_a_site", site=args.site), file=sys.stderr)
    return True
