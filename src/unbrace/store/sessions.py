"""Sessions played somewhere other than this process: the web app's player.

The browser keeps the session clock and sends what was practised; the store keeps it with the
CLI's sessions, so `unbrace history` shows both. A browser session records host ``web`` and no
process id, so `repo.close_abandoned_sessions` closes it as stopped once it has been silent for
`repo.STALE_AFTER`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unbrace.core import limits
from unbrace.core.errors import UnbraceError
from unbrace.core.session import Status
from unbrace.store import repo
from unbrace.store.models import PracticeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.practices import Practice
    from unbrace.core.session import BreathPace, Plan
    from unbrace.store.models import Profile

WEB_HOST = "web"
# A browser session has no process id while it runs; its finish sets this one, so a second
# finish (a double click, two tabs, a retried post) is told it was finished already.
FINISHED_PID = 0


class SessionEnded(UnbraceError):
    """The session can take no more: it was completed."""


@dataclass(frozen=True)
class StepUpdate:
    index: int
    seconds: float
    skipped: bool = False
    done: bool = False


def profile_pace(profile: Profile) -> BreathPace | None:
    from unbrace.core.session import BreathPace

    if profile.breath_in and profile.breath_out:
        return BreathPace(profile.breath_in, profile.breath_out)
    return None


def flare_day(db: Session, *, profile: Profile, day: dt.date) -> bool:
    """Whether today's check-in marks a flare."""
    todays = repo.get_checkin(db, profile=profile, date=day)
    return bool(todays and todays.flare)


def personal_plan(
    db: Session,
    *,
    profile: Profile,
    practice: Practice,
    minutes: int | None,
    flare: bool,
) -> Plan:
    """``practice`` personalised for ``profile``; a flare day uses the practice's flare length
    (unless ``minutes`` is given) and the easier step of the feared movement."""
    from unbrace.core.session import plan_session

    length = minutes or (practice.flare_minutes if flare else practice.default_minutes)
    personal = repo.personal_for(db, profile=profile)
    return plan_session(practice, length, personal, pace=profile_pace(profile), flare=flare)


def start_browser_session(
    db: Session,
    *,
    profile: Profile,
    practice: Practice,
    minutes: int | None,
    pain_before: int | None,
    day: dt.date,
    now: dt.datetime,
) -> tuple[PracticeSession, Plan]:
    """Plan and store a session as `unbrace session` does: today's flare check-in or a high
    pain rating before makes it the gentler flare version."""
    from unbrace.core import ratings

    if pain_before is not None:
        ratings.PAIN.check(pain_before)
    flare = flare_day(db, profile=profile, day=day) or (
        pain_before is not None and pain_before >= ratings.HIGH_PAIN
    )
    plan = personal_plan(db, profile=profile, practice=practice, minutes=minutes, flare=flare)
    record = repo.start_session(
        db,
        profile=profile,
        plan=plan,
        pain_before=pain_before,
        flare=flare,
        now=now,
        host=WEB_HOST,
        pid=None,
    )
    return record, plan


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


def finish_browser_session(
    db: Session,
    *,
    record: PracticeSession,
    status: Status,
    seconds: float,
    steps: Iterable[StepUpdate],
    now: dt.datetime,
    pain_after: int | None = None,
    vivid_visual: int | None = None,
    vivid_body: int | None = None,
    note: str = "",
) -> PracticeSession:
    """End a session with its ratings. A session closed as stopped (after a silence, or by an
    earlier finish whose answer was lost) can still be finished, so what was practised and
    the ratings sent late are kept; a completed session cannot be finished again."""
    from unbrace.core import ratings

    if status is Status.RUNNING:
        raise UnbraceError("A session ends as completed or stopped.")
    if record.status == Status.COMPLETED.value or record.pid == FINISHED_PID:
        raise SessionEnded("This session is already finished.")
    for scale, value in (
        (ratings.PAIN, pain_after),
        (ratings.VIVID_VISUAL, vivid_visual),
        (ratings.VIVID_BODY, vivid_body),
    ):
        if value is not None:
            scale.check(value)
    limits.NOTE.check(note)
    _merge(record, seconds, list(steps))
    record.status = status.value
    record.pid = FINISHED_PID
    record.updated_at = record.ended_at = now
    record.pain_after = pain_after
    record.vivid_visual = vivid_visual
    record.vivid_body = vivid_body
    record.note = note
    db.flush()
    return record
