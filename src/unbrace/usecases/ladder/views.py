"""The ladder as people see it: typed views of a ladder, its steps and tries, read from the
store (`list_ladders`, `get_ladder`, `ladder_by_number`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from unbrace.core import ladder as rules
from unbrace.core.errors import UnbraceError
from unbrace.core.ladder import MoveUp, Outcome, StepKind
from unbrace.store import ladder_repo as store
from unbrace.store.models import LadderAttempt

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Ladder, LadderStep, Profile

# The practice an imagery-only step is practised as (it rehearses the current step's words).
REHEARSAL = "movement-rehearsal"


# --- typed results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StepView:
    id: int
    number: int
    text: str
    kind: StepKind
    threat: int | None
    first_threat: int | None
    threats: tuple[tuple[dt.datetime, int], ...]
    is_current: bool
    tries: int
    last_try: dt.datetime | None

    @property
    def kind_label(self) -> str:
        return rules.KIND_LABELS[self.kind]

    @property
    def change(self) -> rules.ThreatChange | None:
        return rules.threat_change([threat for _, threat in self.threats])

    def as_json(self) -> dict[str, Any]:
        change = self.change
        return {
            "id": self.id,
            "number": self.number,
            "text": self.text,
            "kind": self.kind.value,
            "threat": self.threat,
            "first_threat": self.first_threat,
            "threat_drop": change.drop if change else None,
            "meaningful_change": change.meaningful if change else False,
            "ratings": [
                {"rated_at": when.isoformat(), "threat": threat} for when, threat in self.threats
            ],
            "current": self.is_current,
            "tries": self.tries,
        }


@dataclass(frozen=True)
class AttemptView:
    id: int
    ladder_id: int
    movement: str
    step_id: int
    step_number: int
    step_text: str
    started_at: dt.datetime
    flare: bool
    expected_pain: int
    expected_harm: int
    fear: int
    feared_outcome: str
    done_at: dt.datetime | None
    actual_pain: int | None
    outcome: Outcome | None
    surprise: str
    new_symptom: bool
    followed_up_at: dt.datetime | None
    next_day_pain: int | None
    follow_up_open: bool

    @property
    def finished(self) -> bool:
        return self.done_at is not None

    @property
    def gap(self) -> str | None:
        if self.actual_pain is None:
            return None
        return rules.gap_sentence(self.expected_pain, self.actual_pain, self.outcome)

    @property
    def error(self) -> int | None:
        if self.actual_pain is None:
            return None
        return rules.prediction_error(self.expected_pain, self.actual_pain)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ladder_id": self.ladder_id,
            "movement": self.movement,
            "step_id": self.step_id,
            "step_number": self.step_number,
            "step": self.step_text,
            "started_at": self.started_at.isoformat(),
            "flare": self.flare,
            "expected_pain": self.expected_pain,
            "expected_harm": self.expected_harm,
            "fear": self.fear,
            "feared_outcome": self.feared_outcome,
            "done_at": self.done_at.isoformat() if self.done_at else None,
            "actual_pain": self.actual_pain,
            "outcome": self.outcome.value if self.outcome else None,
            "surprise": self.surprise,
            "new_symptom": self.new_symptom,
            "followed_up_at": self.followed_up_at.isoformat() if self.followed_up_at else None,
            "next_day_pain": self.next_day_pain,
            "prediction_error": self.error,
            "gap": self.gap,
            "follow_up_open": self.follow_up_open,
        }


@dataclass(frozen=True)
class LadderView:
    id: int
    number: int
    movement: str
    template: str
    steps: tuple[StepView, ...]
    days: tuple[int, ...]
    paused: bool
    rating_due: bool
    last_rated: dt.datetime | None
    move_up: MoveUp | None
    step_due: bool
    attempts: tuple[AttemptView, ...]

    @property
    def current(self) -> StepView | None:
        return next((step for step in self.steps if step.is_current), None)

    @property
    def next_step(self) -> StepView | None:
        current = self.current
        if current is None or current.number >= len(self.steps):
            return None
        return self.steps[current.number]

    @property
    def open_tries(self) -> tuple[AttemptView, ...]:
        return tuple(attempt for attempt in self.attempts if not attempt.finished)

    @property
    def follow_ups(self) -> tuple[AttemptView, ...]:
        return tuple(attempt for attempt in self.attempts if attempt.follow_up_open)

    @property
    def few_steps(self) -> bool:
        return len(self.steps) < rules.SUGGESTED_STEPS[0]

    def step(self, number: int) -> StepView:
        if not 1 <= number <= len(self.steps):
            raise UnbraceError(
                f"This ladder has steps 1 to {len(self.steps)}; there is no step {number}."
            )
        return self.steps[number - 1]

    def as_json(self) -> dict[str, Any]:
        current = self.current
        return {
            "id": self.id,
            "number": self.number,
            "movement": self.movement,
            "template": self.template,
            "current_step": current.number if current else None,
            "paused": self.paused,
            "days": list(self.days),
            "rating_due": self.rating_due,
            "step_due": self.step_due,
            "move_up": (
                {"reason": self.move_up.reason.value, "sentence": self.move_up.sentence}
                if self.move_up
                else None
            ),
            "steps": [step.as_json() for step in self.steps],
            "attempts": [attempt.as_json() for attempt in self.attempts],
        }


# --- reading ---------------------------------------------------------------------------------


def _attempt_view(attempt: LadderAttempt, step: LadderStep, now: dt.datetime) -> AttemptView:
    return AttemptView(
        id=attempt.id,
        ladder_id=step.ladder_id,
        movement=step.ladder.movement,
        step_id=step.id,
        step_number=step.position + 1,
        step_text=step.text,
        started_at=attempt.started_at,
        flare=attempt.flare,
        expected_pain=attempt.expected_pain,
        expected_harm=attempt.expected_harm,
        fear=attempt.fear,
        feared_outcome=attempt.feared_outcome,
        done_at=attempt.done_at,
        actual_pain=attempt.actual_pain,
        outcome=Outcome(attempt.outcome) if attempt.outcome else None,
        surprise=attempt.surprise,
        new_symptom=attempt.new_symptom,
        followed_up_at=attempt.followed_up_at,
        next_day_pain=attempt.next_day_pain,
        follow_up_open=rules.follow_up_open(
            attempt.done_at, now, answered=attempt.next_day_pain is not None
        ),
    )


def _view(
    db: Session, ladder: Ladder, *, number: int, profile: Profile, now: dt.datetime
) -> LadderView:
    today = now.astimezone().date()
    steps = []
    for step in ladder.steps:
        threats = tuple((rating.rated_at, rating.threat) for rating in step.ratings)
        steps.append(
            StepView(
                id=step.id,
                number=step.position + 1,
                text=step.text,
                kind=StepKind(step.kind),
                threat=threats[-1][1] if threats else None,
                first_threat=threats[0][1] if threats else None,
                threats=threats,
                is_current=step.id == ladder.current_step_id,
                tries=len(step.attempts),
                last_try=step.attempts[-1].started_at if step.attempts else None,
            )
        )
    attempts = tuple(
        sorted(
            (
                _attempt_view(attempt, step, now)
                for step in ladder.steps
                for attempt in step.attempts
            ),
            key=lambda view: (view.started_at, view.id),
        )
    )
    rated = [rating.rated_at for step in ladder.steps for rating in step.ratings]
    last_rated = max(rated) if rated else None
    current = next((step for step in ladder.steps if step.id == ladder.current_step_id), None)
    suggestion = None
    due = False
    if current is not None:
        outcomes = [
            Outcome(attempt.outcome)
            for attempt in current.attempts
            if attempt.outcome and attempt.started_at >= ladder.current_since
        ]
        rehearsals = (
            store.rehearsals_since(db, profile=profile, since=ladder.current_since)
            if current.kind == StepKind.IMAGERY
            else 0
        )
        suggestion = rules.move_up(
            kind=StepKind(current.kind),
            threats=[rating.threat for rating in current.ratings],
            outcomes=outcomes,
            rehearsals=rehearsals,
            has_next=current.position + 1 < len(ladder.steps),
        )
        last = current.attempts[-1].started_at.astimezone().date() if current.attempts else None
        due = ladder.paused_at is None and rules.step_due(
            last, ladder.current_since.astimezone().date(), today
        )
    return LadderView(
        id=ladder.id,
        number=number,
        movement=ladder.movement,
        template=ladder.template,
        steps=tuple(steps),
        days=tuple(int(day) for day in ladder.days.split(",") if day),
        paused=ladder.paused_at is not None,
        rating_due=rules.rating_due(last_rated.astimezone().date() if last_rated else None, today),
        last_rated=last_rated,
        move_up=None if ladder.paused_at else suggestion,
        step_due=due,
        attempts=attempts,
    )


def list_ladders(db: Session, *, profile: Profile, now: dt.datetime) -> list[LadderView]:
    return [
        _view(db, ladder, number=index, profile=profile, now=now)
        for index, ladder in enumerate(store.list_ladders(db, profile=profile), start=1)
    ]


def get_ladder(db: Session, *, profile: Profile, ladder_id: int, now: dt.datetime) -> LadderView:
    for view in list_ladders(db, profile=profile, now=now):
        if view.id == ladder_id:
            return view
    raise UnbraceError(f"There is no ladder {ladder_id}. See yours with: unbrace ladder show")


def ladder_by_number(
    db: Session, *, profile: Profile, number: int | None, now: dt.datetime
) -> LadderView:
    """The ladder the terminal means: its number in `ladder show` (default: the only one)."""
    views = list_ladders(db, profile=profile, now=now)
    if not views:
        raise UnbraceError("No ladder yet. Start one with: unbrace ladder new")
    if number is None:
        if len(views) > 1:
            raise UnbraceError("You have several ladders; say which with --ladder N.")
        return views[0]
    if not 1 <= number <= len(views):
        raise UnbraceError(f"There is no ladder {number}; you have {len(views)}.")
    return views[number - 1]


def _reload(db: Session, ladder: Ladder, profile: Profile, now: dt.datetime) -> LadderView:
    db.expire_all()
    return get_ladder(db, profile=profile, ladder_id=ladder.id, now=now)
