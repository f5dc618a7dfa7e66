"""Realistic synthetic data for trying unbrace and for benchmarks (never mixed with real data).

A person starts with moderate pain that eases slowly over the months, with day-to-day noise,
flares every few weeks, habits that help a little, and practice on most days.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from unbrace.core.checkins import HABITS, CheckIn

PRACTICE_WEIGHTS = {
    "movement-rehearsal": 5,
    "posture-reset": 4,
    "body-scan": 3,
    "breath-anchor": 2,
    "everyday-imagery": 2,
    "downshift": 2,
    "spine-stacking": 1,
    "micro-movements": 1,
    "core-stability": 1,
    "personal-scene": 1,
}
PRACTICE_MINUTES = {"posture-reset": 1, "breath-anchor": 3, "downshift": 3, "spine-stacking": 3}
HABIT_CHANCE = {
    "movement-breaks": 0.6,
    "walking": 0.5,
    "hydration": 0.7,
    "seating": 0.5,
    "sleep-routine": 0.6,
}


@dataclass(frozen=True)
class DemoSession:
    started_at: dt.datetime  # aware, local time zone
    practice_id: str
    minutes: int
    seconds: float
    status: str
    flare: bool
    pain_before: int
    pain_after: int | None
    vivid_visual: int | None
    vivid_body: int | None


def _clamp(value: float, low: int, high: int) -> int:
    return int(min(high, max(low, round(value))))


def generate(
    *, days: int, seed: int, end: dt.date, tz: dt.tzinfo
) -> tuple[list[CheckIn], list[DemoSession]]:
    """Check-ins and sessions for the ``days`` days ending on ``end``."""
    import numpy as np

    rng = np.random.default_rng(seed)
    start = end - dt.timedelta(days=days - 1)
    baseline = rng.uniform(5.0, 7.0)
    improvement = rng.uniform(1.5, 3.0)  # eased over about four months
    noise = 0.0
    flare_left = 0
    checkins: list[CheckIn] = []
    sessions: list[DemoSession] = []
    practices = list(PRACTICE_WEIGHTS)
    weights = np.array(list(PRACTICE_WEIGHTS.values()), dtype=float)
    weights /= weights.sum()
    helped = 0.0
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        if flare_left == 0 and rng.random() < 1 / 30:
            flare_left = int(rng.integers(2, 6))
        flare = flare_left > 0
        flare_left = max(0, flare_left - 1)
        noise = 0.7 * noise + rng.normal(0, 0.6)
        trend = baseline - improvement * (1 - math.exp(-offset / 120))
        pain_level = trend + noise + (2.5 if flare else 0.0) - helped
        pain = _clamp(pain_level, 0, 10)
        habits = tuple(h for h in HABITS if rng.random() < HABIT_CHANCE[h])
        helped = 0.25 * sum(h in habits for h in ("walking", "movement-breaks"))
        stress = _clamp(3 + 0.5 * (pain - 4) + rng.normal(0, 1.5), 0, 10)
        sleep = _clamp(7 - 0.4 * (pain - 4) + rng.normal(0, 1.5), 0, 10)
        if rng.random() < 0.85:
            checkins.append(
                CheckIn(
                    date=day,
                    pain=pain,
                    enjoyment=_clamp(pain_level - 0.5 + rng.normal(0, 1), 0, 10),
                    activity=_clamp(pain_level - 0.3 + rng.normal(0, 1), 0, 10),
                    worst=_clamp(pain_level + 1.5 + abs(rng.normal(0, 1)), 0, 10),
                    stress=stress,
                    sleep=sleep,
                    habits=habits,
                    flare=flare,
                )
            )
        count = 0 if rng.random() > 0.78 else 1 + int(rng.random() < 0.25)
        for _ in range(count):
            practice = str(rng.choice(practices, p=weights))
            minutes = PRACTICE_MINUTES.get(practice, 5)
            if flare:
                minutes = min(minutes, 3)
            hour = int(rng.choice([7, 8, 12, 13, 15, 18, 20, 21]))
            started = dt.datetime.combine(day, dt.time(hour, int(rng.integers(0, 60))), tz)
            completed = rng.random() < 0.9
            seconds = minutes * 60.0 if completed else float(rng.integers(20, minutes * 60))
            before = _clamp(pain_level + rng.normal(0, 0.8), 0, 10)
            progress = min(1.0, offset / 90)
            sessions.append(
                DemoSession(
                    started_at=started,
                    practice_id=practice,
                    minutes=minutes,
                    seconds=seconds,
                    status="completed" if completed else "stopped",
                    flare=flare,
                    pain_before=before,
                    pain_after=_clamp(before - rng.uniform(0, 1.8), 0, 10),
                    vivid_visual=_clamp(2 + 2 * progress + rng.normal(0, 0.7), 1, 5),
                    vivid_body=_clamp(1.8 + 2 * progress + rng.normal(0, 0.7), 1, 5),
                )
            )
    return checkins, sessions
