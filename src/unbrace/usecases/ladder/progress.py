"""The ladder over time: Today's nudges and the insights (tries, predictions, threat ratings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from unbrace.core import ladder as rules
from unbrace.usecases.ladder.views import AttemptView, LadderView, list_ladders

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from unbrace.store.models import Profile


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
