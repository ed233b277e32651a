"""Pagefind bundles: full text per village, titles and summaries for the whole portal.

Pagefind splits an index into small chunks that the search page fetches only when a
resident types, so a phone downloads a few kilobytes per search instead of the whole
index. A village's pages are indexed from their rendered HTML (`<main>`, without the
share and print links) with Indonesian stemming. The portal-wide index holds one short
record per page (title, summary, village, district): full text of a whole regency costs
about 2.5 ms a page to index and makes each chunk a phone fetches several times larger.

The Pagefind binary that the `pagefind` package ships does the indexing; its Python API
answers one request per 0.1 s poll, about 100 ms a page, too slow for a regency.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from ..model import Site, Village
from ..pages import expired
from .search import FOLDER, PART, indexed_paths, portal_bundles, rank
from .searchbundle import EXTENSION, bundle_fragments

# what the search page loads; the rest of Pagefind's bundle (its ready-made UIs) is not used
KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", ".pf_meta", ".pagefind",
        ".pf_fragment", EXTENSION, ".pf_index", ".pf_filter")
EXCLUDE = ".extras, .sample, .langs"  # share and print links, notes, language switch
Source = Path | str  # a rendered page to link, or the HTML of a short record
RECORD = "cari_rekaman.html"  # the template of a portal record (its context: portal_records)
Record = Callable[[dict[str, Any]], str]  # a record's data -> its HTML
DIGEST = ".kampung-cari"  # never published: publishing skips Kampung's .kampung-* files


def indexed_digest(html: bytes) -> str:
    """SHA-256 of what Pagefind reads of a page: its `<main>` (the root selector; title,
    text, filters and metadata all come from inside it). A template edit that changes only
    the head, the menu or the footer leaves every search bundle as it was."""
    start, end = html.find(b"<main"), html.rfind(b"</main>")
    return hashlib.sha256(html[start:end] if 0 <= start < end else html).hexdigest()


def search_files(pages: Path, site: Site, selected: set[str], previous: Path | None = None,
                 indexed: Mapping[str, str] | None = None,
                 record: Record | None = None) -> Iterator[tuple[str, bytes]]:
    """The Pagefind bundles of the `selected` villages, made from the new HTML in the
    folder `pages`; with no village selected, the portal's bundle, its records made by
    `record`. `indexed` may give the `indexed_digest` of pages (by path in the site) that
    the build already knows.

    A bundle whose pages did not change since the build that wrote `previous` (the
    output folder) is taken from there (a digest of its pages sits beside it in
    `.kampung-cari`), so a one-page edit re-indexes one village, and the portal only if
    a title or summary changed.
    """
    villages = [v for v in site.villages if v.slug in selected]
    jobs: dict[str, list[tuple[str, Source]]] = {
        f"{v.slug}/{FOLDER}": [(p, pages / v.slug / p) for p in indexed_paths(v)]
        for v in villages}
    homes = {f"{v.slug}/{FOLDER}": pages / v.slug for v in villages}  # where their pages are
    if not selected:
        assert record is not None, "the portal's index needs its record template"
        jobs.update((folder, [(url, record(data)) for url, data in portal_records(part,
                                                                              site.today)])
                    for folder, part in portal_bundles(site))
    known = {pages / rel: d for rel, d in (indexed or {}).items()}
    digests = {folder: _digest(sources, known) for folder, sources in jobs.items()}
    stale = {f: s for f, s in jobs.items()
             if previous is None or not _current(previous / f, digests[f])}
    with tempfile.TemporaryDirectory(prefix=".kampung-cari-", dir=pages.parent) as tmp:
        scratch = Path(tmp)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(lambda job: _index(scratch / job[0], job[1], homes.get(job[0])),
                          stale.items()))
        for folder in jobs:
            bundle = scratch / folder / "bundle" if previous is None or folder in stale \
                else previous / folder
            for path in sorted(bundle.rglob("*")):
                if path.is_file() and path.name.endswith(KEEP) and \
                        not path.relative_to(bundle).parts[0].startswith(PART):  # another's
                    yield f"{folder}/{path.relative_to(bundle).as_posix()}", path.read_bytes()
            yield f"{folder}/{DIGEST}", digests[folder].encode()


@functools.cache
def executable() -> str:
    """The Pagefind binary, found as `pagefind.service` finds it; its own module is asked
    only when the binary package is not there or a path is set, as importing it (with
    asyncio) took 7 ms of a one-page edit."""
    if "PAGEFIND_BINARY_PATH" not in os.environ:
        with contextlib.suppress(ImportError):
            from pagefind_bin_extended import get_executable as bundled

            return str(bundled())
    from pagefind.service import get_executable

    return str(get_executable())


def _digest(pages: list[tuple[str, Source]], known: Mapping[Path, str]) -> str:
    """What a bundle is made from: Pagefind's version, our options, what it reads of every
    page (read again only where the build does not know it)."""
    digest = hashlib.sha256(f"{executable()}\0{EXCLUDE}\0".encode())
    for url, source in sorted(pages, key=lambda page: page[0]):
        digest.update(f"{url}\0{_read(source, known)}\0".encode())
    return digest.hexdigest()


def _read(source: Source, known: Mapping[Path, str]) -> str:
    """SHA-256 of what Pagefind reads of a source: a record whole, a page's `<main>`."""
    if isinstance(source, str):
        return hashlib.sha256(source.encode()).hexdigest()
    if source in known:
        return known[source]
    return indexed_digest(source.read_bytes()) if source.is_file() else ""


def _current(previous: Path, digest: str) -> bool:
    mark = previous / DIGEST
    return mark.is_file() and mark.read_text() == digest


def portal_records(villages: Iterable[Village], today: date) -> list[tuple[str, dict[str, Any]]]:
    """What the portal's index holds of each village page: what it is, where, its summary,
    and its rank in the results (services first, expired notices last). The theme's
    `cari_rekaman.html` makes each a short page (see RECORD)."""
    records: list[tuple[str, dict[str, Any]]] = []
    for village in villages:
        for page in village.pages:
            if page.lang != "id":
                continue
            words = [page.data.get(k, "") for k in ("ringkasan", "untuk_apa", "produk")]
            records.append((f"{village.slug}/{page.url}index.html", {
                "judul": page.title, "jenis": page.kind,
                "peringkat": rank(page.kind, page.kind == "pengumuman" and expired(page, today)),
                "desa": village.profile["nama"], "kecamatan": village.profile["kecamatan"],
                "ringkasan": " ".join(str(w) for w in words if w)}))
    return records


def _index(work: Path, pages: list[tuple[str, Source]], home: Path | None) -> None:
    """Index `pages` (URL path, source) into `work/bundle` with Indonesian stemming.

    Rendered pages are read where they are, in `home`, chosen by a glob (a folder of
    links made for Pagefind cost more than Pagefind itself); short records are written
    out first. Its fragments are then bundled (`searchbundle.py`)."""
    chosen = sorted(url for url, source in pages
                    if home is not None and isinstance(source, Path) and source.is_file())
    site = home if home is not None and chosen else _written(work / "site", pages)
    command = [executable(), "--site", str(site), "--output-path", str(work / "bundle"),
               "--root-selector", "main", "--exclude-selectors", EXCLUDE,
               "--force-language", "id", "--keep-index-url", "--silent"]
    if chosen:
        command += ["--glob", "{" + ",".join(chosen) + "}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ContentError([Problem.at(FOLDER, 1, 1, "search_failed",
                                       detail=(done.stderr or done.stdout).strip()[-300:])])
    bundle_fragments(work / "bundle")


def _written(site: Path, pages: list[tuple[str, Source]]) -> Path:
    """A folder holding `pages`: records written out, rendered pages linked."""
    site.mkdir(parents=True)
    for url, source in pages:
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, str):
            target.write_text(source, encoding="utf-8")
        elif source.is_file():
            os.link(source, target)
    return site
