"""The sample villages' calendars, read by icalendar and expanded by recurring-ical-events
as a phone's calendar app would: stamped with the build time, never ending before they
start, every recurring event expanding to dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

pytestmark = pytest.mark.slow  # builds the sample portal (once per run)
BUILT = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # tests/conftest.py NOW, 09.00 WIB


def test_every_sample_event_is_stamped_at_the_build_and_ends_after_it_starts(
        sample_output: Path) -> None:
    files = sorted(sample_output.rglob("*.ics"))
    events = [(path, e) for path in files for e in Calendar.from_ical(
        path.read_bytes()).walk("VEVENT")]
    assert len(files) > 10 and len(events) >= 12  # each event twice: its own file, the feed
    for path, event in events:
        assert event["DTSTAMP"].dt == BUILT, path
        assert event["LAST-MODIFIED"].dt <= BUILT, path
        assert event["DTEND"].dt >= event["DTSTART"].dt, path
        assert event["SEQUENCE"] >= 0


def test_every_village_feed_expands_its_events_over_a_year(sample_output: Path) -> None:
    for feed in sorted(sample_output.glob("*/agenda.ics")):
        calendar = Calendar.from_ical(feed.read_bytes())
        titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
        found = recurring_ical_events.of(calendar).between(date(2026, 1, 1), date(2027, 12, 31))
        assert {str(e["SUMMARY"]) for e in found} == titles, feed
        posyandu = [e for e in found if "Posyandu" in str(e["SUMMARY"])]
        assert len(posyandu) >= 12, feed  # monthly, all year
