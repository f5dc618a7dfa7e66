"""Session timing: turning a practice and a length into timed steps, and the player's clock.

Both pieces are pure. The terminal player (and later the web player) feeds the
``Player`` with elapsed seconds and key presses; the ``Player`` says which step
is showing, where the breath pacer is, and what has been practised so far.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from unbrace.core.errors import UnbraceError
from unbrace.core.personal import Personal, personalise
from unbrace.core.words import counted

if TYPE_CHECKING:
    from unbrace.core.practices import Practice

MIN_MINUTES = 1
MAX_MINUTES = 20


def validate_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise UnbraceError(
            f"Session length must be between {MIN_MINUTES} and {MAX_MINUTES} minutes, "
            f"not {minutes}."
        )
    return minutes


# A calm reading or speaking pace. Guided-relaxation recordings run slower than
# conversation; two words a second leaves room to picture each phrase.
WORDS_PER_SECOND = 2.0
# The words may take at most three quarters of a session; the rest is for picturing and breath.
MIN_SPARE_SHARE = 0.25
# The breath guide shows once a step's words are read, and by four fifths of the step at the
# latest, so a step its words fill still gets a few breaths.
READ_AT_MOST_SHARE = 0.8


@dataclass(frozen=True)
class BreathPace:
    inhale: float
    exhale: float

    @property
    def cycle(self) -> float:
        return self.inhale + self.exhale

    @property
    def per_minute(self) -> float:
        return 60.0 / self.cycle


@dataclass(frozen=True)
class BreathBounds:
    default: BreathPace
    low: float
    high: float

    def check(self, inhale: float, exhale: float) -> BreathPace:
        for label, value in (("inhale", inhale), ("exhale", exhale)):
            if not self.low <= value <= self.high:
                raise UnbraceError(
                    f"The {label} must last between {self.low:g} and {self.high:g} seconds, "
                    f"not {value:g}."
                )
        return BreathPace(inhale, exhale)


@cache
def breath_bounds() -> BreathBounds:
    """The default pace and its bounds, from ``data/breath.toml`` (sources cited there)."""
    raw = tomllib.loads(
        (resources.files("unbrace.data") / "breath.toml").read_text(encoding="utf-8")
    )
    default = BreathPace(float(raw["inhale_seconds"]), float(raw["exhale_seconds"]))
    return BreathBounds(default, float(raw["min_seconds"]), float(raw["max_seconds"]))


@dataclass(frozen=True)
class TimedStep:
    index: int
    id: str
    title: str
    text: str
    cue: str | None
    breath: bool
    seconds: float
    read_seconds: float

    @property
    def reading(self) -> float:
        """Seconds given to the words before the breath guide shows (every player's rule)."""
        return min(self.read_seconds, self.seconds * READ_AT_MOST_SHARE)


@dataclass(frozen=True)
class Plan:
    """A practice laid out in time for one session."""

    practice_id: str
    title: str
    minutes: int
    pace: BreathPace
    steps: tuple[TimedStep, ...]

    @property
    def total_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    def as_json(self, practice_id: str | None = None) -> dict[str, Any]:
        """The plan as every edge gives it: ``GET /api/v1/practices/{id}``, the player page and
        ``unbrace show --json``. Seconds to two decimals; ``read_seconds`` is `TimedStep.reading`,
        so a player derives nothing."""
        return {
            "id": practice_id or self.practice_id,
            "title": self.title,
            "minutes": self.minutes,
            "pace": {"inhale": self.pace.inhale, "exhale": self.pace.exhale},
            "steps": [
                {
                    "id": step.id,
                    "title": step.title,
                    "text": step.text,
                    "cue": step.cue,
                    "breath": step.breath,
                    "seconds": round(step.seconds, 2),
                    "read_seconds": round(step.reading, 2),
                }
                for step in self.steps
            ],
        }

    def step_starts(self) -> list[float]:
        starts, clock = [], 0.0
        for step in self.steps:
            starts.append(clock)
            clock += step.seconds
        return starts


def reading_seconds(text: str) -> float:
    return len(text.split()) / WORDS_PER_SECOND


def plan_session(
    practice: Practice,
    minutes: int,
    personal: Personal | None = None,
    *,
    pace: BreathPace | None = None,
    flare: bool = False,
    strict: bool = False,
) -> Plan:
    """Lay out ``practice`` over ``minutes``: every step gets its reading time,
    and the rest of the time is shared out by each step's ``share``.

    With ``strict`` (used when a practice file is checked), raises UnbraceError when
    the words would take more than three quarters of the time. Otherwise a person's
    own long words never stop a session: the text simply gets all the time there is.
    """
    validate_minutes(minutes)
    personal = personal or Personal()
    pace = pace or breath_bounds().default
    chosen = [step for step in practice.steps if step.min_minutes <= minutes]
    texts = [personalise(step.text, personal, flare=flare) for step in chosen]
    reads = [reading_seconds(text) for text in texts]
    total = minutes * 60.0
    spare = total - sum(reads)
    if spare < MIN_SPARE_SHARE * total:
        if strict:
            raise UnbraceError(
                f"Practice {practice.id!r} has too many words for {counted(minutes, 'minute')}; "
                "give its longer steps a higher min_minutes."
            )
        if spare < 0:
            reads = [read * total / sum(reads) for read in reads]
            spare = 0.0
    shares = sum(step.share for step in chosen)
    steps = tuple(
        TimedStep(
            index=index,
            id=step.id,
            title=step.title,
            text=text,
            cue=personalise(step.cue, personal, flare=flare) if step.cue else None,
            breath=step.breath,
            seconds=read + spare * step.share / shares,
            read_seconds=read,
        )
        for index, (step, text, read) in enumerate(zip(chosen, texts, reads, strict=True))
    )
    return Plan(practice.id, practice.title, minutes, pace, steps)


class Phase(StrEnum):
    INHALE = "in"
    EXHALE = "out"


def breath_phase(pace: BreathPace, seconds: float) -> tuple[Phase, float]:
    """Which half of the breath ``seconds`` falls in, and how far through it (0-1)."""
    into = math.fmod(max(seconds, 0.0), pace.cycle)
    if into < pace.inhale:
        return Phase.INHALE, into / pace.inhale
    return Phase.EXHALE, (into - pace.inhale) / pace.exhale


class Status(StrEnum):
    RUNNING = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"


@dataclass
class StepProgress:
    index: int
    step_id: str
    planned_seconds: float
    seconds: float = 0.0
    skipped: bool = False
    done: bool = False


@dataclass
class Player:
    """The clock of one session: feed it practice time; it tracks steps and progress.

    Practice time is what the person spent practising: pauses do not count, and a
    faster clock (for tests) simply feeds larger ticks.
    """

    plan: Plan
    paused: bool = False
    status: Status = Status.RUNNING
    current: int = 0
    into_step: float = 0.0
    progress: list[StepProgress] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.progress:
            self.progress = [
                StepProgress(step.index, step.id, step.seconds) for step in self.plan.steps
            ]

    @property
    def step(self) -> TimedStep:
        return self.plan.steps[min(self.current, len(self.plan.steps) - 1)]

    @property
    def practised_seconds(self) -> float:
        return sum(item.seconds for item in self.progress)

    @property
    def finished(self) -> bool:
        return self.status is not Status.RUNNING

    def fraction_done(self) -> float:
        total = self.plan.total_seconds
        elapsed = sum(step.seconds for step in self.plan.steps[: self.current]) + self.into_step
        return min(1.0, elapsed / total) if total else 1.0

    def breath(self) -> tuple[Phase, float]:
        # Follows the whole session's practice time, so the rhythm carries on across steps
        # instead of restarting mid-breath at each one.
        return breath_phase(self.plan.pace, self.practised_seconds)

    def tick(self, seconds: float) -> list[int]:
        """Advance practice time; returns the indexes of steps that ended."""
        ended: list[int] = []
        if self.finished or self.paused:
            return ended
        while seconds > 0 and not self.finished:
            remaining = self.step.seconds - self.into_step
            used = min(seconds, remaining)
            self.into_step += used
            self.progress[self.current].seconds += used
            seconds -= used
            if self.into_step >= self.step.seconds - 1e-9:
                self.progress[self.current].done = True
                ended.append(self.current)
                self._next()
        return ended

    def toggle_pause(self) -> None:
        if not self.finished:
            self.paused = not self.paused

    def skip(self) -> int:
        """Skip to the next step; returns the index of the skipped step."""
        skipped = self.current
        if not self.finished:
            self.progress[self.current].skipped = True
            if self.current == len(self.plan.steps) - 1:
                # Skipping the last step ends the session early: it counts as stopped, so
                # adherence figures only count sessions practised to their end as completed.
                self.status = Status.STOPPED
                return skipped
            self._next()
        return skipped

    def stop(self) -> None:
        if not self.finished:
            self.status = Status.STOPPED

    def _next(self) -> None:
        self.current += 1
        self.into_step = 0.0
        if self.current >= len(self.plan.steps):
            self.current = len(self.plan.steps) - 1
            self.into_step = self.step.seconds
            self.status = Status.COMPLETED
