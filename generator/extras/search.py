"""Search: a Pagefind index per village and one for the whole portal, plus the no-JS lists.

Pagefind splits its index into small chunks that the search page fetches only when a
resident types, so a phone downloads a few kilobytes per search instead of the whole index.
The pages are indexed from the rendered HTML (`<main>`, without the share and print
links) with Indonesian stemming. Without JavaScript the search page is an A–Z list of
services and a list of pages by category, so it is never empty.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from ..model import Site, Village
from ..pages import Output, page_summary, village_summary
from .portal import by_letter, services

PAGE = "cari/index.html"
FOLDER = "pagefind"
# what the search page loads; the rest of Pagefind's bundle (its ready-made UIs) is not used
KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", ".pf_meta", ".pagefind",
        ".pf_fragment", ".pf_index", ".pf_filter")
EXCLUDE = ".extras, .sample, .langs"  # share and print links, notes, language switch
SECTIONS = ("layanan", "wisata", "pengumuman", "agenda", "halaman")
DATA_PAGES = ("kontak/", "perangkat/", "apbdes/", "statistik/", "informasi-publik/")
# spellings residents type for words the pages spell otherwise (and the reverse)
VARIANTS = {
    "akte": "akta", "ijin": "izin", "sertipikat": "sertifikat", "ktp": "ktp",
    "e-ktp": "ktp", "ektp": "ktp", "kk": "keluarga", "skck": "skck", "domisili": "domisili",
    "nikah": "nikah", "kawin": "nikah", "lahir": "kelahiran", "mati": "kematian",
    "meninggal": "kematian", "sktm": "tidak mampu", "pindahan": "pindah",
}


def village_outputs(site: Site, village: Village, out: Any) -> Iterator[Any]:
    yield out(PAGE, "cari.html", az=services_az(village), groups=pages_by_section(village),
              variants=VARIANTS)


def portal_outputs(site: Site, base: dict[str, Any]) -> Iterator[Any]:
    villages = [village_summary(site, v) for v in site.villages]
    yield Output(PAGE, "cari_portal.html", {**base, "path": PAGE, "az": by_letter(services(site)),
                                            "villages": villages, "variants": VARIANTS})


def services_az(village: Village) -> list[dict[str, Any]]:
    """Services under their first letter: [{'letter': 'A', 'items': [...]}, ...]."""
    return by_letter([page_summary(p) for p in village.section("layanan")])


def pages_by_section(village: Village) -> list[dict[str, Any]]:
    return [{"key": kind, "items": [page_summary(p) for p in village.section(kind)]}
            for kind in SECTIONS if village.section(kind)]


def indexed_paths(village: Village) -> list[str]:
    """Pages worth finding, inside the village site: every page and the data pages."""
    return [p.url + "index.html" for p in village.pages if p.lang == "id"] + \
        [p + "index.html" for p in DATA_PAGES]


def search_files(staging: Path, site: Site, selected: set[str]) -> Iterator[tuple[str, bytes]]:
    """The Pagefind bundles, made from the HTML already written into `staging`.

    Each bundle is indexed from a scratch tree of hard links to just the pages worth
    finding, by the Pagefind binary that the `pagefind` package ships. (Its Python API
    answers one request per 0.1 s poll, about 100 ms a page: too slow for a regency.)
    """
    jobs = {f"{v.slug}/{FOLDER}": [(p, staging / v.slug / p) for p in indexed_paths(v)]
            for v in site.villages if v.slug in selected}
    jobs[FOLDER] = [(f"{v.slug}/{p}", staging / v.slug / p) for v in site.villages
                    for p in indexed_paths(v)]
    with tempfile.TemporaryDirectory(prefix=".kampung-cari-", dir=staging.parent) as tmp:
        scratch = Path(tmp)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(lambda job: _index(scratch / job[0], job[1]), jobs.items()))
        for folder in jobs:
            bundle = scratch / folder / "bundle"
            for path in sorted(bundle.rglob("*")):
                if path.is_file() and path.name.endswith(KEEP):
                    yield f"{folder}/{path.relative_to(bundle).as_posix()}", path.read_bytes()


def _index(work: Path, pages: list[tuple[str, Path]]) -> None:
    """Index `pages` (URL path, file) into `work/bundle` with Indonesian stemming."""
    from pagefind.service import get_executable

    site = work / "site"
    for url, source in pages:
        if source.is_file():
            target = site / url
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
    site.mkdir(parents=True, exist_ok=True)
    command = [str(get_executable()), "--site", str(site), "--output-path", str(work / "bundle"),
               "--root-selector", "main", "--exclude-selectors", EXCLUDE,
               "--force-language", "id", "--keep-index-url", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ContentError([Problem.at(FOLDER, 1, 1, "search_failed",
                                       detail=(done.stderr or done.stdout).strip()[-300:])])
