"""Pagefind's result fragments in a few bundles instead of one file per page.

Pagefind writes a fragment (a page's URL, title and text for the excerpt) per indexed page,
and the search page fetches one per result it shows. At 1,000 pages that was 2,050 of the
4,486 files a build wrote. Here the fragments of an index go into bundles chosen by the
first hex digits of their hash: one bundle for a village (about 130 KB compressed at 100
long pages: a search shows up to 15 results, which touch most of any 16 bundles anyway, so
one request costs about the bytes of ten), and bundles of about 16 KB for a large portal
index, where a search fetches about 15 of them. After the first search every excerpt of a
village is on the phone, so later searches fetch no fragment and work offline.

The search page's Pagefind client learns the bundles from `pagefind-entry.json`
(`kampung_bundles`); two small insertions into `pagefind.js` and `pagefind-worker.js` make
it fetch a bundle instead of a fragment. Where the installed Pagefind's client does not
have the code they insert into, the fragments are left as Pagefind wrote them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # what Pagefind's client expects at the start of its data
EXTENSION = ".pf_bundle"
WHOLE = 768 * 1024  # an index's fragments up to this size (uncompressed) make one bundle
PIECE = 16 * 1024  # larger indexes: bundles of about this size
CLIENTS = ("pagefind.js", "pagefind-worker.js")
ENTRY_ANCHOR = "this.languages=entry_json.languages;"
ENTRY_PATCH = "this.kampungBundles=entry_json.kampung_bundles;"
LOAD_ANCHOR = "async _loadFragment(hash){"
LOAD_PATCH = (
    "const kb=this.kampungBundles;if(kb){const key=hash.slice(0,hash.lastIndexOf(\"_\")+1+"
    "kb.digits);this.kampungLoaded=this.kampungLoaded||{};this.kampungLoaded[key]??="
    "this.throttledFetch(`${this.basePath}fragment/${kb.files[key]}.pf_bundle`)"
    ".then(r=>r.arrayBuffer()).then(b=>JSON.parse(new TextDecoder().decode("
    "this.decompress(new Uint8Array(b),`Fragments ${key}`))));"
    "return (await this.kampungLoaded[key])[hash];}")


def bundle_fragments(bundle: Path) -> None:
    """Replace the fragments of the Pagefind bundle in the folder `bundle` by bundles of
    fragments, and teach its client to read them (nothing changes if it cannot learn)."""
    clients = {name: (bundle / name).read_text(encoding="utf-8") for name in CLIENTS}
    if not all(ENTRY_ANCHOR in text and LOAD_ANCHOR in text for text in clients.values()):
        return
    folder = bundle / "fragment"
    fragments = {path.stem: _unpacked(path.read_bytes()) for path in folder.glob("*.pf_fragment")}
    digits = bundle_digits(sum(len(text) for text in fragments.values()))
    groups: dict[str, dict[str, object]] = {}
    for name in sorted(fragments):
        groups.setdefault(prefix(name, digits), {})[name] = json.loads(fragments[name])
    files = {}
    for key, group in groups.items():
        data = gzip.compress(SIGNATURE + json.dumps(group, ensure_ascii=False,
                                                    separators=(",", ":")).encode(), mtime=0)
        files[key] = f"{key}.{hashlib.sha256(data).hexdigest()[:10]}"
        (folder / f"{files[key]}{EXTENSION}").write_bytes(data)
    for path in folder.glob("*.pf_fragment"):
        path.unlink()
    entry = bundle / "pagefind-entry.json"
    described = json.loads(entry.read_text(encoding="utf-8"))
    described["kampung_bundles"] = {"digits": digits, "files": files}
    entry.write_text(json.dumps(described, ensure_ascii=False, separators=(",", ":")),
                     encoding="utf-8")
    for name, text in clients.items():
        (bundle / name).write_text(text.replace(ENTRY_ANCHOR, ENTRY_ANCHOR + ENTRY_PATCH, 1)
                                   .replace(LOAD_ANCHOR, LOAD_ANCHOR + LOAD_PATCH, 1),
                                   encoding="utf-8")


def bundle_digits(size: int) -> int:
    """How many hex digits of a fragment's hash choose its bundle, for fragments of `size`
    bytes in all: none (one bundle) for a small index, else bundles of about PIECE bytes."""
    if size <= WHOLE:
        return 0
    digits = 1
    while size / 16**digits > PIECE:
        digits += 1
    return digits


def prefix(name: str, digits: int) -> str:
    """'id_11e121f', 1 -> 'id_1': the language and the first `digits` of the hash."""
    return name[:name.rindex("_") + 1 + digits]


def _unpacked(data: bytes) -> str:
    data = data if data.startswith(SIGNATURE) else gzip.decompress(data)
    return data.removeprefix(SIGNATURE).decode("utf-8")
