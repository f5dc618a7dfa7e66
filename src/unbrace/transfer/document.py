"""The unbrace export format (version 1): one profile as a JSON document, and its checks.

The same pydantic models write an export and read one back, so anything unbrace writes it can
also import. Reading is strict: whole numbers must be whole numbers, ratings must be in range,
times must carry a UTC offset, and unknown fields are refused. A file that fails any check is
refused as a whole before anything is written (see ``parse_document``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    field_validator,
    model_validator,
)

from unbrace.core import limits
from unbrace.core.checkins import HABITS
from unbrace.core.errors import UnbraceError
from unbrace.core.practices import MAX_MINUTES, MIN_MINUTES, check_personal_text
from unbrace.core.safety import DueReason, most_urgent, screen
from unbrace.core.scripts import NAME as SCRIPT_NAME
from unbrace.core.session import breath_bounds

FORMAT: Final = "unbrace-export"
VERSION: Final = 1

# Why a safety screen was asked: at onboarding, by hand, or because it was due.
SCREEN_REASONS = frozenset({"onboarding", "manual", *(reason.value for reason in DueReason)})


def _utc_datetime(value: object) -> dt.datetime:
    """An ISO 8601 time with an offset (or an aware datetime), as UTC.

    JSON has no time type, so a time is text; plain numbers are refused rather than read as
    seconds since 1970, and a time without an offset is refused rather than guessed.
    """
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("should be a date and time like 2026-11-25T09:30:00+00:00") from None
    if not isinstance(value, dt.datetime):
        raise ValueError("should be a date and time written as text")
    if value.tzinfo is None:
        raise ValueError("needs a time zone offset, like +00:00")
    _in_window(value.astimezone(dt.UTC).date())
    return value.astimezone(dt.UTC)


def _in_window(day: dt.date) -> dt.date:
    """Records from 1900 up to tomorrow (core/limits.py); anything else is a broken file."""
    try:
        return limits.check_day(day, today=dt.date.today(), what="day")
    except UnbraceError as exc:
        raise ValueError(_lower(exc)) from None


def _lower(exc: UnbraceError) -> str:
    reason = str(exc).rstrip(".")
    return f"is refused: {reason[:1].lower()}{reason[1:]}"


def _limited(limit: limits.TextLimit) -> AfterValidator:
    """Text checked by the core's limits table, as every other way in checks it."""

    def check(value: str) -> str:
        try:
            return limit.check(value)
        except UnbraceError as exc:
            raise ValueError(_lower(exc)) from None

    return AfterValidator(check)


def _day(value: object) -> dt.date:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("should be a day written YYYY-MM-DD") from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _in_window(value)
    raise ValueError("should be a day written YYYY-MM-DD")


UtcDatetime = Annotated[
    dt.datetime,
    PlainValidator(_utc_datetime),
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
]
Day = Annotated[
    dt.date, PlainValidator(_day), PlainSerializer(lambda value: value.isoformat(), return_type=str)
]
Rating = Annotated[int, Field(ge=0, le=10)]
Vividness = Annotated[int, Field(ge=1, le=5)]
Seconds = Annotated[
    float, Field(ge=limits.SECONDS.low, le=limits.SECONDS.high, allow_inf_nan=False)
]
Note = Annotated[str, _limited(limits.NOTE)]


def _personal_text(label: str) -> Callable[[str], str]:
    """The store's own rule for words that fill a practice (short, no braces)."""

    def check(value: str) -> str:
        try:
            return check_personal_text(label, value)
        except UnbraceError as exc:
            raise ValueError(_lower(exc)) from None

    return check


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("should not be empty")
    return value


def _unique(items: Iterable[Any], key: Callable[[Any], object], what: str) -> None:
    seen: set[object] = set()
    for item in items:
        value = key(item)
        if value in seen:
            raise ValueError(f"has two {what} {value}")
        seen.add(value)


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class ProfileData(Strict):
    name: Annotated[str, Field(min_length=1), _limited(limits.PROFILE_NAME)]
    breath_in: Annotated[float, Field(allow_inf_nan=False)] | None
    breath_out: Annotated[float, Field(allow_inf_nan=False)] | None
    streaks: bool

    @model_validator(mode="after")
    def _breath_in_bounds(self) -> ProfileData:
        if (self.breath_in is None) != (self.breath_out is None):
            raise ValueError("has only one of breath_in and breath_out")
        if self.breath_in is not None and self.breath_out is not None:
            try:
                breath_bounds().check(self.breath_in, self.breath_out)
            except UnbraceError as exc:
                reason = str(exc).rstrip(".")
                raise ValueError(f"has a breath pacer out of range: {reason.lower()}") from None
        return self


class PersonalData(Strict):
    scene: Annotated[str, AfterValidator(_personal_text("scene"))]
    anchor: Annotated[str, AfterValidator(_personal_text("anchor habit"))]
    updated_at: UtcDatetime


class MovementData(Strict):
    text: Annotated[str, AfterValidator(_personal_text("movement")), AfterValidator(_not_blank)]
    easier: Annotated[str, AfterValidator(_personal_text("easier movement"))]


class StepData(Strict):
    position: Annotated[int, Field(ge=0, le=1000)]
    step_id: Annotated[str, Field(min_length=1), _limited(limits.STEP_ID)]
    planned_seconds: Seconds
    seconds: Seconds
    skipped: bool
    done: bool


class SessionData(Strict):
    practice_id: Annotated[str, Field(min_length=1), _limited(limits.PRACTICE_ID)]
    practice_title: Annotated[str, Field(min_length=1), _limited(limits.PRACTICE_TITLE)]
    minutes: Annotated[int, Field(ge=MIN_MINUTES, le=MAX_MINUTES)]
    started_at: UtcDatetime
    updated_at: UtcDatetime
    ended_at: UtcDatetime | None
    seconds: Seconds
    status: Literal["in_progress", "completed", "stopped"]
    flare: bool
    pain_before: Rating | None
    pain_after: Rating | None
    vivid_visual: Vividness | None
    vivid_body: Vividness | None
    note: Note
    steps: Annotated[list[StepData], Field(max_length=1000)]

    @field_validator("steps")
    @classmethod
    def _one_row_per_step(cls, steps: list[StepData]) -> list[StepData]:
        _unique(steps, lambda step: step.position, "steps at position")
        return steps

    @property
    def key(self) -> tuple[dt.datetime, str]:
        return (self.started_at, self.practice_id)


class CheckInData(Strict):
    date: Day
    pain: Rating
    enjoyment: Rating
    activity: Rating
    worst: Rating | None
    stress: Rating | None
    sleep: Rating | None
    habits: list[str]
    flare: bool
    note: Note
    created_at: UtcDatetime
    updated_at: UtcDatetime

    @field_validator("habits")
    @classmethod
    def _known_habits(cls, habits: list[str]) -> list[str]:
        for habit in habits:
            if habit not in HABITS:
                raise ValueError(f"has an unknown habit {habit!r}")
        _unique(habits, repr, "habits called")
        return habits

    def answers(self) -> dict[str, Any]:
        """What the person answered, without when it was saved (to tell identical days)."""
        return self.model_dump(exclude={"created_at", "updated_at"})


class ScreenData(Strict):
    taken_at: UtcDatetime
    reason: str
    positive: list[str]
    urgency: Literal["emergency", "urgent"] | None
    seen_clinician_at: UtcDatetime | None

    @field_validator("reason")
    @classmethod
    def _known_reason(cls, reason: str) -> str:
        if reason not in SCREEN_REASONS:
            raise ValueError(f"should be one of {', '.join(sorted(SCREEN_REASONS))}")
        return reason

    @field_validator("positive")
    @classmethod
    def _known_signs(cls, positive: list[str]) -> list[str]:
        known = screen().ids()
        for sign in positive:
            if sign not in known:
                raise ValueError(f"has an unknown warning sign {sign!r}")
        _unique(positive, repr, "answers for")
        return positive

    @model_validator(mode="after")
    def _urgency_matches_answers(self) -> ScreenData:
        # The urgency is derived from the answers; a file where they disagree was edited
        # by hand, and showing the wrong advice later would be worse than refusing it.
        expected = most_urgent(self.positive)
        if self.urgency != (expected.value if expected else None):
            raise ValueError("has an urgency that does not match the warning signs answered yes")
        return self


class ScriptData(Strict):
    name: Annotated[str, Field(pattern=SCRIPT_NAME.pattern), _limited(limits.SCRIPT_NAME)]
    version: Annotated[int, Field(ge=1, le=limits.MAX_VERSION)]
    text: Annotated[str, Field(min_length=1), _limited(limits.SCRIPT_TEXT)]
    score: Annotated[int, Field(ge=0, le=100)]
    created_at: UtcDatetime


def _step_text(value: str) -> str:
    from unbrace.core.ladder import check_step_text

    try:
        return check_step_text(value)
    except UnbraceError as exc:
        reason = str(exc).rstrip(".")
        raise ValueError(f"cannot be used: {reason[:1].lower()}{reason[1:]}") from None


Hundred = Annotated[int, Field(ge=0, le=100)]
OneLine = Annotated[str, Field(max_length=200)]


class ThreatRatingData(Strict):
    """A step's threat rating (0-100) when it was given (core/ladder.py, PHODA-SeV)."""

    rated_at: UtcDatetime
    threat: Hundred


class LadderAttemptData(Strict):
    """One try of a step: the prediction, what happened, and the next day."""

    started_at: UtcDatetime
    flare: bool
    expected_pain: Rating
    expected_harm: Hundred
    fear: Rating
    feared_outcome: Annotated[OneLine, AfterValidator(_not_blank)]
    done_at: UtcDatetime | None
    actual_pain: Rating | None
    outcome: Literal["no", "partly", "yes"] | None
    surprise: OneLine
    new_symptom: bool
    followed_up_at: UtcDatetime | None
    next_day_pain: Rating | None

    @model_validator(mode="after")
    def _answers_fit_together(self) -> LadderAttemptData:
        done = self.done_at is not None
        if done != (self.actual_pain is not None) or done != (self.outcome is not None):
            raise ValueError("has done_at, actual_pain and outcome only partly filled in")
        if (self.followed_up_at is None) != (self.next_day_pain is None):
            raise ValueError("has only one of followed_up_at and next_day_pain")
        if self.next_day_pain is not None and not done:
            raise ValueError("has a next-day pain for a try without its answers")
        return self


class LadderStepData(Strict):
    text: Annotated[str, AfterValidator(_step_text)]
    kind: Literal["imagery", "paired", "real"]
    created_at: UtcDatetime
    current: bool
    ratings: list[ThreatRatingData]
    attempts: list[LadderAttemptData]


class LadderData(Strict):
    """A "visualise, then do" ladder; steps in the ladder's order, gentlest first."""

    movement: Annotated[str, AfterValidator(_personal_text("movement")), AfterValidator(_not_blank)]
    template: Annotated[str, Field(min_length=1, max_length=40)]
    days: list[Annotated[int, Field(ge=0, le=6)]]
    paused_at: UtcDatetime | None
    created_at: UtcDatetime
    current_since: UtcDatetime
    steps: Annotated[list[LadderStepData], Field(min_length=1, max_length=8)]

    @model_validator(mode="after")
    def _one_current_step(self) -> LadderData:
        if sum(step.current for step in self.steps) != 1:
            raise ValueError("should have exactly one current step")
        _unique(self.days, repr, "entries for weekday")
        return self


class ExportDocument(Strict):
    format: Literal["unbrace-export"]
    version: Literal[1]
    exported_at: UtcDatetime
    profile: ProfileData
    personal: PersonalData | None
    feared_movements: list[MovementData]
    sessions: list[SessionData]
    checkins: list[CheckInData]
    safety_screens: list[ScreenData]
    scripts: list[ScriptData]
    # Added after version 1 first shipped; an export without ladders has none.
    ladders: list[LadderData] = Field(default_factory=list)

    @model_validator(mode="after")
    def _natural_keys_are_unique(self) -> ExportDocument:
        # The keys import de-duplicates by; two records with one key cannot both be stored.
        _unique(self.feared_movements, lambda m: repr(m.text), "feared movements called")
        _unique(
            self.sessions, lambda s: f"{s.practice_id} at {s.started_at.isoformat()}", "sessions of"
        )
        _unique(self.checkins, lambda c: c.date.isoformat(), "check-ins on")
        _unique(self.safety_screens, lambda s: s.taken_at.isoformat(), "safety screens at")
        _unique(self.scripts, lambda s: f"{s.name!r} version {s.version}", "scripts called")
        _unique(self.ladders, lambda ladder: repr(ladder.movement), "ladders for")
        return self


def read_document(raw: bytes, *, source: str = "This file") -> ExportDocument:
    """An export file's bytes, checked whole: size, encoding, JSON, nesting, then the document.

    JSON allows what no export holds and what would break things later: ``Infinity`` and
    ``NaN``, numbers too big for a float (``1e400``) or with thousands of digits, and nesting
    deep enough to exhaust the stack. Each is refused here with one line.
    """
    import json

    if len(raw) > limits.MAX_IMPORT_BYTES:
        raise UnbraceError(
            f"{source} is {len(raw) / 1024 / 1024:,.0f} MB, more than an unbrace export holds "
            f"(at most {limits.MAX_IMPORT_BYTES // 1024 // 1024} MB)."
        )
    if not raw.strip():
        raise UnbraceError(f"{source} is empty.")
    if raw.startswith(b"SQLite format 3"):
        raise UnbraceError(f"{source} is a database backup; bring it back with: unbrace restore")
    if raw.startswith(b"PK\x03\x04"):
        raise UnbraceError(f"{source} is a zip file; unbrace imports only its JSON export.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnbraceError(
            f"{source} is not a text file, so it is not an unbrace export."
        ) from None
    try:
        document = json.loads(
            text, parse_constant=_no_constant, parse_float=_finite, parse_int=_whole
        )
    except _NotANumber as exc:
        raise UnbraceError(f"{source} holds {exc}, which no unbrace export has.") from None
    except RecursionError:
        raise UnbraceError(f"{source} is nested far too deeply to be an unbrace export.") from None
    except json.JSONDecodeError as exc:
        if not text.lstrip().startswith(("{", "[")):
            # Not JSON from its first character (notes, a letter, a web page): not cut short.
            raise UnbraceError(
                f"{source} is not an unbrace export: an export is the JSON file made by "
                "unbrace export or the web app's download."
            ) from None
        # A string running into the end of the file, or a mistake on its last line, means the
        # file ends early: the usual result of a copy or download cut short.
        on_last_line = "\n" not in text[exc.pos :].strip() and exc.msg != "Extra data"
        if exc.msg.startswith("Unterminated string") or on_last_line:
            raise UnbraceError(
                f"{source} stops part-way (line {exc.lineno}); it may have been cut short "
                "while copying. Please export it again."
            ) from None
        raise UnbraceError(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg[:1].lower()}{exc.msg[1:]})."
        ) from None
    if _depth(document) > limits.MAX_IMPORT_DEPTH:
        raise UnbraceError(f"{source} is nested more deeply than an unbrace export is.")
    return parse_document(document, source=source)


class _NotANumber(ValueError):
    """A JSON number no export holds (the message says which)."""


def _no_constant(name: str) -> float:
    raise _NotANumber(f"the value {name}")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotANumber(f"the number {text[:20]}, too big to use")
    return value


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > 18:  # a whole number beyond 64 bits: no export has one
        shown = text if len(text) <= 20 else f"{text[:12]}... ({len(text)} digits)"
        raise _NotANumber(f"the whole number {shown}, too big to use")
    return int(text)


def _depth(document: object) -> int:
    """How deeply lists and objects nest (iteratively: a deep file cannot exhaust the stack)."""
    deepest = 0
    pending: list[tuple[object, int]] = [(document, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            if deepest > limits.MAX_IMPORT_DEPTH:
                return deepest
            children = node.values() if isinstance(node, dict) else node
            pending.extend((child, depth + 1) for child in children)
    return deepest


def parse_document(document: object, *, source: str = "This file") -> ExportDocument:
    """The whole document checked, or one UnbraceError naming the first thing wrong."""
    if not isinstance(document, Mapping):
        raise UnbraceError(f"{source} does not hold an unbrace export (no JSON object at its top).")
    if document.get("resourceType") == "Bundle":
        raise UnbraceError(
            f"{source} is a FHIR bundle; unbrace imports only its own JSON export "
            "(made with: unbrace export --format json)."
        )
    if document.get("format") != FORMAT:
        raise UnbraceError(
            f'{source} is not an unbrace export: it has no "format": "{FORMAT}" at its top.'
        )
    version = document.get("version")
    if type(version) is not int or version != VERSION:
        if type(version) is int and version > VERSION:
            raise UnbraceError(
                f"{source} is an unbrace export of version {version}, from a newer unbrace; "
                f"this one reads version {VERSION}. Please update unbrace to import it."
            )
        raise UnbraceError(f"{source} has an export version unbrace does not know: {version!r}.")
    try:
        return ExportDocument.model_validate(document)
    except ValidationError as exc:
        raise UnbraceError(f"{source} is not a valid unbrace export: {describe(exc)}") from None


def describe(exc: ValidationError) -> str:
    """The first problem in plain words, with where it is, as one line."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = _location(first["loc"])
    text = _plain_message(first)
    shown = first.get("input")
    got = ""
    if first["type"] not in ("missing", "extra_forbidden") and not isinstance(shown, dict | list):
        got = f" (it is {_short(shown)})"
    more = len(errors) - 1
    tail = f"; and {more} more problem{'s' if more != 1 else ''}" if more else ""
    return f"{where} {text}{got}{tail}."


def _location(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item.startswith("function-") or item in ("tagged-union", "nullable"):
            continue  # pydantic's names for validator layers, not fields in the file
        else:
            parts.append(f".{item}" if parts else item)
    return "".join(parts) or "it"


def _plain_message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    fixed = {
        "missing": "is missing",
        "extra_forbidden": "is not part of an unbrace export",
        "int_type": "should be a whole number",
        "bool_type": "should be true or false",
        "string_type": "should be text",
        "float_type": "should be a number",
        "list_type": "should be a list",
        "model_type": "should be an object",
        "dict_type": "should be an object",
    }
    if kind in fixed:
        return fixed[kind]
    if kind == "less_than_equal":
        return f"should be at most {context.get('le')}"
    if kind == "greater_than_equal":
        return f"should be at least {context.get('ge')}"
    if kind == "string_too_long":
        return f"is longer than {context.get('max_length')} characters"
    if kind == "string_too_short":
        return "should not be empty"
    if kind == "string_pattern_mismatch":
        return "is not a name unbrace accepts"
    message = str(error["msg"]).removeprefix("Value error, ").rstrip(".")
    return message.replace("Input should", "should")


def _short(value: object) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
