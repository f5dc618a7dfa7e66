"""The warning-sign screen against the store: when it is due, recording answers, the status.

Shared by the CLI's prompts (`cli/safety_flow.py`) and the web API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from unbrace.store import screen_repo

# Reads and the plain change "I have been seen", with no rule beyond the repository's own.
from unbrace.store.screen_repo import confirm_seen as confirm_seen
from unbrace.store.screen_repo import last_screen as last_screen
from unbrace.store.screen_repo import unresolved_flags as unresolved_flags

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile


def check_flags(ids: Iterable[str]) -> list[str]:
    """Known warning-sign ids, each once, in the screen's order; an unknown id is an error."""
    from unbrace.core.safety import screen

    known = screen()
    return sorted({known.get(flag_id).id for flag_id in ids}, key=known.ids().index)


def screen_due(db: Session, *, profile: Profile, now: dt.datetime, today: dt.date) -> str | None:
    """Why the questions should be asked now (``never``, ``periodic``, ``worrying_checkin``)."""
    from unbrace.core import ratings, safety

    last = screen_repo.last_screen(db, profile=profile)
    worrying = last is not None and screen_repo.worrying_checkin_since(
        db,
        profile=profile,
        since=last.taken_at,
        high_pain=ratings.HIGH_PAIN,
        recent_from=today - dt.timedelta(days=1),
    )
    reason = safety.screen_due(
        last_screen=last.taken_at if last else None, now=now, worrying_since_last=worrying
    )
    return reason.value if reason else None


def record_answers(
    db: Session, *, profile: Profile, reason: str, positive: list[str], now: dt.datetime
) -> list[str]:
    """Store the answers; returns the signs that are new (not already seen by a clinician).

    Some questions ask about the past ("have you had cancer"), so a person a clinician has
    already seen for a sign answers yes again at every re-screen. That sign stays recorded but
    opens no new reminder: only signs not yet cleared do.
    """
    from unbrace.core.safety import most_urgent

    cleared = screen_repo.cleared_flags(db, profile=profile)
    new = [flag for flag in positive if flag not in cleared]
    urgency = most_urgent(new)
    screen_repo.record_screen(
        db,
        profile=profile,
        reason=reason,
        positive=positive,
        urgency=urgency.value if urgency else None,
        now=now,
    )
    return new


def safety_status(
    db: Session, *, profile: Profile, now: dt.datetime, today: dt.date
) -> dict[str, Any]:
    """What `unbrace safety status --json` prints."""
    last = screen_repo.last_screen(db, profile=profile)
    open_screen = screen_repo.unresolved_flags(db, profile=profile)
    return {
        "last_screen": last.taken_at.isoformat() if last else None,
        "open_flags": list(open_screen.positive) if open_screen else [],
        "urgency": open_screen.urgency if open_screen else None,
        "due": screen_due(db, profile=profile, now=now, today=today),
    }
