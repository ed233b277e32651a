"""`kampung new`: a new village, or a new page with every field shown and explained."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..build import build_now
from ..i18n import translate
from ..jsonschema import write_schemas
from ..model import SLUG_RE, slugify
from ..scaffold import new_page, new_village, page_path
from ..schema import PAGE_TYPES
from ..validate import suggest
from . import not_a_site

EXAMPLES = """\
contoh / examples:
  kampung new pengumuman kemiren "Jadwal Posyandu"
  kampung new layanan kemiren "Surat Keterangan Usaha"
  kampung new agenda kemiren "Kerja Bakti"
  kampung new wisata kemiren "Air Terjun Jagir"
  kampung new halaman kemiren "Sejarah Desa"
  kampung new village sukamaju "Sukamaju"     desa baru / a new village
"""
VILLAGE_KINDS = ("village", "desa")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("new", parents=[common], help=translate(lang, "cli.new"),
                       description=translate(lang, "cli.new"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=[*VILLAGE_KINDS, *PAGE_TYPES], metavar="JENIS",
                   help=translate(lang, "cli.new_kind"))
    p.add_argument("target", metavar="DESA", help=translate(lang, "cli.new_target"))
    p.add_argument("title", nargs="?", metavar="JUDUL", help=translate(lang, "cli.new_title"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not_a_site(args):
        return 1
    content = args.site / "content"
    today = build_now().date()
    if args.kind in VILLAGE_KINDS:
        return make_village(args, today)
    return make_page(args, content, today)


def make_village(args: argparse.Namespace, today: date) -> int:
    slug = args.target
    if not SLUG_RE.match(slug):
        return fail(args.lang, "new.bad_slug", "new.bad_slug_hint", value=slug,
                    suggestion=slugify(slug))
    name = args.title or slug.replace("-", " ").title()
    folder = args.site / "content" / slug
    try:
        new_village(args.site, slug, name, today)
    except FileExistsError:
        print(translate(args.lang, "new.village_exists", path=folder), file=sys.stderr)
        return 1
    write_schemas(args.site / "schemas")  # the files' yaml-language-server lines point there
    print(translate(args.lang, "new.created", path=folder))
    print(translate(args.lang, "new.village_next", path=folder))
    return 0


def make_page(args: argparse.Namespace, content: Path, today: date) -> int:
    villages = sorted(p.parent.name for p in content.glob("*/desa.yaml"))
    if args.target not in villages:
        return fail(args.lang, "new.village_missing", "new.village_missing_hint",
                    did_you_mean=suggest(args.target, villages), village=args.target,
                    content=content, villages=", ".join(villages) or "-")
    if not args.title:
        return fail(args.lang, "new.title_needed", "new.title_hint", kind=args.kind,
                    village=args.target)
    try:
        path = new_page(content, args.kind, args.target, args.title, today)
    except FileExistsError:
        return fail(args.lang, "new.exists", "new.exists_hint",
                    path=page_path(content, args.kind, args.target, args.title))
    print(translate(args.lang, "new.created", path=path))
    print(translate(args.lang, "new.next"))
    return 0


def fail(lang: str, key: str, hint_key: str, did_you_mean: str = "", **params: object) -> int:
    """Print a message and its hint (with a did-you-mean when there is one); return 1."""
    hint = translate(lang, hint_key, **params)
    if did_you_mean:
        hint = f"{translate(lang, 'ui.did_you_mean', suggestion=did_you_mean)} {hint}"
    print(translate(lang, key, **params), file=sys.stderr)
    print(f"    {translate(lang, 'ui.hint')}: {hint}", file=sys.stderr)
    return 1
