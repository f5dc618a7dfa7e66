"""Correcting a mistake in the records: one session or check-in, changed or deleted by its id.

The CLI (`unbrace history edit|delete`) and the web History page call these. Each takes the
open database session first and never commits: the edge's transaction does, so a change is
stored whole or not at all. Insights and the report are worked out from the records each time,
so they follow at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from unbrace.core.errors import UnbraceError
from unbrace.store.models import CheckInRecord, PracticeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile


class Kind(StrEnum):
    SESSION = "session"
    CHECKIN = "checkin"


@dataclass(frozen=True)
class RecordView:
    """One record as a person recognises it: what, when, and its numbers in words."""

    kind: Kind
    id: int
    summary: str


@dataclass(frozen=True)
class CheckInChanges:
    """Fields to change on a check-in; None leaves a field as it is."""

    pain: int | None = None
    enjoyment: int | None = None
    activity: int | None = None
    worst: int | None = None
    stress: int | None = None
    sleep: int | None = None
    flare: bool | None = None
    note: str | None = None

    def empty(self) -> bool:
        return all(value is None for value in vars(self).values())


@dataclass(frozen=True)
class SessionChanges:
    pain_before: int | None = None
    pain_after: int | None = None
    vivid_visual: int | None = None
    vivid_body: int | None = None
    note: str | None = None

    def empty(self) -> bool:
        return all(value is None for value in vars(self).values())


@dataclass(frozen=True)
class Edited:
    before: RecordView
    after: RecordView


def parse_kind(text: str) -> Kind:
    word = text.strip().lower().replace("-", "")
    for kind in Kind:
        if word in (kind.value, kind.value + "s"):
            return kind
    raise UnbraceError(f"Choose session or checkin, not {text!r}.")


def _find(
    db: Session, profile: Profile, kind: Kind, record_id: int
) -> PracticeSession | CheckInRecord:
    from unbrace.store import checkin_repo, session_repo

    record: PracticeSession | CheckInRecord | None
    if kind is Kind.SESSION:
        record = session_repo.get_session(
            db, profile=profile, session_id=record_id, for_update=True
        )
    else:
        record = checkin_repo.checkin_by_id(db, profile=profile, checkin_id=record_id)
    if record is None:
        words = "session" if kind is Kind.SESSION else "check-in"
        raise UnbraceError(
            f"There is no {words} {record_id}; unbrace history shows each one's number."
        )
    return record


def find_record(db: Session, *, profile: Profile, kind: Kind, record_id: int) -> RecordView:
    """The record, described, or one line saying there is none with that id."""
    return _view(_find(db, profile, kind, record_id))


def delete_record(db: Session, *, profile: Profile, kind: Kind, record_id: int) -> RecordView:
    """Delete one session (with its steps) or check-in; returns what was deleted."""
    record = _find(db, profile, kind, record_id)
    if isinstance(record, PracticeSession) and record.status == "in_progress":
        raise UnbraceError("This session is still running; finish or stop it first.")
    from unbrace.store.db import remove

    shown = _view(record)
    remove(db, record)
    return shown


def edit_checkin(
    db: Session, *, profile: Profile, record_id: int, changes: CheckInChanges, now: dt.datetime
) -> Edited:
    """Change a check-in's answers; each value is checked as a new check-in's would be."""
    from unbrace.usecases.checkins import Answers

    if changes.empty():
        raise UnbraceError("Say what to change, for example --pain 4.")
    record = _find(db, profile, Kind.CHECKIN, record_id)
    assert isinstance(record, CheckInRecord)
    before = _view(record)
    current = Answers.of(record).as_checkin(record.date)
    wanted = {key: value for key, value in vars(changes).items() if value is not None}
    checked = replace(current, **wanted)  # CheckIn checks every field as it is made
    for key in wanted:
        setattr(record, key, getattr(checked, key))
    record.updated_at = now
    db.flush()
    return Edited(before, _view(record))


def edit_session(
    db: Session, *, profile: Profile, record_id: int, changes: SessionChanges, now: dt.datetime
) -> Edited:
    """Change a session's ratings or note (what was practised is the clock's, not editable)."""
    from unbrace.core import limits, ratings

    if changes.empty():
        raise UnbraceError("Say what to change, for example --pain-after 3.")
    record = _find(db, profile, Kind.SESSION, record_id)
    assert isinstance(record, PracticeSession)
    if record.status == "in_progress":
        raise UnbraceError("This session is still running; finish or stop it first.")
    before = _view(record)
    scales = {
        "pain_before": ratings.PAIN,
        "pain_after": ratings.PAIN,
        "vivid_visual": ratings.VIVID_VISUAL,
        "vivid_body": ratings.VIVID_BODY,
    }
    for key, scale in scales.items():
        value = getattr(changes, key)
        if value is not None:
            scale.check(value)
            setattr(record, key, value)
    if changes.note is not None:
        limits.NOTE.check(changes.note)
        record.note = changes.note
    record.updated_at = now
    db.flush()
    return Edited(before, _view(record))


def _view(record: PracticeSession | CheckInRecord) -> RecordView:
    if isinstance(record, CheckInRecord):
        parts = [
            f"check-in {record.id}, {record.date.isoformat()}: pain {record.pain}, "
            f"enjoyment {record.enjoyment}, activity {record.activity}"
        ]
        for label, value in (
            ("worst", record.worst),
            ("stress", record.stress),
            ("sleep", record.sleep),
        ):
            if value is not None:
                parts.append(f"{label} {value}")
        if record.flare:
            parts.append("flare day")
        if record.note:
            parts.append(f"note {record.note!r}")
        return RecordView(Kind.CHECKIN, record.id, ", ".join(parts))
    assert isinstance(record, PracticeSession)
    when = record.started_at.astimezone()
    parts = [
        f"session {record.id}, {when:%Y-%m-%d %H:%M} {record.practice_title} ({record.status})"
    ]
    for label, value in (
        ("pain before", record.pain_before),
        ("pain after", record.pain_after),
        ("seeing", record.vivid_visual),
        ("feeling", record.vivid_body),
    ):
        if value is not None:
            parts.append(f"{label} {value}")
    if record.note:
        parts.append(f"note {record.note!r}")
    return RecordView(Kind.SESSION, record.id, ", ".join(parts))
