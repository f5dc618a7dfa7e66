"""Trying a ladder step for real: the before form (the prediction), the try, the after form
(what happened, the gap) and the next-day follow-up (`/ladder/{id}/try/{n}`, `/ladder/try/{id}`).

The ladders themselves, building and rating are in `ladder.py`; every change goes through
`usecases/ladder/`, and forms post, then redirect, so reloading never saves twice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unbrace.core import ladder as rules
from unbrace.core import limits
from unbrace.core.errors import UnbraceError
from unbrace.core.ratings import Scale
from unbrace.usecases import ladder as uc
from unbrace.usecases.entities import Profile
from unbrace.usecases.ladder.views import StepView
from unbrace.usecases.unit_of_work import Db as Session
from unbrace.web.deps import SessionDep
from unbrace.web.deps import now as utcnow
from unbrace.web.forms import Reader
from unbrace.web.pages.base import FormDep, PersonDep, local_today, not_found, redirect, render
from unbrace.web.pages.ladder import LABELS, find_ladder, hundred, rating_scales
from unbrace.web.pages.safety import SafetyState, safety_state

router = APIRouter()


@dataclass(frozen=True)
class TryView:
    """Everything ladder_try.html reads: a step to try for real, the prediction form first,
    or why it cannot be tried now."""

    ladder: uc.LadderView
    step: StepView  # the step of the ladder being tried
    refused: uc.TryRefused | None
    safety: SafetyState
    flare: bool
    flare_advice: str
    scales: Mapping[str, Scale]
    harm: Scale
    labels: Mapping[str, str]
    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


def _before_context(db: Session, profile: Profile, view: uc.LadderView, number: int) -> TryView:
    from unbrace.usecases.sessions import flare_today

    refused = uc.check_try(
        db,
        profile=profile,
        ladder_id=view.id,
        number=number,
        now=utcnow(),
        today=local_today(),
    )
    return TryView(
        ladder=view,
        step=view.step(number),
        refused=refused,
        safety=safety_state(db, profile),
        flare=flare_today(db, profile=profile, today=local_today()),
        flare_advice=rules.FLARE_ADVICE,
        scales=rating_scales(),
        harm=rules.EXPECTED_HARM,
        labels=LABELS,
    )


@router.get("/ladder/{ladder_id}/try/{number}", response_class=HTMLResponse)
def try_form(
    request: Request, ladder_id: int, number: int, db: SessionDep, profile: PersonDep
) -> Response:
    view = find_ladder(db, profile, ladder_id)
    if view is None or not 1 <= number <= len(view.steps):
        return not_found(request, "That step")
    context = _before_context(db, profile, view, number)
    if context.refused is not None and context.refused.reason is uc.Blocked.IMAGERY:
        return redirect(f"/session/{uc.REHEARSAL}")
    return render(request, "ladder_try.html", context)


@router.post("/ladder/{ladder_id}/try/{number}", response_class=HTMLResponse)
def try_start(
    request: Request,
    ladder_id: int,
    number: int,
    form: FormDep,
    db: SessionDep,
    profile: PersonDep,
) -> Response:
    view = find_ladder(db, profile, ladder_id)
    if view is None or not 1 <= number <= len(view.steps):
        return not_found(request, "That step")
    read = Reader(form)
    expected = read.rating("expected_pain", rules.EXPECTED_PAIN, required=True)
    harm = hundred(read, "expected_harm", rules.EXPECTED_HARM)
    fear = read.rating("fear", rules.FEAR, required=True)
    feared = read.text("feared_outcome", limit=400)
    prediction = None
    if not read.errors:
        assert expected is not None and harm is not None and fear is not None
        prediction = read.check(
            "feared_outcome", lambda: rules.Prediction(expected, harm, fear, feared)
        )
    result = None
    if prediction is not None:
        result = uc.start_try(
            db,
            profile=profile,
            ladder_id=ladder_id,
            number=number,
            prediction=prediction,
            now=utcnow(),
            today=local_today(),
        )
        if isinstance(result, uc.TryStarted):
            return redirect(f"/ladder/try/{result.attempt.id}?started=1")
    context = dataclasses.replace(
        _before_context(db, profile, view, number), errors=read.errors, values=read.values
    )
    return render(request, "ladder_try.html", context, status=409 if result else 422)


@router.get("/ladder/try/{attempt_id}", response_class=HTMLResponse)
def attempt_page(
    request: Request, attempt_id: int, db: SessionDep, profile: PersonDep, started: bool = False
) -> HTMLResponse:
    attempt = _attempt(db, profile, attempt_id)
    if attempt is None:
        return not_found(request, "That try")
    finished = uc.outcome_of(db, profile=profile, attempt_id=attempt_id, now=utcnow())
    return _after_page(request, db, profile, attempt, started=started, finished=finished)


@dataclass(frozen=True)
class AfterView:
    """Everything ladder_after.html reads: a try under way or done, its after-questions and
    the next-day question."""

    attempt: uc.AttemptView
    ladder: uc.LadderView
    started: bool
    finished: uc.TryFinished | None
    scales: Mapping[str, Scale]
    outcomes: Mapping[rules.Outcome, str]
    labels: Mapping[str, str]
    safety: SafetyState
    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


def _attempt(db: Session, profile: Profile, attempt_id: int) -> uc.AttemptView | None:
    """The person's try with that id, or None (a 404 for the page)."""
    try:
        return uc.get_attempt(db, profile=profile, attempt_id=attempt_id, now=utcnow())
    except UnbraceError:
        return None


def _after_page(
    request: Request,
    db: Session,
    profile: Profile,
    attempt: uc.AttemptView,
    *,
    status: int = 200,
    started: bool = False,
    finished: uc.TryFinished | None = None,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """ladder_after.html for the try, with its answers' problems (422) or the form's (409)."""
    view = uc.get_ladder(db, profile=profile, ladder_id=attempt.ladder_id, now=utcnow())
    context = AfterView(
        attempt=attempt,
        ladder=view,
        started=started,
        finished=finished,
        scales=rating_scales(),
        outcomes=rules.OUTCOME_LABELS,
        labels=LABELS,
        safety=safety_state(db, profile),
        values=values or {},
        errors=errors or {},
    )
    return render(request, "ladder_after.html", context, status=status)


@router.post("/ladder/try/{attempt_id}/after", response_class=HTMLResponse)
def attempt_after(
    request: Request, attempt_id: int, form: FormDep, db: SessionDep, profile: PersonDep
) -> Response:
    attempt = _attempt(db, profile, attempt_id)
    if attempt is None:
        return not_found(request, "That try")
    read = Reader(form)
    pain = read.rating("actual_pain", rules.ACTUAL_PAIN, required=True)
    outcome = read.check("outcome", lambda: rules.parse_outcome(read.text("outcome")))
    symptom = read.text("new_symptom")
    if symptom not in ("yes", "no"):
        read.errors["new_symptom"] = "Please answer yes or no."
    surprise = read.text("surprise", limit=400)
    read.check("surprise", lambda: rules.check_words(limits.SURPRISE, surprise))
    if read.errors:
        return _after_page(
            request, db, profile, attempt, status=422, errors=read.errors, values=read.values
        )
    assert pain is not None and outcome is not None
    try:
        uc.finish_try(
            db,
            profile=profile,
            attempt_id=attempt_id,
            result=rules.Result(pain, outcome, surprise, symptom == "yes"),
            now=utcnow(),
        )
    except UnbraceError as problem:
        return _after_page(request, db, profile, attempt, status=409, errors={"form": str(problem)})
    return redirect(f"/ladder/try/{attempt_id}#gap")


@router.post("/ladder/try/{attempt_id}/next-day", response_class=HTMLResponse)
def attempt_next_day(
    request: Request, attempt_id: int, form: FormDep, db: SessionDep, profile: PersonDep
) -> Response:
    attempt = _attempt(db, profile, attempt_id)
    if attempt is None:
        return not_found(request, "That try")
    read = Reader(form)
    pain = read.rating("next_day_pain", rules.NEXT_DAY_PAIN, required=True)
    if pain is None:
        return _after_page(
            request, db, profile, attempt, status=422, errors=read.errors, values=read.values
        )
    try:
        uc.follow_up(db, profile=profile, attempt_id=attempt_id, next_day_pain=pain, now=utcnow())
    except UnbraceError as problem:
        return _after_page(request, db, profile, attempt, status=409, errors={"form": str(problem)})
    return redirect(f"/ladder/try/{attempt_id}")
