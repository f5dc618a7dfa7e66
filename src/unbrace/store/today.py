"""Today's plan, days practised this week and the last check-in: `unbrace today --json` and
the web app's Today page read the same dictionary."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from unbrace.store import repo
from unbrace.store.models import PracticeSession

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.practices import Library
    from unbrace.store.models import Profile


def today_data(
    db: Session,
    *,
    profile: Profile,
    library: Library,
    day: dt.date | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """``day`` and ``at`` default to the local date and time now."""
    from unbrace.core.checkins import HABITS
    from unbrace.core.insights import COUNTS_AS_PRACTICE_SECONDS
    from unbrace.core.plan import streak, suggest, week_days
    from unbrace.core.ratings import peg_score

    at = at or dt.datetime.now().astimezone()
    day = day or at.date()
    week = week_days(day)
    personal = repo.personal_for(db, profile=profile)
    since = dt.datetime.combine(day - dt.timedelta(days=60), dt.time()).astimezone()
    # Only the columns needed (the web app's Today page asks for this on every visit).
    sessions = db.execute(
        select(
            PracticeSession.started_at,
            PracticeSession.seconds,
            PracticeSession.status,
            PracticeSession.practice_id,
        ).where(PracticeSession.profile_id == profile.id, PracticeSession.started_at >= since)
    ).all()
    last = repo.latest_checkin(db, profile=profile)
    open_screen = repo.unresolved_flags(db, profile=profile)
    local = [(s.started_at.astimezone().date(), s) for s in sessions]
    practised = {d for d, s in local if s.seconds >= COUNTS_AS_PRACTICE_SECONDS}
    done_today = {s.practice_id for d, s in local if d == day and s.status == "completed"}
    flare = bool(last and last.date == day and last.flare)
    plan = suggest(library, at=at, personal=personal, flare=flare, done_today=done_today)
    week_minutes = sum(s.seconds for d, s in local if d in week) / 60
    data: dict[str, Any] = {
        "profile": profile.name,
        "date": day.isoformat(),
        "flare": flare,
        "suggestions": [
            {
                "id": item.practice_id,
                "title": item.title,
                "minutes": item.minutes,
                "reason": item.reason,
                "done_today": item.done_today,
            }
            for item in plan
        ],
        "week": {
            "days_practised": sum(1 for d in week if d in practised),
            "minutes": round(week_minutes, 1),
            "days": [{"date": d.isoformat(), "practised": d in practised} for d in week],
        },
        "last_checkin": None
        if last is None
        else {
            "date": last.date.isoformat(),
            "pain": last.pain,
            "peg": peg_score(last.pain, last.enjoyment, last.activity),
            "flare": last.flare,
            "habits": list(last.habits),
            "habit_labels": [HABITS[h] for h in last.habits if h in HABITS],
        },
        "safety_reminder": list(open_screen.positive) if open_screen else [],
    }
    if profile.streaks:
        data["streak"] = streak(practised, day)
    return data
