"""Practice sessions: the terminal's (this process, with a pid) and the browser's (host ``web``).

Starting a session writes it with one row per step; progress is saved as it goes. The browser
keeps the session clock and sends what was practised, so its progress only moves forward (the row
is locked while a report is merged) and it ends once. `close_abandoned_sessions` closes a session
whose process is gone, or a browser session silent for `STALE_AFTER`, as stopped. Starting and
finishing with their rules are `usecases.sessions`.

Each function takes the SQLAlchemy session first and keyword-only arguments; none commits.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from unbrace.core import limits
from unbrace.core.demo import DemoSession
from unbrace.core.errors import UnbraceError
from unbrace.core.session import Plan, Player, Status
from unbrace.store.models import PracticeSession, Profile, SessionStep

WEB_HOST = "web"
# A browser session has no process id while it runs; its finish sets this one, so a second
# finish (a double click, two tabs, a retried post) is told it was finished already.
FINISHED_PID = 0


@dataclass(frozen=True)
class StepUpdate:
    index: int
    seconds: float
    skipped: bool = False
    done: bool = False


# What a session row holds beside its profile, host and process (what an export carries),
# and what a step's row holds beside its session.
RECORD = (
    "practice_id",
    "practice_title",
    "minutes",
    "started_at",
    "updated_at",
    "ended_at",
    "seconds",
    "status",
    "flare",
    "pain_before",
    "pain_after",
    "vivid_visual",
    "vivid_body",
    "note",
)
STEP = ("position", "step_id", "planned_seconds", "seconds", "skipped", "done")


class Recorded(Protocol):
    """Anything with the fields of `RECORD` and steps with those of `STEP` (a stored row,
    an export's session)."""

    @property
    def steps(self) -> Sequence[Any]: ...


def record_fields(session: object) -> dict[str, Any]:
    """The fields of `RECORD` of a session (stored or not)."""
    return {name: getattr(session, name) for name in RECORD}


def step_fields(step: object) -> dict[str, Any]:
    """The fields of `STEP` of a session's step (stored or not)."""
    return {name: getattr(step, name) for name in STEP}


def add_sessions(db: Session, *, profile: Profile, sessions: Iterable[Recorded], host: str) -> int:
    """Insert whole sessions with their steps, as recorded elsewhere (import). They have no
    process here: one still in progress is closed as stopped by the next command."""
    rows = []
    for item in sessions:
        record = PracticeSession(profile_id=profile.id, host=host, pid=None, **record_fields(item))
        record.steps = [SessionStep(**step_fields(step)) for step in item.steps]
        rows.append(record)
    db.add_all(rows)
    return len(rows)


def get_session(
    db: Session, *, profile: Profile, session_id: int, for_update: bool = False
) -> PracticeSession | None:
    """The profile's own session (with its steps), or None.

    ``for_update`` locks the row until the transaction ends (PostgreSQL; SQLite lets one
    writer in at a time anyway), so concurrent saves of one session take turns and each sees
    what the one before it stored: progress never goes backwards, and a finish happens once."""
    from sqlalchemy.orm import selectinload

    record = db.get(
        PracticeSession,
        session_id,
        options=[selectinload(PracticeSession.steps)],
        with_for_update=for_update,
        populate_existing=for_update,
    )
    if record is None or record.profile_id != profile.id:
        return None
    return record


def _merge(record: PracticeSession, seconds: float, steps: Iterable[StepUpdate]) -> None:
    """Progress only moves forward: a late or repeated report never takes time away, and a
    step once done or skipped stays so. Time per step is capped at the time planned for it."""
    rows = record.steps
    for update in steps:
        if not 0 <= update.index < len(rows):
            raise UnbraceError(
                f"This session has {len(rows)} steps; step index {update.index} is not one of them."
            )
        row = rows[update.index]
        row.seconds = round(max(row.seconds, min(update.seconds, row.planned_seconds)), 2)
        row.skipped = row.skipped or update.skipped
        row.done = row.done or update.done
    # A plan always fills its length exactly (the steps' rounded times may sum a hair less).
    record.seconds = round(max(record.seconds, min(seconds, record.minutes * 60.0)), 2)


def save_browser_progress(
    db: Session,
    *,
    record: PracticeSession,
    seconds: float,
    steps: Iterable[StepUpdate],
    now: dt.datetime,
) -> PracticeSession:
    """Progress of a running session. After the session has ended (finished, or closed for
    silence) a report changes nothing: it is a late beacon from a page being closed."""
    steps = list(steps)
    if record.status != Status.RUNNING.value:
        return record
    _merge(record, seconds, steps)
    record.updated_at = now
    db.flush()
    return record


def end_session(
    db: Session,
    *,
    record: PracticeSession,
    status: Status,
    seconds: float,
    steps: Iterable[StepUpdate],
    now: dt.datetime,
) -> PracticeSession:
    """End a browser session with its last progress (ratings are the use case's to set).
    A session closed as stopped (after a silence, or by an earlier finish whose answer was
    lost) can still be ended, so what was practised is kept."""
    _merge(record, seconds, list(steps))
    record.status = status.value
    record.pid = FINISHED_PID
    record.updated_at = record.ended_at = now
    db.flush()
    return record


# A session whose process lives elsewhere and has not saved progress for this long
# is taken to have ended without saying so.
STALE_AFTER = dt.timedelta(minutes=2)
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
                sql_update(PracticeSession)
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


def sessions_with_steps(db: Session, *, profile: Profile) -> list[PracticeSession]:
    """Every session of the profile with its steps, oldest first (export and import)."""
    query = (
        select(PracticeSession)
        .where(PracticeSession.profile_id == profile.id)
        .options(selectinload(PracticeSession.steps))
        .order_by(PracticeSession.started_at, PracticeSession.id)
    )
    return list(db.scalars(query))
