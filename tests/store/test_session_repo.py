"""Session repository functions on SQLite and PostgreSQL (each test runs on both)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from unbrace.core.practices import load_library
from unbrace.core.session import Plan, Player, Status, plan_session
from unbrace.store import profile_repo, session_repo
from unbrace.store.db import Store
from unbrace.store.models import PracticeSession, SessionStep

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _profile(store: Store, name: str = "Maria") -> int:
    with store.transaction() as db:
        return profile_repo.create_profile(db, name=name).id


def _plan(minutes: int = 1) -> tuple[Player, Plan]:
    practice = load_library().get("posture-reset")
    plan = plan_session(practice, minutes)
    return Player(plan), plan


def test_session_progress_is_saved_step_by_step(store: Store) -> None:
    _profile(store)
    player, plan = _plan()
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        record = session_repo.start_session(
            db, profile=profile, plan=player.plan, pain_before=6, flare=False, now=NOW
        )
        session_id = record.id
        assert record.status == "in_progress"
    player.tick(player.plan.steps[0].seconds + 5)
    with store.transaction() as db:
        session_repo.save_progress(db, session_id=session_id, player=player, now=NOW)
    with store.transaction() as db:
        steps = db.scalars(
            select(SessionStep)
            .where(SessionStep.session_id == session_id)
            .order_by(SessionStep.position)
        ).all()
        assert steps[0].done and steps[0].seconds == pytest.approx(plan.steps[0].seconds, abs=0.01)
        assert steps[1].seconds == pytest.approx(5, abs=0.01)
        stored = db.get(PracticeSession, session_id)
        assert stored is not None and stored.status == "in_progress"
    player.tick(10_000)
    with store.transaction() as db:
        record = session_repo.finish_session(
            db, session_id=session_id, player=player, now=NOW, pain_after=4, vivid_visual=3
        )
        assert record.status == "completed"
        assert record.seconds == pytest.approx(60, abs=0.05)
        assert record.pain_after == 4 and record.vivid_visual == 3


def test_stopped_session_keeps_partial_seconds(store: Store) -> None:
    _profile(store)
    player, _ = _plan(3)
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)
        session_id = session_repo.start_session(
            db, profile=profile, plan=player.plan, pain_before=None, flare=True, now=NOW
        ).id
    player.tick(20)
    with store.transaction() as db:
        record = session_repo.finish_session(db, session_id=session_id, player=player, now=NOW)
        assert record.status == Status.STOPPED.value
        assert record.seconds == pytest.approx(20, abs=0.01)
        assert record.flare


def test_abandoned_sessions_are_closed_as_stopped(store: Store) -> None:
    _profile(store)
    player, _ = _plan()
    with store.transaction() as db:
        profile = profile_repo.resolve_profile(db, name=None)

        def started(*, now: dt.datetime, host: str, pid: int) -> int:
            return session_repo.start_session(
                db,
                profile=profile,
                plan=player.plan,
                pain_before=5,
                flare=False,
                now=now,
                host=host,
                pid=pid,
            ).id

        dead = started(now=NOW, host="here", pid=111)
        alive = started(now=NOW + dt.timedelta(minutes=4), host="here", pid=222)
        # Its pid is alive again, but it has been silent for 5 minutes.
        reused = started(now=NOW, host="here", pid=222)
        elsewhere = started(now=NOW, host="other", pid=333)
    with store.transaction() as db:
        closed = session_repo.close_abandoned_sessions(
            db, now=NOW + dt.timedelta(minutes=5), host="here", alive=lambda pid: pid == 222
        )
        assert closed == 3
        statuses = {r.id: r.status for r in db.scalars(select(PracticeSession)).all()}
        assert statuses == {
            dead: "stopped",
            alive: "in_progress",
            elsewhere: "stopped",
            reused: "stopped",
        }
