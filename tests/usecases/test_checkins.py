"""The check-in every edge saves through: one per day, never for a day to come, a replacement
only when asked for, starting from the saved answers."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.usecases.conftest import NOW, TODAY, World
from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.usecases import checkins


def entry(day: dt.date = TODAY, pain: int = 4, **more: object) -> CheckIn:
    return CheckIn(date=day, pain=pain, enjoyment=3, activity=5, **more)  # type: ignore[arg-type]


def save(world: World, checkin: CheckIn, *, replace: bool = False) -> checkins.Saved:
    return checkins.check_in(
        world.db, profile=world.profile, checkin=checkin, replace=replace, now=NOW, today=TODAY
    )


def test_a_day_to_come_is_refused_before_anything_is_stored(world: World) -> None:
    with pytest.raises(UnbraceError, match="has not come yet"):
        save(world, entry(TODAY + dt.timedelta(days=1)))
    with pytest.raises(UnbraceError, match="has not come yet"):
        checkins.check_day(TODAY + dt.timedelta(days=1), today=TODAY)
    assert checkins.list_checkins(world.db, profile=world.profile) == []


def test_one_check_in_a_day_replaced_only_when_asked(world: World) -> None:
    first = save(world, entry(pain=4))
    assert not first.replaced
    with pytest.raises(checkins.DayTaken, match="already a check-in for 2026-12-03"):
        save(world, entry(pain=7))
    again = save(world, entry(pain=7, flare=True), replace=True)
    assert again.replaced and again.record.pain == 7 and again.record.flare
    assert len(checkins.list_checkins(world.db, profile=world.profile)) == 1


def test_a_replacement_starts_from_the_saved_answers(world: World) -> None:
    assert checkins.saved_answers(world.db, profile=world.profile, day=TODAY) is None
    save(world, entry(pain=6, habits=("walking",), note="long walk", sleep=8))
    saved = checkins.saved_answers(world.db, profile=world.profile, day=TODAY)
    assert saved is not None
    assert (saved.pain, saved.sleep, saved.habits, saved.note) == (6, 8, ("walking",), "long walk")
    assert saved.form_values()["habits"] == ["walking"]
    assert saved.as_checkin(TODAY) == entry(pain=6, habits=("walking",), note="long walk", sleep=8)


@pytest.mark.parametrize(
    ("answers", "due"),
    [
        ({"pain": 8}, "worrying_checkin"),
        ({"pain": 3, "flare": True}, "worrying_checkin"),
        ({"pain": 5}, None),
    ],
)
def test_a_hard_day_calls_for_the_warning_sign_questions_again(
    world: World, answers: dict[str, object], due: str | None
) -> None:
    """The re-screen trigger every edge asks after saving (pain of 8 or more, a new flare)."""
    from unbrace.usecases.safety import screen_due

    later = NOW + dt.timedelta(hours=1)
    checkins.check_in(
        world.db,
        profile=world.profile,
        checkin=entry(**answers),  # type: ignore[arg-type]
        replace=False,
        now=later,
        today=TODAY,
    )
    assert screen_due(world.db, profile=world.profile, now=later, today=TODAY) == due
