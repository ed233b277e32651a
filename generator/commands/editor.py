"""`kampung editor`: write the web editor (admin page and its config) for this site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import build_now, load
from ..cms.page import BUNDLE, Bundle, admin_files
from ..errors import ContentError, report_text
from ..i18n import translate
from . import not_a_site

EXAMPLES = """\
contoh / examples:
  kampung editor                         ke admin/ di folder situs
  kampung editor --output /tmp/admin     ke folder lain
  kampung editor --bundle http://127.0.0.1:8001/sveltia-cms.js   skrip CMS dari tempat lain
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("editor", parents=[common], help=translate(lang, "cli.editor"),
                       description=translate(lang, "cli.editor"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--output", type=Path, default=None,
                   help=translate(lang, "cli.editor_output"))
    p.add_argument("--bundle", default=None, metavar="URL",
                   help=translate(lang, "cli.editor_bundle"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not_a_site(args):
        return 1
    try:
        site, _ = load(args.site, build_now())
    except ContentError as exc:
        print(report_text(exc.problems, args.lang), file=sys.stderr)
        return 1
    folder = (args.output or args.site / "admin").resolve()
    content = (args.site / "content").resolve()
    if folder == content or content in folder.parents:
        print(translate(args.lang, "editor.inside_content", folder=folder), file=sys.stderr)
        return 1
    bundle = Bundle(args.bundle) if args.bundle else BUNDLE
    villages = [(v.slug, v.profile["nama"]) for v in site.villages]
    for rel, data in admin_files(site.portal, villages, bundle, prefix=""):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    print(translate(args.lang, "editor.written", folder=folder))
    return 0
