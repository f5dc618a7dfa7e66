"""Check-ins: one per profile per day (an upsert that refuses a day taken meanwhile), lists and
the latest.

Each function takes the SQLAlchemy session first and keyword-only arguments; none commits: the
caller's ``Store.transaction()`` decides what one unit of work is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from unbrace.core import limits
from unbrace.core.checkins import CheckIn
from unbrace.core.errors import UnbraceError
from unbrace.store import plain
from unbrace.store.models import (
    CheckInRecord,
    Profile,
    utcnow,
)
from unbrace.store.plain import Reader

# --- check-ins ------------------------------------------------------------------------

# What a check-in row holds beside its profile, day and times: the person's answers.
ANSWERS = ("pain", "enjoyment", "activity", "worst", "stress", "sleep", "habits", "flare", "note")


class Answered(Protocol):
    """Anything with a check-in's day and answers: a `CheckIn`, a stored row, an export's."""

    @property
    def date(self) -> dt.date: ...
    @property
    def habits(self) -> Sequence[str]: ...


def answers(checkin: Answered) -> dict[str, Any]:
    """The answers of ``checkin`` (the fields of `ANSWERS`) as a row stores them."""
    values = {name: getattr(checkin, name) for name in ANSWERS}
    values["habits"] = list(checkin.habits)
    return values


def new_row(
    profile: Profile, checkin: Answered, *, created_at: dt.datetime, updated_at: dt.datetime
) -> CheckInRecord:
    """A new row for ``checkin``: the one way a check-in row is built from answers."""
    return CheckInRecord(
        profile_id=profile.id,
        date=checkin.date,
        created_at=created_at,
        updated_at=updated_at,
        **answers(checkin),
    )


def get_checkin(db: Session, *, profile: Profile, date: dt.date) -> CheckInRecord | None:
    return db.scalar(
        select(CheckInRecord).where(
            CheckInRecord.profile_id == profile.id, CheckInRecord.date == date
        )
    )


def checkin_by_id(db: Session, *, profile: Profile, checkin_id: int) -> CheckInRecord | None:
    """The profile's own check-in by its id, locked until the transaction ends; or None."""
    record = db.get(CheckInRecord, checkin_id, with_for_update=True)
    return record if record is not None and record.profile_id == profile.id else None


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
    changed = {**answers(checkin), "updated_at": now}
    insert = _dialect_insert(db)
    statement = insert(CheckInRecord).values(
        profile_id=profile.id, date=checkin.date, created_at=now, **changed
    )
    keys = [CheckInRecord.profile_id, CheckInRecord.date]
    if replace:
        statement = statement.on_conflict_do_update(index_elements=keys, set_=changed)
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


class DayTakenMeanwhile(UnbraceError):
    """The day has a check-in and ``replace`` was not given."""


def _day_taken(day: dt.date) -> UnbraceError:
    # Worded for the person by usecases.checkins.DayTaken, which each edge shows.
    return DayTakenMeanwhile(f"There is already a check-in for {day.isoformat()}.")


def _dialect_insert(db: Session) -> Any:
    """INSERT with ON CONFLICT for the database in use (both speak the same form)."""
    if db.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def add_checkins(db: Session, *, profile: Profile, checkins: Iterable[CheckIn]) -> int:
    """Insert many new check-ins in one go (demo data and benchmarks)."""
    now = utcnow()
    rows = [new_row(profile, item, created_at=now, updated_at=now) for item in checkins]
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
    """The last check-in, on or before ``until`` (the query is store/plain.py's)."""
    found = plain.latest_checkin(Reader.of(db), profile_id=profile.id, until=until)
    return None if found is None else db.get(CheckInRecord, found.id)
