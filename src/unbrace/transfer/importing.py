"""Bringing one profile's records back in from an export document, without duplicates.

The whole document is checked before the first write; a record is the same when its natural
key matches (a check-in's day, a session's start and practice, a screen's time, a script's
name and version, a feared movement's words, a ladder's movement). A stored record that differs
from the file's under its key is kept and counted as a conflict, so an import never overwrites.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from unbrace.store import checkin_repo, profile_repo, screen_repo, script_repo, session_repo
from unbrace.store import ladder_repo as ladders
from unbrace.store.models import (
    PersonalDetails,
    PersonalScript,
    Profile,
    SafetyScreen,
    utcnow,
)
from unbrace.transfer.document import (
    CheckInData,
    ExportDocument,
    LadderData,
    MovementData,
    PersonalData,
    ProfileData,
    ScreenData,
    ScriptData,
    SessionData,
    parse_document,
)
from unbrace.transfer.rows import (
    checkin_data,
    ladder_data,
    screen_data,
    script_data,
    session_data,
)

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


# --- writing records ------------------------------------------------------------------

Outcome = tuple[dict[str, int], int]  # (added per kind, conflicts)

Item = TypeVar("Item")
Row = TypeVar("Row")


def _new_only(
    data: Iterable[Item],
    stored: Mapping[Any, Row],
    *,
    key: Callable[[Item], Any],
    differs: Callable[[Row, Item], bool],
) -> tuple[list[Item], int]:
    """The file's records whose key is not stored yet, and how many stored under a key of the
    file's differ from its record there (conflicts: the stored one is kept)."""
    new: list[Item] = []
    conflicts = 0
    for item in data:
        existing = stored.get(key(item))
        if existing is None:
            new.append(item)
        else:
            conflicts += int(differs(existing, item))
    return new, conflicts


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
    new, conflicts = _new_only(
        data,
        stored,
        key=lambda item: item.text,
        differs=lambda row, item: row.easier != item.easier,
    )
    for item in new:  # each after the ones already here, in the file's order
        profile_repo.add_feared_movement(db, profile=profile, text=item.text, easier=item.easier)
    return {"feared_movements": len(new)}, conflicts


def _import_sessions(db: Session, profile: Profile, data: list[SessionData]) -> Outcome:
    stored = {
        (row.started_at, row.practice_id): row
        for row in session_repo.sessions_with_steps(db, profile=profile)
    }
    new, conflicts = _new_only(
        data, stored, key=lambda item: item.key, differs=lambda row, item: session_data(row) != item
    )
    # No host or process: an imported session still "in progress" is closed as stopped by
    # the next command, like one whose computer went away.
    added = session_repo.add_sessions(db, profile=profile, sessions=new, host="")
    return {"sessions": added}, conflicts


def _import_checkins(db: Session, profile: Profile, data: list[CheckInData]) -> Outcome:
    stored = {row.date: row for row in checkin_repo.list_checkins(db, profile=profile)}
    new, conflicts = _new_only(
        data,
        stored,
        key=lambda item: item.date,
        # The day's check-in already here is kept; only a different one is worth telling.
        differs=lambda row, item: checkin_data(row).answers() != item.answers(),
    )
    db.add_all(
        checkin_repo.new_row(profile, item, created_at=item.created_at, updated_at=item.updated_at)
        for item in new
    )
    return {"checkins": len(new)}, conflicts


def _import_screens(db: Session, profile: Profile, data: list[ScreenData]) -> Outcome:
    stored = {row.taken_at: row for row in screen_repo.all_screens(db, profile=profile)}
    new, conflicts = _new_only(
        data,
        stored,
        key=lambda item: item.taken_at,
        differs=lambda row, item: screen_data(row) != item,
    )
    db.add_all(SafetyScreen(profile_id=profile.id, **dict(item)) for item in new)
    return {"safety_screens": len(new)}, conflicts


def _import_scripts(db: Session, profile: Profile, data: list[ScriptData]) -> Outcome:
    stored = {(row.name, row.version): row for row in script_repo.all_versions(db, profile=profile)}
    new, conflicts = _new_only(
        data,
        stored,
        key=lambda item: (item.name, item.version),
        differs=lambda row, item: script_data(row) != item,
    )
    db.add_all(PersonalScript(profile_id=profile.id, **dict(item)) for item in new)
    return {"scripts": len(new)}, conflicts


# --- ladders ---------------------------------------------------------------------------


def _import_ladders(db: Session, profile: Profile, data: list[LadderData]) -> Outcome:
    """A ladder is added whole when none is stored for its movement; a different ladder for a
    movement already here is kept as stored and counted as a conflict."""
    from unbrace.usecases.ladder import keep_movement_feared

    stored = {row.movement: row for row in ladders.list_ladders(db, profile=profile)}
    new, conflicts = _new_only(
        data,
        stored,
        key=lambda item: item.movement,
        differs=lambda row, item: ladder_data(row) != item,
    )
    for item in new:
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
    return {"ladders": len(new)}, conflicts
