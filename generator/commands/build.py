"""`kampung build`: check, then build the whole portal (or some villages) into output/."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .. import annotations as ci_annotations
from ..assets.budgets import Budgets
from ..assets.budgets import report_json as weights_json
from ..assets.budgets import report_text as weights_text
from ..build import build, build_now
from ..errors import EXIT_HELD, ContentError, Problem, errors_only, report_text
from ..i18n import translate
from ..incremental.shard import parse_shard
from . import add_now, not_a_site

EXAMPLES = """\
contoh / examples:
  kampung build                          seluruh portal ke output/
  kampung build --village kemiren        satu desa saja
  kampung build --output /tmp/situs --now 2026-11-28
  kampung build --strict                 peringatan dianggap kesalahan (untuk CI)
  kampung build --report                 berat tiap halaman / page weights (--report json)
  kampung build --budget 80              anggaran tampilan pertama 80 KB / first-view budget
  kampung build --jobs 4 --cache ci-cache  4 proses, cache di ci-cache/ / 4 processes, cache dir
  kampung build --shard 2/4              bagian 2 dari 4 (matriks CI) / share 2 of 4 (CI matrix)
  kampung build --all-or-nothing         satu kesalahan menahan semua desa / any error stops all

status keluar / exit status: 0 berhasil / ok; 1 gagal, tidak ada yang ditulis (atau foto rusak) /
failed, nothing written (or a broken photo); 3 desa dengan kesalahan ditahan, desa lain dibangun /
villages with errors held, the others built
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("build", parents=[common], help=translate(lang, "cli.build"),
                       description=translate(lang, "cli.build"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--output", type=Path, default=None, help=translate(lang, "cli.output"))
    p.add_argument("--village", action="append", default=[], metavar="DESA",
                   help=translate(lang, "cli.village"))
    add_now(p, lang)
    p.add_argument("--strict", action="store_true", help=translate(lang, "cli.strict"))
    p.add_argument("--report", nargs="?", const="text", choices=("text", "json"),
                   help=translate(lang, "cli.report"))
    p.add_argument("--budget", type=float, default=Budgets.first_view_kb, metavar="KB",
                   help=translate(lang, "cli.budget"))
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help=translate(lang, "cli.jobs"))
    p.add_argument("--cache", type=Path, default=None, metavar="DIR",
                   help=translate(lang, "cli.cache"))
    p.add_argument("--shard", default=None, metavar="I/N", help=translate(lang, "cli.shard"))
    p.add_argument("--all-or-nothing", action="store_true",
                   help=translate(lang, "cli.all_or_nothing"))
    ci_annotations.add_options(p, lang)
    p.set_defaults(run=run)


def _shard(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        return parse_shard(text)
    except ValueError:
        raise ContentError([Problem.at("--shard", 1, 1, "bad_shard", value=text)]) from None


def _progress(lang: str) -> Callable[[int, int], None] | None:
    """A one-line count on stderr, for a person watching a terminal (not in CI logs)."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print("\r" + translate(lang, "ui.progress", done=done, total=total), end=end,
              file=sys.stderr, flush=True)
    return show


def run(args: argparse.Namespace) -> int:
    if not_a_site(args):
        return 1
    if ci_annotations.report_in_content(args):
        return 2
    output = (args.output or args.site / "output").resolve()
    try:
        report = build(args.site, output, now=build_now(args.now), villages=args.village,
                       strict=args.strict, budgets=Budgets(first_view_kb=args.budget),
                       cache=args.cache, jobs=args.jobs, shard=_shard(args.shard),
                       progress=_progress(args.lang), weights=bool(args.report),
                       all_or_nothing=args.all_or_nothing)
    except ContentError as exc:
        ci_annotations.emit(args, exc.problems)
        print(report_text(exc.problems, args.lang), file=sys.stderr)
        print(translate(args.lang, "ui.build_failed", errors=len(errors_only(exc.problems)),
                        output=output), file=sys.stderr)
        return 1
    ci_annotations.emit(args, report.problems)
    if report.problems:
        print(report_text(report.problems, args.lang), file=sys.stderr)
    if args.report:
        print(weights_text(report.weights, args.lang) if args.report == "text"
              else weights_json(report.weights))
    done = sys.stderr if args.report == "json" else sys.stdout  # keep JSON output parseable
    print(translate(args.lang, "ui.images_done", images=report.images[0],
                    processed=report.images[1]), file=done)
    print(translate(args.lang, "ui.rendered", rendered=len(report.rendered),
                    changed=len(report.changed), removed=len(report.removed)), file=done)
    print(translate(args.lang, "ui.build_ok", files=report.files, output=output,
                    seconds=f"{report.seconds:.2f}"), file=done)
    if report.held:
        print(translate(args.lang, "ui.build_held", villages=", ".join(report.held)),
              file=sys.stderr)
        return EXIT_HELD
    return 1 if errors_only(report.problems) else 0  # e.g. a broken photo: pages built
