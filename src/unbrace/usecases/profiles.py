"""Setting a person up and changing their preferences, as `unbrace init` and
`unbrace settings set` do; the web app's onboarding and settings use the same checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from unbrace.store import profile_repo, screen_repo

# Reads and plain changes with no rule beyond the repository's own (a name's limits, one
# profile per name, removal of everything a profile owns), offered to the edges as they are.
from unbrace.store.profile_repo import check_profile_name as check_profile_name
from unbrace.store.profile_repo import create_profile as create_profile
from unbrace.store.profile_repo import feared_movements as feared_movements
from unbrace.store.profile_repo import find_profile as find_profile
from unbrace.store.profile_repo import has_records as has_records
from unbrace.store.profile_repo import list_profiles as list_profiles
from unbrace.store.profile_repo import personal_for as personal_for
from unbrace.store.profile_repo import profile_counts as profile_counts
from unbrace.store.profile_repo import remove_profile as remove_profile
from unbrace.store.profile_repo import resolve_profile as resolve_profile

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile


def onboard(
    db: Session,
    *,
    name: str,
    movements: Sequence[str] | None,
    scene: str | None,
    anchor: str | None,
    positive: list[str],
    now: dt.datetime,
) -> Profile:
    """Create the profile (or update one of that name) with its details and the first screen."""
    from unbrace.core.safety import most_urgent

    name = profile_repo.check_profile_name(name)
    urgency = most_urgent(positive)
    profile = profile_repo.find_profile(db, name=name) or profile_repo.create_profile(db, name=name)
    profile_repo.set_personal(db, profile=profile, movements=movements, scene=scene, anchor=anchor)
    screen_repo.record_screen(
        db,
        profile=profile,
        reason="onboarding",
        positive=positive,
        urgency=urgency.value if urgency else None,
        now=now,
    )
    return profile


@dataclass(frozen=True)
class Preferences:
    """The person's details and preferences (`settings show`, `GET /api/v1/profile`)."""

    name: str
    movement: str
    easier: str
    scene: str
    anchor: str
    breath_in: float
    breath_out: float
    streaks: bool

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


def preferences(db: Session, *, profile: Profile) -> Preferences:
    """The person's details and preferences, their breath pace as every session uses it."""
    from unbrace.usecases.sessions import breath_pace

    pace = breath_pace(profile)
    personal = profile_repo.personal_for(db, profile=profile)
    return Preferences(
        name=profile.name,
        movement=personal.movement,
        easier=personal.easier_movement,
        scene=personal.scene,
        anchor=personal.anchor,
        breath_in=pace.inhale,
        breath_out=pace.exhale,
        streaks=profile.streaks,
    )


def update_preferences(
    db: Session,
    *,
    profile: Profile,
    breath_in: float | None = None,
    breath_out: float | None = None,
    streaks: bool | None = None,
    movement: str | None = None,
    easier: str | None = None,
    scene: str | None = None,
    anchor: str | None = None,
) -> None:
    """Change what is given (None keeps a value); every value is checked."""
    from unbrace.core.session import breath_bounds

    bounds = breath_bounds()
    if breath_in is not None or breath_out is not None:
        pace = bounds.check(
            breath_in if breath_in is not None else profile.breath_in or bounds.default.inhale,
            breath_out if breath_out is not None else profile.breath_out or bounds.default.exhale,
        )
        profile.breath_in, profile.breath_out = pace.inhale, pace.exhale
    if streaks is not None:
        profile.streaks = streaks
    if movement is not None or easier is not None:
        profile_repo.set_feared_movement(db, profile=profile, text=movement, easier=easier)
    if scene is not None or anchor is not None:
        profile_repo.set_personal(db, profile=profile, scene=scene, anchor=anchor)
    db.flush()


def server_profile(db: Session, *, name: str | None) -> Profile | None:
    """The web app's profile: the one named (``--profile``/``UNBRACE_PROFILE``), else the
    first set up; None before anyone is."""
    if name:
        return profile_repo.find_profile(db, name=name)
    return profile_repo.first_profile(db)
