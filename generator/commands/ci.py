"""`kampung ci github|gitlab`: write a CI file that checks, builds and publishes.

Forgejo and Gitea Actions read the GitHub format (.github/workflows/ is one of the folders
they look in), so `kampung ci github` serves them too."""

from __future__ import annotations

import argparse
import sys

from ..errors import errors_only, report_text
from ..i18n import translate
from ..publish import ci, load_targets
from . import not_a_site

EPILOG = """\
contoh / examples:
  kampung ci github        menulis .github/workflows/kampung.yml (juga untuk Forgejo/Gitea)
  kampung ci gitlab        menulis .gitlab-ci.yml
  kampung ci github --force --package "git+https://github.com/ORG/kampung@v0.1.0"
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:
    p = sub.add_parser(
        "ci", parents=[common], help=translate(lang, "publish.ci.help"),
        description=translate(lang, "publish.ci.description"), epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("provider", choices=sorted(ci.DESTINATIONS),
                   help=translate(lang, "publish.ci.opt.provider"))
    p.add_argument("--force", action="store_true", help=translate(lang, "publish.ci.opt.force"))
    p.add_argument("--package", default=None, metavar="SPEC",
                   help=translate(lang, "publish.ci.opt.package"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if not_a_site(args):
        return 1
    specs, problems = load_targets(args.site / "content")
    if errors_only(problems):  # [GANTI] text is refused later, by publish in the CI run
        print(report_text(errors_only(problems), lang), file=sys.stderr)
        return 1
    path, written = ci.write(args.site, args.provider, specs,
                             args.package or ci.default_package(), force=args.force)
    shown = path.relative_to(args.site) if path.is_relative_to(args.site) else path
    print(translate(lang, "publish.ci.written" if written else "publish.ci.exists", path=shown))
    names = ci.secret_names(specs)
    print(translate(lang, "publish.ci.secrets", names=", ".join(names)) if names
          else translate(lang, "publish.ci.no_secrets"))
    print(translate(lang, "publish.ci.next"))
    return 0 if written else 1
