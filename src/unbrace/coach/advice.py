"""Score and suggestions, written from the person's own words."""

from __future__ import annotations

from unbrace.coach.analysis import Analysis, analyse


def coach(text: str, *, movement: str = "") -> Analysis:
    result = analyse(text)
    result.score = 0
    return result
