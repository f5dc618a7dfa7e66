"""Today's plan, insights over time, and the imagery coach: the same JSON as
`unbrace today --json`, `unbrace insights --json` and `unbrace coach --json`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from unbrace.core.errors import UnbraceError
from unbrace.usecases import profiles
from unbrace.usecases.records import compute_insights
from unbrace.usecases.today import today_data
from unbrace.web.api.models import CoachIn, SinceDay
from unbrace.web.deps import (
    FreshSessions,
    LibraryDep,
    OptionalProfileDep,
    ProfileDep,
    SessionDep,
    now,
    today,
)

router = APIRouter()


@router.get("/today", tags=["today"], dependencies=[FreshSessions])
def get_today(db: SessionDep, profile: ProfileDep, library: LibraryDep) -> dict[str, Any]:
    """Today's suggestions, days practised this week, the last check-in, any safety reminder
    (as `unbrace today --json`)."""
    return today_data(db, profile=profile, library=library)


@router.get("/insights", tags=["insights"], dependencies=[FreshSessions])
def get_insights(
    db: SessionDep,
    profile: ProfileDep,
    since: Annotated[SinceDay | None, Query(description="From this day on, YYYY-MM-DD.")] = None,
) -> dict[str, Any]:
    """Pain trend, change that matters, session effects, adherence (as
    `unbrace insights --json`)."""
    from unbrace.usecases.ladder import insights as ladder_insights

    result, _ = compute_insights(db, profile=profile, since=since, today=today())
    ladder = ladder_insights(db, profile=profile, now=now()).as_json()
    return result.as_json() | {"ladder": ladder}


@router.post("/coach", tags=["coach"])
def coach_script(body: CoachIn, db: SessionDep, profile: OptionalProfileDep) -> dict[str, Any]:
    """Feedback on an imagery script: flags with evidence, senses, movements, a score and
    suggestions (as `unbrace coach --json`, with your feared movement)."""
    from unbrace.coach import coach

    if not body.text.strip():
        raise UnbraceError("The script is empty; write a few sentences to coach.")
    movement = profiles.personal_for(db, profile=profile).movement if profile else ""
    return coach(body.text, movement=movement).as_json()
