"""iCalendar: one feed per village (`agenda.ics`) and one file per event.

Times are written in the village's own time zone (WIB, WITA or WIT as the IANA zone), with
the VTIMEZONE the calendar needs; a recurring event (posyandu on the second Tuesday of
every month) is one VEVENT with an RRULE, so phones show every future date.

DTSTAMP is when the file was made (the build's `--now`). LAST-MODIFIED and SEQUENCE come
from the event's `diperbarui`, so a calendar app that already holds the event sees a
newer version when a volunteer changes its time and its `diperbarui` date.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # imported where used: icalendar takes 30 ms, and most builds write no .ics
    from dateutil.rrule import rrulebase
    from icalendar import Calendar, Event, Timezone

from ..model import Page, Site, Village
from ..pages import village_base_url
from .feature import Feature

ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
WEEKDAYS = {"senin": "MO", "selasa": "TU", "rabu": "WE", "kamis": "TH", "jumat": "FR",
            "sabtu": "SA", "minggu": "SU"}
FREQUENCIES = {"mingguan": "WEEKLY", "bulanan": "MONTHLY", "tahunan": "YEARLY"}
FEED = "agenda.ics"
PRODID = "-//Kampung//Portal Desa//ID"
BUILD_ZONE = ZoneInfo("Asia/Jakarta")  # `--now` is read as WIB (build.build_now)
FIRST_VERSION = date(2000, 1, 1)  # SEQUENCE counts days from here to `diperbarui`


def event_file(slug: str) -> str:
    """Where one event's .ics lives inside the village site: 'agenda/<slug>/<slug>.ics'."""
    return f"agenda/{slug}/{slug}.ics"


def zone(village_profile: dict[str, Any]) -> ZoneInfo:
    return ZoneInfo(ZONES[village_profile.get("zona_waktu") or "WIB"])


def village_files(site_root: Path, site: Site, village: Village) -> Iterator[tuple[str, bytes]]:
    events = village.section("agenda")
    base = village_base_url(site, village)
    tz = zone(village.profile)
    name = village.profile["nama"]
    stamp = _in_utc(site.now.replace(tzinfo=BUILD_ZONE, microsecond=0))
    feed = new_calendar(f"Agenda {name}", tz)
    for page in events:
        component = event_component(page, village.slug, base, tz, stamp)
        feed.add_component(component)
        single = new_calendar(page.title, tz)
        single.add_component(component)
        yield f"{village.slug}/{event_file(page.slug)}", to_bytes(single)
    yield f"{village.slug}/{FEED}", to_bytes(feed)


def new_calendar(name: str, tz: ZoneInfo) -> Calendar:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tz.key)
    return cal


def to_bytes(cal: Calendar) -> bytes:
    """The calendar with the VTIMEZONE of every zone its events use, as iCalendar bytes."""
    first = len(cal.timezones)  # VTIMEZONE components go before the events using them
    for position, tzid in enumerate(sorted(cal.get_missing_tzids())):
        cal.subcomponents.insert(first + position, _timezone(tzid))
    return cal.to_ical()


@cache
def _timezone(tzid: str) -> Timezone:
    # icalendar derives VTIMEZONE from the zone's whole history: 20 ms each, so once a zone
    from icalendar import Timezone

    return Timezone.from_tzid(tzid)


def event_component(page: Page, village_slug: str, base_url: str, tz: ZoneInfo,
                    stamp: datetime) -> Event:
    """One VEVENT; `stamp` (UTC) is when the calendar file is made."""
    from icalendar import Event

    data = page.data
    url = base_url + page.url
    event = Event()
    event.add("uid", f"{village_slug}-{page.slug}@{_host(base_url)}")
    event.add("dtstamp", stamp)
    changed = data.get("diperbarui")
    event.add("last-modified", min(stamp, _in_utc(datetime.combine(changed, time(0, 0), tz)))
              if changed else stamp)
    event.add("sequence", max(0, (changed - FIRST_VERSION).days) if changed else 0)
    event.add("summary", page.title)
    start, end = event_times(data, tz)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("location", data["lokasi"])
    event.add("url", url)
    event.add("description", "\n".join(x for x in (data.get("ringkasan"), url) if x))
    if data.get("koordinator"):
        event.add("contact", data["koordinator"])
    if data.get("berulang"):
        event.add("rrule", rrule(data["berulang"], tz))
    return event


def event_times(data: dict[str, Any], tz: ZoneInfo) -> tuple[date | datetime, date | datetime]:
    """Start and end; a day without a time is an all-day event (end is the next day), an
    event without `selesai` lasts an hour. An end past year 9999 is the last moment of it."""
    start, end = data["mulai"], data.get("selesai")
    if not isinstance(start, datetime):
        last = end.date() if isinstance(end, datetime) else end or start
        return start, last + timedelta(days=1) if last < date.max else last
    start = start.replace(tzinfo=tz)
    if isinstance(end, datetime):
        return start, start + (end.replace(tzinfo=tz) - start)
    final = datetime.combine(date.max, time(23, 59, 59), tz)
    return start, start + min(timedelta(hours=1), final - start)


def rrule(rule: dict[str, Any], tz: ZoneInfo) -> dict[str, Any]:
    """`berulang` -> RRULE parts: bulanan + selasa + minggu_ke 2 -> FREQ=MONTHLY;BYDAY=2TU."""
    parts: dict[str, Any] = {"freq": FREQUENCIES[rule["frekuensi"]]}
    day = WEEKDAYS.get(rule.get("hari", ""))
    week = rule.get("minggu_ke")
    if day and rule["frekuensi"] == "bulanan" and week:
        parts["byday"] = f"{week}{day}"
    elif day:
        parts["byday"] = day
    if rule.get("sampai"):
        # with a TZID start, UNTIL must be UTC: the end of that day, local time
        last = datetime.combine(rule["sampai"], time(23, 59, 59), tz)
        parts["until"] = last.astimezone(UTC)
    return parts


def next_dates(data: dict[str, Any], zona: str, after: datetime, count: int = 3) -> list[datetime]:
    """The next `count` starts of an event after `after` (local time, no zone attached)."""
    tz = ZoneInfo(ZONES[zona or "WIB"])
    start, _ = event_times(data, tz)
    if not isinstance(start, datetime):
        start = datetime.combine(start, time(0, 0), tz)
    if not data.get("berulang"):
        return [start.replace(tzinfo=None)] if start.replace(tzinfo=None) > after else []
    from dateutil.rrule import rrulestr
    from icalendar import vRecur

    parts = rrule(data["berulang"], tz)
    moment = after.replace(tzinfo=tz)
    dates = rrulestr(vRecur(parts).to_ical().decode(),
                     dtstart=_moved(start, parts["freq"], moment))
    return [found.replace(tzinfo=None) for found in _following(dates, moment, count)]


def _moved(start: datetime, freq: str, after: datetime) -> datetime:
    """A later start that gives the same dates after `after`, so the rule is not walked
    from a start years back: whole weeks later for a weekly rule; for the others the same
    day and time in the year before `after`'s (or the latest such year with that date).
    Our rules have no INTERVAL or COUNT, so nothing else of the start changes the dates."""
    if freq == "WEEKLY":
        return start + timedelta(weeks=max(0, (after - start).days // 7))
    for year in range(after.year - 1, start.year, -1):
        with suppress(ValueError):  # 29 February, in a year without it
            return start.replace(year=year)
    return start


def _following(dates: rrulebase, after: datetime, count: int) -> list[datetime]:
    """Up to `count` dates of the series after `after`, none past year 9999."""
    found: list[datetime] = []
    with suppress(ValueError):  # dateutil raises when the series runs past year 9999
        for moment in dates.xafter(after, count=count):
            found.append(moment)
    return found


def _in_utc(moment: datetime) -> datetime:
    """`moment` in UTC. Indonesia is ahead of UTC: the first hours of year 1 there are in
    year 0 in UTC, which Python's dates cannot hold, so they become UTC's first moment."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC)


def _host(base_url: str) -> str:
    return base_url.split("://", 1)[-1].split("/", 1)[0] or "kampung"


FEATURE = Feature(name="calendar", village_files=village_files)
