"""The calendar file expands to exactly the expected times, and reads cleanly elsewhere."""

from __future__ import annotations

import datetime as dt
import warnings

import icalendar
import recurring_ical_events

from unbrace.core.routine import Routine, parse_days, reminders_on, updated
from unbrace.remind.calendar import build_calendar

LONDON = "Europe/London"


def expand(ics: bytes, start: dt.date, end: dt.date) -> list[dt.datetime]:
    calendar = icalendar.Calendar.from_ical(ics)
    events = recurring_ical_events.of(calendar).between(start, end)
    return sorted(event["DTSTART"].dt for event in events)


def expected(routine: Routine, start: dt.date, days: int) -> list[dt.datetime]:
    return [
        reminder.at
        for offset in range(days)
        for reminder in reminders_on(routine, start + dt.timedelta(days=offset))
    ]


def test_a_week_expands_to_exactly_the_routine() -> None:
    routine = updated(
        Routine(timezone=LONDON),
        downshift=dt.time(21, 30),
        work_days=parse_days("mon,tue,thu"),
        reset_every=90,
    )
    monday = dt.date(2026, 11, 23)
    ics = build_calendar(routine, profile="Maria", start=monday)
    times = expand(ics, monday, monday + dt.timedelta(days=7))
    assert times == expected(routine, monday, 7)
    assert not any(t.weekday() in {2, 4, 5, 6} and t.hour not in {7, 21} for t in times)
    assert all(7 <= t.astimezone(routine.zone).hour < 22 for t in times)  # quiet 22:00-07:00


def test_quiet_hours_remove_events() -> None:
    routine = updated(
        Routine(timezone=LONDON),
        quiet_start=dt.time(12),
        quiet_end=dt.time(14),
        downshift=dt.time(22, 30),
    )
    monday = dt.date(2026, 11, 23)
    times = expand(
        build_calendar(routine, profile="M", start=monday), monday, monday + dt.timedelta(days=1)
    )
    hours = [t.hour for t in times]
    assert 12 not in hours and 13 not in hours and 22 in hours


def test_across_the_daylight_saving_change() -> None:
    routine = Routine(timezone=LONDON)
    start = dt.date(2026, 3, 23)
    ics = build_calendar(routine, profile="M", start=start)
    times = expand(ics, dt.date(2026, 3, 26), dt.date(2026, 4, 2))
    assert times == expected(routine, dt.date(2026, 3, 26), 7)
    anchors = [t for t in times if t.astimezone(routine.zone).hour == 7]
    assert {t.astimezone(routine.zone).strftime("%H:%M") for t in anchors} == {"07:30"}
    assert len(anchors) == 7 and len(set(times)) == len(times)


def test_alarms_and_descriptions() -> None:
    routine = Routine(timezone=LONDON, intention="After I make my coffee, I will rehearse.")
    calendar = icalendar.Calendar.from_ical(
        build_calendar(routine, profile="M", start=dt.date(2026, 11, 23))
    )
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1 + 7
    for event in events:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
        assert str(event["DESCRIPTION"])
        assert event["DTSTART"].params["TZID"] == LONDON
    anchor = next(e for e in events if "Practice" in str(e["SUMMARY"]))
    assert "After I make my coffee" in str(anchor["DESCRIPTION"])
    assert list(calendar.walk("VTIMEZONE"))


def test_a_second_parser_reads_it_without_warnings() -> None:
    import vobject

    ics = build_calendar(
        Routine(timezone=LONDON, downshift=dt.time(21)), profile="M", start=dt.date(2026, 11, 23)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parsed = vobject.readOne(ics.decode())
    assert len(parsed.vevent_list) == 1 + 7 + 1
    first = parsed.vevent_list[0]
    assert first.rruleset is not None
    occurrences = list(first.rruleset)[:3]
    assert len(occurrences) == 3
