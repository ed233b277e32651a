"""Sharing: a plain WhatsApp share link (no script) and what the sharing card shows."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from . import preview

SHARED_KINDS = ("pengumuman", "agenda", "layanan", "wisata")


def share_text(title: str, summary: str, url: str) -> str:
    """'*Title*\\nSummary\\nURL': WhatsApp shows *…* in bold and previews the last URL."""
    lines = [f"*{title.strip()}*"]
    if summary and summary.strip() != title.strip():
        lines.append(summary.strip())
    lines.append(url)
    return "\n".join(lines)


def whatsapp_share(title: str, summary: str, url: str) -> str:
    """`https://wa.me/?text=…`: opens WhatsApp with the message ready to send to anyone."""
    return "https://wa.me/?text=" + quote(share_text(title, summary, url), safe="")


def card_image(page: dict[str, Any] | None, desa: dict[str, Any]) -> dict[str, Any] | None:
    """The sharing card's picture: the page's first photo, else the village logo."""
    photo = preview.first_photo(page or {})
    if photo:
        return preview.describe(photo["file"], photo["alt"], logo=False)
    logo = (desa.get("tema") or {}).get("logo")
    if logo:
        return preview.describe(logo, desa["nama"], logo=True)
    return None
