"""Ratings the person gives, and the checks that keep them in range.

Pain and the PEG items are 0-10 numeric rating scales (Krebs et al. 2009, JGIM,
doi 10.1007/s11606-009-0981-1). Vividness uses our own two 1-5 items, one for how
clearly the movement was seen and one for how strongly it was felt in the body,
modelled on the visual/kinesthetic split of the KVIQ (Malouin et al. 2007) without
copying its items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unbrace.core import limits
from unbrace.core.errors import UnbraceError


@dataclass(frozen=True)
class Scale:
    name: str
    low: int
    high: int
    question: str

    def check(self, value: int) -> int:
        if type(value) is not int or not self.low <= value <= self.high:
            raise UnbraceError(
                f"{self.name.capitalize()} must be a whole number from {self.low} to "
                f"{self.high}, not {value}."
            )
        return value


PAIN = Scale("pain", 0, 10, "How strong is your back pain right now? (0 = none, 10 = worst)")
WORST = Scale("worst pain", 0, 10, "Worst pain today? (0-10)")
ENJOYMENT = Scale(
    "enjoyment",
    0,
    10,
    "Today, how much did pain get in the way of enjoying life? (0 = not at all, 10 = completely)",
)
ACTIVITY = Scale(
    "activity",
    0,
    10,
    "Today, how much did pain get in the way of your general activity? (0-10)",
)
# The PEG items (Krebs 2009) ask about the past week; a daily check-in asks about the day, so
# the trend has one value per day without overlapping windows. Said to people wherever they
# answer or read the PEG (check-in, report, docs):
PEG_DAILY_NOTE = (
    "unbrace asks the three PEG questions about today, once a day; the published PEG asks "
    "about the past week (Krebs et al. 2009). Weekly figures are the average of the days you "
    "checked in that week."
)
AVERAGE_PAIN = Scale("pain", 0, 10, "Your average back pain today? (0 = none, 10 = worst)")
STRESS = Scale("stress", 0, 10, "How stressed did you feel today? (0 = calm, 10 = extremely)")
SLEEP = Scale("sleep", 0, 10, "How well did you sleep last night? (0 = very badly, 10 = very well)")
VIVID_VISUAL = Scale(
    "seeing vividness", 1, 5, "How clearly did you see it? (1 = not at all, 5 = as clear as real)"
)
VIVID_BODY = Scale(
    "feeling vividness",
    1,
    5,
    "How strongly did you feel it in your body? (1 = not at all, 5 = as strong as real)",
)

# A pain rating at or above this asks for the warning-sign screen again.
HIGH_PAIN = 8


def parse_date(text: str, *, today: dt.date | None = None, since: bool = False) -> dt.date:
    """A day written YYYY-MM-DD, from 1900 up to tomorrow (``today``: the person's own day,
    the computer's when not given). A ``since`` filter may name a later day (it finds
    nothing); it stores nothing, so only the lower end matters."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UnbraceError(
            f"Dates are written YYYY-MM-DD, like 2026-03-14; got {text!r}."
        ) from None
    if since:  # no upper end: checked against the last day there is
        return limits.check_day(day, today=dt.date.max - dt.timedelta(days=1))
    return limits.check_day(day, today=today or dt.date.today())


def peg_score(pain: int, enjoyment: int, activity: int) -> float:
    """The PEG score: the mean of its three 0-10 items (Krebs et al. 2009)."""
    return round((pain + enjoyment + activity) / 3, 2)
