"""Today's plan: a flare day's check-in turns it gentle, practice this week is what counts
(`core/counting.py`), an open warning sign is carried to the page."""

from __future__ import annotations

import datetime as dt

from tests.usecases.conftest import NOW, TODAY, World
from unbrace.usecases.today import today_plan

MORNING = dt.datetime.combine(TODAY, dt.time(8, 0)).astimezone()


def test_a_flare_day_makes_today_gentle(world: World) -> None:
    calm = today_plan(world.db, profile=world.profile, library=world.library, day=TODAY, at=MORNING)
    assert not calm.flare and calm.last_checkin is None
    world.checkin(flare=True)
    gentle = today_plan(
        world.db, profile=world.profile, library=world.library, day=TODAY, at=MORNING
    )
    assert gentle.flare and gentle.last_checkin is not None and gentle.last_checkin.flare
    assert gentle.suggestions != calm.suggestions


def test_the_week_counts_only_practice_that_counts(world: World) -> None:
    world.screen(at=NOW)
    world.practise(seconds=10, at=NOW + dt.timedelta(minutes=1))
    short = today_plan(
        world.db, profile=world.profile, library=world.library, day=TODAY, at=MORNING
    )
    assert short.days_practised == 0 and short.week_seconds == 0
    world.practise(seconds=45, at=NOW + dt.timedelta(minutes=5))
    counted = today_plan(
        world.db, profile=world.profile, library=world.library, day=TODAY, at=MORNING
    )
    assert counted.days_practised == 1 and counted.week_seconds == 45


def test_an_open_warning_sign_is_on_today(world: World) -> None:
    world.screen("night-pain")
    plan = today_plan(world.db, profile=world.profile, library=world.library, day=TODAY, at=MORNING)
    assert plan.safety_reminder
