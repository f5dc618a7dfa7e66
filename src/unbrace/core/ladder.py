"""The "visualise, then do" ladder: rules only, no I/O.

A ladder leads from imagining a feared movement to doing it in daily life, in small steps the
person writes in their own words. It follows exposure in vivo for pain-related fear (the
fear-avoidance model of Vlaeyen & Linton): steps are ordered by how harmful the person thinks
each would be for their back (a 0-100 threat rating, as PHODA-SeV rates photos of daily
activities, Leeuw 2007, J Pain), and each try is a small test of a prediction, because an
instruction built on testing what one expects reached the exposure goal faster than one built
on getting used to it (Körfer 2020, J Pain Res). People with chronic low back pain tend to
over-predict pain in threatening tasks (Goubert 2005, Behav Res Ther), so the gap between
what was expected and what happened is shown plainly. A short, person-made hierarchy works
(Gibbs 2022, Musculoskeletal Care).

Moving up is suggested, never forced, and never because of pain alone: fear usually falls
before pain does (Bontinck 2022, J Clin Med: fear fell in 65 % of people, pain in 20 %).
A bad try or a flare day is information, not failure: the imagery version is suggested.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from unbrace.core import limits
from unbrace.core.errors import UnbraceError
from unbrace.core.ratings import HIGH_PAIN, Scale

# --- scales ----------------------------------------------------------------------------------

THREAT = Scale(
    "threat rating",
    0,
    100,
    "How harmful for your back would doing this be? (0 = not at all, 100 = extremely)",
)
EXPECTED_PAIN = Scale(
    "expected pain", 0, 10, "How much pain do you expect while doing it? (0 = none, 10 = worst)"
)
EXPECTED_HARM = Scale(
    "likelihood of harm",
    0,
    100,
    "How likely is it that doing it harms your back? (0 = not at all, 100 = certain)",
)
FEAR = Scale("fear", 0, 10, "How afraid are you of doing it right now? (0 = calm, 10 = terrified)")
ACTUAL_PAIN = Scale("actual pain", 0, 10, "How much pain was there while you did it? (0-10)")
NEXT_DAY_PAIN = Scale("next-day pain", 0, 10, "How is your back pain today, the day after? (0-10)")

# A fall of more than this many points in a 0-100 harm rating suggests a true change
# rather than noise (PHODA-SeV, Leeuw 2007, J Pain).
MEANINGFUL_DROP = 20
# The feared outcome failing to happen this many tries in a row suggests moving up.
OUTCOME_RUN = 3
# Rehearsals of an imagery-only step after which trying the next step is suggested.
REHEARSALS_TO_MOVE = 3
# Threat ratings are asked again after this many days ("re-rate the hierarchy weekly").
RERATE_DAYS = 7
# A step is gently suggested again when it has not been tried for this many days.
DUE_AFTER_DAYS = 2
# The after-form's next-day question opens this long after the try.
FOLLOW_UP_AFTER = dt.timedelta(hours=12)
MIN_STEPS, MAX_STEPS = 1, 8
SUGGESTED_STEPS = (4, 8)
# Actual pain this much above the expectation, or at the high level, is a hard try.
HARD_SURPRISE = 3


class StepKind(StrEnum):
    IMAGERY = "imagery"  # practised as a guided session
    PAIRED = "paired"  # imagery with a small real part
    REAL = "real"  # the movement itself


class Outcome(StrEnum):
    NO = "no"
    PARTLY = "partly"
    YES = "yes"


KIND_LABELS = {
    StepKind.IMAGERY: "Imagine it",
    StepKind.PAIRED: "Imagine it, with a small real part",
    StepKind.REAL: "Do it for real",
}
OUTCOME_LABELS = {
    Outcome.NO: "No, it did not happen",
    Outcome.PARTLY: "Partly",
    Outcome.YES: "Yes, it happened",
}


def parse_kind(text: str) -> StepKind:
    try:
        return StepKind(text.strip().lower())
    except ValueError:
        raise UnbraceError(f"A step is 'imagery', 'paired' or 'real', not {text!r}.") from None


def parse_outcome(text: str) -> Outcome:
    try:
        return Outcome(text.strip().lower())
    except ValueError:
        raise UnbraceError(
            f"Whether the feared outcome happened is 'no', 'partly' or 'yes', not {text!r}."
        ) from None


# A step is a phrase: long enough for the person's movement plus a few words of support.
MAX_STEP_WORDS = 45
MAX_STEP_CHARS = 300


def check_step_text(text: str) -> str:
    text = " ".join(limits.LADDER_STEP.check(text).split())
    if not text:
        raise UnbraceError("A step needs a few words saying what you will do.")
    if len(text.split()) > MAX_STEP_WORDS or len(text) > MAX_STEP_CHARS:
        raise UnbraceError(f"Please keep a step to {MAX_STEP_WORDS} words; a phrase works best.")
    if "{" in text or "}" in text:
        raise UnbraceError("A step cannot contain curly braces.")
    return text


def check_words(limit: limits.TextLimit, text: str) -> str:
    """One line of the person's own words (core/limits.py's checks), spaces folded."""
    return " ".join(limit.check(text).split())


def check_step_count(count: int) -> int:
    if not MIN_STEPS <= count <= MAX_STEPS:
        raise UnbraceError(f"A ladder has {MIN_STEPS} to {MAX_STEPS} steps, not {count}.")
    return count


# --- templates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepDraft:
    text: str
    kind: StepKind


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    words: tuple[str, ...]
    steps: tuple[StepDraft, ...]


@cache
def templates() -> tuple[Template, ...]:
    raw = tomllib.loads(
        (resources.files("unbrace.data") / "ladder" / "templates.toml").read_text("utf-8")
    )
    return tuple(
        Template(
            id=str(item["id"]),
            title=str(item["title"]),
            words=tuple(str(word) for word in item["words"]),
            steps=tuple(
                StepDraft(str(step["text"]), StepKind(step["kind"])) for step in item["steps"]
            ),
        )
        for item in raw["templates"]
    )


def template_for(movement: str) -> Template:
    """The template whose words best match the movement; the general one when none does."""
    text = f" {' '.join(movement.lower().split())} "
    best, score = templates()[-1], 0
    for template in templates():
        hits = sum(1 for word in template.words if f" {word}" in text)
        if hits > score:
            best, score = template, hits
    return best


def get_template(template_id: str) -> Template:
    for template in templates():
        if template.id == template_id:
            return template
    known = ", ".join(template.id for template in templates())
    raise UnbraceError(f"Unknown kind of movement {template_id!r}; use one of: {known}.")


def propose_steps(movement: str, template: Template | None = None) -> list[StepDraft]:
    """Steps from the template, in the person's own words where the template uses them."""
    template = template or template_for(movement)
    movement = " ".join(movement.split())
    return [
        StepDraft(step.text.replace("{movement}", movement), step.kind) for step in template.steps
    ]


# --- ordering and re-rating ------------------------------------------------------------------


@dataclass(frozen=True)
class Rated:
    """A step with its threat ratings, oldest first (what the ordering and changes need)."""

    id: int
    position: int
    threats: tuple[int, ...] = ()

    @property
    def threat(self) -> int | None:
        return self.threats[-1] if self.threats else None


def order_by_threat(steps: Iterable[Rated]) -> list[Rated]:
    """Least threatening first; ties and unrated steps keep the person's own order."""
    return sorted(
        steps,
        key=lambda step: (step.threat is None, step.threat or 0, step.position),
    )


@dataclass(frozen=True)
class ThreatChange:
    first: int
    latest: int

    @property
    def drop(self) -> int:
        return self.first - self.latest

    @property
    def meaningful(self) -> bool:
        """A fall of more than 20 points (PHODA-SeV, Leeuw 2007)."""
        return self.drop > MEANINGFUL_DROP


def threat_change(threats: Sequence[int]) -> ThreatChange | None:
    if len(threats) < 2:
        return None
    return ThreatChange(threats[0], threats[-1])


def rating_due(last_rated: dt.date | None, today: dt.date) -> bool:
    """Threat ratings are asked again weekly (CLINICAL.md §7: re-rate the hierarchy weekly)."""
    return last_rated is None or (today - last_rated).days >= RERATE_DAYS


# --- a try: prediction and what happened -----------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    expected_pain: int
    expected_harm: int
    fear: int
    feared_outcome: str

    def __post_init__(self) -> None:
        EXPECTED_PAIN.check(self.expected_pain)
        EXPECTED_HARM.check(self.expected_harm)
        FEAR.check(self.fear)
        object.__setattr__(
            self, "feared_outcome", check_words(limits.FEARED_OUTCOME, self.feared_outcome)
        )
        if not self.feared_outcome:
            raise UnbraceError(
                "Say in a few words what you fear will happen, so you can see if it does."
            )


@dataclass(frozen=True)
class Result:
    actual_pain: int
    outcome: Outcome
    surprise: str = ""
    new_symptom: bool = False

    def __post_init__(self) -> None:
        ACTUAL_PAIN.check(self.actual_pain)
        object.__setattr__(self, "surprise", check_words(limits.SURPRISE, self.surprise))


def gap_sentence(expected_pain: int, actual_pain: int, outcome: Outcome | None) -> str:
    """The prediction and what happened, side by side, in plain words."""
    if actual_pain < expected_pain:
        pain = f"You expected {expected_pain} and it was {actual_pain}"
    elif actual_pain > expected_pain:
        pain = f"You expected {expected_pain} and it was {actual_pain}, more than you thought"
    else:
        pain = f"You expected {expected_pain} and it was {actual_pain}, as you thought"
    feared = {
        Outcome.NO: "what you feared did not happen.",
        Outcome.PARTLY: "what you feared happened in part.",
        Outcome.YES: "what you feared did happen. That is worth knowing too.",
        None: "you have not yet said whether what you feared happened.",
    }[outcome]
    return f"{pain}; {feared}"


def prediction_error(expected_pain: int, actual_pain: int) -> int:
    """Actual minus expected: below zero means it hurt less than predicted."""
    return actual_pain - expected_pain


def hard_try(expected_pain: int, result: Result, *, flare: bool) -> bool:
    """A try that went worse than hoped, or a flare day: information, not failure."""
    return (
        flare
        or result.outcome is Outcome.YES
        or result.actual_pain >= HIGH_PAIN
        or result.actual_pain - expected_pain >= HARD_SURPRISE
    )


def stop_now(result: Result) -> bool:
    """The ladder's stop rule: a new or unusual symptom, or pain at the high level, means stop
    for today; a new symptom pauses the ladder until a clinician has seen the person."""
    return result.new_symptom or result.actual_pain >= HIGH_PAIN


SETBACK_ADVICE = (
    "That was a hard one, and it still tells you something. Next time, go back to imagining "
    "this step, or try the step before it. There is no hurry: the ladder waits for you."
)
FLARE_ADVICE = (
    "On a flare day, practise the imagery version of this step instead. Picturing it calmly "
    "still counts."
)
STOP_ADVICE = (
    "Please stop for today and rest in a position that feels easy. If the pain stays high, "
    "or something new or unusual appears, contact a clinician."
)
NEW_SYMPTOM_ADVICE = (
    "Something new or unusual needs a clinician's eyes before you carry on with this ladder. "
    "The ladder is paused until you tell unbrace you have been seen."
)


# --- moving up --------------------------------------------------------------------------------


class MoveReason(StrEnum):
    THREAT_FELL = "threat_fell"
    OUTCOME_FAILED = "outcome_failed"
    REHEARSED = "rehearsed"


@dataclass(frozen=True)
class MoveUp:
    reason: MoveReason
    sentence: str


def move_up(
    *,
    kind: StepKind,
    threats: Sequence[int],
    outcomes: Sequence[Outcome],
    rehearsals: int = 0,
    has_next: bool = True,
) -> MoveUp | None:
    """Whether to suggest the next step: the person decides, the app only offers.

    Suggested when the step's threat rating fell by more than 20 points (PHODA-SeV), or the
    feared outcome did not happen in the last three tries in a row; an imagery-only step
    after three rehearsals. Pain is not looked at: moving up follows fear and expectations,
    never pain alone (Bontinck 2022; graded exposure as opposed to graded activity).
    """
    if not has_next:
        return None
    change = threat_change(threats)
    if change is not None and change.meaningful:
        return MoveUp(
            MoveReason.THREAT_FELL,
            f"Your threat rating for this step fell from {change.first} to {change.latest}, "
            "a real change. You could try the next step when you feel ready.",
        )
    recent = list(outcomes)[-OUTCOME_RUN:]
    if len(recent) == OUTCOME_RUN and all(outcome is Outcome.NO for outcome in recent):
        return MoveUp(
            MoveReason.OUTCOME_FAILED,
            f"What you feared has not happened in your last {OUTCOME_RUN} tries. "
            "You could try the next step when you feel ready.",
        )
    if kind is StepKind.IMAGERY and rehearsals >= REHEARSALS_TO_MOVE:
        return MoveUp(
            MoveReason.REHEARSED,
            f"You have rehearsed this step {rehearsals} times. "
            "You could try the next one when you feel ready.",
        )
    return None


def step_due(last_try: dt.date | None, since: dt.date, today: dt.date) -> bool:
    """A gentle nudge when the current step has rested for a couple of days."""
    start = last_try or since
    return (today - start).days >= DUE_AFTER_DAYS


def follow_up_open(done_at: dt.datetime | None, now: dt.datetime, answered: bool) -> bool:
    """The next-day question is open from about half a day after the try until answered."""
    return done_at is not None and not answered and now - done_at >= FOLLOW_UP_AFTER


# --- over time -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HitRate:
    tries: int
    happened: int
    partly: int

    @property
    def did_not_happen(self) -> int:
        return self.tries - self.happened - self.partly

    def sentence(self) -> str:
        if not self.tries:
            return "No finished tries yet."
        tries = "1 try" if self.tries == 1 else f"{self.tries} tries"
        return (
            f"What was feared happened in {self.happened} of {tries}, partly in "
            f"{self.partly}, and not at all in {self.did_not_happen}."
        )


def hit_rate(outcomes: Iterable[Outcome]) -> HitRate:
    items = list(outcomes)
    return HitRate(
        tries=len(items),
        happened=sum(1 for item in items if item is Outcome.YES),
        partly=sum(1 for item in items if item is Outcome.PARTLY),
    )


NO_FINISHED_TRIES = (
    "No finished tries yet: the gap between what you expect and what happens shows here."
)

FEAR_FIRST = (
    "Fear and pain are shown apart because they change at different speeds: fear often eases "
    "in the first weeks, and pain may follow later or not (Bontinck 2022). A step is a test "
    "of a prediction, not a promise of less pain."
)
