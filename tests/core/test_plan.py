"""Today's plan: suggestions by time of day and flares, the week, and the streak."""

from __future__ import annotations

import datetime as dt

import pytest

from unbrace.core.plan import Suggestion, streak, suggest, week_days
from unbrace.core.practices import Library, Personal, load_library

WEDNESDAY = dt.date(2026, 3, 18)
SATURDAY = dt.date(2026, 3, 21)
NO_ONE = Personal()


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def ids(suggestions: list[Suggestion]) -> list[str]:
    return [item.practice_id for item in suggestions]


@pytest.mark.parametrize(
    ("day", "hour", "expected"),
    [
        (WEDNESDAY, 7, ["body-scan", "movement-rehearsal", "everyday-imagery"]),
        (
            WEDNESDAY,
            10,
            ["body-scan", "movement-rehearsal", "posture-reset", "everyday-imagery"],
        ),
        (WEDNESDAY, 11, ["movement-rehearsal", "posture-reset", "everyday-imagery"]),
        (WEDNESDAY, 14, ["movement-rehearsal", "posture-reset", "everyday-imagery"]),
        (
            WEDNESDAY,
            17,
            ["movement-rehearsal", "posture-reset", "downshift", "everyday-imagery"],
        ),
        (WEDNESDAY, 18, ["movement-rehearsal", "downshift", "everyday-imagery"]),
        (WEDNESDAY, 21, ["movement-rehearsal", "downshift", "everyday-imagery"]),
        (SATURDAY, 7, ["body-scan", "movement-rehearsal", "everyday-imagery"]),
        (SATURDAY, 14, ["movement-rehearsal", "everyday-imagery"]),
        (SATURDAY, 20, ["movement-rehearsal", "downshift", "everyday-imagery"]),
    ],
)
def test_suggestions_follow_the_time_of_day(
    library: Library, day: dt.date, hour: int, expected: list[str]
) -> None:
    got = suggest(library, at=at(day, hour), personal=NO_ONE, flare=False)
    assert ids(got) == expected


def test_morning_and_afternoon_differ_on_a_weekday(library: Library) -> None:
    morning = ids(suggest(library, at=at(WEDNESDAY, 8), personal=NO_ONE, flare=False))
    afternoon = ids(suggest(library, at=at(WEDNESDAY, 15), personal=NO_ONE, flare=False))
    assert morning[0] == "body-scan" and "body-scan" not in afternoon
    assert "posture-reset" in afternoon and "posture-reset" not in morning


def test_ordinary_days_use_default_minutes_and_titles(library: Library) -> None:
    for item in suggest(library, at=at(WEDNESDAY, 10), personal=NO_ONE, flare=False):
        practice = library.get(item.practice_id)
        assert item.minutes == practice.default_minutes
        assert item.title == practice.title
        assert item.reason
        assert not item.done_today


@pytest.mark.parametrize("hour", [6, 10, 14, 19, 23])
@pytest.mark.parametrize("day", [WEDNESDAY, SATURDAY])
def test_flare_day_suggests_gentle_short_practices(
    library: Library, day: dt.date, hour: int
) -> None:
    got = suggest(library, at=at(day, hour), personal=NO_ONE, flare=True)
    assert ids(got) == ["breath-anchor", "movement-rehearsal", "downshift"]
    for item in got:
        practice = library.get(item.practice_id)
        assert "flare-friendly" in practice.tags
        assert item.minutes == practice.flare_minutes
        assert item.minutes <= practice.default_minutes
    assert got[0].reason.startswith("A flare day")


def test_reasons_use_the_persons_movement_and_anchor(library: Library) -> None:
    personal = Personal(movement="getting into the car", anchor="the school run")
    got = suggest(library, at=at(WEDNESDAY, 14), personal=personal, flare=False)
    rehearsal = next(item for item in got if item.practice_id == "movement-rehearsal")
    assert rehearsal.reason == (
        "Rehearse getting into the car; a good one to do after the school run."
    )


def test_reasons_have_gentle_defaults(library: Library) -> None:
    got = suggest(library, at=at(WEDNESDAY, 14), personal=NO_ONE, flare=False)
    rehearsal = next(item for item in got if item.practice_id == "movement-rehearsal")
    assert rehearsal.reason == (
        "Rehearse the movement you want back; a good one to do at the same time each day."
    )


def test_done_today_goes_last_keeping_order(library: Library) -> None:
    got = suggest(
        library,
        at=at(WEDNESDAY, 10),
        personal=NO_ONE,
        flare=False,
        done_today=["posture-reset", "body-scan"],
    )
    assert ids(got) == ["movement-rehearsal", "everyday-imagery", "body-scan", "posture-reset"]
    assert [item.done_today for item in got] == [False, False, True, True]


def test_done_today_unrelated_ids_are_ignored(library: Library) -> None:
    got = suggest(
        library,
        at=at(WEDNESDAY, 14),
        personal=NO_ONE,
        flare=True,
        done_today={"spine-stacking", "breath-anchor"},
    )
    assert ids(got) == ["movement-rehearsal", "downshift", "breath-anchor"]
    assert got[-1].done_today


@pytest.mark.parametrize("flare", [False, True])
@pytest.mark.parametrize("day", [WEDNESDAY, SATURDAY])
def test_at_most_four_distinct_suggestions_at_any_hour(
    library: Library, day: dt.date, flare: bool
) -> None:
    for hour in range(24):
        got = suggest(library, at=at(day, hour, 30), personal=NO_ONE, flare=flare)
        assert 1 <= len(got) <= 4
        assert len(set(ids(got))) == len(got)
        assert all(item.practice_id in library.practices for item in got)


def test_missing_practices_are_left_out() -> None:
    full = load_library()
    partial = Library()
    partial.add(full.get("everyday-imagery"), "builtin")
    got = suggest(partial, at=at(WEDNESDAY, 10), personal=NO_ONE, flare=False)
    assert ids(got) == ["everyday-imagery"]
    assert suggest(Library(), at=at(WEDNESDAY, 10), personal=NO_ONE, flare=True) == []


@pytest.mark.parametrize("offset", range(7))
def test_week_days_monday_to_sunday(offset: int) -> None:
    monday = dt.date(2026, 3, 16)
    day = monday + dt.timedelta(days=offset)
    week = week_days(day)
    assert week == [monday + dt.timedelta(days=index) for index in range(7)]
    assert [item.weekday() for item in week] == list(range(7))
    assert day in week


def test_week_days_across_a_year_end() -> None:
    week = week_days(dt.date(2026, 1, 1))
    assert week[0] == dt.date(2025, 12, 29)
    assert week[-1] == dt.date(2026, 1, 4)


def days_ago(*offsets: int) -> set[dt.date]:
    return {WEDNESDAY - dt.timedelta(days=offset) for offset in offsets}


@pytest.mark.parametrize(
    ("practised", "expected"),
    [
        (set(), 0),
        (days_ago(0), 1),
        (days_ago(0, 1, 2), 3),
        (days_ago(1, 2), 2),
        (days_ago(0, 1, 3, 4, 5), 2),
        (days_ago(2, 3), 0),
        (days_ago(*range(30)), 30),
        (days_ago(-1, 0), 1),
    ],
)
def test_streak_counts_days_in_a_row(practised: set[dt.date], expected: int) -> None:
    assert streak(practised, WEDNESDAY) == expected
