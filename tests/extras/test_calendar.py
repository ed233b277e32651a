"""Calendars: the village feed and each event's .ics parse, in the village's time zone,
and the monthly posyandu expands to the second Tuesday of every month."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from extras.conftest import soup_of
from kampung.extras.calendar import rrule

JAKARTA = ZoneInfo("Asia/Jakarta")
SECOND_TUESDAYS = [date(2026, m, d) for m, d in [(1, 13), (2, 10), (3, 10), (4, 14), (5, 12),
                                                (6, 9), (7, 14), (8, 11), (9, 8), (10, 13),
                                                (11, 10), (12, 8)]]


def calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_posyandu_repeats_on_the_second_tuesday_until_the_end_of_2026(out: Path) -> None:
    feed = calendar(out / "sukamaju/agenda.ics")
    found = recurring_ical_events.of(feed).between(date(2026, 1, 1), date(2027, 6, 1))
    posyandu = sorted(e["DTSTART"].dt for e in found if str(e["SUMMARY"]) == "Posyandu Balita")
    assert [d.date() for d in posyandu] == SECOND_TUESDAYS
    assert all((d.hour, d.minute, d.utcoffset().total_seconds()) == (8, 0, 7 * 3600)
               for d in posyandu)


def test_feed_has_every_event_with_place_link_and_time_zone(out: Path) -> None:
    feed = calendar(out / "sukamaju/agenda.ics")
    events = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    assert set(events) == {"Posyandu Balita", "Musyawarah Desa RKPDes 2027"}
    musdes = events["Musyawarah Desa RKPDes 2027"]
    assert musdes["DTSTART"].dt == datetime(2026, 12, 5, 19, 0, tzinfo=JAKARTA)
    assert musdes["DTEND"].dt == datetime(2026, 12, 5, 22, 0, tzinfo=JAKARTA)
    assert str(musdes["LOCATION"]) == "Balai Desa"
    assert str(musdes["URL"]) == "https://uji.example.id/sukamaju/agenda/musdes/"
    assert [str(z["TZID"]) for z in feed.walk("VTIMEZONE")] == ["Asia/Jakarta"]


def test_wita_village_writes_makassar_time(out: Path) -> None:
    feed = calendar(out / "sumberrejo/agenda.ics")
    ronda = next(iter(feed.walk("VEVENT")))
    assert ronda["DTSTART"].dt.tzinfo.key == "Asia/Makassar"
    assert ronda["DTSTART"].dt.utcoffset().total_seconds() == 8 * 3600
    weekly = recurring_ical_events.of(feed).between(date(2026, 12, 1), date(2026, 12, 31))
    assert [e["DTSTART"].dt.day for e in weekly] == [1, 8, 15, 22, 29]


def test_each_event_page_links_its_own_ics(out: Path) -> None:
    link = soup_of(out, "sukamaju/agenda/musdes/index.html").select_one('a[href$=".ics"]')
    assert link["href"] == "musdes.ics"
    single = calendar(out / "sukamaju/agenda/musdes/musdes.ics")
    assert [str(e["SUMMARY"]) for e in single.walk("VEVENT")] == ["Musyawarah Desa RKPDes 2027"]


def test_agenda_list_offers_download_and_subscription(out: Path) -> None:
    soup = soup_of(out, "sukamaju/agenda/index.html")
    hrefs = [a["href"] for a in soup.select("a")]
    assert "../agenda.ics" in hrefs
    assert "webcal://uji.example.id/sukamaju/agenda.ics" in hrefs


def test_rules_for_weekly_last_week_and_yearly_events() -> None:
    assert rrule({"frekuensi": "mingguan", "hari": "jumat"}, JAKARTA) == \
        {"freq": "WEEKLY", "byday": "FR"}
    assert rrule({"frekuensi": "bulanan", "hari": "senin", "minggu_ke": -1}, JAKARTA) == \
        {"freq": "MONTHLY", "byday": "-1MO"}
    until = rrule({"frekuensi": "tahunan", "sampai": date(2030, 8, 17)}, JAKARTA)["until"]
    assert until.isoformat() == "2030-08-17T16:59:59+00:00"


def test_calendar_bytes_do_not_depend_on_the_build_clock(extras_site: Path, tmp_path: Path) -> None:
    from kampung.build import build

    build(extras_site, tmp_path / "later", now=datetime(2026, 12, 20, 9, 0))
    for rel in ("sukamaju/agenda.ics", "sukamaju/agenda/posyandu/posyandu.ics"):
        later = (tmp_path / "later" / rel).read_bytes()
        assert later == (extras_site / "output" / rel).read_bytes()
