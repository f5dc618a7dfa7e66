"""The plain SQL reads (store/plain.py) on SQLite and PostgreSQL, through the ORM's own
connection and, for SQLite, on a bare connection that `unbrace today` opens without SQLAlchemy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.core.practices import load_library
from unbrace.core.session import plan_session
from unbrace.settings import Settings
from unbrace.store import checkin_repo, plain, profile_repo, screen_repo, session_repo
from unbrace.store.db import Store
from unbrace.store.plain import Reader, quick_reader

NOW = dt.datetime(2026, 11, 25, 9, 30, 15, 123456, tzinfo=dt.UTC)


def _maria(store: Store) -> int:
    """A profile with details, two movements, two check-ins, two sessions marked as running
    and an open warning sign; and a second profile."""
    library = load_library()
    with store.transaction() as db:
        profile = profile_repo.create_profile(db, name="Maria")
        profile_repo.create_profile(db, name="Robin")
        profile_repo.set_personal(
            db,
            profile=profile,
            movements=["bending to load the dishwasher", "reaching up"],
            scene="a beach at dawn",
            anchor="after making coffee",
        )
        profile_repo.set_feared_movement(db, profile=profile, text=None, easier="a half bend")
        for day, pain, flare in ((dt.date(2026, 11, 23), 6, False), (NOW.date(), 4, True)):
            entry = CheckIn(
                date=day, pain=pain, enjoyment=3, activity=2, habits=("walking",), flare=flare
            )
            checkin_repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=NOW)
        plan = plan_session(library.get("body-scan"), 3)
        for before in (5, None):
            session_repo.start_session(
                db, profile=profile, plan=plan, pain_before=before, flare=False, now=NOW
            )
        screen_repo.record_screen(
            db, profile=profile, reason="onboarding", positive=[], urgency=None, now=NOW
        )
        screen_repo.record_screen(
            db,
            profile=profile,
            reason="due",
            positive=["numbness"],
            urgency="urgent",
            now=NOW + dt.timedelta(minutes=1),
        )
        return profile.id


def test_reads_give_the_stored_values_with_their_types(store: Store) -> None:
    profile_id = _maria(store)
    with store.transaction() as db:
        reader = Reader.of(db)
        assert plain.resolve_profile(reader, name=None).id == profile_id
        robin = plain.resolve_profile(reader, name="Robin")
        assert robin.name == "Robin" and robin.streaks is False
        with pytest.raises(UnbraceError, match="No profile called 'Nobody'"):
            plain.resolve_profile(reader, name="Nobody")
        personal = plain.personal_row(reader, profile_id=profile_id).personal("Maria")
        assert personal.movement == "bending to load the dishwasher"
        assert personal.easier_movement == "a half bend" and personal.scene == "a beach at dawn"
        sessions = plain.sessions_since(reader, profile_id=profile_id, since=NOW)
        assert len(sessions) == 2
        assert all(s.started_at == NOW and s.started_at.tzinfo is not None for s in sessions)
        assert {s.status for s in sessions} == {"in_progress"}
        assert (
            plain.sessions_since(
                reader, profile_id=profile_id, since=NOW + dt.timedelta(microseconds=1)
            )
            == []
        )
        last = plain.latest_checkin(reader, profile_id=profile_id)
        assert last is not None
        assert (last.date, last.pain, last.flare, last.habits) == (
            NOW.date(),
            4,
            True,
            ("walking",),
        )
        earlier = plain.latest_checkin(
            reader, profile_id=profile_id, until=NOW.date() - dt.timedelta(days=1)
        )
        assert earlier is not None and earlier.date == dt.date(2026, 11, 23) and not earlier.flare
        screen = plain.unresolved_flags(reader, profile_id=profile_id)
        assert screen is not None and screen.positive == ("numbness",)
        assert plain.unresolved_flags(reader, profile_id=robin.id) is None
        assert plain.running_sessions(reader)
        assert plain.schema_revision(reader) == plain.HEAD_REVISION


def test_the_orm_repositories_read_the_same_rows(store: Store) -> None:
    profile_id = _maria(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        assert profile.id == profile_id
        last = checkin_repo.latest_checkin(db, profile=profile)
        assert last is not None and last.date == NOW.date()
        screen = screen_repo.unresolved_flags(db, profile=profile)
        assert screen is not None and screen.positive == ["numbness"]
        # A change not yet flushed is seen, as an ORM query would see it.
        profile_repo.set_personal(db, profile=profile, scene="a quiet garden")
        assert profile_repo.personal_for(db, profile=profile).scene == "a quiet garden"


def test_quick_reader_only_when_nothing_needs_doing(store: Store, settings: Settings) -> None:
    if not settings.is_sqlite:
        pytest.skip("only a SQLite file is read without the full store")
    path = settings.sqlite_file
    assert path is not None
    with quick_reader(None) as found:
        assert found is None
    with quick_reader(path.with_name("missing.db")) as found:
        assert found is None
    _maria(store)
    with quick_reader(path) as found:
        assert found is None  # a session marked as running: the full store closes it first
    with store.transaction() as db:
        db.execute(text("UPDATE practice_sessions SET status = 'stopped'"))
    with quick_reader(path) as found:
        assert found is not None
        assert plain.resolve_profile(found, name=None).name == "Maria"
    with store.transaction() as db:
        db.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    with quick_reader(path) as found:
        assert found is None  # to migrate


def test_quick_reader_keeps_the_file_private(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "data.db"
    sqlite3.connect(path).close()
    path.chmod(0o644)
    with quick_reader(path) as found:
        assert found is None  # not an unbrace database: the full store says what is wrong
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_ladder_part_without_a_ladder_is_what_the_ladder_use_case_says(store: Store) -> None:
    from unbrace.usecases.ladder import insights
    from unbrace.usecases.records import no_ladder_facts

    _maria(store)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        expected = insights(db, profile=profile, now=NOW).as_json()
        assert no_ladder_facts(db, profile=profile) == expected


def test_the_running_status_is_the_session_clocks() -> None:
    from unbrace.core.session import Status

    assert Status.RUNNING.value == plain.RUNNING
