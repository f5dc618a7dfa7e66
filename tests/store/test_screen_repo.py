"""Warning-sign screen repository functions on SQLite and PostgreSQL (each test runs on both)."""

from __future__ import annotations

import datetime as dt

from unbrace.core.checkins import CheckIn
from unbrace.store import checkin_repo, profile_repo, screen_repo
from unbrace.store.db import Store

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _profile(store: Store, name: str = "Maria") -> int:
    with store.transaction() as db:
        return profile_repo.create_profile(db, name=name).id


def test_safety_screens_and_confirmation(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        screen_repo.record_screen(
            db, profile=profile, reason="onboarding", positive=["fever"], urgency="urgent", now=NOW
        )
        later = NOW + dt.timedelta(hours=1)
        screen_repo.record_screen(
            db, profile=profile, reason="manual", positive=[], urgency=None, now=later
        )
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        last = screen_repo.last_screen(db, profile=profile)
        assert last is not None and last.reason == "manual"
        open_screen = screen_repo.unresolved_flags(db, profile=profile)
        assert open_screen is not None and open_screen.positive == ["fever"]
        assert screen_repo.confirm_seen(db, profile=profile, now=NOW) == 1
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        assert screen_repo.unresolved_flags(db, profile=profile) is None


def test_worrying_checkins_ask_for_the_screen_again(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        mild = CheckIn(date=dt.date(2026, 11, 20), pain=4, enjoyment=3, activity=3)
        checkin_repo.save_checkin(db, profile=profile, checkin=mild, replace=False, now=NOW)
        assert not screen_repo.worrying_checkin_since(
            db, profile=profile, since=NOW - dt.timedelta(days=1), high_pain=8
        )
        flare = CheckIn(date=dt.date(2026, 11, 21), pain=5, enjoyment=3, activity=3, flare=True)
        checkin_repo.save_checkin(db, profile=profile, checkin=flare, replace=False, now=NOW)
        assert screen_repo.worrying_checkin_since(
            db, profile=profile, since=NOW - dt.timedelta(days=1), high_pain=8
        )
        # A flare that goes on is not a new flare.
        later = NOW + dt.timedelta(days=1)
        second = CheckIn(date=dt.date(2026, 11, 22), pain=5, enjoyment=3, activity=3, flare=True)
        checkin_repo.save_checkin(db, profile=profile, checkin=second, replace=False, now=later)
        assert not screen_repo.worrying_checkin_since(db, profile=profile, since=NOW, high_pain=8)
        high = CheckIn(date=dt.date(2026, 11, 23), pain=8, enjoyment=3, activity=3)
        checkin_repo.save_checkin(db, profile=profile, checkin=high, replace=False, now=later)
        assert screen_repo.worrying_checkin_since(db, profile=profile, since=NOW, high_pain=8)
