"""Each village site's `sw.js`: the theme's service worker with this village's page list.

The list is what a resident most needs without a connection: the home page, the services,
the contacts, and the urgent and latest announcements, plus the offline page shown for the
rest. The worker's version is a digest of those pages' bytes, so it changes (and the phone
fetches the list again) only when one of them changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import minify_html

from ..i18n import available_languages, translate
from ..model import Village
from ..pages import expired

LATEST = 5
OFFLINE = "offline/"  # the page for everything not kept
MAX_BYTES_COMPRESSED = 2048
PLACEHOLDER = 'const C = {"pages": [], "notice": {}, "v": ""};'


def offline_pages(village: Village, today: date) -> list[str]:
    """Paths inside the village site that the worker fetches when it installs."""
    services = [p.url for p in village.section("layanan")]
    current = [p for p in village.section("pengumuman") if not expired(p, today)]
    urgent = [p.url for p in current
              if p.data.get("penting") or p.data.get("jenis") == "serta_merta"]
    latest = [p.url for p in current][:LATEST]
    pages = ["", "layanan/", *services, "kontak/", "pengumuman/", *urgent, *latest, OFFLINE]
    return list(dict.fromkeys(pages))


def service_worker(theme_static: Path, slug: str, pages: list[str],
                   digests: Mapping[str, str]) -> bytes:
    """The finished sw.js for one village; `digests` maps output paths to hashes of them."""
    notice = {lang: translate(lang, "ui.offline_copy") for lang in available_languages()}
    files = [f"{slug}/{p}index.html" if p == "" or p.endswith("/") else f"{slug}/{p}"
             for p in pages]
    version = hashlib.sha256(json.dumps([digests.get(f, "") for f in files]).encode())
    config = {"pages": pages, "notice": notice, "v": version.hexdigest()[:12]}
    source = (theme_static / "sw.js").read_text(encoding="utf-8")
    if PLACEHOLDER not in source:
        raise ValueError(f"{theme_static / 'sw.js'} lacks the line {PLACEHOLDER!r}")
    source = source.replace(PLACEHOLDER, f"const C = {json.dumps(config, ensure_ascii=False)};")
    source = "\n".join(line for line in source.splitlines() if not line.startswith("//"))
    script = minify_html.minify(f"<script>{source}</script>", minify_js=True)
    return script.removeprefix("<script>").removesuffix("</script>").encode("utf-8")
