"""Write a corpus out as a site for Kampung, Hugo, Pelican and MkDocs.

Each peer gets minimal templates that show what Kampung's pages show in substance
(title, date, summary, the rendered body, a menu, lists per section and village, a
portal index, a feed), so the comparison is of the generators, not of theme weight.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import yaml

from .corpus import Village

PEER_TEMPLATES = Path(__file__).parent / "peers"
PORTAL = {"nama": "Portal Desa (benchmark)", "base_url": "https://portal.example.id/",
          "deskripsi": "Corpus buatan untuk mengukur kecepatan.", "per_halaman": 10}
EXTENSIONS = ["tables", "attr_list", "sane_lists", "toc", "smarty"]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _put(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def png(width: int = 32, height: int = 32, rgb: tuple[int, int, int] = (11, 110, 79)) -> bytes:
    """A small valid PNG of one colour (a logo that image tools can read)."""
    row = b"\x00" + bytes(rgb) * width
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def write_kampung(villages: list[Village], root: Path) -> None:
    _put(root / "content" / "portal.yaml", _dump(PORTAL))
    for village in villages:
        base = root / "content" / village.slug
        _put(base / "desa.yaml", _dump(village.profile))
        _put(base / "media" / "logo.png", png())
        for name, data in village.data.items():
            _put(base / "data" / f"{name}.yaml", _dump(data))
        for doc in village.docs:
            _put(base / doc.section / f"{doc.slug}.md", f"---\n{_dump(doc.meta)}---\n{doc.body}")


def _peer_meta(village: Village, doc: Any) -> dict[str, Any]:
    meta = dict(doc.meta)
    title = meta.pop("judul")
    day = meta.get("tanggal") or meta.get("diperbarui") or str(meta.get("mulai", ""))[:10]
    return {"title": title, "date": str(day or "2026-01-01"), "summary": meta.pop("ringkasan"),
            "village": village.profile["nama"], **meta}


def write_hugo(villages: list[Village], root: Path) -> None:
    _put(root / "hugo.toml", (PEER_TEMPLATES / "hugo.toml").read_text())
    for name in ("baseof.html", "single.html", "list.html"):
        _put(root / "layouts" / "_default" / name, (PEER_TEMPLATES / f"hugo-{name}").read_text())
    _put(root / "layouts" / "index.html", (PEER_TEMPLATES / "hugo-index.html").read_text())
    _put(root / "content" / "_index.md", _front({"title": PORTAL["nama"]}, ""))
    for village in villages:
        base = root / "content" / village.slug
        _put(base / "_index.md", _front({"title": village.profile["nama"]},
                                        village.profile["ringkasan"]))
        _put(root / "static" / village.slug / "logo.png", png())
        for section in sorted({d.section for d in village.docs}):
            _put(base / section / "_index.md", _front({"title": section.title()}, ""))
        for doc in village.docs:
            _put(base / doc.section / f"{doc.slug}.md", _front(_peer_meta(village, doc), doc.body))


def _front(meta: dict[str, Any], body: str) -> str:
    return f"---\n{_dump(meta)}---\n{body}"


def write_pelican(villages: list[Village], root: Path) -> None:
    _put(root / "pelicanconf.py", (PEER_TEMPLATES / "pelicanconf.py").read_text())
    for name in ("base.html", "index.html", "article.html", "category.html", "page.html"):
        _put(root / "theme" / "templates" / name,
             (PEER_TEMPLATES / f"pelican-{name}").read_text())
    for village in villages:
        for doc in village.docs:
            meta = _peer_meta(village, doc)
            lines = [f"Title: {meta['title']}", f"Date: {meta['date']}",
                     f"Category: {village.slug} {doc.section}",
                     f"Slug: {village.slug}-{doc.section}-{doc.slug}",
                     f"Summary: {meta['summary']}"]
            _put(root / "content" / village.slug / doc.section / f"{doc.slug}.md",
                 "\n".join(lines) + "\n\n" + doc.body)


def write_mkdocs(villages: list[Village], root: Path) -> None:
    config = {"site_name": PORTAL["nama"], "site_url": PORTAL["base_url"],
              "docs_dir": "docs", "site_dir": "site", "use_directory_urls": True,
              "theme": {"name": None, "custom_dir": "theme"}, "plugins": [],
              "markdown_extensions": EXTENSIONS}
    _put(root / "mkdocs.yml", _dump(config))
    _put(root / "theme" / "main.html", (PEER_TEMPLATES / "mkdocs-main.html").read_text())
    index = [f"- [{v.profile['nama']}]({v.slug}/index.md)" for v in villages]
    _put(root / "docs" / "index.md", _front({"title": PORTAL["nama"]}, "\n".join(index) + "\n"))
    for village in villages:
        base = root / "docs" / village.slug
        _put(base / "logo.png", png())
        sections = sorted({d.section for d in village.docs})
        menu = [f"- [{s.title()}]({s}/index.md)" for s in sections]
        _put(base / "index.md", _front({"title": village.profile["nama"]},
                                       village.profile["ringkasan"] + "\n\n" + "\n".join(menu)))
        for section in sections:
            docs = [d for d in village.docs if d.section == section]
            items = [f"- [{d.meta['judul']}]({d.slug}.md): {d.meta['ringkasan']}" for d in docs]
            _put(base / section / "index.md", _front({"title": section.title()},
                                                     "\n".join(items) + "\n"))
        for doc in village.docs:
            _put(base / doc.section / f"{doc.slug}.md", _front(_peer_meta(village, doc), doc.body))


WRITERS = {"kampung": write_kampung, "hugo": write_hugo, "pelican": write_pelican,
           "mkdocs": write_mkdocs}
