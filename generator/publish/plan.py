"""What a publish does, decided before it touches the remote: send, delete, keep.

The order keeps the live site whole at every moment of a slow upload:

1. assets (images, CSS, JS, documents): nothing links to a new one yet;
2. pages, deepest first, so a list page goes up only after the pages it links to;
3. indexes: feeds, sitemaps, robots.txt, which announce pages to the world;
4. deletions, last and in the reverse order, only of files the previous manifest lists.

A precompressed copy (`x.html.gz`, `x.html.br`) travels right after its original, and
only to a host that serves it (`without_copies`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..names import is_text
from .manifest import Entry, Manifest

ASSET, PAGE, INDEX = 0, 1, 2
COMPRESSED_SUFFIXES = (".gz", ".br")
PAGE_SUFFIXES = (".html", ".htm")
INDEX_SUFFIXES = (".xml", ".rss", ".atom")
INDEX_NAMES = ("robots.txt", "feed.json")


def original_of(rel: str) -> str:
    """`a/b.html.gz` -> `a/b.html`; other paths are their own original."""
    for suffix in COMPRESSED_SUFFIXES:
        if rel.endswith(suffix) and "." in PurePosixPath(rel[: -len(suffix)]).name:
            return rel[: -len(suffix)]
    return rel


def without_copies(local: Manifest) -> Manifest:
    """The site without the precompressed copies of its text files, for a host that never
    serves them (a Pages branch, a bucket): a third of the files, none a browser gets."""
    return {rel: entry for rel, entry in local.items()
            if not _is_copy(rel) or original_of(rel) not in local}


def _is_copy(rel: str) -> bool:
    return original_of(rel) != rel and is_text(original_of(rel))


def stage_of(rel: str) -> int:
    base = original_of(rel)
    name = PurePosixPath(base).name
    if base.endswith(PAGE_SUFFIXES):
        return PAGE
    if base.endswith(INDEX_SUFFIXES) or name in INDEX_NAMES:
        return INDEX
    return ASSET


def order_key(rel: str) -> tuple[int, int, str, bool, str]:
    base = original_of(rel)
    stage = stage_of(rel)
    depth = base.count("/") if stage == PAGE else 0
    return stage, -depth, base, rel != base, rel


def upload_order(paths: list[str] | set[str]) -> tuple[str, ...]:
    return tuple(sorted(paths, key=order_key))


def delete_order(paths: list[str] | set[str]) -> tuple[str, ...]:
    return tuple(sorted(paths, key=order_key, reverse=True))


@dataclass(frozen=True)
class Plan:
    local: Manifest
    remote: Manifest
    upload: tuple[str, ...]
    delete: tuple[str, ...]
    unchanged: tuple[str, ...]
    foreign: tuple[str, ...] = ()  # to send, but there already and not ours

    def claims(self) -> list[str]:
        """Paths to send that no manifest of ours lists: the remote may hold a file of
        its own there (the host's `.htaccess`, a "coming soon" page)."""
        return [rel for rel in self.upload if rel not in self.remote]

    @property
    def upload_bytes(self) -> int:
        return sum(self.local[rel].size for rel in self.upload)

    @property
    def delete_bytes(self) -> int:
        return sum(self.remote[rel].size for rel in self.delete)

    @property
    def empty(self) -> bool:
        return not self.upload and not self.delete

    @property
    def emptied_folders(self) -> tuple[str, ...]:
        """Folders that held deleted files and hold no file of the site: deepest first."""
        kept = {parent for rel in self.local for parent in parents(rel)}
        gone = {parent for rel in self.delete for parent in parents(rel)} - kept
        return tuple(sorted(gone, key=lambda folder: (-folder.count("/"), folder)))

    def begin_manifest(self) -> Manifest:
        """Written before the first upload: the old files, plus every file about to be
        sent marked unconfirmed. Whatever dies mid-way, the remote manifest then still
        names every file of ours that is there, and the next run resends the unsure ones."""
        pending = {rel: Entry(None, self.local[rel].size) for rel in self.upload}
        return {**self.remote, **pending}

    def resend(self, paths: set[str]) -> Plan:
        """The same plan, also sending `paths` (unchanged files found damaged by --verify)."""
        upload = upload_order(set(self.upload) | paths)
        unchanged = tuple(rel for rel in self.unchanged if rel not in paths)
        return replace(self, upload=upload, unchanged=unchanged)


def parents(rel: str) -> list[str]:
    """`a/b/c.html` -> `a`, `a/b` (never the root)."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[: index + 1]) for index in range(len(parts))]


def make_plan(local: Manifest, remote: Manifest) -> Plan:
    upload = [rel for rel, entry in local.items() if remote.get(rel) != entry]
    unchanged = [rel for rel, entry in local.items() if remote.get(rel) == entry]
    delete = [rel for rel in remote if rel not in local]
    return Plan(local, remote, upload_order(upload), delete_order(delete), tuple(sorted(unchanged)))
