"""The "visualise, then do" ladder: one function per thing a person does, typed results.

The CLI (`unbrace ladder ...`) and the web app (the Ladder page and `/api/v1/ladders`) call
these and nothing else, so every rule of `core/ladder.py` and the safety gate is applied once.
Functions take the open database session first and never commit (the edge's transaction does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from unbrace.core import ladder as rules
from unbrace.core.errors import UnbraceError
from unbrace.core.ladder import MoveUp, Outcome, Prediction, Result, StepKind
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


class Blocked(StrEnum):
    """Why a real step cannot be tried now (the same gate as a session's)."""

    SEE_CLINICIAN = "see_clinician"  # an open warning sign
    SCREEN_DUE = "screen_due"  # the warning-sign questions are due first
    PAUSED = "paused"  # a new or unusual symptom paused this ladder
    IMAGERY = "imagery"  # an imagery-only step is practised as a session


@dataclass(frozen=True)
class TryRefused:
    reason: Blocked
    sentence: str
    flags: tuple[str, ...] = ()
    due: str | None = None


@dataclass(frozen=True)
class TryStarted:
    attempt: AttemptView
    flare_advice: str | None


@dataclass(frozen=True)
class TryFinished:
    attempt: AttemptView
    hard: bool
    stop: bool
    paused: bool
    rescreen: bool
    move_up: MoveUp | None
    advice: tuple[str, ...] = field(default=())


# --- the safety gate -------------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    open_flags: tuple[str, ...]
    due: str | None


# As for sessions: questions never answered, or due after a hard day, come first; the
# four-weekly repeat only reminds.
BLOCKING_DUE = frozenset({"never", "worrying_checkin"})  # = usecases.safety_gate.BLOCKING_DUE


def session_gate(db: Session, *, profile: Profile, now: dt.datetime, today: dt.date) -> Gate:
    """The warning-sign gate sessions use (`usecases/safety_gate.py`), read for a real step:
    any open sign stops it (no gentle version of a real movement), and questions never
    answered or due after a hard day come first."""
    from unbrace.usecases import safety_gate

    gate = safety_gate.check(db, profile=profile, now=now, today=today)
    return Gate(gate.open_flags, gate.due)


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


# --- trying a step ---------------------------------------------------------------------------


def check_try(
    db: Session, *, profile: Profile, ladder_id: int, number: int, now: dt.datetime, today: dt.date
) -> TryRefused | None:
    """Whether step ``number`` can be tried now; asked before the prediction questions."""
    from unbrace.core.safety import ADVICE, Urgency, most_urgent

    ladder = _ladder(db, profile, ladder_id)
    step = _step(ladder, number)
    if ladder.paused_at is not None:
        return TryRefused(Blocked.PAUSED, rules.NEW_SYMPTOM_ADVICE)
    if step.kind == StepKind.IMAGERY:
        return TryRefused(
            Blocked.IMAGERY,
            "This step is imagined: practise it as a guided movement rehearsal, which "
            "uses your own words for the step you are on.",
        )
    gate = session_gate(db, profile=profile, now=now, today=today)
    if gate.open_flags:
        urgency = most_urgent(gate.open_flags) or Urgency.URGENT
        return TryRefused(Blocked.SEE_CLINICIAN, ADVICE[urgency], flags=gate.open_flags)
    if gate.due in BLOCKING_DUE:
        return TryRefused(
            Blocked.SCREEN_DUE,
            "Before trying a real movement, please answer the safety questions.",
            due=gate.due,
        )
    return None


def start_try(
    db: Session,
    *,
    profile: Profile,
    ladder_id: int,
    number: int,
    prediction: Prediction,
    now: dt.datetime,
    today: dt.date,
) -> TryStarted | TryRefused:
    """The prediction before a try: worded as a test ("let's see what happens")."""
    from unbrace.usecases.sessions import flare_today

    refused = check_try(
        db, profile=profile, ladder_id=ladder_id, number=number, now=now, today=today
    )
    if refused is not None:
        return refused
    ladder = _ladder(db, profile, ladder_id)
    step = _step(ladder, number)
    flare = flare_today(db, profile=profile, today=today)
    attempt = store.add_attempt(
        db,
        step=step,
        attempt=LadderAttempt(
            started_at=now,
            flare=flare,
            expected_pain=prediction.expected_pain,
            expected_harm=prediction.expected_harm,
            fear=prediction.fear,
            feared_outcome=prediction.feared_outcome,
            surprise="",
            new_symptom=False,
        ),
    )
    return TryStarted(
        attempt=_attempt_view(attempt, step, now),
        flare_advice=rules.FLARE_ADVICE if flare else None,
    )


def get_attempt(db: Session, *, profile: Profile, attempt_id: int, now: dt.datetime) -> AttemptView:
    attempt = store.get_attempt(db, profile=profile, attempt_id=attempt_id)
    return _attempt_view(attempt, attempt.step, now)


def finish_try(
    db: Session, *, profile: Profile, attempt_id: int, result: Result, now: dt.datetime
) -> TryFinished:
    """What happened: the gap shown at once; a hard try suggests the imagery version kindly;
    the stop rule and a new symptom stop the ladder and point to a clinician."""
    attempt = store.get_attempt(db, profile=profile, attempt_id=attempt_id)
    if attempt.done_at is not None:
        raise UnbraceError(
            f"Try {attempt_id} already has its answers; add the next day's pain with "
            "--next-day-pain."
        )
    attempt.done_at = now
    attempt.actual_pain = result.actual_pain
    attempt.outcome = result.outcome.value
    attempt.surprise = result.surprise
    attempt.new_symptom = result.new_symptom
    if result.new_symptom:
        attempt.step.ladder.paused_at = now
    db.flush()
    db.expire_all()
    finished = outcome_of(db, profile=profile, attempt_id=attempt_id, now=now)
    assert finished is not None
    return finished


def outcome_of(
    db: Session, *, profile: Profile, attempt_id: int, now: dt.datetime
) -> TryFinished | None:
    """What a finished try means, worked out from what was stored (None before the answers):
    a hard try suggests the imagery version kindly; the stop rule and a new symptom stop the
    ladder and point to a clinician; otherwise perhaps the move-up suggestion."""
    view = get_attempt(db, profile=profile, attempt_id=attempt_id, now=now)
    if view.actual_pain is None or view.outcome is None:
        return None
    result = Result(view.actual_pain, view.outcome, view.surprise, view.new_symptom)
    hard = rules.hard_try(view.expected_pain, result, flare=view.flare)
    stop = rules.stop_now(result)
    advice: tuple[str, ...]
    if result.new_symptom:
        advice = (rules.NEW_SYMPTOM_ADVICE,)
    elif stop:
        advice = (rules.STOP_ADVICE,)
    elif hard:
        advice = (rules.SETBACK_ADVICE,)
    else:
        advice = ()
    ladder = get_ladder(db, profile=profile, ladder_id=view.ladder_id, now=now)
    current = ladder.current
    return TryFinished(
        attempt=view,
        hard=hard,
        stop=stop,
        paused=ladder.paused,
        # A hard try asks the warning-sign questions again, as a hard check-in does.
        rescreen=stop,
        move_up=(
            ladder.move_up
            if not hard and current is not None and current.id == view.step_id
            else None
        ),
        advice=advice,
    )


def follow_up(
    db: Session, *, profile: Profile, attempt_id: int, next_day_pain: int, now: dt.datetime
) -> AttemptView:
    """The next day's pain, completing the record of a try."""
    rules.NEXT_DAY_PAIN.check(next_day_pain)
    attempt = store.get_attempt(db, profile=profile, attempt_id=attempt_id)
    if attempt.done_at is None:
        raise UnbraceError(
            f"Try {attempt_id} has no answers yet; say first how it went right after."
        )
    attempt.next_day_pain = next_day_pain
    attempt.followed_up_at = now
    db.flush()
    return _attempt_view(attempt, attempt.step, now)


# --- Today -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LadderNudge:
    """One gentle line for Today: a follow-up to answer, a try to finish, or a step to try."""

    kind: str  # "follow_up", "finish", "step", "rate"
    sentence: str
    ladder_id: int
    attempt_id: int | None = None


def nudges(db: Session, *, profile: Profile, now: dt.datetime) -> list[LadderNudge]:
    today = now.astimezone().date()
    found: list[LadderNudge] = []
    for view in list_ladders(db, profile=profile, now=now):
        if view.paused:
            continue
        for attempt in view.follow_ups:
            found.append(
                LadderNudge(
                    "follow_up",
                    f"How is your back today, after trying “{attempt.step_text}”?",
                    view.id,
                    attempt.id,
                )
            )
        for attempt in view.open_tries:
            found.append(
                LadderNudge(
                    "finish",
                    f"You tried “{attempt.step_text}”. How did it go?",
                    view.id,
                    attempt.id,
                )
            )
        current = view.current
        planned = today.weekday() in view.days
        if current is not None and not view.open_tries and (view.step_due or planned):
            found.append(
                LadderNudge(
                    "step",
                    f"When you feel ready: “{current.text}”. Let's see what happens.",
                    view.id,
                )
            )
        elif view.rating_due and any(step.threat is not None for step in view.steps):
            found.append(
                LadderNudge(
                    "rate", f"A week has passed: rate your “{view.movement}” steps again?", view.id
                )
            )
    return found


# --- over time -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LadderInsights:
    attempts: tuple[AttemptView, ...]
    threats: tuple[tuple[str, dt.datetime, int], ...]  # (step label, when, threat)
    hit_rate: rules.HitRate
    ladders: tuple[LadderView, ...]

    @property
    def finished(self) -> tuple[AttemptView, ...]:
        return tuple(attempt for attempt in self.attempts if attempt.finished)

    @property
    def mean_error(self) -> float | None:
        errors = [attempt.error for attempt in self.finished if attempt.error is not None]
        return round(sum(errors) / len(errors), 1) if errors else None

    @property
    def summary(self) -> str:
        finished = self.finished
        if not finished:
            return rules.NO_FINISHED_TRIES
        mean = self.mean_error
        assert mean is not None
        if mean < 0:
            gap = f"on average it hurt {abs(mean):g} points less than you expected"
        elif mean > 0:
            gap = f"on average it hurt {mean:g} points more than you expected"
        else:
            gap = "on average it hurt about as much as you expected"
        tries = "1 finished try" if len(finished) == 1 else f"{len(finished)} finished tries"
        return f"{tries}: {gap}. {self.hit_rate.sentence()}"

    def as_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "mean_prediction_error": self.mean_error,
            "hit_rate": {
                "tries": self.hit_rate.tries,
                "happened": self.hit_rate.happened,
                "partly": self.hit_rate.partly,
                "did_not_happen": self.hit_rate.did_not_happen,
            },
            "attempts": [attempt.as_json() for attempt in self.attempts],
            "threats": [
                {"step": label, "rated_at": when.isoformat(), "threat": threat}
                for label, when, threat in self.threats
            ],
            "fear_first": rules.FEAR_FIRST,
            "ladders": [view.as_json() for view in self.ladders],
        }


def insights(db: Session, *, profile: Profile, now: dt.datetime) -> LadderInsights:
    views = list_ladders(db, profile=profile, now=now)
    attempts = tuple(
        sorted(
            (attempt for view in views for attempt in view.attempts),
            key=lambda item: (item.started_at, item.id),
        )
    )
    many = len(views) > 1
    threats = tuple(
        (f"{view.number}.{step.number} " if many else f"{step.number}. ") + step.text
        for view in views
        for step in view.steps
    )
    series = tuple(
        (label, when, threat)
        for label, (view_step) in zip(
            threats, [step for view in views for step in view.steps], strict=True
        )
        for when, threat in view_step.threats
    )
    return LadderInsights(
        attempts=attempts,
        threats=series,
        hit_rate=rules.hit_rate(attempt.outcome for attempt in attempts if attempt.outcome),
        ladders=tuple(views),
    )
