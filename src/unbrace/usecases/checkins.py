"""The daily check-in: saving a day's answers, once per day, never for a day to come.

The terminal (`unbrace checkin`), the check-in page and ``POST /api/v1/checkins`` all save
through `check_in`; a replacement starts from `saved_answers`, as an edit does
(`usecases/history.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from unbrace.core.errors import UnbraceError
from unbrace.store import checkin_repo

# Reads with no rule of their own.
from unbrace.store.checkin_repo import add_checkins as add_checkins
from unbrace.store.checkin_repo import list_checkins as list_checkins

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.checkins import CheckIn
    from unbrace.store.models import CheckInRecord, Profile

FUTURE_DAY = "A check-in cannot be for a day that has not come yet."


class DayTaken(UnbraceError):
    """The day has a check-in and replacing it was not asked for."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        super().__init__(
            f"There is already a check-in for {day.isoformat()}; use --replace to replace it."
        )


def check_day(day: dt.date, *, today: dt.date) -> dt.date:
    """``day``, or one line when it has not come yet (checked before any question is asked)."""
    if day > today:
        raise UnbraceError(FUTURE_DAY)
    return day


@dataclass(frozen=True)
class Answers:
    """A day's saved answers: what a replacement or an edit starts from."""

    pain: int | None = None
    enjoyment: int | None = None
    activity: int | None = None
    worst: int | None = None
    stress: int | None = None
    sleep: int | None = None
    habits: tuple[str, ...] = ()
    flare: bool = False
    note: str = ""

    @classmethod
    def of(cls, record: CheckInRecord) -> Answers:
        values = {field.name: getattr(record, field.name) for field in fields(cls)}
        return cls(
            **{
                **values,
                "habits": tuple(record.habits or ()),
                "flare": bool(record.flare),
                "note": record.note or "",
            }
        )

    def form_values(self) -> dict[str, Any]:
        """The answers as a form's fields (habits as a list)."""
        return {**vars(self), "habits": list(self.habits)}

    def as_checkin(self, day: dt.date) -> CheckIn:
        """The answers as a check-in of ``day``, each value checked as a new one's would be."""
        from unbrace.core.checkins import CheckIn

        assert self.pain is not None and self.enjoyment is not None and self.activity is not None
        return CheckIn(
            date=day,
            pain=self.pain,
            enjoyment=self.enjoyment,
            activity=self.activity,
            worst=self.worst,
            stress=self.stress,
            sleep=self.sleep,
            habits=self.habits,
            flare=self.flare,
            note=self.note,
        )


def saved_answers(db: Session, *, profile: Profile, day: dt.date) -> Answers | None:
    """The day's saved answers, or None when the day has no check-in yet."""
    record = checkin_repo.get_checkin(db, profile=profile, date=day)
    return Answers.of(record) if record is not None else None


@dataclass(frozen=True)
class Saved:
    record: CheckInRecord
    replaced: bool  # the day had a check-in, now replaced


def check_in(
    db: Session,
    *,
    profile: Profile,
    checkin: CheckIn,
    replace: bool,
    now: dt.datetime,
    today: dt.date,
) -> Saved:
    """Save the day's check-in: not for a day to come; a day that has one only with
    ``replace`` (`DayTaken` otherwise, also when it was saved elsewhere a moment ago)."""
    check_day(checkin.date, today=today)
    if not replace and checkin_repo.get_checkin(db, profile=profile, date=checkin.date):
        raise DayTaken(checkin.date)
    try:
        record, replaced = checkin_repo.save_checkin(
            db, profile=profile, checkin=checkin, replace=replace, now=now
        )
    except checkin_repo.DayTakenMeanwhile as exc:
        raise DayTaken(checkin.date) from exc
    return Saved(record, replaced)
