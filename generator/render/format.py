"""Indonesian (and other) dates, times and money, from CLDR via Babel."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from babel.dates import format_date, format_datetime, get_day_names
from babel.lists import format_list
from babel.numbers import format_decimal


def tanggal(value: date | datetime | None, lang: str = "id") -> str:
    """'Sabtu, 28 November 2026'."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, "EEEE, d MMMM y", locale=lang)


def tanggal_pendek(value: date | datetime | None, lang: str = "id") -> str:
    """'28 November 2026'."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, "d MMMM y", locale=lang)


def jam(value: datetime | str | None, zone: str = "WIB", lang: str = "id") -> str:
    """'08.00 WIB' (the official spelling uses a dot between hours and minutes)."""
    if value is None:
        return ""
    text = format_datetime(value, "HH.mm", locale=lang) if isinstance(value, datetime) else value
    return f"{text} {zone}".strip()


def rupiah(amount: int | float, lang: str = "id") -> str:
    """'Rp10.000': no space after Rp, per the official spelling guide (PUEBI)."""
    return f"Rp{format_decimal(amount, locale=lang)}"


def angka(value: int | float, lang: str = "id") -> str:
    """'1.234.567'."""
    return format_decimal(value, locale=lang)


def persen(part: int | float, whole: int | float, lang: str = "id") -> str:
    if not whole:
        return "–"
    return f"{format_decimal(round(100 * part / whole, 1), locale=lang)}%"


def hari(text: str, lang: str = "id") -> str:
    """Day names a volunteer wrote in Indonesian, in the page's language:
    'Senin dan Kamis' -> 'Monday and Thursday' (names and 'and' from CLDR)."""
    if lang == "id":
        return text
    names, pattern = _days(lang)
    return pattern.sub(lambda m: names.get(m.group().lower(), m.group()), text)


@cache
def _days(lang: str) -> tuple[dict[str, str], re.Pattern[str]]:
    theirs = get_day_names("wide", locale=lang)
    names = {name.lower(): theirs[i] for i, name in get_day_names("wide", locale="id").items()}
    names["dan"] = format_list(["", ""], locale=lang).strip(" ,")
    return names, re.compile(r"\b(" + "|".join(names) + r")\b", re.IGNORECASE)
