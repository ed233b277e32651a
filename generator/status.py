"""Status pages: each village's problems where its volunteer looks, `/<desa>/status/`.

A volunteer saves a file, waits for CI, and opens the village's status page on a phone:
the problems in the village's own files (file, line, message, fix hint, in the site's
languages), and whether the village is held back: its published pages then stay as they
were at its last good build, whose time the page gives. A good village's page says its
pages are current and gives no time, so a build with nothing new changes no status page.
The portal's status page lists the problems of shared files and every village's state.
Status pages are not planned with the other pages: they are in no sitemap, no service
worker's offline set, and say `noindex`; they need no JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from .errors import Problem
from .i18n import translate
from .model import Site, Village
from .pages import Output

TEMPLATE = "status.html"
FOLDER = "status"


def status_outputs(site: Site, problems: list[Problem], held: dict[str, list[Problem]],
                   published: dict[str, str],
                   owners: Iterable[str]) -> Iterator[tuple[str, Output]]:
    """(owner, output) of each of `owners`' status pages: a village's slug, or "" for the
    portal's. `problems` are this build's; `held`, the problems of each held village (those
    not in the site never built cleanly: the portal's page names them)."""
    villages = {v.slug: v for v in site.villages}
    mine: dict[str, list[Problem]] = {slug: list(found) for slug, found in held.items()}
    for problem in problems:
        top = problem.path.split("/", 1)[0]
        mine.setdefault(top if top in villages else "", []).append(problem)
    for owner in owners:
        found = sorted(mine.get(owner, []))
        if owner:
            village = villages[owner]
            langs = _languages(site, [village])
            path = f"{owner}/{FOLDER}/index.html"
            sections = [_village_section(lang, village, found, owner in held,
                                         published.get(owner)) for lang in langs]
        else:
            langs = _languages(site, site.villages)
            path = f"{FOLDER}/index.html"
            sections = [_portal_section(lang, site, found, held) for lang in langs]
        yield owner, Output(path, TEMPLATE, {"path": path, "lang": langs[0],
                                             "sections": sections})


def _languages(site: Site, villages: Iterable[Village]) -> list[str]:
    """The site's language first, then any other its pages are written in."""
    main = site.portal["bahasa"]
    others = sorted({p.lang for v in villages for p in v.pages} - {main})
    return [main, *others]


def _village_section(lang: str, village: Village, problems: list[Problem], held: bool,
                     published: str | None) -> dict[str, Any]:
    name = village.profile.get("nama", village.slug)
    return {**_common(lang, problems),
            "title": translate(lang, "ui.status.title", name=name),
            "held": translate(lang, "ui.status.held") if held else "",
            "published": _when(lang, published) if held else
            translate(lang, "ui.status.current"),
            "home": f"{village.slug}/index.html"}


def _portal_section(lang: str, site: Site, problems: list[Problem],
                    held: dict[str, list[Problem]]) -> dict[str, Any]:
    """Shared files' problems and each village's state (not its time: a share of a
    sharded build knows only its own villages' times)."""
    rows = []
    left_out = sorted(held.keys() - {v.slug for v in site.villages})
    for village in site.villages:
        state = "held" if village.slug in held else "ok"
        rows.append({"name": village.profile.get("nama", village.slug),
                     "status": f"{village.slug}/{FOLDER}/index.html",
                     "state": translate(lang, f"ui.status.state_{state}")})
    rows.extend({"name": slug, "status": "",
                 "state": translate(lang, "ui.status.state_left_out")}
                for slug in left_out)
    return {**_common(lang, problems + [p for slug in left_out for p in held[slug]]),
            "title": translate(lang, "ui.status.portal_title", name=site.portal["nama"]),
            "held": "", "published": "", "home": "index.html", "villages": rows,
            "villages_label": translate(lang, "ui.status.villages")}


def _common(lang: str, problems: list[Problem]) -> dict[str, Any]:
    return {"lang": lang,
            "problems": [{**p.as_dict(lang),
                          "label": translate(lang, f"ui.severity.{p.severity}")}
                         for p in sorted(problems)],
            "clean": translate(lang, "ui.status.clean"),
            "line": translate(lang, "ui.status.line"),
            "hint": translate(lang, "ui.hint"),
            "back": translate(lang, "ui.status.back")}


def _when(lang: str, iso: str | None) -> str:
    if iso is None:
        return translate(lang, "ui.status.never")
    from .render.format import jam, tanggal  # Babel: only a held village's page needs it

    moment = datetime.fromisoformat(iso)
    return translate(lang, "ui.status.published", date=tanggal(moment, lang),
                     time=jam(moment, "WIB", lang))
