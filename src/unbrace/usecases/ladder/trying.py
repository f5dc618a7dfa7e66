"""Trying a step: the warning-sign gate, starting a try with its prediction, finishing it with
what happened, the gap between them, and the next day's follow-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from unbrace.core import ladder as rules
from unbrace.core.errors import UnbraceError
from unbrace.core.ladder import MoveUp, Prediction, Result, StepKind
from unbrace.store import ladder_repo as store
from unbrace.store.models import LadderAttempt
from unbrace.usecases.ladder.building import _ladder, _step
from unbrace.usecases.ladder.views import AttemptView, _attempt_view, get_ladder

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile


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
