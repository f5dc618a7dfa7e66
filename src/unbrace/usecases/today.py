"""Today's plan, days practised this week and the last check-in, as one typed read model
(`TodayPlan`): the web app's Today page shows it, `unbrace today --json` and
`GET /api/v1/today` print its `as_json()`."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from unbrace.store import plain
from unbrace.store.plain import ProfileLike, Reader, quick_reader

__all__ = [
    "ProfileLike",
    "Reader",
    "TodayPlan",
    "profile_for",
    "quick_reader",
    "set_up",
    "today_data",
    "today_plan",
]

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.plan import Suggestion
    from unbrace.core.practices import Library


@dataclass(frozen=True)
class WeekDay:
    date: dt.date
    practised: bool


@dataclass(frozen=True)
class LastCheckIn:
    date: dt.date
    pain: int
    peg: float
    flare: bool
    habits: tuple[str, ...]
    habit_labels: tuple[str, ...]


@dataclass(frozen=True)
class TodayPlan:
    """Today's plan, days and minutes practised this week (counted as `core.counting` says),
    the last check-in and any open warning-sign reminder."""

    profile: str
    date: dt.date
    flare: bool
    suggestions: tuple[Suggestion, ...]
    days: tuple[WeekDay, ...]
    week_seconds: float
    last_checkin: LastCheckIn | None
    safety_reminder: tuple[str, ...]
    streak: int | None

    @property
    def days_practised(self) -> int:
        return sum(day.practised for day in self.days)

    @property
    def week_minutes(self) -> int:
        from unbrace.core.counting import counted_minutes

        return counted_minutes(self.week_seconds)

    def as_json(self) -> dict[str, Any]:
        """What `unbrace today --json` and `GET /api/v1/today` print."""
        last = self.last_checkin
        data: dict[str, Any] = {
            "profile": self.profile,
            "date": self.date.isoformat(),
            "flare": self.flare,
            "suggestions": [
                {
                    "id": item.practice_id,
                    "title": item.title,
                    "minutes": item.minutes,
                    "reason": item.reason,
                    "done_today": item.done_today,
                }
                for item in self.suggestions
            ],
            "week": {
                "days_practised": self.days_practised,
                "minutes": round(self.week_seconds / 60, 1),
                "days": [{"date": d.date.isoformat(), "practised": d.practised} for d in self.days],
            },
            "last_checkin": None
            if last is None
            else {
                "date": last.date.isoformat(),
                "pain": last.pain,
                "peg": last.peg,
                "flare": last.flare,
                "habits": list(last.habits),
                "habit_labels": list(last.habit_labels),
            },
            "safety_reminder": list(self.safety_reminder),
        }
        if self.streak is not None:
            data["streak"] = self.streak
        return data


def today_plan(
    db: Session | Reader,
    *,
    profile: ProfileLike,
    library: Library,
    day: dt.date | None = None,
    at: dt.datetime | None = None,
) -> TodayPlan:
    """``day`` and ``at`` default to the local date and time now.

    Its reads are plain SQL (store/plain.py): on the ORM session's own connection for the web
    app, or on a bare SQLite connection for `unbrace today`, which then imports no SQLAlchemy.
    """
    from unbrace.core import limits
    from unbrace.core.checkins import HABITS
    from unbrace.core.counting import counts
    from unbrace.core.plan import streak, suggest, week_days
    from unbrace.core.ratings import peg_score

    reader = db if isinstance(db, Reader) else Reader.of(db)
    at = at or dt.datetime.now().astimezone()
    day = day or at.date()
    week = week_days(day)
    personal = plain.personal_row(reader, profile_id=profile.id).personal(profile.name)
    since = dt.datetime.combine(day - dt.timedelta(days=60), dt.time()).astimezone()
    sessions = plain.sessions_since(reader, profile_id=profile.id, since=since)
    last = plain.latest_checkin(reader, profile_id=profile.id, until=day + dt.timedelta(days=1))
    open_screen = plain.unresolved_flags(reader, profile_id=profile.id)
    # Only durations a session can have: an older unbrace let in infinite ones.
    local = [
        (s.started_at.astimezone().date(), s)
        for s in sessions
        if math.isfinite(s.seconds) and 0 <= s.seconds <= limits.SECONDS.high
    ]
    counted = [(d, s) for d, s in local if counts(s.seconds)]
    practised = {d for d, _ in counted}
    done_today = {s.practice_id for d, s in local if d == day and s.status == "completed"}
    flare = bool(last and last.date == day and last.flare)
    plan = suggest(library, at=at, personal=personal, flare=flare, done_today=done_today)
    return TodayPlan(
        profile=profile.name,
        date=day,
        flare=flare,
        suggestions=tuple(plan),
        days=tuple(WeekDay(d, d in practised) for d in week),
        # Only sessions that count (30 seconds or more), as Insights adds them up.
        week_seconds=sum(s.seconds for d, s in counted if d in week),
        last_checkin=None
        if last is None
        else LastCheckIn(
            date=last.date,
            pain=last.pain,
            peg=peg_score(last.pain, last.enjoyment, last.activity),
            flare=last.flare,
            habits=tuple(last.habits),
            habit_labels=tuple(HABITS[h] for h in last.habits if h in HABITS),
        ),
        safety_reminder=tuple(open_screen.positive) if open_screen else (),
        streak=streak(practised, day) if profile.streaks else None,
    )


def today_data(
    db: Session | Reader,
    *,
    profile: ProfileLike,
    library: Library,
    day: dt.date | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """`today_plan` as JSON."""
    return today_plan(db, profile=profile, library=library, day=day, at=at).as_json()


def profile_for(reader: Reader, *, name: str | None) -> plain.ProfileRow:
    """The named profile, or the first one created, read without the ORM."""
    return plain.resolve_profile(reader, name=name)


def set_up(reader: Reader, *, name: str | None) -> bool:
    """Whether someone is set up here: a profile (the named one, which must exist, or the
    first) that has answered the warning-sign questions once."""
    if plain.profile_id(reader, name=None) is None:
        return False
    profile = plain.resolve_profile(reader, name=name)
    return plain.last_screen(reader, profile_id=profile.id) is not None
