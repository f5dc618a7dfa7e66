"""Moving one profile's records out as a JSON document, and back in without duplicates.

``export_profile`` writes everything recorded for a person in the format of
``transfer/document.py``. ``import_profile`` checks a whole document first and only then
writes, adding only what is not already stored: a record is the same when its natural key
matches (a check-in's day, a session's start and practice, a screen's time, a script's name and
version, a feared movement's words). When the stored record under that key differs from the
file's, the stored one is kept and counted as a conflict, so an import never overwrites.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unbrace.store import checkin_repo, profile_repo, screen_repo, script_repo, session_repo
from unbrace.store import ladder_repo as ladders
from unbrace.store.models import (
    CheckInRecord,
    FearedMovement,
    Ladder,
    LadderAttempt,
    PersonalDetails,
    PersonalScript,
    PracticeSession,
    Profile,
    SafetyScreen,
    SessionStep,
    utcnow,
)
from unbrace.transfer.document import (
    FORMAT,
    VERSION,
    CheckInData,
    ExportDocument,
    LadderAttemptData,
    LadderData,
    LadderStepData,
    MovementData,
    PersonalData,
    ProfileData,
    ScreenData,
    ScriptData,
    SessionData,
    StepData,
    ThreatRatingData,
    describe,
    parse_document,
)

Row = TypeVar("Row")
Data = TypeVar("Data")

# The kinds import_profile counts, in the order people read them.
KINDS = (
    "checkins",
    "sessions",
    "safety_screens",
    "scripts",
    "feared_movements",
    "ladders",
    "personal",
    "preferences",
)


def export_profile(
    db: Session,
    *,
    profile: Profile,
    now: dt.datetime | None = None,
    left_out: list[str] | None = None,
) -> dict[str, Any]:
    """Every record of ``profile`` as a JSON-ready document (times in UTC, ISO 8601).

    A stored record that the export format refuses (an infinite duration or a day in year 1,
    let in by an older unbrace) is left out, and described in ``left_out`` when it is given:
    the rest still exports, and the file imports again.
    """
    return build_document(db, profile=profile, now=now, left_out=left_out).model_dump(mode="json")


def _sound(
    rows: Iterable[Row], convert: Callable[[Row], Data], what: str, left_out: list[str] | None
) -> list[Data]:
    kept: list[Data] = []
    for row in rows:
        try:
            kept.append(convert(row))
        except ValidationError as exc:
            if left_out is not None:
                left_out.append(f"{what}: its {describe(exc)}")
    return kept


def build_document(
    db: Session,
    *,
    profile: Profile,
    now: dt.datetime | None = None,
    left_out: list[str] | None = None,
) -> ExportDocument:
    # The profile's own creation time is left out: it decides which profile is the default
    # on this computer, and an import must not change that on another one.
    details = profile_repo.details_of(db, profile=profile)
    return ExportDocument(
        format=FORMAT,
        version=VERSION,
        exported_at=now or utcnow(),
        profile=ProfileData(
            name=profile.name,
            breath_in=profile.breath_in,
            breath_out=profile.breath_out,
            streaks=profile.streaks,
        ),
        personal=next(
            iter(_sound([details] if details else [], _personal_data, "your details", left_out)),
            None,
        ),
        feared_movements=_sound(
            profile_repo.movement_rows(db, profile=profile),
            _movement_data,
            "a feared movement",
            left_out,
        ),
        sessions=_sound(
            session_repo.sessions_with_steps(db, profile=profile),
            _session_data,
            "a session",
            left_out,
        ),
        checkins=_sound(
            checkin_repo.list_checkins(db, profile=profile), _checkin_data, "a check-in", left_out
        ),
        safety_screens=_sound(
            screen_repo.all_screens(db, profile=profile), _screen_data, "a safety screen", left_out
        ),
        scripts=_sound(
            script_repo.all_versions(db, profile=profile), _script_data, "a script", left_out
        ),
        ladders=_sound(
            ladders.list_ladders(db, profile=profile), _ladder_data, "a ladder", left_out
        ),
    )


def import_profile(
    db: Session, *, document: Mapping[str, Any] | ExportDocument, profile: Profile
) -> dict[str, int]:
    """Add the document's records to ``profile``; returns how many of each kind were added.

    The whole document is checked before the first write (an ``UnbraceError`` names the first
    problem). ``conflicts`` counts records whose key is already stored with other content;
    those are left as stored. The caller's transaction makes the import all or nothing.
    """
    parsed = document if isinstance(document, ExportDocument) else parse_document(document)
    counts = dict.fromkeys(KINDS, 0)
    conflicts = 0
    for added, clashed in (
        _import_preferences(profile, parsed.profile),
        _import_personal(db, profile, parsed.personal),
        _import_movements(db, profile, parsed.feared_movements),
        _import_sessions(db, profile, parsed.sessions),
        _import_checkins(db, profile, parsed.checkins),
        _import_screens(db, profile, parsed.safety_screens),
        _import_scripts(db, profile, parsed.scripts),
        _import_ladders(db, profile, parsed.ladders),
    ):
        for kind, count in added.items():
            counts[kind] += count
        conflicts += clashed
    db.flush()
    return {**counts, "conflicts": conflicts}


# --- reading records ------------------------------------------------------------------


def _personal_data(row: PersonalDetails) -> PersonalData:
    return PersonalData(scene=row.scene, anchor=row.anchor, updated_at=row.updated_at)


def _movement_data(row: FearedMovement) -> MovementData:
    return MovementData(text=row.text, easier=row.easier)


def _session_data(row: PracticeSession) -> SessionData:
    # Host and process id are left out: they only matter on the computer running the session.
    return SessionData(
        practice_id=row.practice_id,
        practice_title=row.practice_title,
        minutes=row.minutes,
        started_at=row.started_at,
        updated_at=row.updated_at,
        ended_at=row.ended_at,
        seconds=row.seconds,
        status=row.status,  # type: ignore[arg-type]  # a Literal; the model checks it
        flare=row.flare,
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        vivid_visual=row.vivid_visual,
        vivid_body=row.vivid_body,
        note=row.note,
        steps=[
            StepData(
                position=step.position,
                step_id=step.step_id,
                planned_seconds=step.planned_seconds,
                seconds=step.seconds,
                skipped=step.skipped,
                done=step.done,
            )
            for step in row.steps
        ],
    )


def _checkin_data(row: CheckInRecord) -> CheckInData:
    return CheckInData(
        date=row.date,
        pain=row.pain,
        enjoyment=row.enjoyment,
        activity=row.activity,
        worst=row.worst,
        stress=row.stress,
        sleep=row.sleep,
        habits=list(row.habits),
        flare=row.flare,
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _screen_data(row: SafetyScreen) -> ScreenData:
    return ScreenData(
        taken_at=row.taken_at,
        reason=row.reason,
        positive=list(row.positive),
        urgency=row.urgency,  # type: ignore[arg-type]  # a Literal; the model checks it
        seen_clinician_at=row.seen_clinician_at,
    )


def _script_data(row: PersonalScript) -> ScriptData:
    return ScriptData(
        name=row.name,
        version=row.version,
        text=row.text,
        score=row.score,
        created_at=row.created_at,
    )


# --- writing records ------------------------------------------------------------------

Outcome = tuple[dict[str, int], int]  # (added per kind, conflicts)


def _import_preferences(profile: Profile, data: ProfileData) -> Outcome:
    """The breath pacer and streaks, taken only by a profile that has none of its own yet."""
    theirs = (data.breath_in, data.breath_out, data.streaks)
    ours = (profile.breath_in, profile.breath_out, profile.streaks)
    if theirs == ours or theirs == (None, None, False):
        return {}, 0
    if ours != (None, None, False):
        return {}, 1
    profile.breath_in, profile.breath_out, profile.streaks = theirs
    return {"preferences": 1}, 0


def _import_personal(db: Session, profile: Profile, data: PersonalData | None) -> Outcome:
    """The scene and anchor fill in what the profile has left blank."""
    if data is None:
        return {}, 0
    details = profile_repo.details_of(db, profile=profile)
    if details is None:
        db.add(
            PersonalDetails(
                profile_id=profile.id,
                scene=data.scene,
                anchor=data.anchor,
                updated_at=data.updated_at,
            )
        )
        return {"personal": 1}, 0
    filled = conflicts = 0
    for field in ("scene", "anchor"):
        ours, theirs = getattr(details, field), getattr(data, field)
        if not theirs or ours == theirs:
            continue
        if ours:
            conflicts += 1
        else:
            setattr(details, field, theirs)
            filled = 1
    if filled:
        details.updated_at = utcnow()
    return {"personal": filled}, conflicts


def _import_movements(db: Session, profile: Profile, data: list[MovementData]) -> Outcome:
    stored = {row.text: row for row in profile_repo.movement_rows(db, profile=profile)}
    last = db.scalar(
        select(func.max(FearedMovement.position)).where(FearedMovement.profile_id == profile.id)
    )
    position = -1 if last is None else last
    added = conflicts = 0
    for item in data:
        existing = stored.get(item.text)
        if existing is not None:
            conflicts += int(existing.easier != item.easier)
            continue
        position += 1
        db.add(
            FearedMovement(
                profile_id=profile.id, position=position, text=item.text, easier=item.easier
            )
        )
        added += 1
    return {"feared_movements": added}, conflicts


def _import_sessions(db: Session, profile: Profile, data: list[SessionData]) -> Outcome:
    stored = {
        (row.started_at, row.practice_id): row
        for row in session_repo.sessions_with_steps(db, profile=profile)
    }
    rows: list[PracticeSession] = []
    conflicts = 0
    for item in data:
        existing = stored.get(item.key)
        if existing is not None:
            conflicts += int(_session_data(existing) != item)
            continue
        record = PracticeSession(
            profile_id=profile.id,
            practice_id=item.practice_id,
            practice_title=item.practice_title,
            minutes=item.minutes,
            started_at=item.started_at,
            updated_at=item.updated_at,
            ended_at=item.ended_at,
            seconds=item.seconds,
            status=item.status,
            flare=item.flare,
            pain_before=item.pain_before,
            pain_after=item.pain_after,
            vivid_visual=item.vivid_visual,
            vivid_body=item.vivid_body,
            note=item.note,
            # No host or process: an imported session still "in progress" is closed as
            # stopped by the next command, like one whose computer went away.
            host="",
            pid=None,
        )
        record.steps = [
            SessionStep(
                position=step.position,
                step_id=step.step_id,
                planned_seconds=step.planned_seconds,
                seconds=step.seconds,
                skipped=step.skipped,
                done=step.done,
            )
            for step in item.steps
        ]
        rows.append(record)
    db.add_all(rows)
    return {"sessions": len(rows)}, conflicts


def _import_checkins(db: Session, profile: Profile, data: list[CheckInData]) -> Outcome:
    stored = {row.date: row for row in checkin_repo.list_checkins(db, profile=profile)}
    rows: list[CheckInRecord] = []
    conflicts = 0
    for item in data:
        existing = stored.get(item.date)
        if existing is not None:
            # The day's check-in already here is kept; only a different one is worth telling.
            conflicts += int(_checkin_data(existing).answers() != item.answers())
            continue
        rows.append(
            CheckInRecord(
                profile_id=profile.id,
                date=item.date,
                pain=item.pain,
                enjoyment=item.enjoyment,
                activity=item.activity,
                worst=item.worst,
                stress=item.stress,
                sleep=item.sleep,
                habits=list(item.habits),
                flare=item.flare,
                note=item.note,
                created_at=item.created_at,
                updated_at=item.updated_at,
            )
        )
    db.add_all(rows)
    return {"checkins": len(rows)}, conflicts


def _import_screens(db: Session, profile: Profile, data: list[ScreenData]) -> Outcome:
    stored = {row.taken_at: row for row in screen_repo.all_screens(db, profile=profile)}
    rows: list[SafetyScreen] = []
    conflicts = 0
    for item in data:
        existing = stored.get(item.taken_at)
        if existing is not None:
            conflicts += int(_screen_data(existing) != item)
            continue
        rows.append(
            SafetyScreen(
                profile_id=profile.id,
                taken_at=item.taken_at,
                reason=item.reason,
                positive=list(item.positive),
                urgency=item.urgency,
                seen_clinician_at=item.seen_clinician_at,
            )
        )
    db.add_all(rows)
    return {"safety_screens": len(rows)}, conflicts


def _import_scripts(db: Session, profile: Profile, data: list[ScriptData]) -> Outcome:
    stored = {(row.name, row.version): row for row in script_repo.all_versions(db, profile=profile)}
    rows: list[PersonalScript] = []
    conflicts = 0
    for item in data:
        existing = stored.get((item.name, item.version))
        if existing is not None:
            conflicts += int(_script_data(existing) != item)
            continue
        rows.append(
            PersonalScript(
                profile_id=profile.id,
                name=item.name,
                version=item.version,
                text=item.text,
                score=item.score,
                created_at=item.created_at,
            )
        )
    db.add_all(rows)
    return {"scripts": len(rows)}, conflicts


# --- ladders ---------------------------------------------------------------------------


def _ladder_data(row: Ladder) -> LadderData:
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
                attempts=[_attempt_data(attempt) for attempt in step.attempts],
            )
            for step in row.steps
        ],
    )


def _attempt_data(row: LadderAttempt) -> LadderAttemptData:
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


def _import_ladders(db: Session, profile: Profile, data: list[LadderData]) -> Outcome:
    """A ladder is added whole when none is stored for its movement; a different ladder for a
    movement already here is kept as stored and counted as a conflict."""
    from unbrace.usecases.ladder import keep_movement_feared

    stored = {row.movement: row for row in ladders.list_ladders(db, profile=profile)}
    added = conflicts = 0
    for item in data:
        existing = stored.get(item.movement)
        if existing is not None:
            conflicts += int(_ladder_data(existing) != item)
            continue
        ladders.add_ladder(
            db,
            profile=profile,
            movement=item.movement,
            template=item.template,
            steps=[
                ladders.NewStep(
                    step.text,
                    step.kind,
                    step.created_at,
                    ratings=[(rating.rated_at, rating.threat) for rating in step.ratings],
                    attempts=[dict(attempt) for attempt in step.attempts],
                )
                for step in item.steps
            ],
            created_at=item.created_at,
            current=next(index for index, step in enumerate(item.steps) if step.current),
            current_since=item.current_since,
            days=",".join(str(day) for day in sorted(item.days)),
            paused_at=item.paused_at,
        )
        keep_movement_feared(db, profile=profile, movement=item.movement)
        added += 1
    return {"ladders": added}, conflicts
