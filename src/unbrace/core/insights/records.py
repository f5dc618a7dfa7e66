"""The plain records insights are computed from, and which stored ones can be used."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, fields
from typing import Any

from unbrace.core import limits
from unbrace.core.ratings import peg_score


@dataclass(frozen=True)
class DayRecord:
    """One check-in, as insights need it."""

    date: dt.date
    pain: int
    enjoyment: int
    activity: int
    stress: int | None = None
    sleep: int | None = None
    habits: tuple[str, ...] = ()
    flare: bool = False

    @property
    def peg(self) -> float:
        return peg_score(self.pain, self.enjoyment, self.activity)

    def usable(self, today: dt.date) -> bool:
        """Values within the scales and a day within the window of core/limits.py.

        Everything that comes in is checked, but a database written by an older unbrace (or
        edited by hand) may still hold a day in year 1 or a pain of 2**63: such a record is
        left out of every figure instead of breaking them all.
        """
        return (
            _in_window(self.date, today)
            and all(_fits(value, 0, 10) for value in (self.pain, self.enjoyment, self.activity))
            and all(value is None or _fits(value, 0, 10) for value in (self.stress, self.sleep))
        )

    @classmethod
    def of(cls, checkin: Any) -> DayRecord:
        """From a stored or generated check-in (anything with the check-in's fields)."""
        values = {name: getattr(checkin, name) for name in _DAY_FIELDS}
        return cls(**{**values, "habits": tuple(checkin.habits)})


_DAY_FIELDS = tuple(field.name for field in fields(DayRecord))


@dataclass(frozen=True)
class SessionRecord:
    """One practice session, with its start in the person's local time."""

    started: dt.datetime
    practice: str
    seconds: float
    status: str
    pain_before: int | None = None
    pain_after: int | None = None
    vivid_visual: int | None = None
    vivid_body: int | None = None
    flare: bool = False

    @property
    def day(self) -> dt.date:
        return self.started.date()

    def usable(self, today: dt.date) -> bool:
        """Like ``DayRecord.usable``: finite seconds within a session's bounds, ratings on
        their scales, a start within the window."""
        pains = (self.pain_before, self.pain_after)
        vivid = (self.vivid_visual, self.vivid_body)
        return (
            _in_window(self.day, today)
            and isinstance(self.seconds, int | float)
            and math.isfinite(self.seconds)
            and limits.SECONDS.low <= self.seconds <= limits.SECONDS.high
            and all(value is None or _fits(value, 0, 10) for value in pains)
            and all(value is None or _fits(value, 1, 5) for value in vivid)
        )

    @classmethod
    def of(cls, session: Any, *, started: dt.datetime) -> SessionRecord:
        """From a stored or generated session, starting at ``started`` in local time."""
        return cls(
            started=started,
            practice=session.practice_id,
            seconds=session.seconds,
            status=session.status,
            pain_before=session.pain_before,
            pain_after=session.pain_after,
            vivid_visual=session.vivid_visual,
            vivid_body=session.vivid_body,
            flare=session.flare,
        )


def _fits(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _in_window(day: dt.date, today: dt.date) -> bool:
    return limits.EARLIEST_DAY <= day <= today + dt.timedelta(days=1)
