"""Check-in repository functions on SQLite and PostgreSQL (each test runs on both)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.store import checkin_repo, profile_repo
from unbrace.store.db import Store
from unbrace.store.models import CheckInRecord

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _profile(store: Store, name: str = "Maria") -> int:
    with store.transaction() as db:
        return profile_repo.create_profile(db, name=name).id


def test_checkin_once_a_day_and_replace(store: Store) -> None:
    _profile(store)
    day = dt.date(2026, 11, 20)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        entry = CheckIn(date=day, pain=5, enjoyment=4, activity=3, habits=("walking",))
        _, replaced = checkin_repo.save_checkin(
            db, profile=profile, checkin=entry, replace=False, now=NOW
        )
        assert not replaced
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        again = CheckIn(date=day, pain=2, enjoyment=2, activity=2)
        with pytest.raises(UnbraceError, match="already a check-in"):
            checkin_repo.save_checkin(db, profile=profile, checkin=again, replace=False, now=NOW)
        record, replaced = checkin_repo.save_checkin(
            db, profile=profile, checkin=again, replace=True, now=NOW
        )
        assert replaced and record.pain == 2 and record.habits == []
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        rows = checkin_repo.list_checkins(db, profile=profile)
        assert [(r.date, r.pain) for r in rows] == [(day, 2)]


def test_failed_transaction_changes_nothing(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        entry = CheckIn(date=dt.date(2026, 11, 1), pain=5, enjoyment=4, activity=3)
        checkin_repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=NOW)
    with pytest.raises(UnbraceError), store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        profile_repo.set_personal(db, profile=profile, scene="half-written")
        entry = CheckIn(date=dt.date(2026, 11, 1), pain=9, enjoyment=9, activity=9)
        checkin_repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=NOW)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        assert profile_repo.personal_for(db, profile=profile).scene == ""
        assert [r.pain for r in checkin_repo.list_checkins(db, profile=profile)] == [5]


def test_bulk_checkins(store: Store) -> None:
    _profile(store)
    start = dt.date(2020, 1, 1)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        entries = [
            CheckIn(date=start + dt.timedelta(days=i), pain=i % 11, enjoyment=3, activity=4)
            for i in range(200)
        ]
        assert checkin_repo.add_checkins(db, profile=profile, checkins=entries) == 200
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        since = start + dt.timedelta(days=150)
        assert len(checkin_repo.list_checkins(db, profile=profile, since=since)) == 50
        latest = checkin_repo.latest_checkin(db, profile=profile)
        assert latest is not None and latest.date == start + dt.timedelta(days=199)


def test_two_replacing_checkins_of_a_new_day_at_once_both_succeed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both look for today's check-in, find none, then both save (before: a UNIQUE error)."""
    import threading

    _profile(store)
    both_looked = threading.Barrier(2, timeout=30)
    look = checkin_repo.get_checkin

    def look_together(db: object, **kwargs: object) -> object:
        found = look(db, **kwargs)  # type: ignore[arg-type]
        both_looked.wait()
        return found

    monkeypatch.setattr(checkin_repo, "get_checkin", look_together)
    saved: list[int] = []
    errors: list[BaseException] = []

    def save(pain: int) -> None:
        try:
            with store.transaction() as db:
                profile = profile_repo.resolve_profile(db, name=None)
                entry = CheckIn(date=NOW.date(), pain=pain, enjoyment=pain, activity=pain)
                checkin_repo.save_checkin(db, profile=profile, checkin=entry, replace=True, now=NOW)
            saved.append(pain)
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=save, args=(pain,)) for pain in (3, 7)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert errors == [] and sorted(saved) == [3, 7]
    with store.transaction() as db:
        rows = db.scalars(select(CheckInRecord)).all()
        assert len(rows) == 1 and rows[0].pain == saved[-1]
        assert rows[0].enjoyment == rows[0].pain  # one save, never a mix of two
