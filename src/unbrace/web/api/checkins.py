"""Daily check-ins: the PEG items, extra ratings, habits and the flare marker."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from unbrace.core.checkins import CheckIn, parse_habits
from unbrace.core.errors import UnbraceError
from unbrace.store import checkin_repo
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
    day = body.date or today()
    if day > today():
        raise UnbraceError("A check-in cannot be for a day that has not come yet.")
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
    if not body.replace and checkin_repo.get_checkin(db, profile=profile, date=day) is not None:
        raise conflict(
            f"There is already a check-in for {day.isoformat()}; send replace: true to replace it."
        )
    record, _ = checkin_repo.save_checkin(
        db, profile=profile, checkin=entry, replace=True, now=now()
    )
    return CheckInOut.model_validate(checkin_json(record))


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
