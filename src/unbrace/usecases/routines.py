"""The routine against the store, and the routine as people type it (`unbrace routine set`,
the web app's settings): both edges parse and check the same way."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from unbrace.core import limits
from unbrace.core.errors import UnbraceError
from unbrace.store import profile_repo, routine_repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.core.practices import Library
    from unbrace.core.routine import Nudge, Routine
    from unbrace.store.models import Profile

MAX_INTENTION = limits.INTENTION.max_chars


def local_timezone() -> str:
    from tzlocal import get_localzone_name

    try:
        return get_localzone_name() or "UTC"
    except Exception:
        return "UTC"


def current_routine(db: Session, *, profile: Profile) -> Routine:
    """The saved routine, or the default one in the computer's time zone."""
    from unbrace.core.routine import Routine

    routine = routine_repo.get_routine(db, profile=profile)
    if routine is None:
        personal = profile_repo.personal_for(db, profile=profile)
        routine = Routine(timezone=local_timezone(), anchor=personal.anchor)
    return with_ladder(db, profile=profile, routine=routine)


def with_ladder(db: Session, *, profile: Profile, routine: Routine) -> Routine:
    """The routine with the ladder step on the days the person chose (the first ladder that
    has days and is not paused), so reminders and the calendar include it."""
    from dataclasses import replace

    from unbrace.store.ladder_repo import list_ladders
    from unbrace.store.models import LadderStep

    for ladder in list_ladders(db, profile=profile):
        days = frozenset(int(day) for day in ladder.days.split(",") if day)
        if not days or ladder.paused_at is not None or ladder.current_step_id is None:
            continue
        step = db.get(LadderStep, ladder.current_step_id)
        if step is not None:
            return replace(routine, ladder_days=days, ladder_step=step.text)
    return routine


def _hhmm(value: dt.time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def routine_json(routine: Routine) -> dict[str, Any]:
    from unbrace.core.routine import format_days, reset_times

    return {
        "timezone": routine.timezone,
        "anchor": routine.anchor,
        "anchor_time": _hhmm(routine.anchor_time),
        "practice": routine.practice,
        "minutes": routine.minutes,
        "work_days": format_days(routine.work_days),
        "work_hours": f"{_hhmm(routine.work_start)}-{_hhmm(routine.work_end)}",
        "reset_every": routine.reset_every,
        "reset_times": [_hhmm(at) for at in reset_times(routine)],
        "quiet_hours": None
        if routine.quiet_start is None
        else f"{_hhmm(routine.quiet_start)}-{_hhmm(routine.quiet_end)}",
        "downshift": _hhmm(routine.downshift),
        "intention": routine.intention_or_default(),
    }


def routine_today(routine: Routine) -> list[dict[str, Any]]:
    """Today's reminders in the routine's own time zone."""
    from unbrace.core.routine import reminders_on

    return [
        {"kind": str(r.kind), "at": r.at.isoformat(), "practice": r.practice}
        for r in reminders_on(routine, dt.datetime.now(routine.zone).date())
    ]


def _off(text: str) -> bool:
    return text.strip().lower() in {"off", "none"}


def parse_changes(
    library: Library,
    *,
    anchor_time: str | None = None,
    anchor: str | None = None,
    practice: str | None = None,
    minutes: int | None = None,
    work_days: str | None = None,
    work_hours: str | None = None,
    reset_every: int | None = None,
    quiet_hours: str | None = None,
    downshift: str | None = None,
    intention: str | None = None,
    timezone: str | None = None,
) -> dict[str, object]:
    """The routine fields to change, from what was typed; raises on the first bad value."""
    from unbrace.core import routine as rules
    from unbrace.core.personal import check_anchor

    changes: dict[str, object] = {}
    if anchor_time is not None:
        changes["anchor_time"] = rules.parse_time(anchor_time, what="anchor time")
    if anchor is not None:
        changes["anchor"] = check_anchor(anchor)
    if practice is not None:
        changes["practice"] = library.get(practice).id
    if minutes is not None:
        changes["minutes"] = minutes
    if work_days is not None:
        changes["work_days"] = rules.parse_days(work_days)
    if work_hours is not None:
        changes["work_start"], changes["work_end"] = rules.parse_range(
            work_hours, what="work hours"
        )
    if reset_every is not None:
        changes["reset_every"] = rules.check_reset_every(reset_every)
    if quiet_hours is not None:
        if _off(quiet_hours):
            changes["quiet_start"] = changes["quiet_end"] = None
        else:
            changes["quiet_start"], changes["quiet_end"] = rules.parse_range(
                quiet_hours, what="quiet hours", may_cross_midnight=True
            )
    if downshift is not None:
        changes["downshift"] = (
            None if _off(downshift) else rules.parse_time(downshift, what="downshift time")
        )
    if intention is not None:
        if len(intention) > MAX_INTENTION:
            raise UnbraceError("Please keep your plan to one sentence (300 characters).")
        changes["intention"] = limits.INTENTION.check(" ".join(intention.split()))
    if timezone is not None:
        changes["timezone"] = rules.check_timezone(timezone)
    return changes


def change_routine(
    db: Session, *, profile: Profile, changes: dict[str, object], now: dt.datetime
) -> Routine:
    """Apply ``changes`` to the current routine, check it as a whole, and save it."""
    from unbrace.core.routine import updated

    routine = updated(current_routine(db, profile=profile), **changes)
    routine_repo.save_routine(db, profile=profile, routine=routine, now=now)
    return routine


def save_routine(db: Session, *, profile: Profile, routine: Routine, now: dt.datetime) -> None:
    """Save a routine the web form built and checked as a whole."""
    routine_repo.save_routine(db, profile=profile, routine=routine, now=now)


def morning_nudge(db: Session, *, profile: Profile, today: dt.date) -> Nudge:
    """The flare-only nudge from the last two weeks: days practised (sessions that count as
    practice) on flare days against calm ones."""
    from unbrace.core.counting import counts
    from unbrace.core.routine import flare_only_nudge
    from unbrace.store import checkin_repo, session_repo

    since_day = today - dt.timedelta(days=13)
    since = dt.datetime.combine(since_day, dt.time()).astimezone()
    flare_days = {
        c.date for c in checkin_repo.list_checkins(db, profile=profile, since=since_day) if c.flare
    }
    days = {
        (s.started_at.astimezone().date(), s.flare)
        for s in session_repo.list_sessions(db, profile=profile, since=since)
        if counts(s.seconds)
    }
    flare = {d for d, f in days if f or d in flare_days}
    calm = {d for d, f in days if not f and d not in flare_days}
    return flare_only_nudge(len(flare), len(calm))
