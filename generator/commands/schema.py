"""`kampung schema`: write JSON Schemas for every file type, and the editor's mapping."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import translate
from ..jsonschema import write_schemas
from ..scaffold import write_editor_help
from . import not_a_site

EXAMPLES = """\
contoh / examples:
  kampung schema                         ke schemas/ dan .vscode/settings.json
  kampung schema --output /tmp/skema     hanya berkas JSON Schema, ke folder lain
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("schema", parents=[common], help=translate(lang, "cli.schema"),
                       description=translate(lang, "cli.schema"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--output", type=Path, default=None,
                   help=translate(lang, "cli.schema_output"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """With --output, the schemas go where the user said; else into the site's own folder,
    and only if it is a site (never into whatever folder the user stands in)."""
    if args.output:
        folder = args.output.resolve()
        written = write_schemas(folder)
        print(translate(args.lang, "schema.written", count=len(written), folder=folder))
        return 0
    if not_a_site(args):
        return 1
    written, settings = write_editor_help(args.site)
    print(translate(args.lang, "schema.written", count=len(written),
                    folder=args.site / "schemas"))
    if settings is None:
        print(translate(args.lang, "schema.mapping_kept",
                        path=args.site / ".vscode" / "settings.json"), file=sys.stderr)
    else:
        print(translate(args.lang, "schema.mapping", path=settings))
    return 0
