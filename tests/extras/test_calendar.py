"""Calendars: the village feed and each event's .ics parse, in the village's time zone,
and the monthly posyandu expands to the second Tuesday of every month."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar
from sitekit import write

from extras.conftest import soup_of
from kampung.extras.calendar import event_component, rrule
from kampung.model import Page

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


def test_calendar_is_stamped_with_the_build_time_and_nothing_else_moves(
        extras_site: Path, tmp_path: Path) -> None:
    """DTSTAMP is when the file was made (`--now`); a later build changes only that, so an
    unchanged event keeps its SEQUENCE and the rest of its bytes."""
    from kampung.build import build

    build(extras_site, tmp_path / "later", now=datetime(2026, 12, 20, 9, 0))
    for rel in ("sukamaju/agenda.ics", "sukamaju/agenda/posyandu/posyandu.ics"):
        now, later = (calendar(root / rel) for root in (extras_site / "output", tmp_path / "later"))
        assert {e["DTSTAMP"].dt for e in now.walk("VEVENT")} == \
            {datetime(2026, 11, 28, 2, 0, tzinfo=UTC)}  # 09.00 WIB
        assert {e["DTSTAMP"].dt for e in later.walk("VEVENT")} == \
            {datetime(2026, 12, 20, 2, 0, tzinfo=UTC)}
        assert unstamped(extras_site / "output" / rel) == unstamped(tmp_path / "later" / rel)


def unstamped(path: Path) -> list[bytes]:
    """The calendar's lines without those that say when it was made."""
    return [line for line in path.read_bytes().splitlines()
            if not line.startswith((b"DTSTAMP", b"LAST-MODIFIED"))]


def test_no_event_is_stamped_after_the_build_or_modified_after_its_stamp(out: Path) -> None:
    for path in sorted(out.rglob("*.ics")):
        for event in calendar(path).walk("VEVENT"):
            stamp = event["DTSTAMP"].dt
            assert stamp == datetime(2026, 11, 28, 2, 0, tzinfo=UTC), path
            assert event["LAST-MODIFIED"].dt <= stamp
            assert event["DTEND"].dt >= event["DTSTART"].dt
            assert isinstance(event["SEQUENCE"], int)


def test_changing_an_event_and_its_date_raises_its_sequence(out: Path) -> None:
    """Calendar apps keep the copy with the higher SEQUENCE: a volunteer who moves the
    musyawarah and sets `diperbarui` gets the new time onto residents' phones."""
    event = next(iter(calendar(out / "sukamaju/agenda/musdes/musdes.ics").walk("VEVENT")))
    assert event["LAST-MODIFIED"].dt == datetime(2026, 11, 19, 17, 0, tzinfo=UTC)  # 20th WIB
    base = Page("agenda", "musdes", "id", "sukamaju/agenda/musdes.md",
                {"judul": "Musdes", "mulai": datetime(2026, 12, 5, 19), "lokasi": "Balai",
                 "diperbarui": date(2026, 11, 20)}, "", 1)
    moved = Page(**{**vars(base), "data": {**base.data, "mulai": datetime(2026, 12, 6, 19),
                                            "diperbarui": date(2026, 11, 27)}})
    stamp = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    first, second = (event_component(p, "sukamaju", "https://uji.example.id/sukamaju/",
                                     JAKARTA, stamp) for p in (base, moved))
    assert second["SEQUENCE"] > first["SEQUENCE"] == event["SEQUENCE"]
    assert second["LAST-MODIFIED"].dt > first["LAST-MODIFIED"].dt


@pytest.mark.parametrize("lang", ["id", "en"])
def test_check_refuses_an_event_that_ends_before_it_starts(site: Path, lang: str) -> None:
    write(site, "content/sukamaju/agenda/rapat.md", "---\njudul: Rapat\nmulai: 2026-12-05 19:00"
          "\nselesai: 2026-12-05 17:00\nlokasi: Balai Desa\n---\nRapat.\n")
    done = subprocess.run([sys.executable, "-m", "kampung", "check", "--site", str(site),
                           "--lang", lang], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "sukamaju/agenda/rapat.md:4" in done.stderr
    assert ("sebelum mulai" if lang == "id" else "before it starts") in done.stderr
    assert "2027-01-01 01:00" in done.stderr  # the hint shows an event past midnight
