"""What goes with better next days: habits, sleep and stress, as associations only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from unbrace.core.checkins import HABITS
from unbrace.core.insights.records import DayRecord
from unbrace.core.insights.shapes import Association
from unbrace.core.insights.stats import bootstrap_difference

MIN_DAYS_PER_GROUP = 7  # habit associations need this many days with and without


def _has_habit(habit: str) -> Callable[[DayRecord], bool | None]:
    return lambda day: habit in day.habits


def associations(days: Sequence[DayRecord], *, seed: int = 0) -> list[Association]:
    """Next-day pain after days with and without each habit, only when there is enough data."""
    by_date = {d.date: d for d in days}
    pairs = [
        (day, by_date[day.date + dt.timedelta(days=1)])
        for day in days
        if day.date + dt.timedelta(days=1) in by_date
    ]
    factors: list[tuple[str, str, Callable[[DayRecord], bool | None]]] = [
        (habit, label, _has_habit(habit)) for habit, label in HABITS.items()
    ]
    factors.append(
        ("good-sleep", "Slept well (7+ of 10)", lambda d: None if d.sleep is None else d.sleep >= 7)
    )
    factors.append(
        (
            "low-stress",
            "Low stress (3 or less of 10)",
            lambda d: None if d.stress is None else d.stress <= 3,
        )
    )
    results: list[Association] = []
    for index, (key, label, test) in enumerate(factors):
        with_it: list[float] = []
        without: list[float] = []
        for day, next_day in pairs:
            value = test(day)
            if value is None:
                continue
            (with_it if value else without).append(float(next_day.pain))
        entry: Association = {
            "factor": key,
            "label": label,
            "days_with": len(with_it),
            "days_without": len(without),
        }
        if len(with_it) >= MIN_DAYS_PER_GROUP and len(without) >= MIN_DAYS_PER_GROUP:
            diff = bootstrap_difference(with_it, without, seed=seed + index)
            entry["next_day_pain_with"] = round(sum(with_it) / len(with_it), 2)
            entry["next_day_pain_without"] = round(sum(without) / len(without), 2)
            entry["difference"] = diff.as_json()
            entry["clear"] = diff.high < 0 or diff.low > 0
        else:
            entry["message"] = (
                f"Not enough days yet: {len(with_it)} with and {len(without)} without; "
                f"{MIN_DAYS_PER_GROUP} of each are needed."
            )
        results.append(entry)
    return results


ASSOCIATION_CAVEAT = (
    "These are associations, not causes: a habit and a better next day can both come from "
    "something else, like a calmer week."
)
