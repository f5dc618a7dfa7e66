"""The morning nudge: practice only on flare days lately gets a kind word; sessions count as
practice by the counting rule (`core/counting.py`)."""

from __future__ import annotations

import datetime as dt

from tests.usecases.conftest import NOW, TODAY, World
from unbrace.usecases import routines


def test_only_flare_day_practice_gets_the_nudge(world: World) -> None:
    world.checkin(flare=True)
    world.screen(at=NOW + dt.timedelta(minutes=1))
    world.practise(seconds=45, at=NOW + dt.timedelta(minutes=2))
    nudge = routines.morning_nudge(world.db, profile=world.profile, today=TODAY)
    assert nudge.text and "flare" in nudge.reasons[0]


def test_a_session_too_short_to_count_is_no_practice(world: World) -> None:
    world.checkin(flare=True)
    world.screen(at=NOW + dt.timedelta(minutes=1))
    world.practise(seconds=10, at=NOW + dt.timedelta(minutes=2))
    assert not routines.morning_nudge(world.db, profile=world.profile, today=TODAY).text
