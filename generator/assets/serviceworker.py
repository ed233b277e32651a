"""Each village site's `sw.js`: the theme's service worker with this village's page lists.

When it installs, the worker keeps only `pages.OFFLINE_FIRST` (home, services, contacts and
the offline page shown for the rest): a first visit on a prepaid plan pays for those few,
and every page counts them in its first view (`data-precache` on the page's script). The
rest a resident most needs without a connection (each service, the urgent and latest
announcements, the agenda and tourism lists, the search page) is kept only when the resident presses
"Simpan untuk dibaca tanpa sinyal". The worker's version is a digest of those pages'
bytes, so it changes (and the phone fetches the list again) only when one of them changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ..extras.search import PAGE as SEARCH_PAGE
from ..i18n import available_languages, translate
from ..model import Village
from ..pages import OFFLINE_FIRST, expired

LATEST = 5
PLACEHOLDER = 'const C = {"pages": [], "more": [], "notice": {}, "v": ""};'


def offline_pages(village: Village, today: date) -> tuple[list[str], list[str]]:
    """Paths inside the village site: (kept when the worker installs, kept on request)."""
    services = [p.url for p in village.section("layanan") if p.lang == "id"]
    current = [p for p in village.section("pengumuman") if not expired(p, today)]
    urgent = [p.url for p in current
              if p.data.get("penting") or p.data.get("jenis") == "serta_merta"]
    latest = [p.url for p in current][:LATEST]
    lists = ["agenda/", *(["wisata/"] if village.section("wisata") else []),
             SEARCH_PAGE.removesuffix("index.html")]
    more = ["pengumuman/", *urgent, *services, *latest, *lists]
    return list(OFFLINE_FIRST), [p for p in dict.fromkeys(more) if p not in OFFLINE_FIRST]


def service_worker(theme_static: Path, slug: str, pages: list[str], more: list[str],
                   digests: Mapping[str, str]) -> bytes:
    """The finished sw.js for one village; `digests` maps output paths to hashes of them."""
    notice = {lang: translate(lang, "ui.offline_copy") for lang in available_languages()}
    files = [f"{slug}/{p}index.html" if p == "" or p.endswith("/") else f"{slug}/{p}"
             for p in pages + more]
    version = hashlib.sha256(json.dumps([digests.get(f, "") for f in files]).encode())
    config = {"pages": pages, "more": more, "notice": notice, "v": version.hexdigest()[:12]}
    source = (theme_static / "sw.js").read_text(encoding="utf-8")
    if PLACEHOLDER not in source:
        raise ValueError(f"{theme_static / 'sw.js'} lacks the line {PLACEHOLDER!r}")
    source = source.replace(PLACEHOLDER, f"const C = {json.dumps(config, ensure_ascii=False)};")
    source = "\n".join(line for line in source.splitlines() if not line.startswith("//"))
    import minify_html  # (a build that makes no service worker never loads it)

    script = minify_html.minify(f"<script>{source}</script>", minify_js=True)
    return script.removeprefix("<script>").removesuffix("</script>").encode("utf-8")
