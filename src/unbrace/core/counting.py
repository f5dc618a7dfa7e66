"""What counts as practice, and how practice time is said. One definition for every page.

A session shorter than 30 seconds is kept (with its ratings) but does not count as a day or
minutes practised: half a minute is about the shortest meaningful imagery (a few breaths), and a
session opened and closed at once says nothing about practice. Today, Insights, History, the
report and the end of a session all use `counts` and say so with `NOT_COUNTED`.
"""

from __future__ import annotations

COUNTS_AS_PRACTICE_SECONDS = 30

NOT_COUNTED = (
    f"Sessions shorter than {COUNTS_AS_PRACTICE_SECONDS} seconds are kept but not counted."
)
# Beside such a session in History.
SHORT_MARK = f"Not counted: under {COUNTS_AS_PRACTICE_SECONDS} seconds"


def counts(seconds: float) -> bool:
    """Whether a session of ``seconds`` practised counts as practice."""
    return seconds >= COUNTS_AS_PRACTICE_SECONDS


def clock(seconds: float) -> str:
    """3:05 for 185 seconds."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def minutes_words(minutes: float) -> str:
    """'1 minute', '12 minutes', '2.5 minutes'."""
    from unbrace.core.words import counted

    return counted(round(minutes, 1), "minute")


def counted_minutes(seconds: float) -> int:
    """Practice time in whole minutes, as Today and Insights both show it."""
    return round(seconds / 60)
