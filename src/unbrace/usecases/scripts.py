"""A person's own imagery scripts: saved as a new version with the coach's score, read back.

`unbrace script new|edit` and the coach page save through `save_script`, so a version's score
is the coach's for the person's movement on both.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from unbrace.store import script_repo

# Reads with no rule of their own.
from unbrace.store.script_repo import get_script as get_script
from unbrace.store.script_repo import list_scripts as list_scripts
from unbrace.store.script_repo import script_versions as script_versions

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import PersonalScript, Profile


def save_script(
    db: Session,
    *,
    profile: Profile,
    name: str,
    text: str,
    now: dt.datetime,
    movement: str | None = None,
) -> PersonalScript:
    """Keep ``text`` as the next version of the script ``name``, scored by the coach for
    ``movement`` (the person's own when not given)."""
    from unbrace.coach import coach
    from unbrace.store import profile_repo

    if movement is None:
        movement = profile_repo.personal_for(db, profile=profile).movement
    score = coach(text, movement=movement).score
    return script_repo.save_script(db, profile=profile, name=name, text=text, score=score, now=now)
