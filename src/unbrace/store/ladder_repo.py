"""Ladders in the store: steps, threat ratings and tries (rules live in core/ladder.py).

Repository functions take the session first and keyword-only arguments, and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.base import ExecutableOption

from unbrace.core.errors import UnbraceError
from unbrace.store.models import (
    Ladder,
    LadderAttempt,
    LadderStep,
    PracticeSession,
    Profile,
    ThreatRating,
)


def _loaded() -> list[ExecutableOption]:
    return [
        selectinload(Ladder.steps).selectinload(LadderStep.ratings),
        selectinload(Ladder.steps).selectinload(LadderStep.attempts),
    ]


def list_ladders(db: Session, *, profile: Profile) -> Sequence[Ladder]:
    return db.scalars(
        select(Ladder)
        .where(Ladder.profile_id == profile.id)
        .options(*_loaded())
        .order_by(Ladder.created_at, Ladder.id)
    ).all()


def get_ladder(db: Session, *, profile: Profile, ladder_id: int) -> Ladder:
    ladder = db.scalar(
        select(Ladder)
        .where(Ladder.profile_id == profile.id, Ladder.id == ladder_id)
        .options(*_loaded())
    )
    if ladder is None:
        raise UnbraceError(f"There is no ladder {ladder_id}. See yours with: unbrace ladder show")
    return ladder


def find_ladder(db: Session, *, profile: Profile, movement: str) -> Ladder | None:
    return db.scalar(
        select(Ladder).where(Ladder.profile_id == profile.id, Ladder.movement == movement)
    )


@dataclass(frozen=True)
class NewStep:
    """A step as it is stored, with what it already has when it comes from an import."""

    text: str
    kind: str
    created_at: dt.datetime
    ratings: Sequence[tuple[dt.datetime, int]] = ()  # (rated_at, threat)
    attempts: Sequence[Mapping[str, Any]] = ()  # LadderAttempt's columns


def add_ladder(
    db: Session,
    *,
    profile: Profile,
    movement: str,
    template: str,
    steps: Sequence[NewStep],
    created_at: dt.datetime,
    current: int = 0,
    current_since: dt.datetime | None = None,
    days: str = "",
    paused_at: dt.datetime | None = None,
) -> Ladder:
    """Store a ladder whole, its step ``current`` (from 0) the one being practised."""
    ladder = Ladder(
        profile_id=profile.id,
        movement=movement,
        template=template,
        days=days,
        paused_at=paused_at,
        created_at=created_at,
        current_since=current_since or created_at,
    )
    ladder.steps = [
        LadderStep(
            position=position,
            text=step.text,
            kind=step.kind,
            created_at=step.created_at,
            ratings=[ThreatRating(rated_at=at, threat=threat) for at, threat in step.ratings],
            attempts=[LadderAttempt(**dict(attempt)) for attempt in step.attempts],
        )
        for position, step in enumerate(steps)
    ]
    db.add(ladder)
    db.flush()
    ladder.current_step_id = ladder.steps[current].id
    db.flush()
    return ladder


def create_ladder(
    db: Session,
    *,
    profile: Profile,
    movement: str,
    template: str,
    steps: Sequence[tuple[str, str]],
    now: dt.datetime,
) -> Ladder:
    """A new ladder of ``(text, kind)`` steps, its first step current."""
    return add_ladder(
        db,
        profile=profile,
        movement=movement,
        template=template,
        steps=[NewStep(text, kind, now) for text, kind in steps],
        created_at=now,
    )


def get_step(db: Session, *, profile: Profile, step_id: int) -> LadderStep:
    step = db.scalar(
        select(LadderStep)
        .join(Ladder)
        .where(LadderStep.id == step_id, Ladder.profile_id == profile.id)
    )
    if step is None:
        raise UnbraceError(f"There is no step {step_id}.")
    return step


def renumber(db: Session, *, ladder: Ladder, order: Sequence[LadderStep]) -> None:
    """Store ``order`` as the steps' positions 0..n-1."""
    for index, step in enumerate(order):
        step.position = index
    ladder.steps.sort(key=lambda step: step.position)
    db.flush()


def add_step(db: Session, *, ladder: Ladder, text: str, kind: str, now: dt.datetime) -> LadderStep:
    step = LadderStep(
        ladder_id=ladder.id, position=len(ladder.steps), text=text, kind=kind, created_at=now
    )
    ladder.steps.append(step)
    db.flush()
    return step


def remove_step(db: Session, *, ladder: Ladder, step: LadderStep) -> None:
    ladder.steps.remove(step)
    db.delete(step)
    db.flush()
    renumber(db, ladder=ladder, order=list(ladder.steps))


def add_rating(db: Session, *, step: LadderStep, threat: int, now: dt.datetime) -> ThreatRating:
    rating = ThreatRating(step_id=step.id, threat=threat, rated_at=now)
    step.ratings.append(rating)
    db.flush()
    return rating


def add_attempt(db: Session, *, step: LadderStep, attempt: LadderAttempt) -> LadderAttempt:
    attempt.step_id = step.id
    step.attempts.append(attempt)
    db.flush()
    return attempt


def get_attempt(db: Session, *, profile: Profile, attempt_id: int) -> LadderAttempt:
    attempt = db.scalar(
        select(LadderAttempt)
        .join(LadderStep)
        .join(Ladder)
        .where(LadderAttempt.id == attempt_id, Ladder.profile_id == profile.id)
    )
    if attempt is None:
        raise UnbraceError(f"There is no try {attempt_id}. See yours with: unbrace ladder show")
    return attempt


def attempts(db: Session, *, profile: Profile) -> Sequence[LadderAttempt]:
    """Every try of every ladder, oldest first."""
    return db.scalars(
        select(LadderAttempt)
        .join(LadderStep)
        .join(Ladder)
        .where(Ladder.profile_id == profile.id)
        .order_by(LadderAttempt.started_at, LadderAttempt.id)
    ).all()


def rehearsals_since(db: Session, *, profile: Profile, since: dt.datetime) -> int:
    """Completed movement-rehearsal sessions since ``since`` (imagery steps are practised so)."""
    return (
        db.scalar(
            select(func.count())
            .select_from(PracticeSession)
            .where(
                PracticeSession.profile_id == profile.id,
                PracticeSession.practice_id == "movement-rehearsal",
                PracticeSession.status == "completed",
                PracticeSession.started_at >= since,
            )
        )
        or 0
    )


def remove_for_profile(db: Session, *, profile: Profile) -> None:
    ladder_ids = select(Ladder.id).where(Ladder.profile_id == profile.id)
    step_ids = select(LadderStep.id).where(LadderStep.ladder_id.in_(ladder_ids))
    db.execute(delete(LadderAttempt).where(LadderAttempt.step_id.in_(step_ids)))
    db.execute(delete(ThreatRating).where(ThreatRating.step_id.in_(step_ids)))
    db.execute(delete(LadderStep).where(LadderStep.ladder_id.in_(ladder_ids)))
    db.execute(delete(Ladder).where(Ladder.profile_id == profile.id))


def count(db: Session, *, profile: Profile) -> int:
    return (
        db.scalar(select(func.count()).select_from(Ladder).where(Ladder.profile_id == profile.id))
        or 0
    )
