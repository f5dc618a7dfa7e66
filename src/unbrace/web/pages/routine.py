"""The routine (`/routine`): the same fields as `unbrace routine set`, as a form. The calendar
file it links to (`/calendar.ics`) is served by the API's root router."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unbrace.usecases.routines import current_routine, save_routine
from unbrace.web import forms
from unbrace.web.deps import LibraryDep, SessionDep, now
from unbrace.web.pages.base import FormDep, PersonDep, redirect, render

if TYPE_CHECKING:
    from unbrace.core.practices import Library, Practice
    from unbrace.core.routine import Routine

router = APIRouter()
RESET_CHOICES = (0, 30, 45, 60, 90, 120, 180, 240)
FIELD_LABELS = {
    "anchor_time": "Time",
    "anchor": "Habit",
    "practice": "Practice",
    "minutes": "Length",
    "work_start": "Work starts",
    "work_end": "Work ends",
    "reset_every": "Posture resets",
    "quiet_start": "Quiet from",
    "quiet_end": "Quiet until",
    "downshift": "Evening downshift",
    "intention": "Your plan",
    "timezone": "Time zone",
}


@cache
def timezones() -> tuple[str, ...]:
    from zoneinfo import available_timezones

    return tuple(sorted(name for name in available_timezones() if "/" in name))


def hhmm(value: dt.time | None) -> str:
    return "" if value is None else value.strftime("%H:%M")


@dataclass(frozen=True)
class RoutineView:
    """Everything routine.html reads: the form's values (stored, or as typed when a problem
    is shown), the choices it offers, and whether it was just saved."""

    values: Mapping[str, Any]
    intention: str  # the plan in the person's words, or the one written from the routine
    practices: Sequence[Practice]
    days: Sequence[str]
    resets: Sequence[int]
    timezones: Sequence[str]
    labels: Mapping[str, str]
    saved: bool = False
    errors: Mapping[str, str] = field(default_factory=dict)


def routine_context(
    library: Library,
    routine: Routine,
    *,
    saved: bool = False,
    typed: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
) -> RoutineView:
    from unbrace.core.routine import DAY_NAMES

    values = {
        "anchor_time": hhmm(routine.anchor_time),
        "anchor": routine.anchor,
        "practice": routine.practice,
        "minutes": routine.minutes,
        "work_days": [DAY_NAMES[day] for day in sorted(routine.work_days)],
        "work_start": hhmm(routine.work_start),
        "work_end": hhmm(routine.work_end),
        "reset_every": routine.reset_every,
        "quiet_start": hhmm(routine.quiet_start),
        "quiet_end": hhmm(routine.quiet_end),
        "downshift": hhmm(routine.downshift),
        "intention": routine.intention,
        "timezone": routine.timezone,
    }
    return RoutineView(
        values=values | dict(typed or {}),
        intention=routine.intention_or_default(),
        practices=list(library),
        days=DAY_NAMES,
        resets=sorted({*RESET_CHOICES, routine.reset_every}),
        timezones=timezones(),
        labels=FIELD_LABELS,
        saved=saved,
        errors=errors or {},
    )


@router.get("/routine", response_class=HTMLResponse)
def routine_page(
    request: Request,
    db: SessionDep,
    library: LibraryDep,
    profile: PersonDep,
    saved: bool = False,
) -> HTMLResponse:
    context = routine_context(library, current_routine(db, profile=profile), saved=saved)
    return render(request, "routine.html", context)


@router.post("/routine", response_class=HTMLResponse)
def routine_save(
    request: Request, form: FormDep, db: SessionDep, library: LibraryDep, profile: PersonDep
) -> Response:
    current = current_routine(db, profile=profile)
    parsed = forms.parse_routine(form, current, library.practices)
    if parsed.value is None:
        context = routine_context(library, current, typed=parsed.values, errors=parsed.errors)
        return render(request, "routine.html", context, status=422)
    save_routine(db, profile=profile, routine=parsed.value, now=now())
    return redirect("/routine?saved=1")
