"""`kampung check`: report every problem in the content and the publish targets, writing
nothing; the last line counts the errors and warnings."""

from __future__ import annotations

import argparse
import sys

from .. import annotations as ci_annotations
from ..build import build_now, load
from ..errors import ContentError, Problem, errors_only, report_json, report_text
from ..i18n import translate
from ..model import Village, load_village
from ..publish.spec import load_targets
from . import add_now, not_a_site

EXAMPLES = """\
contoh / examples:
  kampung check
  kampung check --format json > laporan.json
  kampung check --lang en
  kampung check --village kemiren        satu desa saja, cepat / one village, quickly
  kampung check --github-annotations     anotasi di GitHub / annotations on GitHub
  kampung check --codequality gl-code-quality-report.json   laporan GitLab / GitLab report
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("check", parents=[common], help=translate(lang, "cli.check"),
                       description=translate(lang, "cli.check"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=translate(lang, "cli.format"))
    p.add_argument("--strict", action="store_true", help=translate(lang, "cli.strict"))
    add_now(p, lang)
    p.add_argument("--village", metavar="DESA", default=None,
                   help=translate(lang, "cli.check_village"))
    ci_annotations.add_options(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not_a_site(args):
        return 1
    if ci_annotations.report_in_content(args):
        return 2
    villages, problems = _load(args)
    problems = [*problems, *publish_problems(args)]
    ci_annotations.emit(args, problems)
    failed = bool(errors_only(problems)) or (args.strict and bool(problems))
    if args.format == "json":
        print(report_json(problems, args.lang))
        return 1 if failed else 0
    if problems:
        print(report_text(problems, args.lang), file=sys.stderr)
    errors = len(errors_only(problems))
    if failed or villages is None:
        print(translate(args.lang, "ui.check_failed", errors=errors,
                        warnings=len(problems) - errors), file=sys.stderr)
        return 1
    pages = sum(len(v.pages) for v in villages)
    print(translate(args.lang, "ui.check_ok", villages=len(villages), pages=pages,
                    warnings=len(problems) - errors))
    return 0


def publish_problems(args: argparse.Namespace) -> list[Problem]:
    """Mistakes in the `publikasi` targets, found now rather than at the first publish
    (a file that does not load at all is already reported)."""
    _, found = load_targets(args.site / "content")
    return [p for p in found if p.code.startswith("publish_")]


def _load(args: argparse.Namespace) -> tuple[tuple[Village, ...] | None, list[Problem]]:
    """The villages checked (all, or the one asked for) and every problem found."""
    now = build_now(args.now)
    if args.village:
        village, problems = load_village(args.site / "content", args.village, now)
        return (village,) if village and not errors_only(problems) else None, problems
    try:
        site, problems = load(args.site, now)
    except ContentError as exc:
        return None, exc.problems
    return site.villages, problems
