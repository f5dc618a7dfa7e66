"""Sessions played somewhere other than this process: the web app's player.

The browser keeps the session clock and sends what was practised; the store keeps it with the
CLI's sessions, so `unbrace history` shows both (starting and finishing, with their rules, are
`usecases.sessions`). A browser session records host ``web`` and no process id, so
`repo.close_abandoned_sessions` closes it as stopped once it has been silent for
`repo.STALE_AFTER`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unbrace.core.errors import UnbraceError
from unbrace.core.session import Status
from unbrace.store.models import PracticeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile

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
