"""Repository functions on SQLite and PostgreSQL (each test runs on both)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.core.practices import load_library
from unbrace.core.session import Plan, Player, Status, plan_session
from unbrace.store import repo
from unbrace.store.db import Store
from unbrace.store.models import CheckInRecord, PracticeSession, SessionStep

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _profile(store: Store, name: str = "Maria") -> int:
    with store.transaction() as db:
        return repo.create_profile(db, name=name).id


def test_profiles_are_created_listed_and_resolved(store: Store) -> None:
    _profile(store, "Maria")
    _profile(store, "Tom")
    with store.transaction() as db:
        assert [p.name for p in repo.list_profiles(db)] == ["Maria", "Tom"]
        assert repo.resolve_profile(db, name=None).name == "Maria"
        assert repo.resolve_profile(db, name="Tom").name == "Tom"
        with pytest.raises(UnbraceError, match="No profile called 'Ann'"):
            repo.resolve_profile(db, name="Ann")
        with pytest.raises(UnbraceError, match="already exists"):
            repo.create_profile(db, name="Tom")


def test_no_profile_says_how_to_start(store: Store) -> None:
    with store.transaction() as db, pytest.raises(UnbraceError, match="unbrace init"):
        repo.resolve_profile(db, name=None)


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, "tab\there"])
def test_bad_profile_names_are_refused(store: Store, name: str) -> None:
    with store.transaction() as db, pytest.raises(UnbraceError):
        repo.create_profile(db, name=name)


def test_personal_details_fill_practices(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        repo.set_personal(
            db,
            profile=profile,
            movements=["lifting the laundry basket", "getting out of the car"],
            scene="a pine path",
            anchor="making coffee",
        )
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        personal = repo.personal_for(db, profile=profile)
        assert personal.movement == "lifting the laundry basket"
        assert personal.scene == "a pine path"
        assert personal.anchor == "making coffee"
        assert repo.feared_movements(db, profile=profile) == [
            "lifting the laundry basket",
            "getting out of the car",
        ]
        # Replacing the list keeps positions unique.
        repo.set_personal(db, profile=profile, movements=["bending forward"])
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        assert repo.feared_movements(db, profile=profile) == ["bending forward"]


def test_checkin_once_a_day_and_replace(store: Store) -> None:
    _profile(store)
    day = dt.date(2026, 11, 20)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        entry = CheckIn(date=day, pain=5, enjoyment=4, activity=3, habits=("walking",))
        _, replaced = repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=NOW)
        assert not replaced
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        again = CheckIn(date=day, pain=2, enjoyment=2, activity=2)
        with pytest.raises(UnbraceError, match="already a check-in"):
            repo.save_checkin(db, profile=profile, checkin=again, replace=False, now=NOW)
        record, replaced = repo.save_checkin(
            db, profile=profile, checkin=again, replace=True, now=NOW
        )
        assert replaced and record.pain == 2 and record.habits == []
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        rows = repo.list_checkins(db, profile=profile)
        assert [(r.date, r.pain) for r in rows] == [(day, 2)]


def test_failed_transaction_changes_nothing(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        entry = CheckIn(date=dt.date(2026, 11, 1), pain=5, enjoyment=4, activity=3)
        repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=NOW)
    with pytest.raises(UnbraceError), store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        repo.set_personal(db, profile=profile, scene="half-written")
        entry = CheckIn(date=dt.date(2026, 11, 1), pain=9, enjoyment=9, activity=9)
        repo.save_checkin(db, profile=profile, checkin=entry, replace=False, now=NOW)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        assert repo.personal_for(db, profile=profile).scene == ""
        assert [r.pain for r in repo.list_checkins(db, profile=profile)] == [5]


def _plan(minutes: int = 1) -> tuple[Player, Plan]:
    practice = load_library().get("posture-reset")
    plan = plan_session(practice, minutes)
    return Player(plan), plan


def test_session_progress_is_saved_step_by_step(store: Store) -> None:
    _profile(store)
    player, plan = _plan()
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        record = repo.start_session(
            db, profile=profile, plan=player.plan, pain_before=6, flare=False, now=NOW
        )
        session_id = record.id
        assert record.status == "in_progress"
    player.tick(player.plan.steps[0].seconds + 5)
    with store.transaction() as db:
        repo.save_progress(db, session_id=session_id, player=player, now=NOW)
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
        record = repo.finish_session(
            db, session_id=session_id, player=player, now=NOW, pain_after=4, vivid_visual=3
        )
        assert record.status == "completed"
        assert record.seconds == pytest.approx(60, abs=0.05)
        assert record.pain_after == 4 and record.vivid_visual == 3


def test_stopped_session_keeps_partial_seconds(store: Store) -> None:
    _profile(store)
    player, _ = _plan(3)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        session_id = repo.start_session(
            db, profile=profile, plan=player.plan, pain_before=None, flare=True, now=NOW
        ).id
    player.tick(20)
    with store.transaction() as db:
        record = repo.finish_session(db, session_id=session_id, player=player, now=NOW)
        assert record.status == Status.STOPPED.value
        assert record.seconds == pytest.approx(20, abs=0.01)
        assert record.flare


def test_abandoned_sessions_are_closed_as_stopped(store: Store) -> None:
    _profile(store)
    player, _ = _plan()
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        dead = repo.start_session(
            db,
            profile=profile,
            plan=player.plan,
            pain_before=5,
            flare=False,
            now=NOW,
            host="here",
            pid=111,
        ).id
        alive = repo.start_session(
            db,
            profile=profile,
            plan=player.plan,
            pain_before=5,
            flare=False,
            now=NOW + dt.timedelta(minutes=4),
            host="here",
            pid=222,
        ).id
        reused = repo.start_session(  # its pid is alive again, but silent for 5 minutes
            db,
            profile=profile,
            plan=player.plan,
            pain_before=5,
            flare=False,
            now=NOW,
            host="here",
            pid=222,
        ).id
        elsewhere = repo.start_session(
            db,
            profile=profile,
            plan=player.plan,
            pain_before=5,
            flare=False,
            now=NOW,
            host="other",
            pid=333,
        ).id
    with store.transaction() as db:
        closed = repo.close_abandoned_sessions(
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


def test_remove_profile_deletes_everything_it_owns(store: Store) -> None:
    _profile(store, "Maria")
    _profile(store, "Tom")
    player, _ = _plan()
    with store.transaction() as db:
        for name in ("Maria", "Tom"):
            profile = repo.resolve_profile(db, name=name)
            repo.set_personal(db, profile=profile, movements=["bending"], scene="s", anchor="a")
            repo.start_session(
                db, profile=profile, plan=player.plan, pain_before=1, flare=False, now=NOW
            )
            repo.save_checkin(
                db,
                profile=profile,
                checkin=CheckIn(date=dt.date(2026, 11, 2), pain=1, enjoyment=1, activity=1),
                replace=False,
                now=NOW,
            )
            repo.record_screen(
                db, profile=profile, reason="onboarding", positive=[], urgency=None, now=NOW
            )
    with store.transaction() as db:
        maria = repo.resolve_profile(db, name="Maria")
        assert repo.profile_counts(db, profile=maria) == {
            "sessions": 1,
            "check-ins": 1,
            "safety screens": 1,
            "feared movements": 1,
            "scripts": 0,
            "ladders": 0,
        }
        repo.remove_profile(db, profile=maria)
    with store.transaction() as db:
        assert [p.name for p in repo.list_profiles(db)] == ["Tom"]
        assert db.scalar(select(func.count()).select_from(CheckInRecord)) == 1
        assert db.scalar(select(func.count()).select_from(PracticeSession)) == 1
        assert db.scalar(select(func.count()).select_from(SessionStep)) == len(player.plan.steps)


def test_safety_screens_and_confirmation(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        repo.record_screen(
            db, profile=profile, reason="onboarding", positive=["fever"], urgency="urgent", now=NOW
        )
        later = NOW + dt.timedelta(hours=1)
        repo.record_screen(
            db, profile=profile, reason="manual", positive=[], urgency=None, now=later
        )
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        last = repo.last_screen(db, profile=profile)
        assert last is not None and last.reason == "manual"
        open_screen = repo.unresolved_flags(db, profile=profile)
        assert open_screen is not None and open_screen.positive == ["fever"]
        assert repo.confirm_seen(db, profile=profile, now=NOW) == 1
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        assert repo.unresolved_flags(db, profile=profile) is None


def test_worrying_checkins_ask_for_the_screen_again(store: Store) -> None:
    _profile(store)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        mild = CheckIn(date=dt.date(2026, 11, 20), pain=4, enjoyment=3, activity=3)
        repo.save_checkin(db, profile=profile, checkin=mild, replace=False, now=NOW)
        assert not repo.worrying_checkin_since(
            db, profile=profile, since=NOW - dt.timedelta(days=1), high_pain=8
        )
        flare = CheckIn(date=dt.date(2026, 11, 21), pain=5, enjoyment=3, activity=3, flare=True)
        repo.save_checkin(db, profile=profile, checkin=flare, replace=False, now=NOW)
        assert repo.worrying_checkin_since(
            db, profile=profile, since=NOW - dt.timedelta(days=1), high_pain=8
        )
        # A flare that goes on is not a new flare.
        later = NOW + dt.timedelta(days=1)
        second = CheckIn(date=dt.date(2026, 11, 22), pain=5, enjoyment=3, activity=3, flare=True)
        repo.save_checkin(db, profile=profile, checkin=second, replace=False, now=later)
        assert not repo.worrying_checkin_since(db, profile=profile, since=NOW, high_pain=8)
        high = CheckIn(date=dt.date(2026, 11, 23), pain=8, enjoyment=3, activity=3)
        repo.save_checkin(db, profile=profile, checkin=high, replace=False, now=later)
        assert repo.worrying_checkin_since(db, profile=profile, since=NOW, high_pain=8)


def test_bulk_checkins(store: Store) -> None:
    _profile(store)
    start = dt.date(2020, 1, 1)
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        entries = [
            CheckIn(date=start + dt.timedelta(days=i), pain=i % 11, enjoyment=3, activity=4)
            for i in range(200)
        ]
        assert repo.add_checkins(db, profile=profile, checkins=entries) == 200
    with store.transaction() as db:
        profile = repo.resolve_profile(db, name=None)
        since = start + dt.timedelta(days=150)
        assert len(repo.list_checkins(db, profile=profile, since=since)) == 50
        latest = repo.latest_checkin(db, profile=profile)
        assert latest is not None and latest.date == start + dt.timedelta(days=199)


def test_two_replacing_checkins_of_a_new_day_at_once_both_succeed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both look for today's check-in, find none, then both save (before: a UNIQUE error)."""
    import threading

    _profile(store)
    both_looked = threading.Barrier(2, timeout=30)
    look = repo.get_checkin

    def look_together(db: object, **kwargs: object) -> object:
        found = look(db, **kwargs)  # type: ignore[arg-type]
        both_looked.wait()
        return found

    monkeypatch.setattr(repo, "get_checkin", look_together)
    saved: list[int] = []
    errors: list[BaseException] = []

    def save(pain: int) -> None:
        try:
            with store.transaction() as db:
                profile = repo.resolve_profile(db, name=None)
                entry = CheckIn(date=NOW.date(), pain=pain, enjoyment=pain, activity=pain)
                repo.save_checkin(db, profile=profile, checkin=entry, replace=True, now=NOW)
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
