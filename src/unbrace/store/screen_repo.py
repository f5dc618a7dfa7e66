"""Warning-sign screens: recording the answers, the last screen, open flags, "I have been seen",
and the worrying check-ins since a screen.

Each function takes the SQLAlchemy session first and keyword-only arguments; none commits: the
caller's ``Store.transaction()`` decides what one unit of work is.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from unbrace.store import plain
from unbrace.store.models import (
    CheckInRecord,
    Profile,
    SafetyScreen,
)
from unbrace.store.plain import Reader

# --- safety screens -------------------------------------------------------------------


def record_screen(
    db: Session,
    *,
    profile: Profile,
    reason: str,
    positive: list[str],
    urgency: str | None,
    now: dt.datetime,
) -> SafetyScreen:
    screen = SafetyScreen(
        profile_id=profile.id, taken_at=now, reason=reason, positive=positive, urgency=urgency
    )
    db.add(screen)
    db.flush()
    return screen


def last_screen(db: Session, *, profile: Profile) -> SafetyScreen | None:
    """The newest run of the screen (the query is store/plain.py's)."""
    found = plain.last_screen(Reader.of(db), profile_id=profile.id)
    return None if found is None else db.get(SafetyScreen, found.id)


def unresolved_flags(db: Session, *, profile: Profile) -> SafetyScreen | None:
    """The newest screen with a yes answer the person has not yet confirmed being seen for
    (the query is store/plain.py's)."""
    found = plain.unresolved_flags(Reader.of(db), profile_id=profile.id)
    return None if found is None else db.get(SafetyScreen, found.id)


def cleared_flags(db: Session, *, profile: Profile) -> set[str]:
    """Signs a clinician has seen the person about (confirmed with `safety seen`)."""
    screens = db.scalars(
        select(SafetyScreen).where(
            SafetyScreen.profile_id == profile.id, SafetyScreen.seen_clinician_at.is_not(None)
        )
    ).all()
    return {flag for screen in screens for flag in screen.positive}


def confirm_seen(db: Session, *, profile: Profile, now: dt.datetime) -> int:
    screens = db.scalars(
        select(SafetyScreen).where(
            SafetyScreen.profile_id == profile.id,
            SafetyScreen.urgency.is_not(None),
            SafetyScreen.seen_clinician_at.is_(None),
        )
    ).all()
    for screen in screens:
        screen.seen_clinician_at = now
    db.flush()
    return len(screens)


def worrying_checkin_since(
    db: Session,
    *,
    profile: Profile,
    since: dt.datetime,
    high_pain: int,
    recent_from: dt.date | None = None,
) -> bool:
    """A check-in saved after ``since`` with high pain, or marking a new flare
    (a flare day whose previous check-in was not a flare). With ``recent_from``, only
    check-ins for days from then on count: a back-filled hard day weeks ago is not news."""
    query = select(CheckInRecord).where(
        CheckInRecord.profile_id == profile.id, CheckInRecord.updated_at > since
    )
    if recent_from is not None:
        query = query.where(CheckInRecord.date >= recent_from)
    rows = db.scalars(query).all()
    for row in rows:
        if row.pain >= high_pain or (row.worst or 0) >= high_pain:
            return True
        if row.flare:
            before = db.scalar(
                select(CheckInRecord.flare)
                .where(CheckInRecord.profile_id == profile.id, CheckInRecord.date < row.date)
                .order_by(CheckInRecord.date.desc())
                .limit(1)
            )
            if not before:
                return True
    return False


def all_screens(db: Session, *, profile: Profile) -> list[SafetyScreen]:
    """Every screen of the profile, oldest first (export and import)."""
    query = select(SafetyScreen).where(SafetyScreen.profile_id == profile.id)
    return list(db.scalars(query.order_by(SafetyScreen.taken_at, SafetyScreen.id)))
