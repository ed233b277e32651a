"""`kampung posters <desa>`: every poster of one village in one print-ready file (A4)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..build import build_now, load
from ..errors import ContentError, Problem, report_text
from ..extras.posters import book
from ..i18n import translate
from ..pages import Output
from ..render.env import Renderer
from ..validate import suggest
from . import add_now, not_a_site

EXAMPLES = """\
contoh / examples:
  kampung posters kemiren                       poster-kemiren.html di folder ini
  kampung posters kemiren --pdf                 juga poster-kemiren.pdf (perlu Chromium)
  kampung posters kemiren --output /tmp/papan.html --semua
"""
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-pdf-header-footer")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             lang: str) -> None:
    p = sub.add_parser("posters", parents=[common], help=translate(lang, "cli.posters"),
                       description=translate(lang, "cli.posters"), epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("village", metavar="DESA", help=translate(lang, "cli.posters_village"))
    p.add_argument("--output", type=Path, default=None,
                   help=translate(lang, "cli.posters_output"))
    p.add_argument("--pdf", action="store_true", help=translate(lang, "cli.posters_pdf"))
    p.add_argument("--semua", action="store_true", help=translate(lang, "cli.posters_all"))
    add_now(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not_a_site(args):
        return 1
    target = (args.output or Path(f"poster-{args.village}.html")).resolve()
    try:
        site, _ = load(args.site, build_now(args.now))
        village = next((v for v in site.villages if v.slug == args.village), None)
        if village is None:
            known = [v.slug for v in site.villages]
            raise ContentError([Problem.at(args.village, 1, 1, "poster_village_unknown",
                                           village=args.village, villages=", ".join(known),
                                           suggestion=suggest(args.village, known))])
        context = book(site, village, args.site / "content", current_only=not args.semua)
        renderer = Renderer(args.site, site.portal["tema"], site.source_urls)
        html = renderer.render(Output(context["path"], "poster.html", context))
        write(target, html)
        if args.pdf:
            write_pdf(target, target.with_suffix(".pdf"))
    except ContentError as exc:
        print(report_text(exc.problems, args.lang), file=sys.stderr)
        return 1
    print(translate(args.lang, "ui.created", path=target))
    if args.pdf:
        print(translate(args.lang, "ui.created", path=target.with_suffix(".pdf")))
    return 0


def write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise ContentError([Problem.at(str(target), 1, 1, "posters_failed",
                                       detail=exc.strerror or str(exc))]) from exc


def write_pdf(html: Path, pdf: Path) -> None:
    """Print the HTML with headless Chromium, which honours the posters' `@page` A4 size."""
    binary = next((found for name in CHROMIUM if (found := shutil.which(name))), None)
    if binary is None:
        raise ContentError([Problem.at(str(pdf), 1, 1, "pdf_unavailable")])
    with tempfile.TemporaryDirectory(prefix="kampung-poster-") as profile:
        done = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                               f"--print-to-pdf={pdf}", html.as_uri()],
                              capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not pdf.is_file():
        raise ContentError([Problem.at(str(pdf), 1, 1, "posters_failed",
                                       detail=done.stderr.strip()[-300:])])
