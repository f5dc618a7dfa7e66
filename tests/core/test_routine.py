from __future__ import annotations

import datetime as dt

import pytest

from unbrace.core.errors import UnbraceError
from unbrace.core.routine import (
    Kind,
    Routine,
    flare_only_nudge,
    format_days,
    in_quiet_hours,
    message_for,
    next_reminder,
    parse_days,
    parse_range,
    parse_time,
    reminders_on,
    reset_times,
    updated,
    wall_clock,
)

LONDON = "Europe/London"


def routine(**changes: object) -> Routine:
    return updated(Routine(timezone=LONDON), **changes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("07:30", dt.time(7, 30)), ("7:05", dt.time(7, 5)), ("23:59", dt.time(23, 59))],
)
def test_parse_time(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7.30", "07:60", "", "noon", "07:30pm"])
def test_bad_times(text: str) -> None:
    with pytest.raises(UnbraceError):
        parse_time(text)


def test_ranges() -> None:
    assert parse_range("09:00-17:00", what="work hours") == (dt.time(9), dt.time(17))
    assert parse_range("22:00-07:00", what="quiet hours", may_cross_midnight=True) == (
        dt.time(22),
        dt.time(7),
    )
    for bad in ("17:00-09:00", "09:00-09:00", "09:00", "09:00-10:00-11:00"):
        with pytest.raises(UnbraceError):
            parse_range(bad, what="work hours")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("sat-sun", {5, 6}),
        ("mon,wed,fri", {0, 2, 4}),
        ("Monday,Tuesday", {0, 1}),
        ("mon-tue,thu", {0, 1, 3}),
        ("none", set()),
    ],
)
def test_days(text: str, days: set[int]) -> None:
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize("text", ["fri-mon", "mon-fu", "funday", "mon-wed-fri"])
def test_bad_days(text: str) -> None:
    with pytest.raises(UnbraceError):
        parse_days(text)


def test_format_days() -> None:
    assert format_days(frozenset(range(5))) == "mon-fri"
    assert format_days(frozenset({0, 2})) == "mon,wed"
    assert format_days(frozenset()) == "none"


def test_updated_checks_the_whole_routine() -> None:
    with pytest.raises(UnbraceError):
        routine(minutes=0)
    with pytest.raises(UnbraceError):
        routine(reset_every=5)
    with pytest.raises(UnbraceError):
        routine(timezone="Mars/Olympus")
    with pytest.raises(UnbraceError):
        routine(work_start=dt.time(18), work_end=dt.time(9))
    assert routine(reset_every=0).reset_every == 0


def test_reset_times_within_work_hours() -> None:
    assert reset_times(routine()) == [dt.time(h) for h in range(10, 17)]
    assert reset_times(routine(reset_every=90, work_start=dt.time(9), work_end=dt.time(13))) == [
        dt.time(10, 30),
        dt.time(12),
    ]
    assert reset_times(routine(reset_every=0)) == []


def test_quiet_hours_cross_midnight() -> None:
    r = routine()
    assert in_quiet_hours(r, dt.time(23)) and in_quiet_hours(r, dt.time(6, 59))
    assert not in_quiet_hours(r, dt.time(7)) and not in_quiet_hours(r, dt.time(21, 59))
    day = routine(quiet_start=dt.time(12), quiet_end=dt.time(14))
    assert in_quiet_hours(day, dt.time(13)) and not in_quiet_hours(day, dt.time(14))
    assert not in_quiet_hours(routine(quiet_start=None, quiet_end=None), dt.time(3))


def test_a_week_of_reminders() -> None:
    r = routine(downshift=dt.time(21), work_days=parse_days("mon-thu"))
    monday = dt.date(2026, 11, 23)
    kinds = {
        day: [x.kind for x in reminders_on(r, monday + dt.timedelta(days=day))] for day in range(7)
    }
    assert kinds[0] == [Kind.ANCHOR] + [Kind.RESET] * 7 + [Kind.DOWNSHIFT]
    assert kinds[4] == kinds[5] == [Kind.ANCHOR, Kind.DOWNSHIFT]  # Friday off, weekend
    quiet = routine(downshift=dt.time(22, 30), anchor_time=dt.time(6, 30))
    assert reminders_on(quiet, monday)[0].kind is Kind.RESET  # anchor and downshift are quiet


def test_daylight_saving_keeps_wall_times_and_never_doubles() -> None:
    r = routine(anchor_time=dt.time(1, 30), quiet_start=None, quiet_end=None, reset_every=0)
    spring = reminders_on(r, dt.date(2026, 3, 29))  # 01:00 -> 02:00 in London
    assert [x.at.isoformat() for x in spring] == ["2026-03-29T02:30:00+01:00"]
    autumn = reminders_on(r, dt.date(2026, 10, 25))  # 01:00-02:00 happens twice
    assert [x.at.isoformat() for x in autumn] == ["2026-10-25T01:30:00+01:00"]
    morning = routine()
    before, after = (reminders_on(morning, dt.date(2026, 3, d))[0] for d in (28, 30))
    assert before.local_time == after.local_time == "07:30"
    assert before.at.utcoffset() != after.at.utcoffset()


def test_wall_clock_in_a_gap_moves_forward() -> None:
    from zoneinfo import ZoneInfo

    moment = wall_clock(dt.date(2026, 3, 29), dt.time(1, 15), ZoneInfo(LONDON))
    assert moment.isoformat() == "2026-03-29T02:15:00+01:00"


def test_next_reminder_is_strictly_after() -> None:
    r = routine()
    first = next_reminder(r, dt.datetime(2026, 11, 23, 7, 30, tzinfo=dt.UTC))
    assert first.at == dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    saturday = next_reminder(r, dt.datetime(2026, 11, 28, 8, tzinfo=dt.UTC))
    assert saturday.at.date() == dt.date(2026, 11, 29) and saturday.kind is Kind.ANCHOR


def test_messages_and_nudge() -> None:
    r = routine(anchor="making my coffee", intention="After I make my coffee, I will rehearse.")
    reminder = reminders_on(r, dt.date(2026, 11, 23))[0]
    title, body = message_for(reminder, r, flare_only_nudge(3, 0))
    assert "5 minutes" in title and body.startswith("After I make my coffee")
    assert "flare days" in body
    assert flare_only_nudge(2, 1).text == "" and flare_only_nudge(0, 0).text == ""
    default = routine(anchor="making my coffee")
    assert default.intention_or_default() == (
        "After making my coffee, I will do 5 minutes of movement rehearsal."
    )
    for kind_reminder in reminders_on(r, dt.date(2026, 11, 23))[1:3]:
        title, body = message_for(kind_reminder, r)
        assert "missed" not in body.lower() and "posture" in title.lower()
