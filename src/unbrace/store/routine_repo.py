"""The routine: one row per profile, read into `core.routine.Routine` and written back.

Each function takes the SQLAlchemy session first and keyword-only arguments; none commits: the
caller's ``Store.transaction()`` decides what one unit of work is.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from unbrace.core.routine import Routine
from unbrace.store.models import (
    Profile,
    RoutineRecord,
)

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
