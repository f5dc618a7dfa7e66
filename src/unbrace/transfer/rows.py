"""Stored records as the export document's data: one conversion per kind, used to export them
and, on import, to tell a record already stored from a different one under the same key."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from unbrace.store import checkin_repo, session_repo
from unbrace.store.models import (
    CheckInRecord,
    FearedMovement,
    Ladder,
    LadderAttempt,
    PersonalDetails,
    PersonalScript,
    PracticeSession,
    SafetyScreen,
)
from unbrace.transfer.document import (
    CheckInData,
    LadderAttemptData,
    LadderData,
    LadderStepData,
    MovementData,
    PersonalData,
    ScreenData,
    ScriptData,
    SessionData,
    StepData,
    ThreatRatingData,
)

# --- reading records ------------------------------------------------------------------

Data = TypeVar("Data", bound=BaseModel)


def _same_names(model: type[Data], row: object) -> Data:
    """``model`` from the row's attributes of the same names (each of its fields)."""
    return model(**{name: getattr(row, name) for name in model.model_fields})


def personal_data(row: PersonalDetails) -> PersonalData:
    return _same_names(PersonalData, row)


def movement_data(row: FearedMovement) -> MovementData:
    return _same_names(MovementData, row)


def session_data(row: PracticeSession) -> SessionData:
    # Host and process id are left out: they only matter on the computer running the session.
    return SessionData(
        **session_repo.record_fields(row),
        steps=[StepData(**session_repo.step_fields(step)) for step in row.steps],
    )


def checkin_data(row: CheckInRecord) -> CheckInData:
    return CheckInData(
        date=row.date,
        created_at=row.created_at,
        updated_at=row.updated_at,
        **checkin_repo.answers(row),
    )


def screen_data(row: SafetyScreen) -> ScreenData:
    return _same_names(ScreenData, row)


def script_data(row: PersonalScript) -> ScriptData:
    return _same_names(ScriptData, row)


def ladder_data(row: Ladder) -> LadderData:
    return LadderData(
        movement=row.movement,
        template=row.template,
        days=[int(day) for day in row.days.split(",") if day],
        paused_at=row.paused_at,
        created_at=row.created_at,
        current_since=row.current_since,
        steps=[
            LadderStepData(
                text=step.text,
                kind=step.kind,  # type: ignore[arg-type]  # a Literal; the model checks it
                created_at=step.created_at,
                current=step.id == row.current_step_id,
                ratings=[_same_names(ThreatRatingData, rating) for rating in step.ratings],
                attempts=[attempt_data(attempt) for attempt in step.attempts],
            )
            for step in row.steps
        ],
    )


def attempt_data(row: LadderAttempt) -> LadderAttemptData:
    return _same_names(LadderAttemptData, row)
