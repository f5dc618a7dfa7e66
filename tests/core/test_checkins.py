"""Daily check-ins: validation of every field, habits, and when a check-in is worrying."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from unbrace.core.checkins import HABITS, CheckIn, parse_habits
from unbrace.core.errors import UnbraceError

DAY = dt.date(2026, 3, 14)


def checkin(**changes: Any) -> CheckIn:
    fields: dict[str, Any] = {"date": DAY, "pain": 4, "enjoyment": 3, "activity": 5}
    fields.update(changes)
    return CheckIn(**fields)


def test_minimal_checkin_has_sensible_defaults() -> None:
    item = checkin()
    assert (item.worst, item.stress, item.sleep) == (None, None, None)
    assert item.habits == ()
    assert item.flare is False
    assert item.note == ""
    assert item.peg == 4.0


def test_full_checkin_is_accepted() -> None:
    item = checkin(
        worst=7,
        stress=2,
        sleep=9,
        habits=tuple(HABITS),
        flare=True,
        note="Walked to the shop.",
    )
    assert item.habits == tuple(HABITS)
    assert item.flare


@pytest.mark.parametrize("field", ["pain", "enjoyment", "activity"])
@pytest.mark.parametrize("value", [0, 10])
def test_required_ratings_accept_their_bounds(field: str, value: int) -> None:
    assert getattr(checkin(**{field: value}), field) == value


@pytest.mark.parametrize("field", ["pain", "enjoyment", "activity", "worst", "stress", "sleep"])
@pytest.mark.parametrize("value", [-1, 11, True])
def test_every_rating_is_checked(field: str, value: int) -> None:
    with pytest.raises(UnbraceError):
        checkin(**{field: value})


@pytest.mark.parametrize("field", ["worst", "stress", "sleep"])
@pytest.mark.parametrize("value", [None, 0, 10])
def test_optional_ratings_may_be_missing_or_in_range(field: str, value: int | None) -> None:
    assert getattr(checkin(**{field: value}), field) == value


@pytest.mark.parametrize(
    "habits", [("jogging",), ("walking", "jogging"), ("Walking",), ("walking,hydration",)]
)
def test_unknown_habit_is_rejected(habits: tuple[str, ...]) -> None:
    with pytest.raises(UnbraceError, match="Unknown habit"):
        checkin(habits=habits)


def test_unknown_habit_message_lists_the_choices() -> None:
    with pytest.raises(UnbraceError) as caught:
        checkin(habits=("jogging",))
    assert "'jogging'" in str(caught.value)
    assert all(habit in str(caught.value) for habit in HABITS)


def test_note_up_to_2000_characters() -> None:
    assert len(checkin(note="x" * 2000).note) == 2000
    with pytest.raises(UnbraceError, match="2,000 characters"):
        checkin(note="x" * 2001)


def test_peg_is_the_mean_of_the_three_items() -> None:
    assert checkin(pain=2, enjoyment=4, activity=9).peg == 5.0


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], ()),
        (["walking"], ("walking",)),
        (["sleep-routine", "movement-breaks"], ("movement-breaks", "sleep-routine")),
        (["sleep-routine,walking", "hydration"], ("walking", "hydration", "sleep-routine")),
        (["walking", "walking,walking"], ("walking",)),
        ([" seating , ,walking ", ""], ("walking", "seating")),
        ([",".join(reversed(HABITS))], tuple(HABITS)),
    ],
)
def test_parse_habits_keeps_checklist_order(values: list[str], expected: tuple[str, ...]) -> None:
    assert parse_habits(values) == expected


@pytest.mark.parametrize("values", [["jogging"], ["walking,jogging"], ["walking", "yoga"]])
def test_parse_habits_rejects_unknown(values: list[str]) -> None:
    with pytest.raises(UnbraceError, match="Unknown habit"):
        parse_habits(values)


def test_habit_checklist() -> None:
    assert list(HABITS) == [
        "movement-breaks",
        "walking",
        "hydration",
        "seating",
        "sleep-routine",
    ]
    assert all(label for label in HABITS.values())


@pytest.mark.parametrize(
    ("pain", "worst", "expected"),
    [
        (0, None, False),
        (7, None, False),
        (7, 7, False),
        (8, None, True),
        (10, None, True),
        (3, 8, True),
        (8, 8, True),
        (0, 10, True),
    ],
)
def test_worrying_at_pain_or_worst_eight(pain: int, worst: int | None, expected: bool) -> None:
    assert checkin(pain=pain, worst=worst).worrying is expected


def test_flare_alone_is_not_worrying_here() -> None:
    # New flares are spotted by the store (it compares with the previous check-in).
    assert checkin(pain=2, flare=True).worrying is False
