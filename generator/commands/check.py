"""`kampung check`: report every problem in the content, writing nothing."""

from __future__ import annotations

import argparse
import sys

from ..build import build_now, load
from ..errors import ContentError, Problem, errors_only, report_json, report_text
from ..i18n import translate
from ..publish.spec import load_targets

EXAMPLES = """\
contoh / examples:
  kampung check
  kampung check --format json > laporan.json
  kampung check --lang en
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("check", parents=[common], help=translate(lang, "cli.check"),
                       description=translate(lang, "cli.check"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=translate(lang, "cli.format"))
    p.add_argument("--strict", action="store_true", help=translate(lang, "cli.strict"))
    p.add_argument("--now", metavar="YYYY-MM-DD", help=translate(lang, "cli.now"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        site, problems = load(args.site, build_now(args.now))
    except ContentError as exc:
        site, problems = None, exc.problems
    problems = [*problems, *publish_problems(args)]
    failed = bool(errors_only(problems)) or (args.strict and bool(problems))
    if args.format == "json":
        print(report_json(problems, args.lang))
        return 1 if failed else 0
    if problems:
        print(report_text(problems, args.lang), file=sys.stderr)
    errors = len(errors_only(problems))
    if failed or site is None:
        print(translate(args.lang, "ui.check_failed", errors=errors,
                        warnings=len(problems) - errors), file=sys.stderr)
        return 1
    pages = sum(len(v.pages) for v in site.villages)
    print(translate(args.lang, "ui.check_ok", villages=len(site.villages), pages=pages))
    return 0


def publish_problems(args: argparse.Namespace) -> list[Problem]:
    """Mistakes in the `publikasi` targets, found now rather than at the first publish
    (a file that does not load at all is already reported)."""
    _, found = load_targets(args.site / "content")
    return [p for p in found if p.code.startswith("publish_")]
