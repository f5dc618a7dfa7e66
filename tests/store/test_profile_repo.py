"""Profile repository functions on SQLite and PostgreSQL (each test runs on both)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.core.practices import load_library
from unbrace.core.session import Plan, Player, plan_session
from unbrace.store import checkin_repo, profile_repo, screen_repo, session_repo
from unbrace.store.db import Store
from unbrace.store.models import CheckInRecord, PracticeSession, SessionStep

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _profile(store: Store, name: str = "Maria") -> int:
    with store.transaction() as db:
        return profile_repo.create_profile(db, name=name).id


def _plan(minutes: int = 1) -> tuple[Player, Plan]:
    practice = load_library().get("posture-reset")
    plan = plan_session(practice, minutes)
    return Player(plan), plan


def test_profiles_are_created_listed_and_resolved(store: Store) -> None:
    _profile(store, "Maria")
    _profile(store, "Tom")
    with store.transaction() as db:
        assert [p.name for p in profile_repo.list_profiles(db)] == ["Maria", "Tom"]
        assert profile_repo.resolve_profile(db, name=None).name == "Maria"
        assert profile_repo.resolve_profile(db, name="Tom").name == "Tom"
        with pytest.raises(UnbraceError, match="No profile called 'Ann'"):
            profile_repo.resolve_profile(db, name="Ann")
        with pytest.raises(UnbraceError, match="already exists"):
            profile_repo.create_profile(db, name="Tom")


def test_no_profile_says_how_to_start(store: Store) -> None:
    with store.transaction() as db, pytest.raises(UnbraceError, match="unbrace init"):
        profile_repo.resolve_profile(db, name=None)


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, "tab\there"])
def test_bad_profile_names_are_refused(store: Store, name: str) -> None:
    with store.transaction() as db, pytest.raises(UnbraceError):
        profile_repo.create_profile(db, name=name)


def test_personal_details_fill_practices(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        profile_repo.set_personal(
            db,
            profile=profile,
            movements=["lifting the laundry basket", "getting out of the car"],
            scene="a pine path",
            anchor="making coffee",
        )
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        personal = profile_repo.personal_for(db, profile=profile)
        assert personal.movement == "lifting the laundry basket"
        assert personal.scene == "a pine path"
        assert personal.anchor == "making coffee"
        assert profile_repo.feared_movements(db, profile=profile) == [
            "lifting the laundry basket",
            "getting out of the car",
        ]
        # Replacing the list keeps positions unique.
        profile_repo.set_personal(db, profile=profile, movements=["bending forward"])
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        assert profile_repo.feared_movements(db, profile=profile) == ["bending forward"]


def test_remove_profile_deletes_everything_it_owns(store: Store) -> None:
    _profile(store, "Maria")
    _profile(store, "Tom")
    player, _ = _plan()
    with store.transaction() as db:
        for name in ("Maria", "Tom"):
            profile = profile_repo.resolve_profile(db, name=name)
            profile_repo.set_personal(
                db, profile=profile, movements=["bending"], scene="s", anchor="a"
            )
            session_repo.start_session(
                db, profile=profile, plan=player.plan, pain_before=1, flare=False, now=NOW
            )
            checkin_repo.save_checkin(
                db,
                profile=profile,
                checkin=CheckIn(date=dt.date(2026, 11, 2), pain=1, enjoyment=1, activity=1),
                replace=False,
                now=NOW,
            )
            screen_repo.record_screen(
                db, profile=profile, reason="onboarding", positive=[], urgency=None, now=NOW
            )
    with store.transaction() as db:
        maria = profile_repo.resolve_profile(db, name="Maria")
        assert profile_repo.profile_counts(db, profile=maria) == {
            "sessions": 1,
            "check-ins": 1,
            "safety screens": 1,
            "feared movements": 1,
            "scripts": 0,
            "ladders": 0,
        }
        profile_repo.remove_profile(db, profile=maria)
    with store.transaction() as db:
        assert [p.name for p in profile_repo.list_profiles(db)] == ["Tom"]
        assert db.scalar(select(func.count()).select_from(CheckInRecord)) == 1
        assert db.scalar(select(func.count()).select_from(PracticeSession)) == 1
        assert db.scalar(select(func.count()).select_from(SessionStep)) == len(player.plan.steps)
