"""The routine as an iCalendar file (RFC 5545): recurring events, each with a display alarm.

Events repeat in the person's time zone (DTSTART with TZID plus a VTIMEZONE), so calendar apps
keep them at the same wall-clock time across daylight-saving changes. Posture resets are one
weekly-recurring event per reset time on work days; times in quiet hours are left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from unbrace import __version__
from unbrace.core.routine import (
    DAY_NAMES,
    Kind,
    Routine,
    in_quiet_hours,
    ladder_time,
    reset_times,
)

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DESCRIPTIONS = {
    Kind.ANCHOR: "Your daily practice, right after your anchor habit. {intention}",
    Kind.RESET: "One minute: close your eyes, let your spine grow long and your shoulders "
    "settle, then gently re-align.",
    Kind.DOWNSHIFT: "A few slow breaths with warmth spreading down your spine, to let the day go.",
    Kind.LADDER: "After imagining it, a step of your ladder if it feels right today: {step}. "
    "Let's see what happens.",
}


def _uid(profile: str, kind: Kind, at: dt.time) -> str:
    digest = hashlib.sha256(f"{profile}|{kind}|{at:%H%M}".encode()).hexdigest()[:16]
    return f"{kind}-{at:%H%M}-{digest}@unbrace.local"


def build_calendar(
    routine: Routine, *, profile: str, start: dt.date, now: dt.datetime | None = None
) -> bytes:
    """The iCalendar bytes for ``routine``, with events starting on ``start``."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    zone = routine.zone
    calendar = Calendar()
    calendar.add("prodid", f"-//unbrace//unbrace {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"unbrace practice ({profile})")
    calendar.add("x-wr-timezone", routine.timezone)

    def event(kind: Kind, at: dt.time, minutes: int, title: str, rrule: dict[str, object]) -> None:
        if in_quiet_hours(routine, at):
            return
        item = Event()
        item.add("uid", _uid(profile, kind, at))
        item.add("dtstamp", stamp)
        item.add("dtstart", dt.datetime.combine(start, at, zone))
        item.add("duration", dt.timedelta(minutes=minutes))
        item.add("summary", title)
        description = DESCRIPTIONS[kind].format(
            intention=routine.intention_or_default(), step=routine.ladder_step
        )
        item.add("description", description)
        item.add("rrule", rrule)
        item.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", title)
        alarm.add("trigger", dt.timedelta(0))
        item.add_component(alarm)
        calendar.add_component(item)

    practice = routine.practice.replace("-", " ")
    event(
        Kind.ANCHOR,
        routine.anchor_time,
        routine.minutes,
        f"Practice: {routine.minutes} min {practice}",
        {"freq": "daily"},
    )
    days = [ICAL_DAYS[day] for day in sorted(routine.work_days)]
    if days:
        for at in reset_times(routine):
            event(Kind.RESET, at, 1, "Posture reset (1 min)", {"freq": "weekly", "byday": days})
    if routine.downshift is not None:
        event(Kind.DOWNSHIFT, routine.downshift, 3, "Evening downshift (3 min)", {"freq": "daily"})
    ladder_days = [ICAL_DAYS[day] for day in sorted(routine.ladder_days)]
    if routine.ladder_step and ladder_days:
        event(
            Kind.LADDER,
            ladder_time(routine),
            10,
            "Ladder step (when ready)",
            {"freq": "weekly", "byday": ladder_days},
        )
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


__all__ = ["DAY_NAMES", "build_calendar"]
