"""The "visualise, then do" ladder over JSON: the same use cases as `unbrace ladder ...`.

Bodies are pydantic models checked by the core's own scales (core/ladder.py), so a wrong value
gets the same sentence as in the terminal. A real step the safety gate refuses is a 409 with
the reason in one sentence; nothing is stored.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter
from fastapi import Path as PathParam
from pydantic import AfterValidator, BaseModel, Field, Strict

from unbrace.core import ladder as rules
from unbrace.usecases import ladder as uc
from unbrace.web.api.models import Bool, Input, Whole, _checked, _range
from unbrace.web.deps import ProfileDep, SessionDep, conflict, now, today

router = APIRouter(tags=["ladder"])

Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
StepNumber = Annotated[int, Whole, Strict(), Field(ge=1, le=rules.MAX_STEPS)]
Threat = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(rules.THREAT.check)), _range(0, 100)
]
ExpectedPain = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(rules.EXPECTED_PAIN.check)), _range(0, 10)
]
Harm = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(rules.EXPECTED_HARM.check)), _range(0, 100)
]
Fear = Annotated[int, Whole, Strict(), AfterValidator(_checked(rules.FEAR.check)), _range(0, 10)]
Pain = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(rules.ACTUAL_PAIN.check)), _range(0, 10)
]
Kind = Literal["imagery", "paired", "real"]
Words = Annotated[str, Field(max_length=300)]


# --- bodies --------------------------------------------------------------------------------


class StepIn(Input):
    text: Words
    kind: Kind = "real"


class LadderIn(Input):
    movement: Annotated[str, Field(min_length=1, max_length=200)]
    template: Annotated[str, Field(max_length=40)] | None = Field(
        None, description="Steps from this template (bending, lifting, ...); default: matched."
    )
    steps: Annotated[list[StepIn], Field(max_length=rules.MAX_STEPS)] | None = Field(
        None, description="Your own steps, gentlest first; the template's when left out."
    )


class StepChange(Input):
    text: Words | None = None
    kind: Kind | None = None
    move_to: StepNumber | None = Field(None, description="Move the step to this place.")


class Ratings(Input):
    threats: Annotated[dict[str, Threat], Field(min_length=1, max_length=rules.MAX_STEPS)] = Field(
        description='Threat ratings 0-100 by step number, like {"3": 40}.'
    )


class LadderChange(Input):
    current: StepNumber | None = Field(None, description="The step you are on (your choice).")
    days: (
        Annotated[list[Annotated[int, Strict(), Field(ge=0, le=6)]], Field(max_length=7)] | None
    ) = Field(None, description="Weekdays (0 = Monday) Today suggests a step on.")
    resume: Bool = Field(False, description="A clinician has seen you about the new symptom.")


class TryIn(Input):
    step: StepNumber
    expected_pain: ExpectedPain
    expected_harm: Harm
    fear: Fear
    feared_outcome: Annotated[str, Field(min_length=1, max_length=200)]


class AfterIn(Input):
    actual_pain: Pain
    outcome: Literal["no", "partly", "yes"]
    new_symptom: Bool
    surprise: Annotated[str, Field(max_length=200)] = ""


class NextDayIn(Input):
    next_day_pain: Pain


# --- answers -------------------------------------------------------------------------------


class RatingOut(BaseModel):
    rated_at: str
    threat: int


class StepOut(BaseModel):
    id: int
    number: int
    text: str
    kind: Kind
    threat: int | None
    first_threat: int | None
    threat_drop: int | None
    meaningful_change: bool = Field(description="A fall of more than 20 points (PHODA-SeV).")
    ratings: list[RatingOut]
    current: bool
    tries: int


class TryOut(BaseModel):
    id: int
    ladder_id: int
    movement: str
    step_id: int
    step_number: int
    step: str
    started_at: str
    flare: bool
    expected_pain: int
    expected_harm: int
    fear: int
    feared_outcome: str
    done_at: str | None
    actual_pain: int | None
    outcome: Literal["no", "partly", "yes"] | None
    surprise: str
    new_symptom: bool
    followed_up_at: str | None
    next_day_pain: int | None
    prediction_error: int | None = Field(description="Pain minus expected pain.")
    gap: str | None = Field(description="The prediction and what happened, in words.")
    follow_up_open: bool


class MoveUpOut(BaseModel):
    reason: str
    sentence: str


class LadderOut(BaseModel):
    id: int
    number: int
    movement: str
    template: str
    current_step: int | None
    paused: bool
    days: list[int]
    rating_due: bool
    step_due: bool
    move_up: MoveUpOut | None
    steps: list[StepOut]
    attempts: list[TryOut]


class TryFinishedOut(BaseModel):
    attempt: TryOut
    hard: bool = Field(description="A hard try: the imagery version is suggested.")
    stop: bool = Field(description="The stop rule: stop for today.")
    paused: bool = Field(description="A new or unusual symptom paused the ladder.")
    rescreen: bool = Field(description="The warning-sign questions are asked again.")
    move_up: MoveUpOut | None
    advice: list[str]


def _ladder(view: uc.LadderView) -> LadderOut:
    return LadderOut.model_validate(view.as_json())


def _finished(result: uc.TryFinished) -> TryFinishedOut:
    move = result.move_up
    return TryFinishedOut(
        attempt=TryOut.model_validate(result.attempt.as_json()),
        hard=result.hard,
        stop=result.stop,
        paused=result.paused,
        rescreen=result.rescreen,
        move_up=MoveUpOut(reason=move.reason.value, sentence=move.sentence) if move else None,
        advice=list(result.advice),
    )


# --- routes --------------------------------------------------------------------------------


@router.get("/ladders")
def list_ladders(db: SessionDep, profile: ProfileDep) -> list[LadderOut]:
    """Every ladder with its steps, threat ratings and tries (as `unbrace ladder show --json`)."""
    return [_ladder(view) for view in uc.list_ladders(db, profile=profile, now=now())]


@router.post("/ladders", status_code=201)
def create_ladder(body: LadderIn, db: SessionDep, profile: ProfileDep) -> LadderOut:
    """A new ladder for a feared movement, from your steps or the template's."""
    steps = [(step.text, step.kind) for step in body.steps] if body.steps else None
    view = uc.new_ladder(
        db,
        profile=profile,
        movement=body.movement,
        steps=steps,
        template_id=body.template or None,
        now=now(),
    )
    return _ladder(view)


@router.get("/ladder-insights")
def ladder_insights(db: SessionDep, profile: ProfileDep) -> dict[str, Any]:
    """The prediction error per try, threat ratings per step, the feared outcome's hit rate."""
    return uc.insights(db, profile=profile, now=now()).as_json()


@router.get("/ladders/{ladder_id}")
def get_ladder(ladder_id: Id, db: SessionDep, profile: ProfileDep) -> LadderOut:
    return _ladder(uc.get_ladder(db, profile=profile, ladder_id=ladder_id, now=now()))


@router.patch("/ladders/{ladder_id}")
def change_ladder(
    ladder_id: Id, body: LadderChange, db: SessionDep, profile: ProfileDep
) -> LadderOut:
    """Choose the step you are on, the days for a step, or go on after seeing a clinician."""
    if body.resume:
        uc.resume(db, profile=profile, ladder_id=ladder_id, now=now())
    if body.days is not None:
        uc.set_days(db, profile=profile, ladder_id=ladder_id, days=body.days, now=now())
    if body.current is not None:
        uc.go_to_step(db, profile=profile, ladder_id=ladder_id, number=body.current, now=now())
    return _ladder(uc.get_ladder(db, profile=profile, ladder_id=ladder_id, now=now()))


@router.delete("/ladders/{ladder_id}", status_code=204)
def delete_ladder(ladder_id: Id, db: SessionDep, profile: ProfileDep) -> None:
    uc.remove_ladder(db, profile=profile, ladder_id=ladder_id)


@router.post("/ladders/{ladder_id}/steps", status_code=201)
def add_step(ladder_id: Id, body: StepIn, db: SessionDep, profile: ProfileDep) -> LadderOut:
    view = uc.add_step(
        db, profile=profile, ladder_id=ladder_id, text=body.text, kind=body.kind, now=now()
    )
    return _ladder(view)


@router.patch("/ladders/{ladder_id}/steps/{number}")
def change_step(
    ladder_id: Id,
    number: Annotated[int, PathParam(ge=1, le=rules.MAX_STEPS)],
    body: StepChange,
    db: SessionDep,
    profile: ProfileDep,
) -> LadderOut:
    """New words or kind for a step, and/or a new place for it."""
    view = uc.edit_step(
        db,
        profile=profile,
        ladder_id=ladder_id,
        number=number,
        text=body.text,
        kind=body.kind,
        now=now(),
    )
    if body.move_to is not None:
        view = uc.move_step(
            db, profile=profile, ladder_id=ladder_id, number=number, to=body.move_to, now=now()
        )
    return _ladder(view)


@router.delete("/ladders/{ladder_id}/steps/{number}")
def remove_step(
    ladder_id: Id,
    number: Annotated[int, PathParam(ge=1, le=rules.MAX_STEPS)],
    db: SessionDep,
    profile: ProfileDep,
) -> LadderOut:
    return _ladder(
        uc.remove_step(db, profile=profile, ladder_id=ladder_id, number=number, now=now())
    )


@router.post("/ladders/{ladder_id}/ratings")
def rate(ladder_id: Id, body: Ratings, db: SessionDep, profile: ProfileDep) -> LadderOut:
    """Threat ratings by step number; the ladder orders itself gentlest first."""
    threats: dict[int, int] = {}
    for key, value in body.threats.items():
        if not key.isdigit():
            from unbrace.core.errors import UnbraceError

            raise UnbraceError(f'Rate steps by their number, like {{"3": 40}}; not {key!r}.')
        threats[int(key)] = value
    return _ladder(uc.rate(db, profile=profile, ladder_id=ladder_id, threats=threats, now=now()))


@router.post(
    "/ladders/{ladder_id}/tries",
    status_code=201,
    responses={409: {"description": "The safety gate or a pause refuses a real step now."}},
)
def start_try(ladder_id: Id, body: TryIn, db: SessionDep, profile: ProfileDep) -> TryOut:
    """The prediction before a real step ("let's see what happens")."""
    prediction = rules.Prediction(
        body.expected_pain, body.expected_harm, body.fear, body.feared_outcome
    )
    result = uc.start_try(
        db,
        profile=profile,
        ladder_id=ladder_id,
        number=body.step,
        prediction=prediction,
        now=now(),
        today=today(),
    )
    if isinstance(result, uc.TryRefused):
        raise conflict(result.sentence)
    return TryOut.model_validate(result.attempt.as_json())


@router.get("/ladder-tries/{attempt_id}")
def get_try(attempt_id: Id, db: SessionDep, profile: ProfileDep) -> TryOut:
    return TryOut.model_validate(
        uc.get_attempt(db, profile=profile, attempt_id=attempt_id, now=now()).as_json()
    )


@router.post(
    "/ladder-tries/{attempt_id}/after",
    responses={409: {"description": "This try already has its answers."}},
)
def finish_try(
    attempt_id: Id, body: AfterIn, db: SessionDep, profile: ProfileDep
) -> TryFinishedOut:
    """What happened: the gap at once, and the advice that follows from it."""
    from unbrace.core.errors import UnbraceError

    result = rules.Result(
        body.actual_pain, rules.Outcome(body.outcome), body.surprise, body.new_symptom
    )
    if uc.get_attempt(db, profile=profile, attempt_id=attempt_id, now=now()).finished:
        raise conflict(f"Try {attempt_id} already has its answers.")
    try:
        finished = uc.finish_try(
            db, profile=profile, attempt_id=attempt_id, result=result, now=now()
        )
    except UnbraceError as problem:  # pragma: no cover - checked just above
        raise conflict(str(problem)) from None
    return _finished(finished)


@router.post("/ladder-tries/{attempt_id}/next-day")
def next_day(attempt_id: Id, body: NextDayIn, db: SessionDep, profile: ProfileDep) -> TryOut:
    """The next day's pain, completing the try."""
    attempt = uc.follow_up(
        db, profile=profile, attempt_id=attempt_id, next_day_pain=body.next_day_pain, now=now()
    )
    return TryOut.model_validate(attempt.as_json())
