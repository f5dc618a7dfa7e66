"""Daily check-ins: the PEG items, extra ratings, habits and the flare marker."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from unbrace.core.checkins import CheckIn, parse_habits
from unbrace.usecases import checkins
from unbrace.usecases.records import checkin_json, checkins_json
from unbrace.web.api.models import CheckInIn, CheckInOut, SinceDay
from unbrace.web.deps import ProfileDep, SessionDep, conflict, now, today

router = APIRouter(tags=["check-ins"])


@router.post(
    "/checkins",
    status_code=201,
    responses={409: {"description": "That day has a check-in and replace was not set."}},
)
def create_checkin(body: CheckInIn, db: SessionDep, profile: ProfileDep) -> CheckInOut:
    """Save a day's check-in (today unless ``date`` is given)."""
    day = checkins.check_day(body.date or today(), today=today())
    entry = CheckIn(
        date=day,
        pain=body.pain,
        enjoyment=body.enjoyment,
        activity=body.activity,
        worst=body.worst,
        stress=body.stress,
        sleep=body.sleep,
        habits=parse_habits(list(body.habits)),
        flare=body.flare,
        note=body.note or "",
    )
    try:
        saved = checkins.check_in(
            db, profile=profile, checkin=entry, replace=body.replace, now=now(), today=today()
        )
    except checkins.DayTaken as taken:
        raise conflict(
            f"There is already a check-in for {day.isoformat()}; send replace: true to replace it."
        ) from taken
    return CheckInOut.model_validate(checkin_json(saved.record))


@router.get("/checkins")
def list_checkins(
    db: SessionDep,
    profile: ProfileDep,
    since: Annotated[SinceDay | None, Query(description="From this day on, YYYY-MM-DD.")] = None,
) -> list[CheckInOut]:
    """Every check-in, oldest first."""
    return [
        CheckInOut.model_validate(item) for item in checkins_json(db, profile=profile, since=since)
    ]
