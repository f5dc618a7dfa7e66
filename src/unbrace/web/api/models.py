"""Request and response bodies of the JSON API: the contract the pages and the OpenAPI
schema share. Ratings are checked by the same scales as the CLI (core/ratings), so a
wrong value gets the same plain sentence everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import Path as PathParam
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    field_validator,
)

from unbrace.core import limits, ratings
from unbrace.core.errors import UnbraceError
from unbrace.core.safety import screen
from unbrace.core.session import MAX_MINUTES, MIN_MINUTES, validate_minutes


def _checked(check: Callable[[int], int]) -> Callable[[int], int]:
    """A core check as a pydantic validator: its UnbraceError becomes a validation error."""

    def validate(value: int) -> int:
        try:
            return check(value)
        except UnbraceError as exc:
            raise ValueError(str(exc)) from None

    return validate


def _whole(value: Any) -> Any:
    """JSON has one kind of number: 3.0 is the whole number 3 (but "3" and true are not)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _iso_day(value: Any, *, since: bool = False) -> Any:
    """Only YYYY-MM-DD: pydantic on its own would read 0 or "0" as 1 January 1970."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("Dates are written YYYY-MM-DD, like 2026-03-14.")
    try:
        # From 1900 up to tomorrow on this computer (core/limits.py), as every edge checks.
        return ratings.parse_date(value, since=since)
    except UnbraceError as exc:
        raise ValueError(str(exc)) from None


def _limited(limit: limits.TextLimit) -> AfterValidator:
    """Text checked by the core's limits table (length, valid Unicode, hidden controls)."""

    def check(value: str) -> str:
        try:
            return limit.check(value)
        except UnbraceError as exc:
            raise ValueError(str(exc)) from None

    return AfterValidator(check)


Whole = BeforeValidator(_whole)
Day = Annotated[dt.date, BeforeValidator(_iso_day)]
# A "since" filter: from 1900 on, and a later day than tomorrow simply finds nothing.
SinceDay = Annotated[dt.date, BeforeValidator(lambda value: _iso_day(value, since=True))]
Bool = Annotated[bool, Strict()]  # JSON true/false only, not 0 or "yes"


def _range(low: int, high: int) -> Any:
    # Shown in the schema (and used by schemathesis); the check itself is the core's.
    return Field(json_schema_extra={"minimum": low, "maximum": high})


Pain = Annotated[int, Whole, Strict(), AfterValidator(_checked(ratings.PAIN.check)), _range(0, 10)]
Enjoyment = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(ratings.ENJOYMENT.check)), _range(0, 10)
]
Activity = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(ratings.ACTIVITY.check)), _range(0, 10)
]
Worst = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(ratings.WORST.check)), _range(0, 10)
]
Stress = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(ratings.STRESS.check)), _range(0, 10)
]
Sleep = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(ratings.SLEEP.check)), _range(0, 10)
]
VividVisual = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(ratings.VIVID_VISUAL.check)), _range(1, 5)
]
VividBody = Annotated[
    int, Whole, Strict(), AfterValidator(_checked(ratings.VIVID_BODY.check)), _range(1, 5)
]
Minutes = Annotated[
    int,
    Whole,
    Strict(),
    AfterValidator(_checked(validate_minutes)),
    _range(MIN_MINUTES, MAX_MINUTES),
]
# Query parameters arrive as text, so they cannot be strict.
QueryMinutes = Annotated[
    int, Whole, AfterValidator(_checked(validate_minutes)), _range(MIN_MINUTES, MAX_MINUTES)
]
# Seconds practised: at most the longest session, twice over; never NaN or infinite.
Seconds = Annotated[float, Strict(), Field(ge=0, le=MAX_MINUTES * 60 * 2, allow_inf_nan=False)]
Note = Annotated[str, Field(max_length=limits.NOTE.max_chars), _limited(limits.NOTE)]
Text = Annotated[str, Field(max_length=limits.PERSONAL.max_chars)]
# Warning-sign ids, as listed in data/safety.toml (checked by usecases/safety.check_flags).
Flags = Annotated[
    list[str],
    Field(
        max_length=20,
        json_schema_extra={"items": {"type": "string", "enum": screen().ids()}},
    ),
]
# The checklist of core/checkins.HABITS, spelled out for the schema (a test keeps them equal).
Habit = Literal["movement-breaks", "walking", "hydration", "seating", "sleep-routine"]


class Input(BaseModel):
    """A request body: unknown fields are refused, so a typo never passes silently, and no
    text may hold a NUL character (PostgreSQL cannot store one)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Text cannot contain NUL characters.")
        if isinstance(value, str) and any("\ud800" <= char <= "\udfff" for char in value):
            # JSON can spell half of a character ("\ud800"); no database can store one.
            raise ValueError("Text holds a broken character (half of a surrogate pair).")
        return value


# Database ids (the store's integer columns) and the ids of practices and scripts: bounded, so
# an out-of-range number or a control character is refused before it reaches the database.
SessionId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="The session's id.")]
PracticeKey = Annotated[
    str,
    PathParam(
        min_length=1,
        max_length=80,
        pattern=r"^[^\x00-\x1f]+$",
        description="A practice id, or script:NAME for a saved script.",
    ),
]


# --- practices ---------------------------------------------------------------------------


class PracticeSummary(BaseModel):
    id: str = Field(description="Ask for it by this id; saved scripts are script:NAME.")
    title: str
    summary: str
    minutes: int = Field(description="Its usual length.")
    when: str
    tags: list[str]


class Pace(BaseModel):
    inhale: float
    exhale: float


class PlanStep(BaseModel):
    id: str
    title: str
    text: str
    cue: str | None
    breath: bool
    seconds: float
    read_seconds: float = Field(
        description="Seconds for the words before the breath guide shows (the players' rule)."
    )


class Plan(BaseModel):
    id: str
    title: str
    minutes: int
    pace: Pace
    steps: list[PlanStep]


# --- sessions ----------------------------------------------------------------------------


class SessionStart(Input):
    practice: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[^\x00-\x1f]+$")]
    minutes: Minutes | None = None
    pain_before: Pain | None = None
    gentle: Bool = Field(
        default=False,
        description="A gentle session chosen while an urgent warning sign is open.",
    )


class SessionStarted(BaseModel):
    id: int
    status: Literal["in_progress"]
    flare: bool
    plan: Plan


class StepProgress(Input):
    index: Annotated[int, Whole, Strict(), Field(ge=0, le=1000)]
    seconds: Seconds
    skipped: Bool = False
    done: Bool = False


class Progress(Input):
    seconds: Seconds
    steps: Annotated[list[StepProgress], Field(max_length=1000)] = Field(default_factory=list)


class ProgressSaved(BaseModel):
    id: int
    status: Literal["in_progress", "completed", "stopped"]
    seconds: float


class Finish(Progress):
    status: Literal["completed", "stopped"]
    pain_after: Pain | None = None
    vivid_visual: VividVisual | None = None
    vivid_body: VividBody | None = None
    note: Note | None = None


# Stored durations are finite; one that is not (let in by an older unbrace) reads as null.
StoredSeconds = Annotated[float | None, Field(description="null if the stored value is broken.")]


class SessionStep(BaseModel):
    step: str
    planned_seconds: StoredSeconds
    seconds: StoredSeconds
    done: bool
    skipped: bool


class SessionRecord(BaseModel):
    """A session as `unbrace history --json` prints it."""

    id: int
    practice: str
    title: str
    minutes: int
    started_at: str = Field(description="ISO 8601, UTC.")
    ended_at: str | None
    seconds: StoredSeconds
    status: Literal["in_progress", "completed", "stopped"]
    flare: bool
    pain_before: int | None
    pain_after: int | None
    vivid_visual: int | None
    vivid_body: int | None
    note: str
    steps: list[SessionStep]


class SessionFinished(SessionRecord):
    """The finished session, with what the person is told at the end."""

    counted: bool = Field(description="Long enough (30 seconds or more) to count as practice.")
    stop_advised: bool = Field(description="Pain clearly higher after: stop for today.")
    summary: str = Field(description="The closing line, as the terminal prints it.")


# --- check-ins ---------------------------------------------------------------------------


class CheckInIn(Input):
    date: Day | None = Field(None, description="The day, YYYY-MM-DD; today when left out.")
    pain: Pain
    enjoyment: Enjoyment
    activity: Activity
    worst: Worst | None = None
    stress: Stress | None = None
    sleep: Sleep | None = None
    habits: Annotated[list[Habit], Field(max_length=5)] = Field(default_factory=list)
    flare: Bool = False
    note: Note | None = None
    replace: Bool = Field(False, description="Replace that day's check-in if there is one.")


class CheckInOut(BaseModel):
    """A check-in as `unbrace history --json` prints it."""

    id: int = Field(description="Its number, for `unbrace history edit|delete checkin ID`.")
    date: str
    pain: int
    enjoyment: int
    activity: int
    peg: float
    worst: int | None
    stress: int | None
    sleep: int | None
    habits: list[str]
    flare: bool
    note: str


# --- profile and safety ------------------------------------------------------------------


class SafetyState(BaseModel):
    last_screen: str | None
    open_flags: list[str]
    urgency: Literal["emergency", "urgent"] | None
    due: Literal["never", "periodic", "worrying_checkin"] | None


class ProfileOut(BaseModel):
    name: str
    movement: str
    easier: str
    scene: str
    anchor: str
    breath_in: float
    breath_out: float
    streaks: bool
    safety: SafetyState


class ProfileCreate(Input):
    name: Annotated[
        str,
        Field(min_length=1, max_length=limits.PROFILE_NAME.max_chars),
        _limited(limits.PROFILE_NAME),
    ]
    movement: Text | None = None
    scene: Text | None = None
    anchor: Text | None = None
    red_flags: Flags = Field(description="Ids of the safety questions answered yes; [] for none.")


class ProfileUpdate(Input):
    movement: Text | None = None
    easier: Text | None = None
    scene: Text | None = None
    anchor: Text | None = None
    breath_in: Annotated[float, Strict(), Field(allow_inf_nan=False)] | None = None
    breath_out: Annotated[float, Strict(), Field(allow_inf_nan=False)] | None = None
    streaks: Bool | None = None


class Screen(Input):
    positive: Flags = Field(description="Ids of the questions answered yes; [] for none.")


class ScreenResult(BaseModel):
    new: list[str] = Field(description="Signs answered yes that a clinician has not yet seen.")
    advice: str | None


class Seen(BaseModel):
    cleared: int = Field(description="How many open reminders were cleared.")


class Question(BaseModel):
    id: str
    question: str
    urgency: Literal["emergency", "urgent"]


class Questions(BaseModel):
    questions: list[Question]
    advice: dict[str, str] = Field(description="What to do, by urgency.")
    disclaimer: str


# --- coach and routine -------------------------------------------------------------------


class CoachIn(Input):
    text: Annotated[str, Field(min_length=1, max_length=limits.SCRIPT_TEXT.max_chars)]


class RoutineIn(Input):
    """The fields of `unbrace routine set`, written the same way."""

    anchor_time: Annotated[str, Field(max_length=20)] | None = None
    anchor: Text | None = None
    practice: Annotated[str, Field(max_length=80)] | None = None
    minutes: Minutes | None = None
    work_days: Annotated[str, Field(max_length=60)] | None = None
    work_hours: Annotated[str, Field(max_length=20)] | None = None
    reset_every: Annotated[int, Whole, Strict()] | None = None
    quiet_hours: Annotated[str, Field(max_length=20)] | None = None
    downshift: Annotated[str, Field(max_length=20)] | None = None
    intention: Annotated[str, Field(max_length=1000)] | None = None
    timezone: Annotated[str, Field(max_length=64)] | None = None


class Reminder(BaseModel):
    kind: str
    at: str
    practice: str


class RoutineOut(BaseModel):
    timezone: str
    anchor: str
    anchor_time: str
    practice: str
    minutes: int
    work_days: str
    work_hours: str
    reset_every: int
    reset_times: list[str]
    quiet_hours: str | None
    downshift: str | None
    intention: str
    today: list[Reminder]
