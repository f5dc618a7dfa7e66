"""`unbrace demo`: made-up records only for a profile without its own (unless forced)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.usecases.conftest import TODAY, World
from unbrace.core.errors import UnbraceError
from unbrace.usecases import checkins, demo, sessions


def add(world: World, *, days: int = 14, force: bool = False) -> demo.Added:
    return demo.add_demo(
        world.db, profile=world.profile, days=days, seed=3, end=TODAY, tz=dt.UTC, force=force
    )


def test_demo_data_fills_an_empty_profile_once(world: World) -> None:
    added = add(world)
    assert added.checkins == len(checkins.list_checkins(world.db, profile=world.profile)) > 0
    assert added.sessions == len(sessions.list_sessions(world.db, profile=world.profile)) > 0
    with pytest.raises(UnbraceError, match="already has records"):
        add(world)
    again = add(world, force=True)
    assert again.checkins == 0  # a day that has a check-in keeps it


@pytest.mark.parametrize(("days", "seed"), [(6, 1), (3651, 1), (30, -1), (30, 2**32)])
def test_sizes_out_of_range_are_refused_first(days: int, seed: int) -> None:
    with pytest.raises(UnbraceError, match=r"--days|--seed"):
        demo.check_size(days=days, seed=seed)
