"""How big a poster's type can be so that it prints on one A4 page with its QR code.

The poster's text is measured as blocks (a title, a list item, a paragraph), each with the
size it prints at relative to the body type and the share of the line it may fill. For each
type size, largest first, the blocks are wrapped at an average letter width and their lines
added up; the first size whose text fits the room above the QR code is chosen. Text that
does not fit even at the smallest size, with lists in two columns, is cut off by the page
and the poster says so ("selengkapnya: pindai kode QR"): the QR code always prints.

The poster itself is a fixed A4 box whose QR footer never moves (poster.css), so even a
wrong estimate cannot add a page. Estimates run from 25% over to 14% under Chromium's
layout (sample content) and aim at 200 of the 207 mm there are; `tests/extras/test_print.py`
(a sweep of generated lengths) and `tests/browser/test_sample_posters.py` (every sample
poster) print them to check that no text is ever lost without the note.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

# (CSS classes, body type size in pt, lists in two columns), tried in order; poster.css
# sets the same sizes. 9.5 pt is a leaflet's body type: the smallest read at arm's length.
STEPS = (("lega", 17.0, False), ("biasa", 14.0, False), ("padat", 12.0, False),
         ("sangat-padat", 10.5, False), ("sangat-padat dua-kolom", 10.5, True),
         ("rapat dua-kolom", 9.5, True))
CUT = "terpotong"
PT = 25.4 / 72  # mm
WIDTH = 186.0  # mm of text width: A4 less 12 mm margins
ROOM = 200.0  # mm between the header and the QR code's rule
LETTER = 0.55  # average letter width in em (DejaVu/Noto Sans set wider than most)
LINE = 1.35  # line height in em (poster.css)
IMAGE = 72.0  # mm: the tallest a picture in the body prints (poster.css)


class Block(NamedTuple):
    """One piece of a poster that starts on a new line."""
    text: str
    em: float = 1.0  # its type size, relative to the body type
    share: float = 1.0  # of the text width it may fill (a fact box: half)
    gap: float = 1.5  # mm of margin, padding and rules around it
    kind: str = "text"  # or "item" (of a list, may go in two columns), "space" (no text)


def heading(text: str = "") -> Block:
    return Block(text, 1.2, gap=6.0)


def item(text: str, gap: float = 1.6) -> Block:
    return Block(text, gap=gap, kind="item")


def facts(*values: str) -> list[Block]:
    """The boxed facts, two to a row: a small label over each value, the taller decides."""
    rows = [values[i:i + 2] for i in range(0, len(values), 2)]
    return [block for row in rows for block in (
        Block("label", 0.75, share=0.45, gap=0.0), Block(max(row, key=len), share=0.45,
                                                          gap=7.0))]


def choose(blocks: list[Block]) -> str:
    """The poster's classes: the largest type that fits, else the smallest with a cut."""
    for name, size, columns in STEPS:
        if height(condensed(blocks) if columns else blocks, size) <= ROOM:
            return name
    return f"{STEPS[-1][0]} {CUT}"


def height(blocks: Iterable[Block], size: float) -> float:
    """Millimetres the blocks take at a body type of `size` points."""
    total = 0.0
    for block in blocks:
        if block.kind == "space":
            total += block.gap
            continue
        letter = LETTER * block.em * size * PT
        per_line = max(1, int(WIDTH * block.share / letter))
        lines = math.ceil(max(len(block.text), 1) / per_line)
        taken = lines * LINE * block.em * size * PT + block.gap
        total += taken / 2 if block.kind == "column" else taken
    return total


def condensed(blocks: Iterable[Block]) -> Iterator[Block]:
    """List items in two columns: each on half the width, two side by side."""
    for block in blocks:
        yield block._replace(share=block.share * 0.48, kind="column") \
            if block.kind == "item" else block


def service_blocks(page: dict[str, Any]) -> list[Block]:
    needs = [item(f"{r['nama']} (fotokopi, 2 lembar)") for r in page.get("persyaratan", [])]
    return [Block(page["judul"], 2.1, gap=8.0), Block(page.get("untuk_apa", "")),
            *facts("Rp000.000", "00 hari kerja", str(page.get("produk", "")),
                   str(page.get("tempat", "Kantor desa"))),
            heading(), *needs, heading(), *(item(step, 1.2) for step in page.get("prosedur", [])),
            Block(f"Pengaduan: {page.get('pengaduan', '')}", 0.85)]


def notice_blocks(page: dict[str, Any]) -> list[Block]:
    """Each emergency field prints as "Label: value"; a field's name is as long as its label
    (cara_menghindari, "Cara menghindari"), a helper's label is its name."""
    keys = ("bahaya", "cara_menghindari", "upaya_penanganan", "diumumkan_oleh")
    fields = [f"{k}: {page[k]}" for k in keys if k in page]
    if page.get("wilayah_terdampak"):
        fields.append("wilayah_terdampak: " + ", ".join(page["wilayah_terdampak"]))
    if page.get("evakuasi"):
        fields.append(f"titik_kumpul_evakuasi: {page['evakuasi'].get('titik_kumpul', '')}")
    fields += [f"{b['nama']}: {b.get('telepon', '')}" for b in page.get("bantuan", [])]
    emergency = [Block(field, share=0.95, gap=1.0) for field in fields]
    return [Block(page["judul"], 2.1, gap=8.0), Block("", 0.85),
            *emergency, Block("", gap=10.0 if emergency else 0, kind="space"),
            *body_blocks(page.get("body") or "")]


def event_blocks(page: dict[str, Any]) -> list[Block]:
    return [Block(page["judul"], 2.1, gap=8.0),
            *facts("Bulanan, Selasa minggu ke-2 " * ("berulang" in page) +
                   "Sabtu, 00 September 0000, 00.00 WIB", str(page.get("lokasi", "")),
                   str(page.get("koordinator", "")), ", ".join(page.get("untuk", []))),
            Block("x" * 160 if "berulang" in page else ""),  # the next three dates
            *body_blocks(page.get("body") or "")]


def home_blocks(desa: dict[str, Any], services: list[str]) -> list[Block]:
    hours = [Block(f"{r['hari']} {r.get('catatan', '')} 00.00–00.00 WIB", gap=2.5)
             for r in desa.get("jam_layanan", [])]
    contacts = " · ".join(str(desa.get(k, "")) for k in ("telepon", "whatsapp", "email"))
    emergency = " · ".join(f"{r['nama']}: {r['telepon']}" for r in desa.get("darurat", []))
    return [Block("Selamat datang di Desa " + desa.get("nama", ""), 2.1, gap=8.0),
            Block(str(desa.get("ringkasan", ""))), heading(), Block("", 0.8), *hours,
            Block(str(desa.get("alamat_kantor", ""))), Block(f"Telepon: {contacts}"),
            heading(), Block(" · ".join(services)), heading(), Block(emergency)]


def body_blocks(body: str) -> Iterator[Block]:
    """A Markdown body's paragraphs, list items, headings, table rows and pictures."""
    for part in re.split(r"\n\s*\n", body.strip()):
        lines = part.splitlines()
        if not lines:
            continue
        if all(re.match(r"\s*([-*+]|\d+[.)]|\|)", line) for line in lines):
            yield from (item(line, 1.2) for line in lines)
        elif part.lstrip().startswith("#"):
            yield heading(part.lstrip("# "))
        else:
            yield Block(" ".join(lines), gap=3.0)
        yield from (Block("", gap=IMAGE, kind="space") for _ in re.findall(r"!\[", part))
