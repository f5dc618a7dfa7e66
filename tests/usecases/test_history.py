"""Correcting a record by its id, on SQLite and PostgreSQL: checked, whole, and seen by insights."""

from __future__ import annotations

import datetime as dt

import pytest

from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.store import checkin_repo, profile_repo
from unbrace.store.db import Store
from unbrace.usecases import history as usecase
from unbrace.usecases.records import checkins_json, load_records

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def setup(store: Store) -> tuple[int, int]:
    with store.transaction() as db:
        profile = profile_repo.create_profile(db, name="Maria")
        other = profile_repo.create_profile(db, name="Tom")
        mine, _ = checkin_repo.save_checkin(
            db,
            profile=profile,
            checkin=CheckIn(date=NOW.date(), pain=3, enjoyment=2, activity=4, note="ok"),
            replace=False,
            now=NOW,
        )
        theirs, _ = checkin_repo.save_checkin(
            db,
            profile=other,
            checkin=CheckIn(date=NOW.date(), pain=9, enjoyment=9, activity=9),
            replace=False,
            now=NOW,
        )
        return mine.id, theirs.id


def test_a_checkin_is_corrected_and_insights_follow(store: Store) -> None:
    mine, _ = setup(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name="Maria")
        edited = usecase.edit_checkin(
            db, profile=profile, record_id=mine, changes=usecase.CheckInChanges(pain=7), now=NOW
        )
        assert "pain 3" in edited.before.summary and "pain 7" in edited.after.summary
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name="Maria")
        assert [c["pain"] for c in checkins_json(db, profile=profile)] == [7]
        days, _sessions, _facts = load_records(db, profile=profile)
        assert [day.pain for day in days] == [7]


@pytest.mark.parametrize(
    "changes",
    [
        usecase.CheckInChanges(pain=11),
        usecase.CheckInChanges(note="x" * 2001),
        usecase.CheckInChanges(),
    ],
)
def test_a_bad_correction_changes_nothing(store: Store, changes: usecase.CheckInChanges) -> None:
    mine, _ = setup(store)
    with pytest.raises(UnbraceError), store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name="Maria")
        usecase.edit_checkin(db, profile=profile, record_id=mine, changes=changes, now=NOW)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name="Maria")
        assert [(c["pain"], c["note"]) for c in checkins_json(db, profile=profile)] == [(3, "ok")]


def test_records_are_deleted_one_at_a_time_and_only_ones_own(store: Store) -> None:
    mine, theirs = setup(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name="Maria")
        with pytest.raises(UnbraceError, match="no check-in"):
            usecase.delete_record(db, profile=profile, kind=usecase.Kind.CHECKIN, record_id=theirs)
        gone = usecase.delete_record(db, profile=profile, kind=usecase.Kind.CHECKIN, record_id=mine)
        assert gone.id == mine
    with store.transaction() as db:
        assert checkins_json(db, profile=profile_repo.resolve_profile(db, name="Maria")) == []
        assert len(checkins_json(db, profile=profile_repo.resolve_profile(db, name="Tom"))) == 1
