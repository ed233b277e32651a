"""Functions the templates call for this package's features (registered in render/env.py)."""

from __future__ import annotations

from typing import Any

from . import calendar, opendata, posters, search, share
from .dip import PAGE as DIP_PAGE


def webcal(base_url: str) -> str:
    """Subscription link for calendar apps: 'https://x.id/desa/' -> 'webcal://x.id/desa/agenda.ics'."""
    return "webcal://" + base_url.split("://", 1)[-1] + calendar.FEED


TEMPLATE_GLOBALS: dict[str, Any] = {
    "whatsapp_share": share.whatsapp_share,
    "shared_kinds": share.SHARED_KINDS,
    "card_image": share.card_image,
    "budget_chart": opendata.budget_chart,
    "stat_chart": opendata.stat_chart,
    "budget_name": opendata.budget_name,
    "stat_names": opendata.stat_names,
    "event_ics": calendar.event_file,
    "next_dates": calendar.next_dates,
    "calendar_feed": calendar.FEED,
    "webcal": webcal,
    "poster_path": posters.poster_path,
    "dip_page": DIP_PAGE.removesuffix("index.html"),
    "search_page": search.PAGE.removesuffix("index.html"),
    "search_rank": search.rank,
}
