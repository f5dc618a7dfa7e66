"""Personal scripts, versioned by name.

Each function takes the SQLAlchemy session first and keyword-only arguments; none commits: the
caller's ``Store.transaction()`` decides what one unit of work is.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unbrace.core import limits
from unbrace.store.models import (
    PersonalScript,
    Profile,
)

# --- personal scripts -----------------------------------------------------------------


def save_script(
    db: Session, *, profile: Profile, name: str, text: str, score: int, now: dt.datetime
) -> PersonalScript:
    """Store ``text`` as the next version of the script called ``name``."""
    text = limits.SCRIPT_TEXT.check(text)
    latest = db.scalar(
        select(func.max(PersonalScript.version)).where(
            PersonalScript.profile_id == profile.id, PersonalScript.name == name
        )
    )
    script = PersonalScript(
        profile_id=profile.id,
        name=name,
        version=(latest or 0) + 1,
        text=text,
        score=score,
        created_at=now,
    )
    db.add(script)
    db.flush()
    return script


def get_script(
    db: Session, *, profile: Profile, name: str, version: int | None = None
) -> PersonalScript | None:
    query = select(PersonalScript).where(
        PersonalScript.profile_id == profile.id, PersonalScript.name == name
    )
    if version is not None:
        query = query.where(PersonalScript.version == version)
    return db.scalar(query.order_by(PersonalScript.version.desc()).limit(1))


def list_scripts(db: Session, *, profile: Profile) -> list[PersonalScript]:
    """The latest version of each script, by name."""
    rows = db.scalars(
        select(PersonalScript)
        .where(PersonalScript.profile_id == profile.id)
        .order_by(PersonalScript.name, PersonalScript.version.desc())
    ).all()
    latest: dict[str, PersonalScript] = {}
    for row in rows:
        latest.setdefault(row.name, row)
    return list(latest.values())


def script_versions(db: Session, *, profile: Profile, name: str) -> int:
    return (
        db.scalar(
            select(func.count()).where(
                PersonalScript.profile_id == profile.id, PersonalScript.name == name
            )
        )
        or 0
    )


def all_versions(db: Session, *, profile: Profile) -> list[PersonalScript]:
    """Every version of every script of the profile, by name then version (export, import)."""
    query = select(PersonalScript).where(PersonalScript.profile_id == profile.id)
    return list(db.scalars(query.order_by(PersonalScript.name, PersonalScript.version)))
