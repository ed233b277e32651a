"""Stage 4a, plan: decide which files the site has and what data each one shows.

Input: a `Site`. Output: `Output` values (`pages.py`), a village's own pages and then its
features' (`extras/`), the portal's likewise, each owner's sitemap last. The planner sits
above the features it gathers; both build on `pages.py`, so neither imports the other back.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from . import extras
from .extras.calendar import next_dates
from .model import Page, Site, Village
from .pages import (
    Output,
    as_datetime,
    desa_context,
    event_end,
    expired,
    is_urgent,
    page_context,
    page_summary,
    popular,
    printed,
    site_context,
    urgent_announcements,
    village_summary,
)

QUICK_LINKS = 6
LATEST = 5
PORTAL_SITEMAP = "sitemap-portal.xml"  # the portal's own pages; sitemap.xml is the index
UNLISTED = ("404.html", "offline.html", "poster.html")  # templates marked noindex


def plan(site: Site) -> Iterator[Output]:
    """Every rendered file of the site, villages in order, then the portal's own."""
    for village in site.villages:
        yield from village_outputs(site, village)
    yield from portal_outputs(site)


def portal_outputs(site: Site) -> Iterator[Output]:
    base = {"site": site_context(site), "lang": site.portal["bahasa"], "now": site.now}
    villages = [village_summary(site, v) for v in site.villages]
    urgent = [a for v in site.villages for a in urgent_announcements(site, v)]
    pages = [Output("index.html", "portal.html",
                    {**base, "villages": villages, "urgent": urgent, "path": "index.html",
                     **extras.portal_index(site)}),
             Output("404.html", "404.html", {**base, "path": "404.html", "home": "index.html"}),
             *extras.portal_extras(site, base)]
    yield from pages
    home = site.portal["base_url"]
    yield Output(PORTAL_SITEMAP, "sitemap.xml",
                 {**base, "path": PORTAL_SITEMAP, "base_url": home, "urls": sitemap_urls(pages)})
    # an index lists only sitemaps on its own host: a village on its own domain is
    # announced by its own robots.txt
    ours = [v["url"] + "sitemap.xml" for v in villages if same_host(v["url"], home)]
    yield Output("sitemap.xml", "sitemap_index.xml",
                 {**base, "sitemaps": [home + PORTAL_SITEMAP, *ours]})
    yield Output("robots.txt", "robots.txt", {**base, "sitemap": home + "sitemap.xml"})


def village_outputs(site: Site, village: Village) -> Iterator[Output]:
    desa = desa_context(site, village)
    common = {"site": site_context(site), "desa": desa, "now": site.now}

    def out(path: str, template: str, lang: str = "id", **extra: Any) -> Output:
        full = f"{village.slug}/{path}"
        return Output(full, template, {**common, "lang": lang, "path": full, **extra})

    pages = list(_village_pages(site, village, out))
    yield from pages
    yield out("sitemap.xml", "sitemap.xml", base_url=desa["base_url"],
              urls=sitemap_urls(pages, f"{village.slug}/"))
    yield out("robots.txt", "robots.txt", sitemap=desa["base_url"] + "sitemap.xml")


def _village_pages(site: Site, village: Village, out: Any) -> Iterator[Output]:
    """Every file of a village's site but its sitemap and robots.txt."""
    today = site.today
    services = village.section("layanan")
    announcements = village.section("pengumuman")
    current = [a for a in announcements if not expired(a, today)]
    zona = village.profile.get("zona_waktu", "WIB")
    events = village.section("agenda")
    lists = site.lists
    upcoming = sorted((event_summary(e, zona, site.now, lists) for e in events
                       if event_end(e) >= site.now), key=lambda e: as_datetime(e["mulai"]))
    past = [page_summary(e, lists) for e in events if event_end(e) < site.now]

    yield out("index.html", "home.html",
              quick_links=[page_summary(p, lists) for p in popular(services)][:QUICK_LINKS],
              latest=[page_summary(p, lists) for p in current if not is_urgent(p, today)][:LATEST],
              upcoming=upcoming[:3])
    yield out("layanan/index.html", "layanan_list.html",
              groups=group_by(services, "kelompok", lists))
    yield out("wisata/index.html", "wisata_list.html",
              items=[page_summary(p, lists) for p in village.section("wisata")])
    yield from paginated(out, current, site.portal["per_halaman"], lists)
    yield out("pengumuman/arsip/index.html", "pengumuman_list.html", archive=True,
              items=[page_summary(p, lists) for p in announcements if expired(p, today)],
              pages=[], current=1)
    yield out("agenda/index.html", "agenda_list.html", upcoming=upcoming, past=past)
    yield out("perangkat/index.html", "perangkat.html",
              officials=village.data.get("perangkat", {}).get("perangkat", []))
    yield out("apbdes/index.html", "apbdes.html",
              budgets=[village.data["apbdes"][y] for y in sorted(village.data["apbdes"],
                                                                 reverse=True)])
    yield out("statistik/index.html", "statistik.html",
              stats=village.data.get("statistik"))
    yield out("kontak/index.html", "kontak.html")
    for page in village.pages:
        yield out(f"{page.url}index.html", f"{page.kind}.html", lang=page.lang,
                  page=page_context(page, village),
                  next_start=next_start(page, zona, site.now) if page.kind == "agenda" else None,
                  expired=page.kind == "pengumuman" and expired(page, today),
                  poster=printed(page, site.now))
    yield out("feed.xml", "feed.xml", items=[page_context(p, village) for p in current][:20])
    yield out("404.html", "404.html", home=f"{village.slug}/index.html")
    yield out("offline/index.html", "offline.html")  # the service worker's page for the rest
    yield from extras.village_extras(site, village, out)


def paginated(out: Any, items: list[Page], per_page: int,
              lists: dict[str, tuple[str, ...]]) -> Iterator[Output]:
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    paths = ["pengumuman/index.html"] + [
        f"pengumuman/halaman/{n}/index.html" for n in range(2, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        yield out(paths[number - 1], "pengumuman_list.html", archive=False,
                  items=[page_summary(p, lists) for p in chunk], current=number,
                  pages=paths)


def next_start(page: Page, zona: str, now: datetime) -> date | datetime:
    """When a resident can next go: a recurring event's next date after `now`, else (or
    once the series has ended) the event's own start."""
    start = page.data["mulai"]
    if not page.data.get("berulang"):
        return start
    found = next_dates(page.data, zona, now, count=1)
    if not found:
        return start
    return found[0] if isinstance(start, datetime) else found[0].date()


def event_summary(page: Page, zona: str, now: datetime,
                  lists: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """An upcoming event as lists show it: dated by its next start."""
    return {**page_summary(page, lists), "mulai": next_start(page, zona, now)}


def group_by(pages: list[Page], key: str,
             lists: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for page in pages:
        groups.setdefault(page.data.get(key, "lainnya"), []).append(page_summary(page, lists))
    return [{"key": k, "items": v} for k, v in groups.items()]


def sitemap_urls(outputs: list[Output], prefix: str = "") -> list[dict[str, Any]]:
    """Every page a search engine may list (not posters, 404 or the offline page), as its
    folder address below `prefix`, with the date its content last changed if known."""
    urls = []
    for output in outputs:
        if output.template in UNLISTED or not output.path.endswith("index.html"):
            continue
        page = output.context.get("page") or {}
        urls.append({"path": output.path.removeprefix(prefix).removesuffix("index.html"),
                     "lastmod": page.get("diperbarui") or page.get("tanggal")})
    return urls


def same_host(url: str, other: str) -> bool:
    """Whether two addresses are on one host (a sitemap index may list only those)."""
    return urlsplit(url)[:2] == urlsplit(other)[:2]
