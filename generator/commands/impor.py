"""`kampung impor opensid BACKUP.sql`: a village folder from an OpenSID database backup."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..build import build_now
from ..i18n import translate
from ..opensid.dump import read_dump
from ..opensid.importer import (
    CannotWrite,
    import_village,
    village_slug,
    villages,
    write_village,
)
from ..opensid.report import report_json, report_text
from ..opensid.source import why_no_village
from . import not_a_site

EXAMPLES = """\
contoh / examples:
  kampung impor opensid cadangan.sql
  kampung impor opensid cadangan.sql --media desa/ --out content/senggigi
  kampung impor opensid cadangan.sql --desa 5201142005 --format json
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("impor", parents=[common], help=translate(lang, "cli.impor"),
                       description=translate(lang, "cli.impor"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source", choices=("opensid",), help=translate(lang, "cli.impor_source"))
    p.add_argument("backup", type=Path, metavar="BACKUP.sql",
                   help=translate(lang, "cli.impor_backup"))
    p.add_argument("--media", type=Path, metavar="DESA_DIR",
                   help=translate(lang, "cli.impor_media"))
    p.add_argument("--out", type=Path, metavar="DIR", help=translate(lang, "cli.impor_out"))
    p.add_argument("--desa", metavar="KODE", help=translate(lang, "cli.impor_desa"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=translate(lang, "cli.format"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if args.out is None and not_a_site(args):  # into content/ of a site, or where --out says
        return 1
    if args.backup.is_dir():
        return _fail(lang, "impor.backup_folder", path=args.backup)
    if not args.backup.is_file():
        return _fail(lang, "impor.no_backup", path=args.backup)
    if args.media is not None and not args.media.is_dir():
        return _fail(lang, "impor.no_media", path=args.media)
    dump = read_dump(args.backup)
    configs = [c for c in villages(dump) if not args.desa or args.desa in (
        str(c.get("kode_desa")).strip(), str(c.get("id")))]
    if not configs:
        key, params = why_no_village(dump, args.desa)
        return _fail(lang, f"impor.{key}", path=args.backup, **params)
    if args.out and len(configs) > 1:
        return _fail(lang, "impor.many_villages", count=len(configs))
    targets = [args.out or args.site / "content" / village_slug(c) for c in configs]
    for target in targets:  # all checked before anything is written
        if target.exists():
            return _fail(lang, "impor.exists", path=target)
    reports = []
    for config, target in zip(configs, targets, strict=True):
        src = import_village(dump, config, args.media, build_now().date())
        try:
            write_village(src, target)
        except CannotWrite as exc:  # in the reader's --lang
            return _fail(lang, f"impor.{exc.key}", **exc.params)
        reports.append((target, src.report))
    if args.format == "json":
        print(json.dumps([report_json(t, r) for t, r in reports], ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(report_text(t, r, lang) for t, r in reports))
    return 0


def _fail(lang: str, key: str, **params: object) -> int:
    print(translate(lang, f"ui.{key}", **params), file=sys.stderr)
    return 1
