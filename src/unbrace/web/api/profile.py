"""The profile (onboarding and settings) and the warning-sign screen."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from unbrace.core.errors import UnbraceError
from unbrace.core.safety import ADVICE, DISCLAIMER, most_urgent, screen
from unbrace.usecases import profiles
from unbrace.usecases import safety as screening
from unbrace.usecases.entities import Profile
from unbrace.usecases.profiles import onboard, preferences, update_preferences
from unbrace.usecases.safety import check_flags, record_answers, safety_status, screen_due
from unbrace.web.api.models import (
    ProfileCreate,
    ProfileOut,
    ProfileUpdate,
    Question,
    Questions,
    Screen,
    ScreenResult,
    Seen,
)
from unbrace.web.deps import (
    OptionalProfileDep,
    ProfileDep,
    SessionDep,
    SettingsDep,
    conflict,
    now,
    today,
)

router = APIRouter(tags=["profile"])
NO_PROFILE: dict[int | str, dict[str, Any]] = {409: {"description": "No profile yet."}}


def profile_json(db: SessionDep, profile: Profile) -> ProfileOut:
    data = preferences(db, profile=profile).as_json()
    data["safety"] = safety_status(db, profile=profile, now=now(), today=today())
    return ProfileOut.model_validate(data)


@router.get("/profile", responses=NO_PROFILE)
def get_profile(db: SessionDep, profile: ProfileDep) -> ProfileOut:
    """Your details, preferences, and where the safety questions stand."""
    return profile_json(db, profile)


@router.post("/profile", status_code=201, responses={409: {"description": "Set up already."}})
def create_profile(
    body: ProfileCreate, db: SessionDep, existing: OptionalProfileDep, settings: SettingsDep
) -> ProfileOut:
    """Set up: your name, details, and the answers to the safety questions (as
    `unbrace init`)."""
    if existing is not None:
        raise conflict(
            f"There is already a profile here ({existing.name}); change its details instead."
        )
    name = profiles.check_profile_name(body.name)
    if settings.profile and name != settings.profile:
        raise UnbraceError(f"This server was started for the profile {settings.profile!r}.")
    profile = onboard(
        db,
        name=name,
        movements=[body.movement] if body.movement is not None else None,
        scene=body.scene,
        anchor=body.anchor,
        positive=check_flags(body.red_flags),
        now=now(),
    )
    return profile_json(db, profile)


@router.put("/profile", responses=NO_PROFILE)
def update_profile(body: ProfileUpdate, db: SessionDep, profile: ProfileDep) -> ProfileOut:
    """Change any of the fields given, checked as `unbrace settings set` checks them."""
    update_preferences(
        db,
        profile=profile,
        breath_in=body.breath_in,
        breath_out=body.breath_out,
        streaks=body.streaks,
        movement=body.movement,
        easier=body.easier,
        scene=body.scene,
        anchor=body.anchor,
    )
    return profile_json(db, profile)


@router.get("/safety/questions")
def safety_questions() -> Questions:
    """The warning-sign questions, what to do after a yes, and what unbrace is not."""
    return Questions(
        questions=[
            Question(id=flag.id, question=flag.question, urgency=flag.urgency.value)
            for flag in screen().flags
        ],
        advice={urgency.value: text for urgency, text in ADVICE.items()},
        disclaimer=DISCLAIMER,
    )


@router.post("/safety/screen", responses=NO_PROFILE)
def answer_screen(body: Screen, db: SessionDep, profile: ProfileDep) -> ScreenResult:
    """Record answers to the safety questions; signs not yet seen by a clinician come back
    as ``new``, with the advice for the most urgent of them."""
    positive = check_flags(body.positive)
    reason = screen_due(db, profile=profile, now=now(), today=today()) or "manual"
    new = record_answers(db, profile=profile, reason=reason, positive=positive, now=now())
    urgency = most_urgent(new)
    return ScreenResult(new=new, advice=ADVICE[urgency] if urgency else None)


@router.post("/safety/seen", responses=NO_PROFILE)
def confirm_seen(db: SessionDep, profile: ProfileDep) -> Seen:
    """Confirm a clinician has seen you about the signs you reported."""
    return Seen(cleared=screening.confirm_seen(db, profile=profile, now=now()))
