"""Profiles and what they hold: names, breath pace, personal details (the words a practice
uses), feared movements, counts of what is stored, removal.

Each function takes the SQLAlchemy session first and keyword-only arguments; none commits: the
caller's ``Store.transaction()`` decides what one unit of work is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from unbrace.core import limits
from unbrace.core.errors import UnbraceError
from unbrace.core.personal import Personal, check_anchor, check_personal_text
from unbrace.store import ladder_repo, plain
from unbrace.store.models import (
    CheckInRecord,
    FearedMovement,
    Ladder,
    PersonalDetails,
    PersonalScript,
    PracticeSession,
    Profile,
    RoutineRecord,
    SafetyScreen,
    SessionStep,
    utcnow,
)
from unbrace.store.plain import Reader

# --- profiles -------------------------------------------------------------------------


def check_profile_name(name: str) -> str:
    name = limits.PROFILE_NAME.check(name).strip()
    if not name:
        raise UnbraceError("A profile name is 1 to 80 printable characters.")
    return name


def create_profile(db: Session, *, name: str) -> Profile:
    name = check_profile_name(name)
    if find_profile(db, name=name) is not None:
        raise UnbraceError(f"A profile called {name!r} already exists.")
    profile = Profile(name=name, created_at=utcnow())
    db.add(profile)
    db.flush()
    return profile


def find_profile(db: Session, *, name: str) -> Profile | None:
    return db.scalar(select(Profile).where(Profile.name == name))


def first_profile(db: Session) -> Profile | None:
    """The profile set up first, or None."""
    return db.scalar(select(Profile).order_by(Profile.created_at, Profile.id).limit(1))


def list_profiles(db: Session) -> Sequence[Profile]:
    return db.scalars(select(Profile).order_by(Profile.created_at, Profile.id)).all()


def resolve_profile(db: Session, *, name: str | None) -> Profile:
    """The named profile, or the first one created; a clear error when there is none (the
    query and the sentences are store/plain.py's)."""
    found = db.get(Profile, plain.resolve_profile(Reader.of(db), name=name).id)
    assert found is not None
    return found


def profile_counts(db: Session, *, profile: Profile) -> dict[str, int]:
    """How many records of each kind belong to ``profile`` (shown before removing it)."""
    counts = {}
    for label, model in (
        ("sessions", PracticeSession),
        ("check-ins", CheckInRecord),
        ("safety screens", SafetyScreen),
        ("feared movements", FearedMovement),
        ("scripts", PersonalScript),
        ("ladders", Ladder),
    ):
        counts[label] = (
            db.scalar(select(func.count()).select_from(model).where(model.profile_id == profile.id))
            or 0
        )
    return counts


def remove_profile(db: Session, *, profile: Profile) -> None:
    # Delete children explicitly as well as by cascade: SQLite only cascades with
    # foreign keys on, and this keeps removal complete on any connection.
    session_ids = select(PracticeSession.id).where(PracticeSession.profile_id == profile.id)
    db.execute(delete(SessionStep).where(SessionStep.session_id.in_(session_ids)))
    ladder_repo.remove_for_profile(db, profile=profile)
    for model in (
        PracticeSession,
        CheckInRecord,
        SafetyScreen,
        FearedMovement,
        PersonalDetails,
        PersonalScript,
        RoutineRecord,
    ):
        db.execute(delete(model).where(model.profile_id == profile.id))
    db.delete(profile)
    db.flush()


def set_breath(db: Session, *, profile: Profile, inhale: float, exhale: float) -> None:
    profile.breath_in, profile.breath_out = inhale, exhale
    db.flush()


# --- personal details -----------------------------------------------------------------


def set_personal(
    db: Session,
    *,
    profile: Profile,
    movements: Iterable[str] | None = None,
    scene: str | None = None,
    anchor: str | None = None,
) -> None:
    details = profile.details
    if details is None:
        details = PersonalDetails(profile_id=profile.id, scene="", anchor="")
        db.add(details)
        profile.details = details
    if scene is not None:
        details.scene = check_personal_text("scene", scene)
    if anchor is not None:
        details.anchor = check_anchor(anchor)
    details.updated_at = utcnow()
    if movements is not None:
        cleaned = [check_personal_text("movement", text) for text in movements if text.strip()]
        db.execute(delete(FearedMovement).where(FearedMovement.profile_id == profile.id))
        db.flush()
        db.expire(profile, ["movements"])
        for position, text in enumerate(cleaned):
            db.add(FearedMovement(profile_id=profile.id, position=position, text=text, easier=""))
    db.flush()


def add_feared_movement(db: Session, *, profile: Profile, text: str, easier: str = "") -> bool:
    """``text`` added as the last feared movement unless it is one already; the others stay as
    they are, easier steps too. True when it was added."""
    stored = db.scalars(select(FearedMovement).where(FearedMovement.profile_id == profile.id)).all()
    if any(row.text == text for row in stored):
        return False
    position = max((row.position for row in stored), default=-1) + 1
    db.add(FearedMovement(profile_id=profile.id, position=position, text=text, easier=easier))
    db.flush()
    db.expire(profile, ["movements"])
    return True


def set_feared_movement(
    db: Session, *, profile: Profile, text: str | None, easier: str | None
) -> None:
    """Change the first feared movement and/or its easier step, keeping the others."""
    first = db.scalar(
        select(FearedMovement)
        .where(FearedMovement.profile_id == profile.id)
        .order_by(FearedMovement.position)
        .limit(1)
    )
    if first is None:
        if text is None:
            raise UnbraceError("Set the movement first, then its easier step.")
        first = FearedMovement(profile_id=profile.id, position=0, text="", easier="")
        db.add(first)
    if text is not None:
        first.text = check_personal_text("movement", text)
    if easier is not None:
        first.easier = check_personal_text("easier step", easier)
    db.flush()


def personal_for(db: Session, *, profile: Profile) -> Personal:
    """What fills the practices' placeholders for ``profile`` (store/plain.py reads it).

    Imagery first: with a ladder for the movement, the rehearsal uses the current step's own
    words (core/ladder.py), so the session practises the step the person is on."""
    return plain.personal_row(Reader.of(db), profile_id=profile.id).personal(profile.name)


def feared_movements(db: Session, *, profile: Profile) -> list[str]:
    """Most important first (the query is store/plain.py's)."""
    return plain.feared_movements(Reader.of(db), profile_id=profile.id)


def has_records(db: Session, *, profile: Profile) -> bool:
    """Any sessions or check-ins stored for ``profile``."""
    counts = profile_counts(db, profile=profile)
    return bool(counts["sessions"] or counts["check-ins"])


def movement_rows(db: Session, *, profile: Profile) -> list[FearedMovement]:
    """The profile's feared movements as stored, in their order (export and import)."""
    query = select(FearedMovement).where(FearedMovement.profile_id == profile.id)
    return list(db.scalars(query.order_by(FearedMovement.position)))


def details_of(db: Session, *, profile: Profile) -> PersonalDetails | None:
    """The profile's personal details row, or None before any were given."""
    return db.get(PersonalDetails, profile.id)
