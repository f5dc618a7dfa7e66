"""Repository functions: each takes the SQLAlchemy session first and keyword-only arguments.

They never commit; the caller's ``Store.transaction()`` decides what one unit of work is,
so a failure part-way leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from unbrace.core import limits
from unbrace.core.checkins import CheckIn
from unbrace.core.demo import DemoSession
from unbrace.core.errors import UnbraceError
from unbrace.core.personal import Personal, check_anchor, check_personal_text
from unbrace.core.routine import Routine
from unbrace.core.session import Plan, Player, Status
from unbrace.store import ladders
from unbrace.store.models import (
    CheckInRecord,
    FearedMovement,
    Ladder,
    PersonalDetails,
    PersonalScript,
    PracticeSession,
    Profile,
    RoutineRecord,
    SafetyScreen,
    SessionStep,
    utcnow,
)

# A session whose process lives elsewhere and has not saved progress for this long
# is taken to have ended without saying so.
STALE_AFTER = dt.timedelta(minutes=2)

# --- profiles -------------------------------------------------------------------------


def check_profile_name(name: str) -> str:
    name = limits.PROFILE_NAME.check(name).strip()
    if not name:
        raise UnbraceError("A profile name is 1 to 80 printable characters.")
    return name


def create_profile(db: Session, *, name: str) -> Profile:
    name = check_profile_name(name)
    if find_profile(db, name=name) is not None:
        raise UnbraceError(f"A profile called {name!r} already exists.")
    profile = Profile(name=name, created_at=utcnow())
    db.add(profile)
    db.flush()
    return profile


def find_profile(db: Session, *, name: str) -> Profile | None:
    return db.scalar(select(Profile).where(Profile.name == name))


def list_profiles(db: Session) -> Sequence[Profile]:
    return db.scalars(select(Profile).order_by(Profile.created_at, Profile.id)).all()


def resolve_profile(db: Session, *, name: str | None) -> Profile:
    """The named profile, or the first one created; a clear error when there is none."""
    if name:
        profile = find_profile(db, name=name)
        if profile is None:
            raise UnbraceError(f"No profile called {name!r}. See them with: unbrace profile list")
        return profile
    profile = db.scalar(select(Profile).order_by(Profile.created_at, Profile.id).limit(1))
    if profile is None:
        raise UnbraceError("No profile yet. Start with: unbrace init")
    return profile


def profile_counts(db: Session, *, profile: Profile) -> dict[str, int]:
    """How many records of each kind belong to ``profile`` (shown before removing it)."""
    counts = {}
    for label, model in (
        ("sessions", PracticeSession),
        ("check-ins", CheckInRecord),
        ("safety screens", SafetyScreen),
        ("feared movements", FearedMovement),
        ("scripts", PersonalScript),
        ("ladders", Ladder),
    ):
        counts[label] = (
            db.scalar(select(func.count()).select_from(model).where(model.profile_id == profile.id))
            or 0
        )
    return counts


def remove_profile(db: Session, *, profile: Profile) -> None:
    # Delete children explicitly as well as by cascade: SQLite only cascades with
    # foreign keys on, and this keeps removal complete on any connection.
    session_ids = select(PracticeSession.id).where(PracticeSession.profile_id == profile.id)
    db.execute(delete(SessionStep).where(SessionStep.session_id.in_(session_ids)))
    ladders.remove_for_profile(db, profile=profile)
    for model in (
        PracticeSession,
        CheckInRecord,
        SafetyScreen,
        FearedMovement,
        PersonalDetails,
        PersonalScript,
        RoutineRecord,
    ):
        db.execute(delete(model).where(model.profile_id == profile.id))
    db.delete(profile)
    db.flush()


def set_breath(db: Session, *, profile: Profile, inhale: float, exhale: float) -> None:
    profile.breath_in, profile.breath_out = inhale, exhale
    db.flush()


# --- personal details -----------------------------------------------------------------


def set_personal(
    db: Session,
    *,
    profile: Profile,
    movements: Iterable[str] | None = None,
    scene: str | None = None,
    anchor: str | None = None,
) -> None:
    details = profile.details
    if details is None:
        details = PersonalDetails(profile_id=profile.id, scene="", anchor="")
        db.add(details)
        profile.details = details
    if scene is not None:
        details.scene = check_personal_text("scene", scene)
    if anchor is not None:
        details.anchor = check_anchor(anchor)
    details.updated_at = utcnow()
    if movements is not None:
        cleaned = [check_personal_text("movement", text) for text in movements if text.strip()]
        db.execute(delete(FearedMovement).where(FearedMovement.profile_id == profile.id))
        db.flush()
        db.expire(profile, ["movements"])
        for position, text in enumerate(cleaned):
            db.add(FearedMovement(profile_id=profile.id, position=position, text=text, easier=""))
    db.flush()


def set_feared_movement(
    db: Session, *, profile: Profile, text: str | None, easier: str | None
) -> None:
    """Change the first feared movement and/or its easier step, keeping the others."""
    first = db.scalar(
        select(FearedMovement)
        .where(FearedMovement.profile_id == profile.id)
        .order_by(FearedMovement.position)
        .limit(1)
    )
    if first is None:
        if text is None:
            raise UnbraceError("Set the movement first, then its easier step.")
        first = FearedMovement(profile_id=profile.id, position=0, text="", easier="")
        db.add(first)
    if text is not None:
        first.text = check_personal_text("movement", text)
    if easier is not None:
        first.easier = check_personal_text("easier step", easier)
    db.flush()


def personal_for(db: Session, *, profile: Profile) -> Personal:
    movement = db.scalar(
        select(FearedMovement)
        .where(FearedMovement.profile_id == profile.id)
        .order_by(FearedMovement.position)
        .limit(1)
    )
    details = db.get(PersonalDetails, profile.id)
    # Imagery first: with a ladder for the movement, the rehearsal uses the current step's
    # own words (core/ladder.py), so the session practises the step the person is on.
    step = (
        ladders.current_step_text(db, profile=profile, movement=movement.text) if movement else None
    )
    return Personal(
        name=profile.name,
        movement=step or (movement.text if movement else ""),
        easier_movement=movement.easier if movement else "",
        scene=details.scene if details else "",
        anchor=details.anchor if details else "",
    )


def feared_movements(db: Session, *, profile: Profile) -> list[str]:
    return list(
        db.scalars(
            select(FearedMovement.text)
            .where(FearedMovement.profile_id == profile.id)
            .order_by(FearedMovement.position)
        )
    )


# --- practice sessions ----------------------------------------------------------------


def start_session(
    db: Session,
    *,
    profile: Profile,
    plan: Plan,
    pain_before: int | None,
    flare: bool,
    now: dt.datetime,
    host: str = "",
    pid: int | None = None,
) -> PracticeSession:
    record = PracticeSession(
        profile_id=profile.id,
        practice_id=plan.practice_id,
        practice_title=plan.title,
        minutes=plan.minutes,
        started_at=now,
        updated_at=now,
        seconds=0.0,
        status=Status.RUNNING.value,
        flare=flare,
        pain_before=pain_before,
        note="",
        host=host,
        pid=pid,
    )
    record.steps = [
        SessionStep(
            position=step.index,
            step_id=step.id,
            planned_seconds=round(step.seconds, 2),
            seconds=0.0,
            skipped=False,
            done=False,
        )
        for step in plan.steps
    ]
    db.add(record)
    db.flush()
    return record


def save_progress(
    db: Session, *, session_id: int, player: Player, now: dt.datetime
) -> PracticeSession:
    record = db.get(PracticeSession, session_id, options=[selectinload(PracticeSession.steps)])
    if record is None:
        raise UnbraceError(f"Session {session_id} no longer exists.")
    record.seconds = round(player.practised_seconds, 2)
    record.updated_at = now
    for row, progress in zip(record.steps, player.progress, strict=True):
        row.seconds = round(progress.seconds, 2)
        row.skipped = progress.skipped
        row.done = progress.done
    db.flush()
    return record


def finish_session(
    db: Session,
    *,
    session_id: int,
    player: Player,
    now: dt.datetime,
    pain_after: int | None = None,
    vivid_visual: int | None = None,
    vivid_body: int | None = None,
    note: str = "",
) -> PracticeSession:
    """The end of a session: status, seconds and ratings written together, in one flush.

    Progress saves never mark a session ended, so a finish that fails (a note that cannot
    be stored, a closed terminal) leaves it in progress with nothing half-written.
    """
    note = limits.NOTE.check(note)
    player.stop()  # no-op when the player already completed
    record = save_progress(db, session_id=session_id, player=player, now=now)
    record.status = player.status.value
    record.ended_at = now
    record.pain_after = pain_after
    record.vivid_visual = vivid_visual
    record.vivid_body = vivid_body
    record.note = note
    db.flush()
    return record


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_abandoned_sessions(
    db: Session,
    *,
    now: dt.datetime,
    host: str,
    alive: Callable[[int], bool] = pid_alive,
) -> int:
    """Mark sessions whose process died (killed, crashed, closed) as ``stopped``.

    Their seconds stay as last saved, so what was practised is kept but never
    counted as completed.
    """
    running = db.scalars(
        select(PracticeSession).where(PracticeSession.status == Status.RUNNING.value)
    ).all()
    closed = 0
    for record in running:
        # Progress is saved at least every 10 s, even while paused, so a silent session is
        # gone even when its process id has since been reused by another program.
        dead = now - record.updated_at > STALE_AFTER
        if record.host == host and record.pid is not None:
            dead = dead or record.pid == os.getpid() or not alive(record.pid)
        if dead:
            # Only if nothing was saved since it was read: a progress report or a finish
            # that commits meanwhile (another process) is never overwritten.
            result = db.execute(
                update(PracticeSession)
                .where(
                    PracticeSession.id == record.id,
                    PracticeSession.status == Status.RUNNING.value,
                    PracticeSession.updated_at == record.updated_at,
                )
                .values(status=Status.STOPPED.value, ended_at=record.updated_at)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0):
                # Shown as stored, without writing it a second time.
                set_committed_value(record, "status", Status.STOPPED.value)
                set_committed_value(record, "ended_at", record.updated_at)
                closed += 1
    db.flush()
    return closed


def list_sessions(
    db: Session, *, profile: Profile, since: dt.datetime | None = None
) -> Sequence[PracticeSession]:
    query = select(PracticeSession).where(PracticeSession.profile_id == profile.id)
    if since is not None:
        query = query.where(PracticeSession.started_at >= since)
    return db.scalars(query.order_by(PracticeSession.started_at, PracticeSession.id)).all()


# --- check-ins ------------------------------------------------------------------------


def get_checkin(db: Session, *, profile: Profile, date: dt.date) -> CheckInRecord | None:
    return db.scalar(
        select(CheckInRecord).where(
            CheckInRecord.profile_id == profile.id, CheckInRecord.date == date
        )
    )


def save_checkin(
    db: Session, *, profile: Profile, checkin: CheckIn, replace: bool, now: dt.datetime
) -> tuple[CheckInRecord, bool]:
    """Store ``checkin``; returns the record and whether it replaced that day's earlier one.

    One statement inserts or replaces (an upsert on the day), so two saves of a new day at
    the same moment (two windows, the CLI and the browser) never fail on the unique day."""
    # Every edge parses days through core/limits.py; this keeps a stray caller from storing
    # a day that would break the insights (year 1, year 2999).
    limits.check_day(checkin.date, today=now.astimezone().date())
    existing = get_checkin(db, profile=profile, date=checkin.date)
    if existing is not None and not replace:
        raise _day_taken(checkin.date)
    answers = {
        "pain": checkin.pain,
        "enjoyment": checkin.enjoyment,
        "activity": checkin.activity,
        "worst": checkin.worst,
        "stress": checkin.stress,
        "sleep": checkin.sleep,
        "habits": list(checkin.habits),
        "flare": checkin.flare,
        "note": checkin.note,
        "updated_at": now,
    }
    insert = _dialect_insert(db)
    statement = insert(CheckInRecord).values(
        profile_id=profile.id, date=checkin.date, created_at=now, **answers
    )
    keys = [CheckInRecord.profile_id, CheckInRecord.date]
    if replace:
        statement = statement.on_conflict_do_update(index_elements=keys, set_=answers)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    result = db.execute(statement)
    if not replace and not getattr(result, "rowcount", 1):
        raise _day_taken(checkin.date)  # saved by someone else a moment ago
    record = db.scalars(
        select(CheckInRecord)
        .where(CheckInRecord.profile_id == profile.id, CheckInRecord.date == checkin.date)
        .execution_options(populate_existing=True)
    ).one()
    return record, existing is not None


def _day_taken(day: dt.date) -> UnbraceError:
    return UnbraceError(
        f"There is already a check-in for {day.isoformat()}; use --replace to replace it."
    )


def _dialect_insert(db: Session) -> Any:
    """INSERT with ON CONFLICT for the database in use (both speak the same form)."""
    if db.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def add_checkins(db: Session, *, profile: Profile, checkins: Iterable[CheckIn]) -> int:
    """Insert many new check-ins in one go (imports and benchmarks)."""
    now = utcnow()
    rows = [
        CheckInRecord(
            profile_id=profile.id,
            date=item.date,
            pain=item.pain,
            enjoyment=item.enjoyment,
            activity=item.activity,
            worst=item.worst,
            stress=item.stress,
            sleep=item.sleep,
            habits=list(item.habits),
            flare=item.flare,
            note=item.note,
            created_at=now,
            updated_at=now,
        )
        for item in checkins
    ]
    db.add_all(rows)
    db.flush()
    return len(rows)


def list_checkins(
    db: Session, *, profile: Profile, since: dt.date | None = None
) -> Sequence[CheckInRecord]:
    query = select(CheckInRecord).where(CheckInRecord.profile_id == profile.id)
    if since is not None:
        query = query.where(CheckInRecord.date >= since)
    return db.scalars(query.order_by(CheckInRecord.date)).all()


def latest_checkin(
    db: Session, *, profile: Profile, until: dt.date | None = None
) -> CheckInRecord | None:
    """The last check-in, on or before ``until`` (a day in 2999 stored by an older unbrace
    would otherwise stay "the last check-in" for good)."""
    query = select(CheckInRecord).where(CheckInRecord.profile_id == profile.id)
    if until is not None:
        query = query.where(CheckInRecord.date <= until)
    return db.scalar(query.order_by(CheckInRecord.date.desc()).limit(1))


# --- safety screens -------------------------------------------------------------------


def record_screen(
    db: Session,
    *,
    profile: Profile,
    reason: str,
    positive: list[str],
    urgency: str | None,
    now: dt.datetime,
) -> SafetyScreen:
    screen = SafetyScreen(
        profile_id=profile.id, taken_at=now, reason=reason, positive=positive, urgency=urgency
    )
    db.add(screen)
    db.flush()
    return screen


def last_screen(db: Session, *, profile: Profile) -> SafetyScreen | None:
    return db.scalar(
        select(SafetyScreen)
        .where(SafetyScreen.profile_id == profile.id)
        .order_by(SafetyScreen.taken_at.desc(), SafetyScreen.id.desc())
        .limit(1)
    )


def unresolved_flags(db: Session, *, profile: Profile) -> SafetyScreen | None:
    """The newest screen with a yes answer the person has not yet confirmed being seen for."""
    return db.scalar(
        select(SafetyScreen)
        .where(
            SafetyScreen.profile_id == profile.id,
            SafetyScreen.urgency.is_not(None),
            SafetyScreen.seen_clinician_at.is_(None),
        )
        .order_by(SafetyScreen.taken_at.desc(), SafetyScreen.id.desc())
        .limit(1)
    )


def cleared_flags(db: Session, *, profile: Profile) -> set[str]:
    """Signs a clinician has seen the person about (confirmed with `safety seen`)."""
    screens = db.scalars(
        select(SafetyScreen).where(
            SafetyScreen.profile_id == profile.id, SafetyScreen.seen_clinician_at.is_not(None)
        )
    ).all()
    return {flag for screen in screens for flag in screen.positive}


def confirm_seen(db: Session, *, profile: Profile, now: dt.datetime) -> int:
    screens = db.scalars(
        select(SafetyScreen).where(
            SafetyScreen.profile_id == profile.id,
            SafetyScreen.urgency.is_not(None),
            SafetyScreen.seen_clinician_at.is_(None),
        )
    ).all()
    for screen in screens:
        screen.seen_clinician_at = now
    db.flush()
    return len(screens)


def worrying_checkin_since(
    db: Session,
    *,
    profile: Profile,
    since: dt.datetime,
    high_pain: int,
    recent_from: dt.date | None = None,
) -> bool:
    """A check-in saved after ``since`` with high pain, or marking a new flare
    (a flare day whose previous check-in was not a flare). With ``recent_from``, only
    check-ins for days from then on count: a back-filled hard day weeks ago is not news."""
    query = select(CheckInRecord).where(
        CheckInRecord.profile_id == profile.id, CheckInRecord.updated_at > since
    )
    if recent_from is not None:
        query = query.where(CheckInRecord.date >= recent_from)
    rows = db.scalars(query).all()
    for row in rows:
        if row.pain >= high_pain or (row.worst or 0) >= high_pain:
            return True
        if row.flare:
            before = db.scalar(
                select(CheckInRecord.flare)
                .where(CheckInRecord.profile_id == profile.id, CheckInRecord.date < row.date)
                .order_by(CheckInRecord.date.desc())
                .limit(1)
            )
            if not before:
                return True
    return False


# --- personal scripts -----------------------------------------------------------------


def save_script(
    db: Session, *, profile: Profile, name: str, text: str, score: int, now: dt.datetime
) -> PersonalScript:
    """Store ``text`` as the next version of the script called ``name``."""
    text = limits.SCRIPT_TEXT.check(text)
    latest = db.scalar(
        select(func.max(PersonalScript.version)).where(
            PersonalScript.profile_id == profile.id, PersonalScript.name == name
        )
    )
    script = PersonalScript(
        profile_id=profile.id,
        name=name,
        version=(latest or 0) + 1,
        text=text,
        score=score,
        created_at=now,
    )
    db.add(script)
    db.flush()
    return script


def get_script(
    db: Session, *, profile: Profile, name: str, version: int | None = None
) -> PersonalScript | None:
    query = select(PersonalScript).where(
        PersonalScript.profile_id == profile.id, PersonalScript.name == name
    )
    if version is not None:
        query = query.where(PersonalScript.version == version)
    return db.scalar(query.order_by(PersonalScript.version.desc()).limit(1))


def list_scripts(db: Session, *, profile: Profile) -> list[PersonalScript]:
    """The latest version of each script, by name."""
    rows = db.scalars(
        select(PersonalScript)
        .where(PersonalScript.profile_id == profile.id)
        .order_by(PersonalScript.name, PersonalScript.version.desc())
    ).all()
    latest: dict[str, PersonalScript] = {}
    for row in rows:
        latest.setdefault(row.name, row)
    return list(latest.values())


def script_versions(db: Session, *, profile: Profile, name: str) -> int:
    return (
        db.scalar(
            select(func.count()).where(
                PersonalScript.profile_id == profile.id, PersonalScript.name == name
            )
        )
        or 0
    )


def add_demo_sessions(db: Session, *, profile: Profile, sessions: Iterable[DemoSession]) -> int:
    """Insert many finished sessions at once (demo data; they have no per-step rows)."""
    rows = [
        PracticeSession(
            profile_id=profile.id,
            practice_id=item.practice_id,
            practice_title=item.practice_id.replace("-", " ").capitalize(),
            minutes=item.minutes,
            started_at=item.started_at,
            updated_at=item.started_at + dt.timedelta(seconds=item.seconds),
            ended_at=item.started_at + dt.timedelta(seconds=item.seconds),
            seconds=item.seconds,
            status=item.status,
            flare=item.flare,
            pain_before=item.pain_before,
            pain_after=item.pain_after,
            vivid_visual=item.vivid_visual,
            vivid_body=item.vivid_body,
            note="",
            host="demo",
            pid=None,
        )
        for item in sessions
    ]
    db.add_all(rows)
    db.flush()
    return len(rows)


def has_records(db: Session, *, profile: Profile) -> bool:
    """Any sessions or check-ins stored for ``profile``."""
    counts = profile_counts(db, profile=profile)
    return bool(counts["sessions"] or counts["check-ins"])


# --- routine ----------------------------------------------------------------------------------


def _hhmm(value: dt.time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def _time(value: str | None) -> dt.time | None:
    return None if value is None else dt.time.fromisoformat(value)


def get_routine(db: Session, *, profile: Profile) -> Routine | None:
    row = db.get(RoutineRecord, profile.id)
    if row is None:
        return None
    anchor_time, work_start, work_end = (
        _time(row.anchor_time),
        _time(row.work_start),
        _time(row.work_end),
    )
    assert anchor_time and work_start and work_end
    return Routine(
        timezone=row.timezone,
        anchor_time=anchor_time,
        anchor=row.anchor,
        practice=row.practice,
        minutes=row.minutes,
        work_days=frozenset(int(day) for day in row.work_days.split(",") if day),
        work_start=work_start,
        work_end=work_end,
        reset_every=row.reset_every,
        quiet_start=_time(row.quiet_start),
        quiet_end=_time(row.quiet_end),
        downshift=_time(row.downshift),
        intention=row.intention,
    )


def save_routine(db: Session, *, profile: Profile, routine: Routine, now: dt.datetime) -> None:
    row = db.get(RoutineRecord, profile.id)
    if row is None:
        row = RoutineRecord(profile_id=profile.id)
        db.add(row)
    row.timezone = routine.timezone
    row.anchor_time = _hhmm(routine.anchor_time) or "07:30"
    row.anchor = routine.anchor
    row.practice = routine.practice
    row.minutes = routine.minutes
    row.work_days = ",".join(str(day) for day in sorted(routine.work_days))
    row.work_start = _hhmm(routine.work_start) or "09:00"
    row.work_end = _hhmm(routine.work_end) or "17:00"
    row.reset_every = routine.reset_every
    row.quiet_start = _hhmm(routine.quiet_start)
    row.quiet_end = _hhmm(routine.quiet_end)
    row.downshift = _hhmm(routine.downshift)
    row.intention = routine.intention
    row.updated_at = now
    db.flush()
