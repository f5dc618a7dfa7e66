"""The routine row, on SQLite and PostgreSQL: what is saved is what is read back."""

from __future__ import annotations

import datetime as dt

from unbrace.core.routine import Routine
from unbrace.store import profile_repo, routine_repo
from unbrace.store.db import Store

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def test_a_routine_round_trips(store: Store) -> None:
    routine = Routine(
        timezone="Europe/Lisbon",
        anchor_time=dt.time(6, 45),
        anchor="making my morning coffee",
        minutes=7,
        work_days=frozenset({0, 2, 4}),
        reset_every=45,
        quiet_start=None,
        quiet_end=None,
        downshift=dt.time(18, 30),
        intention="kind to my back",
    )
    with store.transaction() as db:
        profile = profile_repo.create_profile(db, name="Maria")
        assert routine_repo.get_routine(db, profile=profile) is None
        routine_repo.save_routine(db, profile=profile, routine=routine, now=NOW)
        assert routine_repo.get_routine(db, profile=profile) == routine
        changed = Routine(timezone="UTC", quiet_start=dt.time(23, 0), quiet_end=dt.time(6, 0))
        routine_repo.save_routine(db, profile=profile, routine=changed, now=NOW)
        assert routine_repo.get_routine(db, profile=profile) == changed
