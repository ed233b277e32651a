"""Calendars at the edges: dates a volunteer mistypes by thousands of years still build a
valid calendar, a ronda recorded as starting in year 1 costs no time, and a `--now` no
one means is refused before anything is read."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar
from sitekit import write

from kampung.build import build, build_now
from kampung.extras.calendar import ZONES, event_component, event_times, next_dates
from kampung.model import Page

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 11, 28, 9, 0)
STAMP = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
BASE = "https://uji.example.id/sukamaju/"


def event(**data: Any) -> Page:
    return Page("agenda", "uji", "id", "sukamaju/agenda/uji.md",
                {"judul": "Uji", "lokasi": "Balai Desa", **data}, "", 1)


def test_an_evening_event_on_the_last_day_of_9999_ends_at_its_last_second() -> None:
    start, end = event_times({"mulai": datetime(9999, 12, 31, 23, 30)}, JAKARTA)
    assert start == datetime(9999, 12, 31, 23, 30, tzinfo=JAKARTA)
    assert end == datetime(9999, 12, 31, 23, 59, 59, tzinfo=JAKARTA)
    assert event_times({"mulai": datetime(2026, 12, 5, 19)}, JAKARTA)[1] == \
        datetime(2026, 12, 5, 20, tzinfo=JAKARTA)  # an hour, as always


def test_an_all_day_event_ending_on_the_last_day_of_9999_ends_that_day() -> None:
    assert event_times({"mulai": date.max}, JAKARTA) == (date.max, date.max)
    assert event_times({"mulai": date(9999, 12, 30), "selesai": date.max}, JAKARTA) == \
        (date(9999, 12, 30), date.max)


def test_an_event_updated_in_year_1_is_modified_at_the_first_moment_utc_has() -> None:
    component = event_component(event(mulai=date(2026, 12, 5), diperbarui=date(1, 1, 1)),
                                "sukamaju", BASE, JAKARTA, STAMP)
    assert component["LAST-MODIFIED"].dt == datetime(1, 1, 1, tzinfo=UTC)
    assert component["SEQUENCE"] == 0


def test_an_event_updated_before_2000_never_has_a_negative_sequence() -> None:
    component = event_component(event(mulai=date(2026, 12, 5), diperbarui=date(1999, 12, 31)),
                                "sukamaju", BASE, JAKARTA, STAMP)
    assert component["SEQUENCE"] == 0


def test_a_weekly_event_in_the_last_week_of_9999_has_one_date_and_no_more() -> None:
    data = {"mulai": datetime(9999, 12, 25, 8), "berulang": {"frekuensi": "mingguan"}}
    assert next_dates(data, "WIB", NOW) == [datetime(9999, 12, 25, 8)]
    yearly = {"mulai": date(9998, 6, 1), "berulang": {"frekuensi": "tahunan"}}
    assert next_dates(yearly, "WIT", NOW) == [datetime(9998, 6, 1), datetime(9999, 6, 1)]


def test_a_ronda_recorded_as_starting_in_year_1_gives_its_next_dates_at_once() -> None:
    """1 January of year 1 was a Monday: the next ones after Saturday 28 November 2026.
    Walking the rule from year 1 took 2 s a call, and a build makes several calls."""
    data = {"mulai": datetime(1, 1, 1, 8), "berulang": {"frekuensi": "mingguan"}}
    began = time.perf_counter()
    found = next_dates(data, "WIB", NOW)
    assert time.perf_counter() - began < 0.25
    assert found == [datetime(2026, 11, 30, 8), datetime(2026, 12, 7, 8),
                     datetime(2026, 12, 14, 8)]
    monthly = {"mulai": datetime(1, 1, 1, 8),
               "berulang": {"frekuensi": "bulanan", "hari": "selasa", "minggu_ke": 2}}
    assert next_dates(monthly, "WIB", NOW, 2) == [datetime(2026, 12, 8, 8),
                                                   datetime(2027, 1, 12, 8)]


RULES = [
    ("WIB", datetime(2019, 3, 1, 19, 30), {"frekuensi": "mingguan", "hari": "jumat"}),
    ("WITA", datetime(2001, 7, 3, 21), {"frekuensi": "mingguan"}),
    ("WIB", datetime(1999, 1, 12, 8), {"frekuensi": "bulanan", "hari": "selasa",
                                       "minggu_ke": 2}),
    ("WIT", datetime(2010, 5, 31, 16), {"frekuensi": "bulanan", "hari": "senin",
                                        "minggu_ke": -1}),
    ("WIB", datetime(2003, 1, 31, 9), {"frekuensi": "bulanan"}),
    ("WIB", datetime(2015, 6, 6, 7), {"frekuensi": "bulanan", "sampai": date(2027, 3, 31)}),
    ("WIB", datetime(1996, 2, 29, 10), {"frekuensi": "tahunan"}),
    ("WIB", datetime(1945, 8, 17, 10), {"frekuensi": "tahunan"}),
    ("WITA", date(2012, 11, 30), {"frekuensi": "tahunan"}),
]


@pytest.mark.parametrize(("zona", "start", "rule"), RULES)
def test_a_series_begun_years_ago_gives_the_dates_a_calendar_app_shows(
        zona: str, start: date, rule: dict[str, Any]) -> None:
    data = {"mulai": start, "berulang": rule}
    assert next_dates(data, zona, NOW, 5) == shown_by_calendar_app(data, zona, NOW, 5)


def shown_by_calendar_app(data: dict[str, Any], zona: str, after: datetime,
                          count: int) -> list[datetime]:
    """The next `count` starts after `after` as recurring-ical-events reads our VEVENT."""
    tz = ZoneInfo(ZONES[zona])
    feed = Calendar()
    feed.add_component(event_component(event(**data), "sukamaju", BASE, tz, STAMP))
    moment = after.replace(tzinfo=tz)
    found = recurring_ical_events.of(feed).between(moment, moment + timedelta(days=25 * 366))
    starts = sorted(local(e["DTSTART"].dt, tz) for e in found)
    return [s for s in starts if s > after][:count]


def local(moment: date, tz: ZoneInfo) -> datetime:
    if isinstance(moment, datetime):
        return moment.astimezone(tz).replace(tzinfo=None)
    return datetime.combine(moment, datetime.min.time())


EDGES = {
    "akhir-zaman": "mulai: 9999-12-31 23:30",
    "hari-terakhir": "mulai: 9999-12-31",
    "lama-sekali": "mulai: 2026-12-05\ndiperbarui: 0001-01-01",
    "mingguan-terakhir": "mulai: 9999-12-25 08:00\nberulang: {frekuensi: mingguan}",
    "ronda-tahun-1": "mulai: 0001-01-01 08:00\nberulang: {frekuensi: mingguan}",
}


@pytest.mark.parametrize(("now", "stamp"), [
    (NOW, STAMP),
    (datetime(1, 1, 1), datetime(1, 1, 1, tzinfo=UTC)),  # 7 hours earlier in UTC is year 0
    (datetime(9999, 12, 31, 23, 59), datetime(9999, 12, 31, 16, 59, tzinfo=UTC))])
def test_a_village_with_events_at_the_ends_of_time_still_gets_its_calendar(
        site: Path, tmp_path: Path, now: datetime, stamp: datetime) -> None:
    """`kampung build` refuses such a `--now`, the preview and a test may still pass one."""
    for slug, front in EDGES.items():
        write(site, f"content/sukamaju/agenda/{slug}.md",
              f"---\njudul: {slug}\nlokasi: Balai Desa\n{front}\n---\nIsi.\n")
    build(site, tmp_path / "out", now=now)
    feed = Calendar.from_ical((tmp_path / "out/sukamaju/agenda.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    assert set(events) == set(EDGES)
    assert all(e["DTEND"].dt >= e["DTSTART"].dt for e in events.values())
    assert {e["DTSTAMP"].dt for e in events.values()} == {stamp}
    page = (tmp_path / "out/sukamaju/agenda/ronda-tahun-1/index.html").read_text("utf-8")
    assert ("30 November 2026" in page) is (now == NOW)


REFUSED = {"id": 'Nilai --now "{}" bukan tanggal antara tahun 1970 dan 2999.',
           "en": 'The --now value "{}" is not a date in the years 1970 to 2999.'}


@pytest.mark.parametrize(("command", "lang", "value"), [
    ("build", "id", "0001-01-01"), ("build", "en", "9999-12-31"), ("build", "id", "3000-01-01"),
    ("build", "en", "28-11-2026"), ("build", "id", "0001-01-01T00:00+09:00"),
    ("check", "id", "kemarin"), ("posters", "en", "0001-01-01"), ("serve", "id", "9999-12-31")])
def test_every_command_refuses_a_now_no_one_means_and_writes_nothing(
        site: Path, command: str, lang: str, value: str) -> None:
    done = subprocess.run([sys.executable, "-m", "kampung", command, "--site", str(site),
                           "--lang", lang, "--now", value],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert REFUSED[lang].format(value) in done.stderr
    assert "--now 2026-11-28" in done.stderr  # the hint shows one to copy
    assert "Traceback" not in done.stderr
    assert not (site / "output").exists()


def test_a_now_with_a_utc_offset_is_that_moment_in_wib() -> None:
    assert build_now("2026-11-28T02:00Z") == datetime(2026, 11, 28, 9, 0)
    assert build_now("2026-11-28T10:00+08:00") == datetime(2026, 11, 28, 9, 0)
    assert build_now("2026-11-28 09:00") == datetime(2026, 11, 28, 9, 0)
