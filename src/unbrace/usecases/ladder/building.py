"""Building a ladder and keeping it: a new ladder, its steps added, edited, moved or removed,
threat ratings, the days for it, moving to a step, pausing and resuming, removal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from unbrace.core import ladder as rules
from unbrace.core.errors import UnbraceError
from unbrace.store import ladder_repo as store
from unbrace.usecases.ladder.views import LadderView, _reload

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Ladder, LadderStep, Profile


# --- building --------------------------------------------------------------------------------


def proposal(movement: str, template_id: str | None = None) -> list[rules.StepDraft]:
    """The steps unbrace would suggest for ``movement`` (nothing is stored)."""
    movement = _movement(movement)
    template = rules.get_template(template_id) if template_id else None
    return rules.propose_steps(movement, template)


def _movement(text: str) -> str:
    from unbrace.core.personal import check_personal_text

    movement = check_personal_text("movement", text)
    if not movement:
        raise UnbraceError("Name the movement in a few words, like: bending to load the dishwasher")
    return movement


def keep_movement_feared(db: Session, *, profile: Profile, movement: str) -> None:
    """A movement with a ladder is one of the person's feared movements (added last, the
    others kept with their easier steps): for a new ladder and an imported one alike."""
    from unbrace.store import profile_repo

    profile_repo.add_feared_movement(db, profile=profile, text=movement)


def new_ladder(
    db: Session,
    *,
    profile: Profile,
    movement: str,
    now: dt.datetime,
    steps: Sequence[tuple[str, str]] | None = None,
    template_id: str | None = None,
) -> LadderView:
    """A ladder for ``movement`` with the person's steps, or the template's when none given.

    A movement not yet among the person's feared movements is added to them.
    """
    movement = _movement(movement)
    template = rules.get_template(template_id) if template_id else rules.template_for(movement)
    if store.find_ladder(db, profile=profile, movement=movement) is not None:
        raise UnbraceError(f"There is already a ladder for {movement!r}.")
    drafts = (
        [(rules.check_step_text(text), rules.parse_kind(kind).value) for text, kind in steps]
        if steps
        else [(step.text, step.kind.value) for step in rules.propose_steps(movement, template)]
    )
    rules.check_step_count(len(drafts))
    keep_movement_feared(db, profile=profile, movement=movement)
    ladder = store.create_ladder(
        db, profile=profile, movement=movement, template=template.id, steps=drafts, now=now
    )
    return _reload(db, ladder, profile, now)


def _ladder(db: Session, profile: Profile, ladder_id: int) -> Ladder:
    return store.get_ladder(db, profile=profile, ladder_id=ladder_id)


def _step(ladder: Ladder, number: int) -> LadderStep:
    if not 1 <= number <= len(ladder.steps):
        raise UnbraceError(
            f"This ladder has steps 1 to {len(ladder.steps)}; there is no step {number}."
        )
    return ladder.steps[number - 1]


def add_step(
    db: Session,
    *,
    profile: Profile,
    ladder_id: int,
    text: str,
    kind: str,
    now: dt.datetime,
    at: int | None = None,
) -> LadderView:
    ladder = _ladder(db, profile, ladder_id)
    rules.check_step_count(len(ladder.steps) + 1)
    step = store.add_step(
        db,
        ladder=ladder,
        text=rules.check_step_text(text),
        kind=rules.parse_kind(kind).value,
        now=now,
    )
    if at is not None:
        return move_step(
            db, profile=profile, ladder_id=ladder_id, number=step.position + 1, to=at, now=now
        )
    return _reload(db, ladder, profile, now)


def remove_step(
    db: Session, *, profile: Profile, ladder_id: int, number: int, now: dt.datetime
) -> LadderView:
    ladder = _ladder(db, profile, ladder_id)
    rules.check_step_count(len(ladder.steps) - 1)
    step = _step(ladder, number)
    was_current = step.id == ladder.current_step_id
    store.remove_step(db, ladder=ladder, step=step)
    if was_current:
        # The step in its place (or the new last one) becomes current.
        ladder.current_step_id = ladder.steps[min(number - 1, len(ladder.steps) - 1)].id
        ladder.current_since = now
        db.flush()
    return _reload(db, ladder, profile, now)


def move_step(
    db: Session, *, profile: Profile, ladder_id: int, number: int, to: int, now: dt.datetime
) -> LadderView:
    ladder = _ladder(db, profile, ladder_id)
    step = _step(ladder, number)
    _step(ladder, to)  # the target place must exist too
    order = [item for item in ladder.steps if item is not step]
    order.insert(to - 1, step)
    store.renumber(db, ladder=ladder, order=order)
    return _reload(db, ladder, profile, now)


def edit_step(
    db: Session,
    *,
    profile: Profile,
    ladder_id: int,
    number: int,
    now: dt.datetime,
    text: str | None = None,
    kind: str | None = None,
) -> LadderView:
    ladder = _ladder(db, profile, ladder_id)
    step = _step(ladder, number)
    if text is not None:
        step.text = rules.check_step_text(text)
    if kind is not None:
        step.kind = rules.parse_kind(kind).value
    db.flush()
    return _reload(db, ladder, profile, now)


def set_days(
    db: Session, *, profile: Profile, ladder_id: int, days: Sequence[int], now: dt.datetime
) -> LadderView:
    """The weekdays (Monday = 0) the routine adds this ladder's step to."""
    ladder = _ladder(db, profile, ladder_id)
    if any(not 0 <= day <= 6 for day in days):
        raise UnbraceError("Weekdays are numbered 0 (Monday) to 6 (Sunday).")
    ladder.days = ",".join(str(day) for day in sorted(set(days)))
    db.flush()
    return _reload(db, ladder, profile, now)


def rate(
    db: Session,
    *,
    profile: Profile,
    ladder_id: int,
    threats: Mapping[int, int],
    now: dt.datetime,
) -> LadderView:
    """Store threat ratings by step number, then order the ladder least threatening first."""
    ladder = _ladder(db, profile, ladder_id)
    if not threats:
        raise UnbraceError("Rate at least one step, 0 to 100.")
    checked = {number: rules.THREAT.check(value) for number, value in threats.items()}
    for number, value in checked.items():
        store.add_rating(db, step=_step(ladder, number), threat=value, now=now)
    ranked = rules.order_by_threat(
        rules.Rated(
            id=step.id,
            position=step.position,
            threats=tuple(rating.threat for rating in step.ratings),
        )
        for step in ladder.steps
    )
    by_id = {step.id: step for step in ladder.steps}
    store.renumber(db, ladder=ladder, order=[by_id[item.id] for item in ranked])
    return _reload(db, ladder, profile, now)


def go_to_step(
    db: Session, *, profile: Profile, ladder_id: int, number: int, now: dt.datetime
) -> LadderView:
    """The person moves to a step (up when ready, or back to an easier one): their choice."""
    ladder = _ladder(db, profile, ladder_id)
    step = _step(ladder, number)
    if ladder.paused_at is not None:
        raise UnbraceError(rules.NEW_SYMPTOM_ADVICE)
    if step.id != ladder.current_step_id:
        ladder.current_step_id = step.id
        ladder.current_since = now
        db.flush()
    return _reload(db, ladder, profile, now)


def resume(db: Session, *, profile: Profile, ladder_id: int, now: dt.datetime) -> LadderView:
    """After a clinician has seen the person about a new symptom, the ladder goes on."""
    ladder = _ladder(db, profile, ladder_id)
    ladder.paused_at = None
    db.flush()
    return _reload(db, ladder, profile, now)


def remove_ladder(db: Session, *, profile: Profile, ladder_id: int) -> None:
    db.delete(_ladder(db, profile, ladder_id))
    db.flush()
