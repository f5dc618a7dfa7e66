"""Today's plan: which practices suit this moment, and a kind count of days practised.

The full routine (anchor time, work hours, reminders) arrives with the routine work;
until then the plan follows the time of day, flares, and the person's feared movement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from unbrace.core.practices import Library, Personal


@dataclass(frozen=True)
class Suggestion:
    practice_id: str
    title: str
    minutes: int
    reason: str
    done_today: bool = False


def suggest(
    library: Library,
    *,
    at: dt.datetime,
    personal: Personal,
    flare: bool,
    done_today: Iterable[str] = (),
) -> list[Suggestion]:
    """Up to four practices for today, the best fit for this moment first."""
    done = set(done_today)
    hour = at.hour
    weekday = at.weekday() < 5
    picks: list[tuple[str, str]] = []
    if flare:
        picks.append(("breath-anchor", "A flare day: slow breathing first, as gently as you like."))
        picks.append(
            ("movement-rehearsal", "Your movement at an easier step, kept short for a flare day.")
        )
        picks.append(("downshift", "To settle the alarm system when it is loud."))
    else:
        if hour < 11:
            picks.append(("body-scan", "A calm start before the day gets going."))
        movement = personal.movement or "the movement you want back"
        # Without a habit of their own: when it fits best, not "after a daily habit".
        when = f"after {personal.anchor}" if personal.anchor else "at the same time each day"
        picks.append(("movement-rehearsal", f"Rehearse {movement}; a good one to do {when}."))
        if weekday and 9 <= hour < 18:
            picks.append(("posture-reset", "A one-minute reset between stretches of sitting."))
        if hour >= 17:
            picks.append(("downshift", "To let the day go before the evening."))
        picks.append(("everyday-imagery", "Pair imagery with a chore you do anyway."))
    suggestions: list[Suggestion] = []
    for practice_id, reason in picks:
        if practice_id not in library.practices:
            continue
        practice = library.practices[practice_id]
        minutes = practice.flare_minutes if flare else practice.default_minutes
        suggestions.append(
            Suggestion(practice_id, practice.title, minutes, reason, practice_id in done)
        )
    # Not yet done today first, keeping the order of fit.
    suggestions.sort(key=lambda item: item.done_today)
    return suggestions[:4]


def week_days(day: dt.date) -> list[dt.date]:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=offset) for offset in range(7)]


def streak(practised: set[dt.date], today: dt.date) -> int:
    """Days in a row up to today (or yesterday, so a day not yet practised breaks nothing).

    Only shown to people who turn streaks on.
    """
    day = today if today in practised else today - dt.timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= dt.timedelta(days=1)
    return count
