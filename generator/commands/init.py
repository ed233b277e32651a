"""`kampung init [DIR]`: a new site with one village, editor help and a .gitignore."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..build import build_now
from ..i18n import translate
from ..model import SLUG_RE, slugify
from ..publish import ci
from ..scaffold import init_site
from .new import fail

EXAMPLES = """\
contoh / examples:
  kampung init desaku                    folder desaku/ dengan desa "desaku"
  kampung init situs --desa sukamaju --nama "Sukamaju"
  kampung init                           di folder ini
  kampung init desaku --ci github        dengan alur kerja CI (GitHub, Forgejo, Gitea)
"""
DEFAULT_SLUG = "desaku"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("init", parents=[common], help=translate(lang, "cli.init"),
                       description=translate(lang, "cli.init"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", nargs="?", type=Path, default=None, metavar="FOLDER",
                   help=translate(lang, "cli.init_dir"))
    p.add_argument("--desa", metavar="SLUG", help=translate(lang, "cli.init_desa"))
    p.add_argument("--nama", metavar="NAMA", help=translate(lang, "cli.new_title"))
    p.add_argument("--ci", choices=sorted(ci.DESTINATIONS), default=None,
                   help=translate(lang, "init.ci_option"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = (args.dir or args.site).resolve()
    slug = args.desa or slugify(root.name) or DEFAULT_SLUG
    if not SLUG_RE.match(slug):
        return fail(args.lang, "new.bad_slug", "new.bad_slug_hint", value=slug,
                    suggestion=slugify(slug))
    name = args.nama or slug.replace("-", " ").title()
    try:
        init_site(root, slug, name, build_now().date())
    except FileExistsError:
        print(translate(args.lang, "init.exists", path=root))
        return 1
    print(translate(args.lang, "init.done", path=root))
    if args.ci:
        path, _ = ci.write(root, args.ci, [], ci.default_package())
        print(translate(args.lang, "publish.ci.written", path=path.relative_to(root)))
    print(translate(args.lang, "init.next", path=root))
    return 0
