"""The routine (as `unbrace routine show|set`) and the calendar file to subscribe to."""

from __future__ import annotations

from fastapi import APIRouter, Response

from unbrace.core.routine import Routine
from unbrace.usecases.routines import (
    change_routine,
    current_routine,
    parse_changes,
    routine_json,
    routine_today,
)
from unbrace.web.api.models import RoutineIn, RoutineOut
from unbrace.web.deps import LibraryDep, ProfileDep, SessionDep, now, today

router = APIRouter(tags=["routine"])
root_router = APIRouter(tags=["routine"])


def _routine_out(routine: Routine) -> RoutineOut:
    return RoutineOut.model_validate({**routine_json(routine), "today": routine_today(routine)})


@router.get("/routine")
def get_routine(db: SessionDep, profile: ProfileDep) -> RoutineOut:
    """Your routine and today's reminders (the default routine until you change it)."""
    return _routine_out(current_routine(db, profile=profile))


@router.put("/routine")
def set_routine(
    body: RoutineIn, db: SessionDep, profile: ProfileDep, library: LibraryDep
) -> RoutineOut:
    """Change any of the fields given, written as for `unbrace routine set` (times HH:MM,
    hours HH:MM-HH:MM, days mon-fri, 'off' for none); all are checked before anything is
    saved."""
    changes = parse_changes(library, **body.model_dump(exclude_none=True))
    routine = change_routine(db, profile=profile, changes=changes, now=now())
    return _routine_out(routine)


@root_router.get(
    "/calendar.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "An iCalendar file."},
        409: {"description": "No profile yet."},
    },
)
def calendar(db: SessionDep, profile: ProfileDep) -> Response:
    """Your routine as a calendar to import or subscribe to (RFC 5545)."""
    from unbrace.remind.calendar import build_calendar

    routine = current_routine(db, profile=profile)
    body = build_calendar(routine, profile=profile.name, start=today())
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "no-cache",
            "Content-Disposition": 'inline; filename="unbrace.ics"',
        },
    )
