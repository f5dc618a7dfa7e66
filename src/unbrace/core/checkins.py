"""Daily check-ins: the PEG items, a few extra ratings, habits and the flare marker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from unbrace.core import limits, ratings
from unbrace.core.errors import UnbraceError

# The lifestyle habits a check-in can tick, with the words shown to the person.
HABITS: dict[str, str] = {
    "movement-breaks": "Took movement breaks",
    "walking": "Went for a walk",
    "hydration": "Drank enough water",
    "seating": "Sat in a supportive seat",
    "sleep-routine": "Kept a regular sleep routine",
}


@dataclass(frozen=True)
class CheckIn:
    date: dt.date
    pain: int
    enjoyment: int
    activity: int
    worst: int | None = None
    stress: int | None = None
    sleep: int | None = None
    habits: tuple[str, ...] = field(default_factory=tuple)
    flare: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        ratings.PAIN.check(self.pain)
        ratings.ENJOYMENT.check(self.enjoyment)
        ratings.ACTIVITY.check(self.activity)
        for scale, value in (
            (ratings.WORST, self.worst),
            (ratings.STRESS, self.stress),
            (ratings.SLEEP, self.sleep),
        ):
            if value is not None:
                scale.check(value)
        unknown = sorted(set(self.habits) - set(HABITS))
        if unknown:
            raise UnbraceError(f"Unknown habit {unknown[0]!r}; choose from {', '.join(HABITS)}.")
        limits.NOTE.check(self.note)

    @property
    def peg(self) -> float:
        return ratings.peg_score(self.pain, self.enjoyment, self.activity)

    @property
    def worrying(self) -> bool:
        """High pain (average or worst): a reason to ask the warning-sign questions again.

        A new flare is the other reason; it needs the previous day, so the store checks it.
        """
        return self.pain >= ratings.HIGH_PAIN or (self.worst or 0) >= ratings.HIGH_PAIN


def parse_habits(values: list[str]) -> tuple[str, ...]:
    """Habits from repeated options or comma lists, in the checklist's order."""
    chosen = {item.strip() for value in values for item in value.split(",") if item.strip()}
    unknown = sorted(chosen - set(HABITS))
    if unknown:
        raise UnbraceError(f"Unknown habit {unknown[0]!r}; choose from {', '.join(HABITS)}.")
    return tuple(habit for habit in HABITS if habit in chosen)
