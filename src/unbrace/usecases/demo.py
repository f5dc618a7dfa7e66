"""`unbrace demo`: realistic made-up records, to try unbrace out without mixing them with a
person's own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unbrace.core.errors import UnbraceError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile


@dataclass(frozen=True)
class Added:
    checkins: int
    sessions: int


def check_size(*, days: int, seed: int) -> None:
    """How many days (7 to 3650) and the seed (a 32-bit whole number), checked first."""
    if not 7 <= days <= 3650:
        raise UnbraceError("--days must be between 7 and 3650.")
    if not 0 <= seed < 2**32:
        raise UnbraceError("--seed must be a whole number from 0 to 4294967295.")


def add_demo(
    db: Session,
    *,
    profile: Profile,
    days: int,
    seed: int,
    end: dt.date,
    tz: dt.tzinfo,
    force: bool,
) -> Added:
    """``days`` of made-up check-ins and sessions ending on ``end``; refused for a profile with
    records of its own unless ``force``. A day that has a check-in keeps it."""
    from unbrace.core.demo import generate
    from unbrace.store import checkin_repo, profile_repo, session_repo

    check_size(days=days, seed=seed)
    checkins, sessions = generate(days=days, seed=seed, end=end, tz=tz)
    if profile_repo.has_records(db, profile=profile) and not force:
        raise UnbraceError(
            f"Profile {profile.name!r} already has records; demo data would mix with them. "
            "Use a new profile (unbrace profile add demo) or --force."
        )
    existing = {c.date for c in checkin_repo.list_checkins(db, profile=profile)}
    fresh = [c for c in checkins if c.date not in existing]
    checkin_repo.add_checkins(db, profile=profile, checkins=fresh)
    session_repo.add_demo_sessions(db, profile=profile, sessions=sessions)
    return Added(len(fresh), len(sessions))
