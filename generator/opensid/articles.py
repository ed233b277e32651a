"""OpenSID articles (`artikel`) as halaman, agenda and pengumuman, HTML made Markdown.

markdownify turns the HTML into Markdown; links that only worked inside OpenSID (relative
ones) keep their text, and images are taken into media/ when the upload folder has them
(their alt text marked [GANTI], as OpenSID has none) or left out and counted.
"""

from __future__ import annotations

import re
from typing import Any

from markdownify import MarkdownConverter

from ..model import SLUG_RE, slugify
from .dump import key
from .files import page_text
from .source import G, Source, as_datetime, on, text, unique_slug

STATIC, AGENDA, FINANCE = 999, 1000, 1001  # OpenSID's id_kategori before `tipe` existed
KINDS = {"statis": "halaman", "agenda": "agenda", "keuangan": None}
UPLOADS = ("upload/artikel", "upload/dokumen", "upload/galeri", "upload")


class _Converter(MarkdownConverter):
    """markdownify, with OpenSID's links and images made safe for a village folder."""

    def __init__(self, src: Source, **options: Any):
        super().__init__(heading_style="ATX", bullets="-", strip=["script", "style"], **options)
        self.src, self.dropped = src, 0

    def convert_a(self, el: Any, text: str, *args: Any, **kwargs: Any) -> str:
        href = el.get("href") or ""
        if re.match(r"^(https?:|mailto:|tel:)", href):
            return super().convert_a(el, text, *args, **kwargs)  # type: ignore[misc]  # unstubbed
        return text

    def convert_img(self, el: Any, text: str, *args: Any, **kwargs: Any) -> str:
        name = self.src.copy_media((el.get("src") or "").split("?")[0], *UPLOADS)
        if name is None:
            self.dropped += 1
            return ""
        alt = text_of(el.get("alt")) or f"{G} Apa yang tampak di foto"
        return f"![{alt}](../media/{name})"


def text_of(value: Any) -> str:
    return re.sub(r"[\[\]]", "", text(value))


def markdown(src: Source, html: Any) -> tuple[str, int]:
    converter = _Converter(src)
    body = converter.convert(str(html or ""))
    return re.sub(r"\n{3,}", "\n\n", body).strip(), converter.dropped


def kind_of(row: dict[str, Any]) -> str | None:
    """halaman, agenda, pengumuman, or None (finance articles: the budget comes from tables)."""
    if row.get("tipe"):
        return KINDS.get(text(row["tipe"]), "pengumuman")
    return {STATIC: "halaman", AGENDA: "agenda", FINANCE: None}.get(
        key(row.get("id_kategori")), "pengumuman")


def articles(src: Source) -> None:
    rows = src.rows("artikel", "id", "judul", "isi")
    menu = _menu_order(src)
    events = {key(r.get("id_artikel")): r for r in src.rows("agenda")}
    taken: dict[str, set[str]] = {}
    for row in rows:
        kind = kind_of(row)
        title = text(row["judul"])
        if kind is None or not on(row.get("enabled")) or not title:
            reason = "finance_article" if kind is None else "disabled" if title else "no_title"
            src.report.skip(f"artikel {row['id']} {title}", reason)
            continue
        wanted = text(row.get("slug"))
        slug = unique_slug(wanted if SLUG_RE.match(wanted) else slugify(title),
                           taken.setdefault(kind, set()))
        body, dropped = markdown(src, row["isi"])
        if dropped:
            src.report.skip(f"{kind}/{slug}.md", "images_left_out", count=dropped)
        front = _front(src, kind, row, title, menu, events.get(key(row["id"])))
        src.add(f"{kind}/{slug}.md", page_text(front, body or f"{G} Isi halaman."), kind)


def _front(src: Source, kind: str, row: dict[str, Any], title: str, menu: dict[int, int],
           event: dict[str, Any] | None) -> dict[str, Any]:
    front: dict[str, Any] = {"judul": title[:120]}
    what = f"artikel {row['id']} {title}"
    if kind == "halaman":
        if key(row["id"]) in menu:
            front.update(menu=True, urutan=menu[key(row["id"])])
    elif kind == "agenda":
        event = event or {}
        front["mulai"] = _start(src, what, event, row)
        front["lokasi"] = text(event.get("lokasi_kegiatan")) or f"{G} Tempat kegiatan"
        if text(event.get("koordinator_kegiatan")):
            front["koordinator"] = text(event["koordinator_kegiatan"])
    else:
        when = src.date_of(what, row, "tgl_upload", "created_at", "updated_at")
        front.update(tanggal=when, jenis="berita")
    picture = src.copy_media(row.get("gambar"), *UPLOADS)
    if picture:
        front["gambar"] = {"file": picture, "alt": f"{G} Apa yang tampak di foto"}
    attachment = src.copy_media(row.get("dokumen"), "upload/dokumen", "upload/artikel")
    if attachment and kind == "pengumuman":
        front["lampiran"] = [{"file": attachment,
                              "judul": text(row.get("link_dokumen")) or attachment}]
    return front


def _start(src: Source, what: str, event: dict[str, Any], row: dict[str, Any]) -> str:
    """When an event starts: the agenda's date, else the article's (noted), else [GANTI]."""
    start = as_datetime(event.get("tgl_agenda"))
    if start is None:
        start = as_datetime(row.get("tgl_upload"))
        value = text(event.get("tgl_agenda")) or "NULL"
        src.report.skip(what, "date_from" if start else "date_to_fill", column="tgl_agenda",
                        value=value, other="tgl_upload")
    return start.strftime("%Y-%m-%d %H:%M") if start else f"{G} TTTT-BB-HH JJ:MM"


def _menu_order(src: Source) -> dict[int, int]:
    """Article id -> position, for articles the OpenSID menu links to ('artikel/32')."""
    order: dict[int, int] = {}
    for row in src.rows("menu", "link"):
        match = re.fullmatch(r"artikel/(\d{1,18})", text(row["link"]))
        if match and on(row.get("enabled")):
            place = src.number_of(f"menu {row.get('id')}", row, "urut", -10**6, 10**6) or 0
            order.setdefault(int(match[1]), int(place) * 100 + len(order) + 1)
    return order
