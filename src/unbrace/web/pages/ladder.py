"""The Ladder pages: visualise, then do (`/ladder`, `/ladder/{id}`, building and rating).

Trying a step (the before and after forms) is in `ladder_trying.py`, which shares the helpers here.

Every change goes through `usecases/ladder/`, as the terminal's does; forms post, then
redirect, so reloading never saves twice. Templates get the use cases' typed views.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unbrace.core import ladder as rules
from unbrace.core.errors import UnbraceError
from unbrace.core.ratings import Scale
from unbrace.usecases import ladder as uc
from unbrace.usecases import profiles
from unbrace.usecases.entities import Profile
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web.deps import SessionDep
from unbrace.web.deps import now as utcnow
from unbrace.web.forms import Reader
from unbrace.web.pages.base import FormDep, PersonDep, not_found, redirect, render
from unbrace.web.pages.safety import SafetyState, safety_state

router = APIRouter()

LABELS = {
    "movement": "Movement",
    "expected_pain": "Expected pain",
    "expected_harm": "Likelihood of harm",
    "fear": "Fear",
    "feared_outcome": "What you fear",
    "actual_pain": "Pain",
    "outcome": "What you feared",
    "new_symptom": "Anything new",
    "surprise": "What surprised you",
    "next_day_pain": "Pain today",
    "text": "Step",
    "form": "",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def find_ladder(db: Session, profile: Profile, ladder_id: int) -> uc.LadderView | None:
    try:
        return uc.get_ladder(db, profile=profile, ladder_id=ladder_id, now=utcnow())
    except UnbraceError:
        return None


def rating_scales() -> dict[str, Any]:
    return {
        "expected_pain": rules.EXPECTED_PAIN,
        "fear": rules.FEAR,
        "actual_pain": rules.ACTUAL_PAIN,
        "next_day_pain": rules.NEXT_DAY_PAIN,
    }


def hundred(read: Reader, name: str, scale: Scale) -> int | None:
    """A 0-100 rating typed as a number."""
    raw = read.text(name)
    if not raw:
        read.errors[name] = "Please give a number from 0 to 100."
        return None
    try:
        return scale.check(int(raw))
    except ValueError:
        read.errors[name] = "Please give a whole number from 0 to 100."
        return None


# --- the ladders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LaddersView:
    """Everything ladders.html reads: the person's ladders and the form for a new one."""

    ladders: Sequence[uc.LadderView]
    movement: str  # a feared movement without a ladder yet, to start from
    templates: Sequence[rules.Template]
    labels: Mapping[str, str] = field(default_factory=lambda: LABELS)
    errors: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RateView:
    """Everything ladder_rate.html reads: the steps to rate 0 to 100."""

    ladder: uc.LadderView
    threat: Scale
    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


@router.get("/ladder", response_class=HTMLResponse)
def ladders(
    request: Request, db: SessionDep, profile: PersonDep, all: bool = False
) -> HTMLResponse:
    """The one ladder straight away; with several (or ``all``), the list and a new one."""
    views = uc.list_ladders(db, profile=profile, now=utcnow())
    if len(views) == 1 and not all:
        return ladder_page(request, db, profile, views[0].id)
    movements = profiles.feared_movements(db, profile=profile)
    taken = {view.movement for view in views}
    movement = next((m for m in movements if m not in taken), "")
    return render(request, "ladders.html", LaddersView(views, movement, rules.templates()))


@router.post("/ladder", response_class=HTMLResponse)
def ladder_create(request: Request, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    read = Reader(form)
    movement = read.text("movement", limit=400)
    template = read.text("template") or None
    try:
        view = uc.new_ladder(
            db, profile=profile, movement=movement, template_id=template, now=utcnow()
        )
    except UnbraceError as problem:
        context = LaddersView(
            uc.list_ladders(db, profile=profile, now=utcnow()),
            movement,
            rules.templates(),
            errors={"movement": str(problem)},
        )
        return render(request, "ladders.html", context, status=422)
    return redirect(f"/ladder/{view.id}/edit?new=1")


@dataclass(frozen=True)
class LadderPage:
    """Everything ladder.html reads: the ladder, the person's other ladders, the safety state,
    and what just happened (rated, moved to a step, or a problem with the form)."""

    ladder: uc.LadderView
    others: Sequence[uc.LadderView]
    safety: SafetyState
    weekdays: Sequence[str]
    fear_first: str
    meaningful_drop: int
    rated: bool = False
    moved: bool = False
    errors: Mapping[str, str] = field(default_factory=dict)


def ladder_page(
    request: Request,
    db: Session,
    profile: Profile,
    ladder_id: int,
    *,
    rated: bool = False,
    moved: bool = False,
    errors: Mapping[str, str] | None = None,
) -> HTMLResponse:
    view = find_ladder(db, profile, ladder_id)
    if view is None:
        return not_found(request, "That ladder")
    page = LadderPage(
        ladder=view,
        others=[
            other
            for other in uc.list_ladders(db, profile=profile, now=utcnow())
            if other.id != view.id
        ],
        safety=safety_state(db, profile),
        weekdays=WEEKDAYS,
        fear_first=rules.FEAR_FIRST,
        meaningful_drop=rules.MEANINGFUL_DROP,
        rated=rated,
        moved=moved,
        errors=errors or {},
    )
    return render(request, "ladder.html", page)


@router.get("/ladder/{ladder_id}", response_class=HTMLResponse)
def ladder_show(
    request: Request,
    ladder_id: int,
    db: SessionDep,
    profile: PersonDep,
    rated: bool = False,
    moved: bool = False,
) -> HTMLResponse:
    return ladder_page(request, db, profile, ladder_id, rated=rated, moved=moved)


@router.post("/ladder/{ladder_id}/current", response_class=HTMLResponse)
def ladder_current(
    request: Request, ladder_id: int, form: FormDep, db: SessionDep, profile: PersonDep
) -> Response:
    read = Reader(form)
    try:
        uc.go_to_step(
            db, profile=profile, ladder_id=ladder_id, number=int(read.text("step")), now=utcnow()
        )
    except ValueError as problem:
        message = str(problem) if isinstance(problem, UnbraceError) else "Choose a step."
        return ladder_page(request, db, profile, ladder_id, errors={"form": message})
    return redirect(f"/ladder/{ladder_id}?moved=1")


@router.post("/ladder/{ladder_id}/resume")
def ladder_resume(ladder_id: int, db: SessionDep, profile: PersonDep) -> Response:
    uc.resume(db, profile=profile, ladder_id=ladder_id, now=utcnow())
    return redirect(f"/ladder/{ladder_id}")


@router.post("/ladder/{ladder_id}/days", response_class=HTMLResponse)
def ladder_days(ladder_id: int, form: FormDep, db: SessionDep, profile: PersonDep) -> Response:
    days = [int(day) for day in Reader(form).choices("days") if day.isdigit()]
    uc.set_days(db, profile=profile, ladder_id=ladder_id, days=days, now=utcnow())
    return redirect(f"/ladder/{ladder_id}")


# --- building and rating --------------------------------------------------------------------


@router.get("/ladder/{ladder_id}/edit", response_class=HTMLResponse)
def ladder_edit(
    request: Request, ladder_id: int, db: SessionDep, profile: PersonDep, new: bool = False
) -> HTMLResponse:
    return _edit_page(request, db, profile, ladder_id, new=new)


@dataclass(frozen=True)
class EditView:
    """Everything ladder_edit.html reads: the ladder's steps to change, add or remove."""

    ladder: uc.LadderView
    kinds: Mapping[rules.StepKind, str]
    max_steps: int
    labels: Mapping[str, str]
    new: bool = False  # just made from a template
    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


def _edit_page(
    request: Request,
    db: Session,
    profile: Profile,
    ladder_id: int,
    *,
    status: int = 200,
    new: bool = False,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """ladder_edit.html for the ladder (with a step's problem, 422), or the 404 page."""
    view = find_ladder(db, profile, ladder_id)
    if view is None:
        return not_found(request, "That ladder")
    context = EditView(
        ladder=view,
        kinds=rules.KIND_LABELS,
        max_steps=rules.MAX_STEPS,
        labels=LABELS,
        new=new,
        values=values or {},
        errors=errors or {},
    )
    return render(request, "ladder_edit.html", context, status=status)


@router.post("/ladder/{ladder_id}/steps", response_class=HTMLResponse)
def ladder_add_step(
    request: Request, ladder_id: int, form: FormDep, db: SessionDep, profile: PersonDep
) -> Response:
    read = Reader(form)
    try:
        uc.add_step(
            db,
            profile=profile,
            ladder_id=ladder_id,
            text=read.text("text", limit=400),
            kind=read.text("kind") or "real",
            now=utcnow(),
        )
    except UnbraceError as problem:
        errors = {"text": str(problem)}
        return _edit_page(
            request, db, profile, ladder_id, status=422, errors=errors, values=read.values
        )
    return redirect(f"/ladder/{ladder_id}/edit#add-step")


@router.post("/ladder/{ladder_id}/steps/{number}", response_class=HTMLResponse)
def ladder_change_step(
    request: Request,
    ladder_id: int,
    number: int,
    form: FormDep,
    db: SessionDep,
    profile: PersonDep,
) -> Response:
    """One step's form: save its words, move it down or up, or remove it."""
    read = Reader(form)
    action = read.text("action")
    now = utcnow()
    try:
        if action == "save":
            uc.edit_step(
                db,
                profile=profile,
                ladder_id=ladder_id,
                number=number,
                text=read.text("text", limit=400),
                kind=read.text("kind") or None,
                now=now,
            )
        elif action in ("up", "down"):
            target = number + 1 if action == "up" else number - 1
            uc.move_step(
                db, profile=profile, ladder_id=ladder_id, number=number, to=target, now=now
            )
        elif action == "remove":
            uc.remove_step(db, profile=profile, ladder_id=ladder_id, number=number, now=now)
        else:
            raise UnbraceError("Choose save, move or remove.")
    except UnbraceError as problem:
        errors = {f"step-{number}": str(problem)}
        return _edit_page(request, db, profile, ladder_id, status=422, errors=errors)
    return redirect(f"/ladder/{ladder_id}/edit#steps")


@router.get("/ladder/{ladder_id}/rate", response_class=HTMLResponse)
def ladder_rate_form(
    request: Request, ladder_id: int, db: SessionDep, profile: PersonDep
) -> HTMLResponse:
    view = find_ladder(db, profile, ladder_id)
    if view is None:
        return not_found(request, "That ladder")
    return render(request, "ladder_rate.html", RateView(view, rules.THREAT))


@router.post("/ladder/{ladder_id}/rate", response_class=HTMLResponse)
def ladder_rate(
    request: Request, ladder_id: int, form: FormDep, db: SessionDep, profile: PersonDep
) -> Response:
    view = find_ladder(db, profile, ladder_id)
    if view is None:
        return not_found(request, "That ladder")
    read = Reader(form)
    threats = {}
    for step in view.steps:
        value = hundred(read, f"step-{step.number}", rules.THREAT)
        if value is not None:
            threats[step.number] = value
    if read.errors:
        context = RateView(view, rules.THREAT, values=read.values, errors=read.errors)
        return render(request, "ladder_rate.html", context, status=422)
    uc.rate(db, profile=profile, ladder_id=ladder_id, threats=threats, now=utcnow())
    return redirect(f"/ladder/{ladder_id}?rated=1")
