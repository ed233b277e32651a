"""Page weights against two budgets, and the `kampung build --report` table.

- HTML budget: a page's HTML with its inline CSS, gzipped, fits the first round trip
  (14 KB: ten TCP segments of the initial congestion window).
- First-view budget (default 100 KB): the gzipped HTML plus what a 360-px phone at DPR 2
  downloads before it can show the top of the page: stylesheets and scripts the page links
  and every image that is not lazy-loaded, at the variant that phone picks; and what a
  first visit costs after it, the service worker and the pages it keeps as it installs.

Over budget is a warning; `--strict` makes it an error.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ..errors import Problem
from ..i18n import translate
from ..names import PRINT_PAGE

KB = 1024

@dataclass(frozen=True)
class Budgets:
    html_kb: float = 14.0
    first_view_kb: float = 100.0


@dataclass(frozen=True)
class PageWeight:
    path: str
    kind: str  # template name without .html: home, layanan, wisata, ...
    source: str  # content file the page shows, or '' for lists
    html: int  # minified bytes
    html_gz: int
    html_br: int
    first_view: int  # html_gz + first-view assets
    assets: tuple[str, ...]  # output paths counted in the first view


def for_phones(rel: str) -> bool:
    """Is this file a page the budgets are for? Print pages (posters) are fetched to be
    printed, not read on a phone."""
    return rel.endswith(".html") and not rel.endswith(PRINT_PAGE)


@dataclass
class WeightReport:
    """Every file's size and every phone page's first-view assets, as the build's records
    keep them (the session feeds it); weighs the pages at the end."""

    budgets: Budgets = field(default_factory=Budgets)
    sizes: dict[str, int] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # page path -> sha256 of its bytes
    _pages: list[tuple[str, str, str, int, tuple[str, ...]]] = field(default_factory=list)

    def add_page(self, path: str, kind: str, source: str, size: int,
                 assets: tuple[str, ...]) -> None:
        """A page to weigh: its size and what its first view fetches (sizes come later)."""
        self._pages.append((path, kind, source, size, assets))

    def pages(self) -> list[PageWeight]:
        return [self._weigh(*page) for page in self._pages]

    def _weigh(self, path: str, kind: str, source: str, size: int,
               assets: tuple[str, ...]) -> PageWeight:
        gz, first_view = self._sizes(path, size, assets)
        return PageWeight(path, kind, source, size, gz, self.sizes.get(f"{path}.br", gz),
                          first_view, assets)

    def _sizes(self, path: str, size: int, assets: tuple[str, ...]) -> tuple[int, int]:
        """(compressed size, first-view weight) of a page."""
        sizes = self.sizes
        gz = sizes.get(f"{path}.gz", size)
        return gz, gz + sum(sizes.get(f"{a}.gz", sizes.get(a, 0)) for a in assets)

    def problems(self) -> list[Problem]:
        found = []
        html_limit, view_limit = self.budgets.html_kb * KB, self.budgets.first_view_kb * KB
        for path, _, source, size, assets in self._pages:
            gz, first_view = self._sizes(path, size, assets)
            if gz > html_limit:
                found.append(Problem.at(source or path, 1, 1, "budget_html", severity="warning",
                                        page=path, size=kb(gz), budget=kb(html_limit)))
            if first_view > view_limit:
                found.append(Problem.at(source or path, 1, 1, "budget_first_view",
                                        severity="warning", page=path, size=kb(first_view),
                                        budget=kb(view_limit)))
        return found


def kb(size: float) -> str:
    return f"{size / KB:.1f} KB"


def report_text(report: WeightReport, lang: str) -> str:
    pages = report.pages()
    head = translate(lang, "ui.report.head")
    lines = [head, "-" * len(head)]
    for page in sorted(pages, key=lambda p: p.path):
        over = (page.html_gz > report.budgets.html_kb * KB
                or page.first_view > report.budgets.first_view_kb * KB)
        lines.append(f"{page.html_gz / KB:8.1f} {page.html_br / KB:8.1f} "
                     f"{page.first_view / KB:10.1f}  {'!' if over else ' '} {page.path}")
    lines.append(translate(lang, "ui.report.budgets", html=kb(report.budgets.html_kb * KB),
                           first_view=kb(report.budgets.first_view_kb * KB),
                           pages=len(pages), over=len(over_budget(report))))
    return "\n".join(lines)


def report_json(report: WeightReport) -> str:
    pages = [{**asdict(p), "assets": list(p.assets)} for p in report.pages()]
    return json.dumps({"budgets": asdict(report.budgets), "pages": pages,
                       "over_budget": over_budget(report)}, ensure_ascii=False, indent=1)


def over_budget(report: WeightReport) -> list[str]:
    return sorted({dict(p.params)["page"] for p in report.problems()})
