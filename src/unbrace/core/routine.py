"""The daily routine: an anchored practice, posture resets at work, an evening downshift.

Habits form when a behaviour is repeated in a fixed context, and "after X, I will Y" plans help
(implementation intentions, d = 0.65 across 94 tests; Gollwitzer & Sheeran 2006). So the routine
is anchored to something the person already does at a usual time.

Times are wall-clock times in the person's time zone. Each day's reminders are built from the
wall clock with zoneinfo, so a daylight-saving change neither moves a reminder (07:30 stays
07:30) nor doubles it (a time that occurs twice fires once; one that does not exist fires at the
first moment after the gap).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from unbrace.core.errors import UnbraceError
from unbrace.core.personal import anchor_phrase
from unbrace.core.session import validate_minutes
from unbrace.core.words import counted

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MAX_RESET_MINUTES = 240
MIN_RESET_MINUTES = 15


class Kind(StrEnum):
    ANCHOR = "anchor"
    RESET = "posture-reset"
    DOWNSHIFT = "downshift"
    LADDER = "ladder-step"  # a "visualise, then do" step, on the days the person chose


@dataclass(frozen=True)
class Routine:
    timezone: str
    anchor_time: dt.time = dt.time(7, 30)
    anchor: str = ""
    practice: str = "movement-rehearsal"
    minutes: int = 5
    work_days: frozenset[int] = frozenset(range(5))  # Monday = 0
    work_start: dt.time = dt.time(9, 0)
    work_end: dt.time = dt.time(17, 0)
    reset_every: int = 60  # minutes; 0 turns posture resets off
    quiet_start: dt.time | None = dt.time(22, 0)
    quiet_end: dt.time | None = dt.time(7, 0)
    downshift: dt.time | None = None
    intention: str = ""
    # Filled from the person's ladder (core/ladder.py), not saved with the routine: the days
    # (Monday = 0) on which the step they are on is suggested, right after the daily practice.
    ladder_days: frozenset[int] = frozenset()
    ladder_step: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", anchor_phrase(self.anchor))  # see Personal

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def intention_or_default(self) -> str:
        if self.intention:
            return self.intention
        anchor = self.anchor or "my morning coffee"
        practice = self.practice.replace("-", " ")
        return f"After {anchor}, I will do {counted(self.minutes, 'minute')} of {practice}."


@dataclass(frozen=True)
class Reminder:
    kind: Kind
    at: dt.datetime  # aware, in the routine's zone
    practice: str
    minutes: int

    @property
    def local_time(self) -> str:
        return self.at.strftime("%H:%M")


# --- parsing what people type --------------------------------------------------------------


def parse_time(text: str, *, what: str = "time") -> dt.time:
    match = TIME.match(text.strip())
    if not match:
        raise UnbraceError(f"The {what} must be written HH:MM, like 07:30; got {text!r}.")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_range(
    text: str, *, what: str, may_cross_midnight: bool = False
) -> tuple[dt.time, dt.time]:
    parts = text.split("-")
    if len(parts) != 2:
        raise UnbraceError(f"The {what} are written HH:MM-HH:MM, like 09:00-17:00; got {text!r}.")
    start, end = parse_time(parts[0], what=what), parse_time(parts[1], what=what)
    if start == end or (end < start and not may_cross_midnight):
        raise UnbraceError(f"The {what} must end after they start; got {text!r}.")
    return start, end


def parse_days(text: str) -> frozenset[int]:
    """'mon-fri', 'mon,wed,fri', 'sat-sun' or 'none'."""
    text = text.strip().lower()
    if text in {"none", "off"}:
        return frozenset()
    days: set[int] = set()
    for part in text.split(","):
        bounds = [item.strip()[:3] for item in part.split("-")]
        if len(bounds) > 2 or any(item not in DAY_NAMES for item in bounds):
            raise UnbraceError(
                f"Work days are written like mon-fri or mon,tue,thu; {part.strip()!r} is not a day."
            )
        first, last = DAY_NAMES.index(bounds[0]), DAY_NAMES.index(bounds[-1])
        if last < first:
            raise UnbraceError(f"The days {part.strip()!r} end before they start.")
        days.update(range(first, last + 1))
    return frozenset(days)


def format_days(days: frozenset[int]) -> str:
    if not days:
        return "none"
    ordered = sorted(days)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[day] for day in ordered)


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnbraceError(f"Unknown time zone {name!r}; use a name like Europe/London.") from None
    return name


def check_reset_every(minutes: int) -> int:
    if minutes != 0 and not MIN_RESET_MINUTES <= minutes <= MAX_RESET_MINUTES:
        raise UnbraceError(
            f"Posture resets come every {MIN_RESET_MINUTES} to {MAX_RESET_MINUTES} minutes "
            f"(0 turns them off), not {minutes}."
        )
    return minutes


def updated(routine: Routine, **changes: object) -> Routine:
    """A copy with changes, checked as a whole (practice ids are checked by the caller)."""
    new = replace(routine, **changes)  # type: ignore[arg-type]
    validate_minutes(new.minutes)
    check_reset_every(new.reset_every)
    check_timezone(new.timezone)
    if new.work_end <= new.work_start:
        raise UnbraceError("The work hours must end after they start.")
    return new


# --- when reminders fire -------------------------------------------------------------------


def in_quiet_hours(routine: Routine, moment: dt.time) -> bool:
    start, end = routine.quiet_start, routine.quiet_end
    if start is None or end is None:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # crosses midnight


def wall_clock(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """``at`` on ``day`` in ``zone``: the first of two repeated times, or just after a gap."""
    naive = dt.datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone, fold=0)
    # A wall time inside a spring-forward gap does not exist: it comes back from UTC changed.
    round_trip = aware.astimezone(dt.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        return round_trip
    return aware


def reset_times(routine: Routine) -> list[dt.time]:
    """Posture-reset wall times within work hours: every interval after the start, not at it."""
    if routine.reset_every == 0:
        return []
    times: list[dt.time] = []
    start = dt.datetime.combine(dt.date(2000, 1, 3), routine.work_start)
    end = dt.datetime.combine(dt.date(2000, 1, 3), routine.work_end)
    moment = start + dt.timedelta(minutes=routine.reset_every)
    while moment < end:
        times.append(moment.time())
        moment += dt.timedelta(minutes=routine.reset_every)
    return times


def reminders_on(routine: Routine, day: dt.date) -> list[Reminder]:
    """Every reminder of ``day`` in order, none in quiet hours, resets only on work days."""
    zone = routine.zone
    planned: list[tuple[Kind, dt.time, str, int]] = [
        (Kind.ANCHOR, routine.anchor_time, routine.practice, routine.minutes)
    ]
    if day.weekday() in routine.work_days:
        planned += [(Kind.RESET, at, "posture-reset", 1) for at in reset_times(routine)]
    if routine.downshift is not None:
        planned.append((Kind.DOWNSHIFT, routine.downshift, "downshift", 3))
    if routine.ladder_step and day.weekday() in routine.ladder_days:
        planned.append((Kind.LADDER, ladder_time(routine), "ladder", 10))
    reminders = {
        (kind, at): Reminder(kind, wall_clock(day, at, zone), practice, minutes)
        for kind, at, practice, minutes in planned
        if not in_quiet_hours(routine, at)
    }
    return sorted(reminders.values(), key=lambda reminder: reminder.at)


def ladder_time(routine: Routine) -> dt.time:
    """Right after the daily practice: imagine the movement first, then do the step."""
    start = dt.datetime.combine(dt.date(2000, 1, 3), routine.anchor_time)
    return (start + dt.timedelta(minutes=routine.minutes)).time()


def upcoming(routine: Routine, after: dt.datetime) -> Iterator[Reminder]:
    """Reminders strictly after ``after`` (aware), day by day, for ever."""
    day = after.astimezone(routine.zone).date() - dt.timedelta(days=1)
    while True:
        for reminder in reminders_on(routine, day):
            if reminder.at > after:
                yield reminder
        day += dt.timedelta(days=1)


def next_reminder(routine: Routine, after: dt.datetime) -> Reminder:
    return next(upcoming(routine, after))


@dataclass(frozen=True)
class Nudge:
    """Extra words for the morning reminder."""

    text: str = ""
    reasons: tuple[str, ...] = field(default_factory=tuple)


def flare_only_nudge(flare_days_practised: int, calm_days_practised: int) -> Nudge:
    """Practice only on flare days in the last two weeks: a kind word; otherwise nothing."""
    if flare_days_practised and not calm_days_practised:
        return Nudge(
            "Lately you have practised only on flare days. A few calm minutes on an ordinary "
            "day teach your body the movement without the alarm ringing.",
            ("flare-only",),
        )
    return Nudge()


def message_for(
    reminder: Reminder, routine: Routine, nudge: Nudge | None = None
) -> tuple[str, str]:
    """Title and body of a reminder; never guilt about a missed day."""
    if reminder.kind is Kind.ANCHOR:
        title = f"Time for {counted(reminder.minutes, 'minute')} of practice"
        body = routine.intention_or_default()
        if nudge and nudge.text:
            body += " " + nudge.text
    elif reminder.kind is Kind.RESET:
        title = "A one-minute posture reset"
        body = "Close your eyes, let your spine grow long and your shoulders settle, then re-align."
    elif reminder.kind is Kind.LADDER:
        title = "A ladder step, when you feel ready"
        body = (
            f"You have just imagined it; now, if it feels right: {routine.ladder_step}. "
            "Let's see what happens. Skipping it today is fine."
        )
    else:
        title = "Evening downshift"
        body = "A few slow breaths with warmth spreading down your spine, to let the day go."
    return title, body
