"""Stored records as the export document's data: one conversion per kind, used to export them
and, on import, to tell a record already stored from a different one under the same key."""

from __future__ import annotations

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


def personal_data(row: PersonalDetails) -> PersonalData:
    return PersonalData(scene=row.scene, anchor=row.anchor, updated_at=row.updated_at)


def movement_data(row: FearedMovement) -> MovementData:
    return MovementData(text=row.text, easier=row.easier)


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
    return ScreenData(
        taken_at=row.taken_at,
        reason=row.reason,
        positive=list(row.positive),
        urgency=row.urgency,  # type: ignore[arg-type]  # a Literal; the model checks it
        seen_clinician_at=row.seen_clinician_at,
    )


def script_data(row: PersonalScript) -> ScriptData:
    return ScriptData(
        name=row.name,
        version=row.version,
        text=row.text,
        score=row.score,
        created_at=row.created_at,
    )


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
                ratings=[
                    ThreatRatingData(rated_at=rating.rated_at, threat=rating.threat)
                    for rating in step.ratings
                ],
                attempts=[attempt_data(attempt) for attempt in step.attempts],
            )
            for step in row.steps
        ],
    )


def attempt_data(row: LadderAttempt) -> LadderAttemptData:
    return LadderAttemptData(
        started_at=row.started_at,
        flare=row.flare,
        expected_pain=row.expected_pain,
        expected_harm=row.expected_harm,
        fear=row.fear,
        feared_outcome=row.feared_outcome,
        done_at=row.done_at,
        actual_pain=row.actual_pain,
        outcome=row.outcome,  # type: ignore[arg-type]  # a Literal; the model checks it
        surprise=row.surprise,
        new_symptom=row.new_symptom,
        followed_up_at=row.followed_up_at,
        next_day_pain=row.next_day_pain,
    )
