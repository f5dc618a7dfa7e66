"""The warning-sign gate: whether a session may start now. One rule, every edge.

A session (in the terminal, the browser, the API, or an audio render of a practice) may not start
while:

- a warning sign answered yes is still open and is an *emergency* sign: see a clinician first;
- an *urgent* sign is open, unless the person chose a gentle session (which is then the gentler
  flare version): unbrace never locks a person out of their own practice, but it asks first;
- the warning-sign questions are due because they were never answered, or after a hard day
  (a check-in with pain of 8 or more, or a new flare): the questions come first.

Due every four weeks only reminds; it does not stop. Edges that can ask (the terminal prompt, the
web pages) settle what they can before starting, then call ``check`` again through the session
use cases, which refuse with `SafetyStop` whatever the edge did.

Usage::

    gate = safety_gate.check(db, profile=profile, now=now, today=today, gentle_chosen=False)
    if not gate.allows:
        ...  # show gate.message, or ask the questions (gate.stop is Stop.SCREEN_FIRST)
    safety_gate.require(db, profile=profile, now=now, today=today)  # raises SafetyStop
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from unbrace.core.errors import UnbraceError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile


class Stop(StrEnum):
    """Why a session may not start now."""

    EMERGENCY_SIGN = "emergency_sign"
    URGENT_SIGN = "urgent_sign"
    SCREEN_FIRST = "screen_first"


# Due reasons that stop a session until the questions are answered; "periodic" only reminds.
BLOCKING_DUE = frozenset({"never", "worrying_checkin"})

MESSAGES = {
    Stop.EMERGENCY_SIGN: (
        "A warning sign you answered yes to needs a clinician first; no session until you "
        "have been seen (then run: unbrace safety seen, or press “I have been seen”)."
    ),
    Stop.URGENT_SIGN: (
        "A warning sign you answered yes to needs a clinician soon; start a gentle session "
        "only if a clinician has said gentle practice is fine."
    ),
    Stop.SCREEN_FIRST: (
        "The safety questions come first after a hard day: answer them "
        "(unbrace safety screen, or Settings → Safety questions), then start."
    ),
}


@dataclass(frozen=True)
class Gate:
    """What the gate found. ``stop`` is None when the session may start."""

    stop: Stop | None
    open_flags: tuple[str, ...]
    urgency: str | None
    due: str | None  # why the questions are due now ("never", "periodic", "worrying_checkin")
    gentle: bool  # the session must be the gentler version (chosen with an urgent sign open)

    @property
    def allows(self) -> bool:
        return self.stop is None

    @property
    def message(self) -> str:
        """One plain sentence for an edge that cannot ask (the API, ``--no-input``)."""
        return MESSAGES[self.stop] if self.stop else ""


class SafetyStop(UnbraceError):
    """A session was asked for while the gate says no."""

    def __init__(self, gate: Gate) -> None:
        super().__init__(gate.message)
        self.gate = gate


def check(
    db: Session,
    *,
    profile: Profile,
    now: dt.datetime,
    today: dt.date,
    gentle_chosen: bool = False,
) -> Gate:
    """The gate for ``profile`` now. ``gentle_chosen``: the person chose a gentle session
    knowing an urgent sign is open (never enough for an emergency sign)."""
    from unbrace.store import screen_repo
    from unbrace.usecases.safety import screen_due

    open_screen = screen_repo.unresolved_flags(db, profile=profile)
    flags = tuple(open_screen.positive) if open_screen else ()
    urgency = open_screen.urgency if open_screen else None
    due = screen_due(db, profile=profile, now=now, today=today)
    stop: Stop | None = None
    if flags and urgency == "emergency":
        stop = Stop.EMERGENCY_SIGN
    elif due in BLOCKING_DUE:
        stop = Stop.SCREEN_FIRST
    elif flags and not gentle_chosen:
        stop = Stop.URGENT_SIGN
    gentle = bool(flags) and stop is None
    return Gate(stop=stop, open_flags=flags, urgency=urgency, due=due, gentle=gentle)


def require(
    db: Session,
    *,
    profile: Profile,
    now: dt.datetime,
    today: dt.date,
    gentle_chosen: bool = False,
) -> Gate:
    """``check``, raising `SafetyStop` when the session may not start."""
    gate = check(db, profile=profile, now=now, today=today, gentle_chosen=gentle_chosen)
    if not gate.allows:
        raise SafetyStop(gate)
    return gate
