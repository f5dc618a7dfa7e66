"""Practices: the library (with the person's saved scripts) and one practice personalised."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from unbrace.core.session import Plan as CorePlan
from unbrace.usecases.practices import choices, find_practice
from unbrace.usecases.sessions import preview
from unbrace.web.api.models import (
    Plan,
    PracticeKey,
    PracticeSummary,
    QueryMinutes,
)
from unbrace.web.deps import LibraryDep, OptionalProfileDep, SessionDep, not_found

router = APIRouter(tags=["practices"])


def plan_json(plan: CorePlan, practice_id: str) -> Plan:
    """A timed plan as the player needs it (`core.session.Plan.as_json`, the one serialiser)."""
    return Plan.model_validate(plan.as_json(practice_id))


@router.get("/practices")
def list_practices(
    db: SessionDep, library: LibraryDep, profile: OptionalProfileDep
) -> list[PracticeSummary]:
    """Every practice, then your saved scripts (as ``script:NAME``)."""
    return [
        PracticeSummary(
            id=choice.id,
            title=choice.practice.title,
            summary=choice.practice.summary,
            minutes=choice.practice.default_minutes,
            when=choice.practice.when,
            tags=list(choice.practice.tags),
        )
        for choice in choices(db, library=library, profile=profile)
    ]


@router.get("/practices/{practice_id}", responses={404: {"description": "No such practice."}})
def get_practice(
    practice_id: PracticeKey,
    db: SessionDep,
    library: LibraryDep,
    profile: OptionalProfileDep,
    minutes: Annotated[QueryMinutes | None, Query(description="Length, 1 to 20.")] = None,
    flare: Annotated[bool, Query(description="The gentler flare-day version.")] = False,
) -> Plan:
    """The practice's script personalised with your details and timed over ``minutes``
    (default: its usual length, or its flare length)."""
    practice = find_practice(db, library=library, profile=profile, practice_id=practice_id)
    if practice is None:
        raise not_found(f"There is no practice called {practice_id!r}.")
    plan = preview(db, profile=profile, practice=practice, minutes=minutes, flare=flare)
    return plan_json(plan, practice_id)
