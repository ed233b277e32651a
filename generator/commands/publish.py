"""`kampung publish`: send the built site to every publish target, only what changed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..build import build_now
from ..errors import EXIT_HELD, errors_only, report_text
from ..gate import placeholder_count, placeholders
from ..i18n import translate
from ..publish import Options, TargetSpec, load_targets, publish_site, select
from ..publish.report import TerminalProgress, error_text, listing, summary
from . import not_a_site

EPILOG = """\
contoh / examples:
  kampung publish                          semua tujuan / every target
  kampung publish --dry-run                lihat dulu apa yang akan dikirim / show first
  kampung publish --target hosting         satu tujuan / one target
  kampung publish --village kemiren        tujuan milik satu desa / one village's targets
  kampung publish --verify                 baca ulang server, kirim ulang yang rusak
                                           read the server back, resend damaged files
  kampung publish --overwrite-foreign      timpa berkas milik hosting yang dipakai situs
                                           replace the host's files the site needs

Tujuan ditulis di content/portal.yaml atau content/<desa>/desa.yaml, bagian publikasi:
Targets are set in content/portal.yaml or content/<desa>/desa.yaml, under publikasi:
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:
    p = sub.add_parser(
        "publish", parents=[common], help=translate(lang, "publish.help"),
        description=translate(lang, "publish.description"), epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--output", type=Path, default=None, metavar="DIR",
                   help=translate(lang, "publish.opt.output"))
    p.add_argument("--village", action="append", default=[], metavar="DESA",
                   help=translate(lang, "publish.opt.village"))
    p.add_argument("--target", action="append", default=[], metavar="NAME",
                   help=translate(lang, "publish.opt.target"))
    p.add_argument("--dry-run", action="store_true", help=translate(lang, "publish.opt.dry_run"))
    p.add_argument("--verify", action="store_true", help=translate(lang, "publish.opt.verify"))
    p.add_argument("--overwrite-foreign", action="store_true",
                   help=translate(lang, "publish.opt.overwrite_foreign"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=translate(lang, "publish.opt.format"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if not_a_site(args):
        return 1
    output = (args.output or args.site / "output").resolve()
    specs, found = load_targets(args.site / "content")
    problems = errors_only(found)  # the files' [GANTI] warnings are a refusal of their own
    if problems:  # a village's own desa.yaml only holds back that village's targets
        print(report_text(problems, lang), file=sys.stderr)
    if any("/" not in p.path for p in problems):
        return 1
    chosen = select(specs, args.village, args.target)
    refusals = reasons_to_refuse(args.site, specs, chosen, lang)
    if refusals:
        print("\n".join(refusals), file=sys.stderr)
        return 1
    options = Options(dry_run=args.dry_run, verify=args.verify,
                      overwrite_foreign=args.overwrite_foreign)
    outcome = publish_site(args.site, output, chosen, options, TerminalProgress(lang))
    for result in outcome.results:
        if args.format == "text":
            if args.dry_run or result.damaged or result.plan.foreign:
                print("\n".join(listing(result, lang)))
            print(summary(result, lang))
    for failure in outcome.failures:
        print(error_text(failure, lang), file=sys.stderr)
    if args.format == "json":
        print(json.dumps({
            "ok": outcome.ok,
            "targets": [r.summary for r in outcome.results],
            "errors": [{"target": f.target, "code": f.code, "file": f.file,
                        "message": error_text(f, lang)} for f in outcome.failures],
        }, ensure_ascii=False, indent=2))
    if outcome.failures:
        return 1
    stops = args.dry_run and any(
        r.damaged or (r.plan.foreign and not args.overwrite_foreign) for r in outcome.results)
    return 1 if stops else EXIT_HELD if problems else 0


def reasons_to_refuse(site: Path, specs: list[TargetSpec], chosen: list[TargetSpec],
                      lang: str) -> list[str]:
    """Every reason nothing may be published, the plainest first: no target, then the
    `[GANTI]` text still waiting to be replaced (how much, in which files)."""
    reasons = []
    if not chosen:
        reasons.append(translate(lang, "publish.no_match" if specs
                                 else "publish.none_configured"))
    waiting = placeholders(site, build_now())
    if waiting:
        reasons.append(translate(lang, "gate.placeholders_refused",
                                 count=placeholder_count(waiting), file_count=len(waiting),
                                 files=", ".join(p.path for p in waiting)))
    return reasons
