"""The flare rule: when a session becomes the gentler version, and how long it then runs.

On a flare day (today's check-in marks a flare), when the pain before a session is high, or when
the person chose a gentle session while a warning-sign reminder is open, a session is the
practice's shorter flare length and rehearses the feared movement at an easier step. Practice
should never mean pushing through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unbrace.core import ratings

if TYPE_CHECKING:
    from unbrace.core.practices import Practice


def gentler(*, flare_today: bool, pain_before: int | None, gentle_chosen: bool = False) -> bool:
    """Whether this session is the gentler flare version."""
    high_pain = pain_before is not None and pain_before >= ratings.HIGH_PAIN
    return flare_today or high_pain or gentle_chosen


def session_minutes(practice: Practice, minutes: int | None, *, gentle: bool) -> int:
    """The length asked for, else the practice's flare length on a gentler day, else its usual."""
    if minutes is not None:
        return minutes
    return practice.flare_minutes if gentle else practice.default_minutes


def uses_movement(practice: Practice) -> bool:
    return any("{movement}" in step.text for step in practice.steps)


def gentler_words(practice: Practice, minutes: int | None = None) -> str:
    """What the person is told before a gentler session of ``minutes`` (its flare length when
    None): "shorter" only when it is shorter than the practice's usual length."""
    shorter = (practice.flare_minutes if minutes is None else minutes) < practice.default_minutes
    parts = (["shorter"] if shorter else []) + (
        ["your movement at an easier step"] if uses_movement(practice) else []
    )
    if not parts:
        return "A gentle day: go only as far as feels kind."
    return f"A gentler session today: {', and '.join(parts)}. Go only as far as feels kind."
